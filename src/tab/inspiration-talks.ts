/**
 * The inspiration talks each member has given, for the members view of a group whose agenda has
 * the talk. Counted as the rotation counts them (src/domain/rotation.ts): a talk recorded for a
 * meeting that was then cancelled was never given; a moved meeting's talk is at its new start. A
 * talk is given once its meeting has started; a recorded one still ahead is the member's next.
 */
import type { Meeting } from '../domain/model';
import { talksGiven, type InspirationTalk } from '../domain/rotation';
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
  const tally = new Map<string, TalkTally>();
  // The rotation's own reading: cancelled meetings' talks dropped, moved ones at their new start.
  for (const { personId, at } of talksGiven(talks, meetings)) {
    const entry = tally.get(personId) ?? { given: 0 };
    if (instantMillis(at) <= now.getTime()) {
      entry.given += 1;
      if (entry.lastAt === undefined || instantMillis(at) > instantMillis(entry.lastAt)) entry.lastAt = at;
    } else if (entry.nextAt === undefined || instantMillis(at) < instantMillis(entry.nextAt))
      entry.nextAt = at;
    tally.set(personId, entry);
  }
  return tally;
}
