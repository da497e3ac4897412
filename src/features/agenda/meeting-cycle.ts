/**
 * The meeting cycle's services in one bundle, as the bot features, the scheduler hook and the tab
 * use them. Built by the composition root (src/app/compose.ts).
 */
import { systemClock, type Clock } from '../../domain/clock';
import { UNSIGNED_LINKS, type LinkSigning } from '../../platform/links/link-tokens';
import type { AgendaService } from './agenda-service';
import { meetingLinks, tokenMatches, type MeetingScheduling } from '../meetings';
import type { ProposalService } from './proposals-service';

export interface MeetingCycle extends MeetingScheduling {
  proposals: ProposalService;
  agenda: AgendaService;
}

export interface MeetingCycleParts extends Omit<MeetingCycle, 'links' | 'linkHolds'> {
  /** How the calendar and agenda links are signed (default: the meeting's stored token, 30 days). */
  linkSigning?: LinkSigning;
  /** Whose "now" decides whether a link has expired. */
  clock?: Clock;
}

export function meetingCycle(parts: MeetingCycleParts): MeetingCycle {
  const { linkSigning = UNSIGNED_LINKS, clock = systemClock, ...cycle } = parts;
  return {
    ...cycle,
    links: (meeting) => meetingLinks(cycle.publicBaseUrl, meeting, linkSigning),
    linkHolds: (meeting, token) => tokenMatches(meeting, token, clock.now(), linkSigning),
  };
}
