/**
 * The due-scan's index of meetings (issue 24.2): each scheduled meeting carries `nextDueAt`, an
 * instant before which none of its reminders is still to be done. The scan reads only the meetings
 * whose `nextDueAt` has come (a range query on an indexed field), so its cost follows the
 * reminders that are due, not every meeting ever held; after the scan it moves `nextDueAt` to the
 * meeting's next reminder that is not settled in the ledger.
 *
 * The index only says where to look; the scheduler's exactly-once ledger still decides whether a
 * reminder is sent. So its one rule is "never later than the truth": a write that changes a
 * meeting's start or status puts it back at the earliest instant any reminder of it can have, an
 * advance is a compare-and-set on what the scan read, and anything the scan did not see settled
 * (a claim another instance holds, a retry) keeps the meeting where it was. An entry that is too
 * early costs a look, never a reminder.
 *
 * What else decides a meeting's reminders (the governance file's offsets, the active reference
 * groups a steering meeting reminds) is the index's `basis`: when it differs from the one the index
 * was advanced under, every meeting still to come is put back to its earliest instant first.
 */
import { createHash } from 'node:crypto';
import { longestLeadDays } from '../../domain/agenda-settings';
import type { Governance } from '../../domain/governance';

const DAY = 24 * 60 * 60_000;

/** Longer than any governance's lead (offsets are weeks): the bound for a repository built without one. */
export const DEFAULT_REMINDER_LEAD_MS = 400 * DAY;

/** How long before its start a meeting's earliest reminder can fall, with two days' margin. */
export function reminderLeadMs(governance: Governance): number {
  return (longestLeadDays(governance) + 2) * DAY;
}

/** The fields of a meeting record the index is kept from (the record type lives in the repository). */
interface IndexedMeeting {
  startsAt: string;
  status: string;
  nextDueAt?: string;
}

/**
 * The record as it is to be written: a new, moved, or re-scheduled meeting enters the index at its
 * earliest possible reminder; one no longer scheduled leaves it; any other change keeps the entry.
 */
export function indexedForReminders<M extends IndexedMeeting>(
  next: M,
  previous: IndexedMeeting | undefined,
  leadMs: number,
): M {
  const { nextDueAt: _dropped, ...rest } = next;
  if (next.status !== 'scheduled') return rest as M;
  const unchanged =
    previous !== undefined && previous.status === 'scheduled' && previous.startsAt === next.startsAt;
  if (unchanged && previous.nextDueAt !== undefined) return { ...rest, nextDueAt: previous.nextDueAt } as M;
  if (unchanged && previous.nextDueAt === undefined) return rest as M;
  return { ...rest, nextDueAt: new Date(Date.parse(next.startsAt) - leadMs).toISOString() } as M;
}

/**
 * The basis the index is advanced under: the governance (offsets, reminder days) and the active
 * reference groups (a steering meeting's status-report reminders go to each of them).
 */
export function dueIndexBasis(governance: Governance, activeReferenceGroupIds: readonly string[]): string {
  return createHash('sha256')
    .update(JSON.stringify(governance))
    .update('\n')
    .update(activeReferenceGroupIds.join(','))
    .digest('hex');
}

/**
 * Where a meeting's index entry goes after a scan: the earliest of its reminders that the scan saw
 * unsettled and of those still to come after `now`; undefined when none is left. Reminders before
 * `from` (the catch-up horizon) are never sent by any scan, so they do not hold the entry back.
 */
export function nextDueAfterScan(
  reminderInstants: readonly number[],
  unsettledInstants: readonly number[],
  now: number,
): number | undefined {
  const future = reminderInstants.filter((instant) => instant > now);
  const candidates = [...future, ...unsettledInstants];
  return candidates.length === 0 ? undefined : Math.min(...candidates);
}
