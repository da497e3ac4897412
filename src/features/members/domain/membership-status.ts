/**
 * Where a membership stands on a Copenhagen date, as the member history tells it. A term that ran
 * out ends without anyone ending it (isActiveOn in src/domain/terms.ts): from its planned end the
 * person is no longer a member, so the history says "term ended" (udløbet), not "ongoing". A
 * membership someone ended says "left" (fratrådt) on the day it was ended.
 */
import type { Membership } from '../../../domain/model';
import { isActiveOn } from '../../../domain/terms';

export type MembershipStatus =
  /** Serving on the date; `end` is the day it will end (the day it was ended to, else its planned end). */
  | { kind: 'ongoing'; end?: string; endedByLeaving: boolean }
  /** Appointed from a later date. */
  | { kind: 'upcoming'; end?: string }
  /** The planned end came without anyone ending the membership. */
  | { kind: 'expired'; on: string }
  /** Ended (the first day away) on or before the date. */
  | { kind: 'left'; on: string };

export function membershipStatus(
  membership: Pick<Membership, 'termStart' | 'plannedEnd' | 'endedOn'>,
  date: string,
): MembershipStatus {
  const end = membership.endedOn ?? membership.plannedEnd;
  const withEnd = end === undefined ? {} : { end };
  if (isActiveOn(membership, date))
    return { kind: 'ongoing', ...withEnd, endedByLeaving: membership.endedOn !== undefined };
  if (membership.termStart > date) return { kind: 'upcoming', ...withEnd };
  // Not active and started: the end has come (isActiveOn), so `end` is set.
  return membership.endedOn !== undefined
    ? { kind: 'left', on: membership.endedOn }
    : { kind: 'expired', on: membership.plannedEnd! };
}
