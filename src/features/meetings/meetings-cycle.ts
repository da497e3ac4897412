/**
 * The meeting cycle's services in one bundle, as the bot features, the scheduler hook and the tab
 * use them. Built by the composition root (src/app/compose.ts).
 */
import type { AgendaService } from '../agenda/agenda-service';
import { meetingLinks, type MeetingLinks } from './calendar';
import type { MeetingService } from './meetings-service';
import type { ProposalService } from '../agenda/proposals-service';
import type { MeetingRecord } from './meetings-repository';

export interface MeetingCycle {
  meetings: MeetingService;
  proposals: ProposalService;
  agenda: AgendaService;
  timeZone: string;
  /** Absolute base of the links in cards (PUBLIC_BASE_URL, else https://BOT_DOMAIN, else the local server). */
  publicBaseUrl: string;
  links(meeting: Pick<MeetingRecord, 'id' | 'groupId' | 'accessToken'>): MeetingLinks;
}

export function meetingCycle(parts: Omit<MeetingCycle, 'links'>): MeetingCycle {
  return { ...parts, links: (meeting) => meetingLinks(parts.publicBaseUrl, meeting) };
}

/** PUBLIC_BASE_URL, else https://BOT_DOMAIN, else http://localhost:<port>. */
export function publicBaseUrlFrom(env: NodeJS.ProcessEnv, port: number): string {
  const explicit = env.PUBLIC_BASE_URL?.trim();
  if (explicit) return explicit.replace(/\/+$/, '');
  const domain = env.BOT_DOMAIN?.trim();
  if (domain) return `https://${domain}`;
  return `http://localhost:${port}`;
}
