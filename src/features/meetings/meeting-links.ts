/**
 * The links a meeting card carries: the calendar invitation, the printable agenda and the tab page.
 * Each carries the meeting's unguessable access token (`?token=`, 144 bits), compared in constant
 * time: the GETs are not signed in, and the agenda goes to the group anyway.
 */
import { timingSafeEqual } from 'node:crypto';
import type { MeetingRecord } from './meetings-repository';

export interface MeetingLinks {
  ics: string;
  print: string;
  /** The Teams tab's page for the meeting (the full agenda when a card had to be summarised). */
  tab: string;
}

export function meetingLinks(
  baseUrl: string,
  meeting: Pick<MeetingRecord, 'id' | 'groupId' | 'accessToken'>,
): MeetingLinks {
  const base = baseUrl.replace(/\/+$/, '');
  const group = encodeURIComponent(meeting.groupId);
  const id = encodeURIComponent(meeting.id);
  const token = encodeURIComponent(meeting.accessToken);
  return {
    ics: `${base}/api/meetings/${group}/${id}.ics?token=${token}`,
    print: `${base}/agenda/${group}/${id}?token=${token}`,
    tab: `${base}/tab/index.html#meeting=${id}`,
  };
}

/** Constant-time check of the token in a link. */
export function tokenMatches(meeting: Pick<MeetingRecord, 'accessToken'>, token: unknown): boolean {
  if (typeof token !== 'string') return false;
  const expected = Buffer.from(meeting.accessToken);
  const given = Buffer.from(token);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
