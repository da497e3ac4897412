/**
 * A body's calendar feed: its URL (with the body's secret, created on first request), the
 * secretariat's rotation of that secret, and the feed itself for a request carrying the current
 * secret. A wrong, old or missing token and an unknown body answer alike (undefined: the route says
 * 404), so neither ids nor tokens can be probed.
 */
import type { Clock } from '../../domain/clock';
import type { Governance } from '../../domain/governance';
import type { Locale } from '../../domain/model';
import type { AuditLog, GroupRegistry } from '../../domain/ports';
import type { MeetingRecord } from '../meetings';
import { calendarFeedIcs } from './feed-ics';
import { feedTokenMatches, type CalendarFeedRepository } from './feed-repository';
import { localText } from '../../domain/localized-text';

export interface CalendarFeedDeps {
  repository: CalendarFeedRepository;
  groups: Pick<GroupRegistry, 'getGroup'>;
  meetings: { all(groupId: string): Promise<MeetingRecord[]> };
  audit: AuditLog;
  clock: Clock;
  governance: Governance;
  /** Absolute base of the links (PUBLIC_BASE_URL). */
  publicBaseUrl: string;
}

export class CalendarFeedService {
  constructor(private readonly deps: CalendarFeedDeps) {}

  private urlWith(groupId: string, token: string): string {
    const base = this.deps.publicBaseUrl.replace(/\/+$/, '');
    return `${base}/api/calendar/${encodeURIComponent(groupId)}.ics?token=${encodeURIComponent(token)}`;
  }

  /** The body's feed URL (its secret is made on the first request). */
  async feedUrl(groupId: string): Promise<string> {
    const secret = await this.deps.repository.getOrCreate(groupId, this.deps.clock.now());
    return this.urlWith(groupId, secret.token);
  }

  /** A new secret: the old URL opens nothing from now on. Audited (who, when). */
  async rotate(groupId: string, actorId: string): Promise<string> {
    const secret = await this.deps.repository.rotate(groupId, actorId, this.deps.clock.now());
    await this.deps.audit.append({
      at: this.deps.clock.now().toISOString(),
      actorId,
      action: 'calendar-feed.rotate',
      subject: `group:${groupId}`,
    });
    return this.urlWith(groupId, secret.token);
  }

  /** The feed, or undefined for an unknown body or a token that is not the body's current one. */
  async feed(groupId: string, token: unknown, locale: Locale): Promise<string | undefined> {
    const secret = await this.deps.repository.get(groupId);
    if (!secret || !feedTokenMatches(secret.token, token)) return undefined;
    const group = await this.deps.groups.getGroup(groupId);
    if (!group) return undefined;
    return calendarFeedIcs({
      groupId,
      groupName: localText(group.name, locale),
      groupKind: group.kind,
      meetings: await this.deps.meetings.all(groupId),
      governance: this.deps.governance,
      locale,
      now: this.deps.clock.now(),
    });
  }
}
