/**
 * What the meeting commands and cards use: the meeting service, the governance time zone and the
 * links of a meeting. The agenda's cycle (src/features/agenda) extends it with proposals and agenda.
 */
import type { LinkedMeeting, MeetingLinks } from './meeting-links';
import type { MeetingService } from './meetings-service';

export interface MeetingScheduling {
  meetings: MeetingService;
  timeZone: string;
  /** Absolute base of the links in cards (PUBLIC_BASE_URL, else https://BOT_DOMAIN, else the local server). */
  publicBaseUrl: string;
  links(meeting: LinkedMeeting): MeetingLinks;
  /** The token of a calendar or agenda link holds for the meeting now (signed, not expired). */
  linkHolds(meeting: LinkedMeeting, token: unknown): boolean;
}
