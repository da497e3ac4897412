/**
 * The meeting cycle's non-chat entry points:
 * - `createMeetingHooks`: the scheduler's hooks (src/features/meetings/meeting-moments.ts). At the 2-week
 *   moment the detailed agenda is built, the inspiration presenter recorded (rotation advances),
 *   an overrun, the items without material and the proposals not yet triaged are flagged to the
 *   secretariat, and the agenda card is returned for the scheduler
 *   to post in the group's channel.
 * - `registerMeetingRoutes`: GET /api/meetings/:groupId/:meetingId.ics (calendar invitation) and
 *   GET /agenda/:groupId/:meetingId (printable agenda), authorised by the link's signed token, which
 *   expires some days after the meeting (src/platform/links/link-tokens.ts).
 */
import type * as restify from 'restify';
import type { Locale, Meeting } from '../../domain/model';
import { bodyLanguage, type Governance } from '../../domain/governance';
import { personalLanguage, translatorFor, type PersonLanguages } from '../../platform/i18n';
import { agendaHtml, meetingIcs } from './calendar';
import type { MeetingCycle } from './meeting-cycle';
import type { ChannelMessenger, GroupRegistry, OutboundMessage } from '../../domain/ports';
import type { MeetingHooks, MeetingRecord } from '../meetings';
import type { AgendaView } from './agenda-service';
import { agendaCard, agendaOverrunCard } from './agenda-cards';
import { formatInstant } from '../../platform/cards/reminders';
import type { Log } from '../../platform/teams/log';
import { flagMissingMaterial } from './material-flags';
import { flagUntriagedProposals } from './untriaged-flags';
import { localText, type LocalizedText } from '../../domain/localized-text';

export interface MeetingHookDeps {
  cycle: MeetingCycle;
  groups: GroupRegistry;
  messenger: ChannelMessenger;
  /** The bodies' languages (the secretariat's alerts) and the default for a person who chose none. */
  governance?: Pick<Governance, 'bodies' | 'language'>;
  /** The proposers' own languages (`sprog en`): the missing-material notice is in theirs. */
  languages?: PersonLanguages;
  log?: Pick<Log, 'warn'>;
}

/** Where the 2-week moment's posts go and in which language each is written (issue 26.5). */
interface AgendaAudiences {
  secretariatGroupId: string;
  secretariat: Locale;
  person(personId: string): Promise<Locale>;
}

async function audiencesOf(deps: MeetingHookDeps): Promise<AgendaAudiences> {
  const secretariatGroupId = await deps.cycle.proposals.triageGroupId();
  const fallback = deps.governance?.language ?? 'da';
  return {
    secretariatGroupId,
    secretariat: deps.governance ? bodyLanguage(deps.governance, secretariatGroupId) : fallback,
    person: (personId) => personalLanguage(fallback, deps.languages, personId),
  };
}

export function createMeetingHooks(deps: MeetingHookDeps): MeetingHooks {
  return {
    /** The agenda card is in the meeting group's channel language; its alerts in their readers'. */
    async onDetailedAgendaDue(
      meeting: Meeting,
      _context,
      locale: Locale,
    ): Promise<OutboundMessage | undefined> {
      const record = await deps.cycle.meetings.get(meeting.groupId, meeting.id);
      if (!record || record.status !== 'scheduled') return undefined;
      const view = await deps.cycle.agenda.publish(record);
      const group = await deps.groups.getGroup(record.groupId);
      const groupNames = group?.name ?? { [locale]: record.groupId };
      const links = deps.cycle.links(record);
      const audiences = await audiencesOf(deps);
      if (view.agenda.overrunMinutes > 0)
        await postOverrunAlert(deps, audiences, { record, view, groupNames });
      const flagDeps = {
        messenger: deps.messenger,
        timeZone: deps.cycle.timeZone,
        secretariatGroupId: audiences.secretariatGroupId,
        secretariatLocale: audiences.secretariat,
        proposerLocale: audiences.person,
        log: deps.log,
      };
      await flagMissingMaterial(flagDeps, view, groupNames);
      // The proposals still awaiting triage are not on the agenda: the secretariat hears of them now.
      const proposals = await deps.cycle.proposals.forMeeting(record.groupId, record.id);
      await flagUntriagedProposals(flagDeps, record, proposals, localText(groupNames, audiences.secretariat));
      const t = translatorFor(locale);
      const groupName = localText(groupNames, locale);
      const card = agendaCard(t, {
        locale,
        timeZone: deps.cycle.timeZone,
        groupName,
        view,
        links,
        variant: 'detailed',
      });
      return { card, summary: t('agenda.detailedTitle', { group: groupName }) };
    },
  };
}

