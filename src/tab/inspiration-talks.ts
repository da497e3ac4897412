/**
 * The inspiration talks each member has given, for the members view of a group whose agenda has
 * the talk. Counted as the rotation counts them (src/domain/rotation.ts): a talk recorded for a
 * meeting that was then cancelled was never given; a moved meeting's talk is at its new start. A
 * talk is given once its meeting has started; a recorded one still ahead is the member's next.
 */
import type { Meeting } from '../domain/model';
import type { InspirationTalk } from '../domain/rotation';
import { instantMillis } from '../domain/time';

export interface TalkTally {
  given: number;
  /** Start of the last talk given (an instant). */
  lastAt?: string;
  /** Start of the next recorded talk, still ahead. */
  nextAt?: string;
}

export function inspirationTalkTally(
  talks: InspirationTalk[],
  meetings: ReadonlyArray<Pick<Meeting, 'id' | 'startsAt' | 'status'>>,
  now: Date,
): Map<string, TalkTally> {
  const meetingById = new Map(meetings.map((meeting) => [meeting.id, meeting]));
  const tally = new Map<string, TalkTally>();
  for (const talk of talks) {
    const meeting = talk.meetingId === undefined ? undefined : meetingById.get(talk.meetingId);
    if (meeting?.status === 'cancelled') continue;
    const at = meeting?.startsAt ?? talk.at;
    const entry = tally.get(talk.personId) ?? { given: 0 };
    if (instantMillis(at) <= now.getTime()) {
      entry.given += 1;
      if (entry.lastAt === undefined || instantMillis(at) > instantMillis(entry.lastAt)) entry.lastAt = at;
    } else if (entry.nextAt === undefined || instantMillis(at) < instantMillis(entry.nextAt))
      entry.nextAt = at;
    tally.set(talk.personId, entry);
  }
  return tally;
}
