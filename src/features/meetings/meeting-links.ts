/**
 * The links a meeting card carries: the calendar invitation, the printable agenda and the tab page.
 * The first two carry a signed token that expires some days after the meeting
 * (src/platform/links/link-tokens.ts): the GETs are not signed in, and the agenda goes to the group
 * anyway, but a link kept in a history or a log must not open the meeting for ever.
 */
import { UNSIGNED_LINKS, linkHolds, signLink, type LinkSigning } from '../../platform/links/link-tokens';
import type { MeetingRecord } from './meetings-repository';

export interface MeetingLinks {
  ics: string;
  print: string;
  /** The printable agenda with its material list as PDF (src/features/printing), same token. */
  printPdf: string;
  /** The Teams tab's page for the meeting (the full agenda when a card had to be summarised). */
  tab: string;
}

export type LinkedMeeting = Pick<MeetingRecord, 'id' | 'groupId' | 'accessToken' | 'startsAt'>;

function subjectOf(meeting: LinkedMeeting) {
  return {
    purpose: 'meeting' as const,
    groupId: meeting.groupId,
    meetingId: meeting.id,
    meetingStartsAt: meeting.startsAt,
    storedToken: meeting.accessToken,
  };
}

export function meetingLinks(
  baseUrl: string,
  meeting: LinkedMeeting,
  signing: LinkSigning = UNSIGNED_LINKS,
): MeetingLinks {
  const base = baseUrl.replace(/\/+$/, '');
  const group = encodeURIComponent(meeting.groupId);
  const id = encodeURIComponent(meeting.id);
  const token = encodeURIComponent(signLink(signing, subjectOf(meeting)));
  return {
    ics: `${base}/api/meetings/${group}/${id}.ics?token=${token}`,
    print: `${base}/agenda/${group}/${id}?token=${token}`,
    printPdf: `${base}/print/agenda/${group}/${id}.pdf?token=${token}`,
    tab: `${base}/tab/index.html#meeting=${id}`,
  };
}

/** The token of a calendar or agenda link holds for this meeting at `now` (constant-time compare). */
export function tokenMatches(
  meeting: LinkedMeeting,
  token: unknown,
  now: Date,
  signing: LinkSigning = UNSIGNED_LINKS,
): boolean {
  return linkHolds(signing, subjectOf(meeting), token, now);
}
