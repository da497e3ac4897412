/**
 * The meeting cycle's services in one bundle, as the bot features, the scheduler hook and the tab
 * use them. Built by the composition root (src/app/compose.ts).
 */
import type { AgendaService } from './agenda-service';
import { meetingLinks, type MeetingScheduling } from '../meetings';
import type { ProposalService } from './proposals-service';

export interface MeetingCycle extends MeetingScheduling {
  proposals: ProposalService;
  agenda: AgendaService;
}

export function meetingCycle(parts: Omit<MeetingCycle, 'links'>): MeetingCycle {
  return { ...parts, links: (meeting) => meetingLinks(parts.publicBaseUrl, meeting) };
}
