/**
 * What the scheduler needs from the send ledger: create-once claims, etag-guarded take-overs and a
 * runner lease. `createStoreLedger` (store-ledger.ts) implements it on any DocumentStore; a
 * repository with the same shape can be wired instead by the composition root.
 */

export type LedgerStatus =
  /** Claimed by `holderId`, being performed (or the holder crashed: taken over after the grace period). */
  | 'claimed'
  /** The last attempt failed; may be retried from `nextAttemptAt`. */
  | 'retrying'
  | 'sent'
  /** Gave up after the maximum attempts (logged). */
  | 'failed'
  /** Never performed: it stopped making sense while pending (e.g. the meeting started). */
  | 'skipped';

export interface LedgerEntry {
  key: string;
  kind: string;
  groupId: string;
  dueAt: string;
  status: LedgerStatus;
  holderId: string;
  /** When the current holder claimed (or took over) the entry. */
  claimedAt: string;
  /** Attempts started so far (the current one included). */
  attempts: number;
  nextAttemptAt?: string;
  lastError?: string;
  sentAt?: string;
  /** Opaque store version: updates guarded by it lose when someone else wrote first. */
  etag: string;
}

export interface NewClaim {
  key: string;
  kind: string;
  groupId: string;
  dueAt: Date;
  holderId: string;
  now: Date;
}

export interface SchedulerLedger {
  get(key: string): Promise<LedgerEntry | undefined>;
  /** Create-once: the new entry, or undefined when the key was already claimed (by anyone). */
  claim(claim: NewClaim): Promise<LedgerEntry | undefined>;
  /**
   * Takes a pending entry over for another attempt (stale claim or due retry), guarded by the
   * entry's etag: undefined when someone else changed it first.
   */
  takeOver(entry: LedgerEntry, holderId: string, now: Date): Promise<LedgerEntry | undefined>;
  markSent(entry: LedgerEntry, now: Date): Promise<void>;
  /** Records a failed attempt: `retrying` with nextAttemptAt, or `failed` when `final`. */
  markAttemptFailed(
    entry: LedgerEntry,
    failure: { error: string; nextAttemptAt?: Date; final: boolean },
  ): Promise<void>;
  /** Etag-guarded: false when someone else changed the entry first. */
  markSkipped(entry: LedgerEntry, reason: string): Promise<boolean>;
  /** Entries not sent yet (claimed, retrying), for the operator and for monitoring. */
  listUnsent(): Promise<LedgerEntry[]>;

  /** True when `holderId` now holds the runner lease (it was free, expired, or already its own). */
  acquireLease(holderId: string, ttlMs: number, now: Date): Promise<boolean>;
  /** Extends the lease if `holderId` still holds it; false when it was lost. */
  renewLease(holderId: string, ttlMs: number, now: Date): Promise<boolean>;
  releaseLease(holderId: string): Promise<void>;
}