/** A failed alert must not stop the agenda itself; the card shows the overrun too. */
async function postOverrunAlert(
  deps: MeetingHookDeps,
  audiences: AgendaAudiences,
  at: { record: MeetingRecord; view: AgendaView; groupNames: LocalizedText },
): Promise<void> {
  const locale = audiences.secretariat;
  const t = translatorFor(locale);
  const groupName = localText(at.groupNames, locale);
  try {
    const card = agendaOverrunCard(t, {
      groupName,
      meetingTime: formatInstant(at.record.startsAt, locale, deps.cycle.timeZone),
      view: at.view,
      links: deps.cycle.links(at.record),
    });
    await deps.messenger.postToGroup(audiences.secretariatGroupId, {
      card,
      summary: t('agenda.overrunAlertTitle', { group: groupName }),
    });
  } catch (error) {
    deps.log?.warn({ err: error, meetingId: at.record.id }, 'agenda overrun alert could not be posted');
  }
}

export function registerMeetingRoutes(deps: { cycle: MeetingCycle; groups: GroupRegistry; locale?: Locale }) {
  return (server: restify.Server): void => {
    const locale = deps.locale ?? 'da';
    const load = async (req: restify.Request, res: restify.Response, meetingParam: string) => {
      const groupId = String(req.params.groupId ?? '');
      const meetingId = meetingParam;
      const meeting = await deps.cycle.meetings.get(groupId, meetingId);
      const token = (req.query as Record<string, unknown> | undefined)?.token;
      // Unknown meeting and wrong token answer alike, so ids cannot be probed.
      if (!meeting || !deps.cycle.linkHolds(meeting, token)) {
        res.send(404, { error: 'not found' });
        return undefined;
      }
      const view = await deps.cycle.agenda.draft(meeting);
      const groupName = localText((await deps.groups.getGroup(groupId))?.name, locale) || groupId;
      return { meeting, view, groupName };
    };

    server.get('/api/meetings/:groupId/:file', async (req: restify.Request, res: restify.Response) => {
      const file = String(req.params.file ?? '');
      if (!file.endsWith('.ics')) {
        res.send(404, { error: 'not found' });
        return;
      }
      const loaded = await load(req, res, file.slice(0, -'.ics'.length));
      if (!loaded) return;
      const body = meetingIcs({
        view: loaded.view,
        groupName: loaded.groupName,
        locale,
        timeZone: deps.cycle.timeZone,
        links: deps.cycle.links(loaded.meeting),
      });
      res.writeHead(200, {
        'Content-Type': 'text/calendar; charset=utf-8',
        'Content-Disposition': `attachment; filename="${loaded.meeting.groupId}-${loaded.meeting.id}.ics"`,
        'Cache-Control': 'no-store',
      });
      res.end(body);
    });

    server.get('/agenda/:groupId/:meetingId', async (req: restify.Request, res: restify.Response) => {
      const loaded = await load(req, res, String(req.params.meetingId ?? ''));
      if (!loaded) return;
      const html = agendaHtml({
        view: loaded.view,
        groupName: loaded.groupName,
        meetingTime: formatInstant(loaded.meeting.startsAt, locale, deps.cycle.timeZone),
        locale,
        timeZone: deps.cycle.timeZone,
      });
      res.writeHead(200, {
        'Content-Type': 'text/html; charset=utf-8',
        'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'",
        'Cache-Control': 'no-store',
      });
      res.end(html);
    });
  };
}
