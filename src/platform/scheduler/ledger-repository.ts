/**
 * The scheduler's send ledger and runner lease (collection `schedule`): what makes a reminder go
 * out exactly once. `SchedulerLedger` is the contract the scheduler (src/platform/scheduler) uses;
 * `createStoreLedger` implements it on any DocumentStore collection.
 *
 * Entries live in one partition so that the unsent listing is a single-partition query; the volume
 * is a few hundred a year. Exactly-once rests on two port guarantees both adapters give: `create`
 * fails with AlreadyExistsError when the id exists, and `replace` with `ifMatch` fails on a stale
 * etag (so of two instances taking over the same entry, or racing for an expired lease, one wins).
 */
import { AlreadyExistsError, NotFoundError, PreconditionFailedError } from '../storage/port';
import type { Collection, StoredDocument } from '../storage/port';
import type { RecordedPost } from './delivery-journal';

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
  /**
   * The posts attempts of this moment made, each recorded the moment the connector answered
   * (src/platform/scheduler/delivery-journal.ts): a later attempt does not send them again.
   */
  posts?: RecordedPost[];
  /**
   * Set when a claim was taken over from a holder that never said how its attempt ended (it died,
   * or went silent past the grace): that holder's post may have reached the channel unrecorded, so
   * this moment is the one a crash can have duplicated.
   */
  recoveredFrom?: string;
  /**
   * The governance version in force when the moment was sent (issue 23.3): which rules (deadline
   * offsets, reminder days) the reminder followed. Set with `sent`; entries from before have none.
   */
  governanceVersion?: string;
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
   * Create-once, already skipped (a moment that expired before anyone claimed it): one write
   * instead of a claim and a skip. Undefined when the key exists. Optional: without it the scan
   * claims and then skips.
   */
  claimSkipped?(claim: NewClaim, reason: string): Promise<LedgerEntry | undefined>;
  /**
   * Takes a pending entry over for another attempt (stale claim or due retry), guarded by the
   * entry's etag: undefined when someone else changed it first. Taking over a `claimed` entry
   * records its holder in `recoveredFrom`.
   */
  takeOver(entry: LedgerEntry, holderId: string, now: Date): Promise<LedgerEntry | undefined>;
  markSent(entry: LedgerEntry, now: Date): Promise<void>;
  /** Adds a post to the entry (unguarded: the post happened, whoever holds the entry now). */
  recordPost(key: string, post: RecordedPost): Promise<void>;
  /** Records a failed attempt: `retrying` with nextAttemptAt, or `failed` when `final`. */
  markAttemptFailed(
    entry: LedgerEntry,
    failure: { error: string; nextAttemptAt?: Date; final: boolean },
  ): Promise<void>;
  /** Etag-guarded: false when someone else changed the entry first. */
  markSkipped(entry: LedgerEntry, reason: string): Promise<boolean>;
  /** Entries not sent yet (claimed, retrying), for the operator and for monitoring. */
  listUnsent(): Promise<LedgerEntry[]>;

  /**
   * True when `holderId` now holds the runner lease: it was free, expired, already its own, or held
   * by `replacing` (a holder the caller knows to be dead), etag-guarded.
   */
  acquireLease(
    holderId: string,
    ttlMs: number,
    now: Date,
    options?: { replacing?: string },
  ): Promise<boolean>;
  /** Who holds (or last held, if expired) the runner lease. */
  leaseHolder(): Promise<{ holderId: string; expiresAt: string } | undefined>;
  /** Extends the lease if `holderId` still holds it; false when it was lost. */
  renewLease(holderId: string, ttlMs: number, now: Date): Promise<boolean>;
  releaseLease(holderId: string): Promise<void>;
}

const LEDGER_PK = 'jobs-ledger';
const LEASE_PK = 'jobs-lease';
const LEASE_ID = 'scan-runner';

interface LedgerDocument extends Omit<LedgerEntry, 'etag'> {
  id: string;
  pk: string;
  type: 'jobs-ledger-entry';
  [field: string]: unknown;
}

interface LeaseDocument {
  id: string;
  pk: string;
  type: 'jobs-lease';
  holderId: string;
  expiresAt: string;
  [field: string]: unknown;
}

/** Cosmos ids may not contain / \ ? #; our keys never do, but a future source might. */
function documentId(key: string): string {
  return key.replace(/[/\\?#]/g, '_');
}

function toEntry(doc: StoredDocument<LedgerDocument>): LedgerEntry {
  const { id: _id, pk: _pk, type: _type, etag, ...rest } = doc;
  // Drop store-internal fields (Cosmos adds _rid, _ts, ...) so entries stay plain.
  const entry: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(rest)) if (!field.startsWith('_')) entry[field] = value;
  return { ...(entry as Omit<LedgerEntry, 'etag'>), etag };
}

function toDocument(entry: Omit<LedgerEntry, 'etag'> & { etag?: string }): LedgerDocument {
  const { etag: _etag, ...rest } = entry;
  return { ...rest, id: documentId(entry.key), pk: LEDGER_PK, type: 'jobs-ledger-entry' };
}

async function ignoreConflicts<T>(write: () => Promise<T>): Promise<T | undefined> {
  try {
    return await write();
  } catch (error) {
    if (
      error instanceof PreconditionFailedError ||
      error instanceof AlreadyExistsError ||
      error instanceof NotFoundError
    ) {
      return undefined;
    }
    throw error;
  }
}

/** The entry a claim creates (before the store gives it an etag); the dry-run ledger mirrors it. */
export function claimedEntry(claim: NewClaim): Omit<LedgerEntry, 'etag'> {
  return {
    key: claim.key,
    kind: claim.kind,
    groupId: claim.groupId,
    dueAt: claim.dueAt.toISOString(),
    status: 'claimed',
    holderId: claim.holderId,
    claimedAt: claim.now.toISOString(),
    attempts: 1,
  };
}

export interface StoreLedgerOptions {
  /** Stamped on every entry marked sent (the composition root's governance version). */
  governanceVersion?: string;
}

export function createStoreLedger(collection: Collection, options: StoreLedgerOptions = {}): SchedulerLedger {
  return {
    ...entryRecords(collection, options),
    ...entryClaims(collection),
    ...runnerLease(collection),
  };
}

/** Reading entries and recording how an attempt ended. */
function entryRecords(
  collection: Collection,
  { governanceVersion }: StoreLedgerOptions,
): Pick<SchedulerLedger, 'get' | 'markSent' | 'recordPost' | 'markAttemptFailed' | 'listUnsent'> {
  // Per entry being performed here: the version its last recorded post wrote (dropped when marked).
  const lastWritten = new Map<string, { doc: LedgerDocument; etag: string }>();
  return {
    ...sendRecords(collection, governanceVersion, lastWritten),
    async get(key) {
      const doc = await collection.read<LedgerDocument>(LEDGER_PK, documentId(key));
      return doc ? toEntry(doc) : undefined;
    },

    async markAttemptFailed(entry, failure) {
      lastWritten.delete(entry.key);
      await collection.update<LedgerDocument>(LEDGER_PK, documentId(entry.key), (current) =>
        current.status === 'sent'
          ? undefined
          : {
              ...current,
              status: failure.final ? 'failed' : 'retrying',
              lastError: failure.error,
              nextAttemptAt: failure.nextAttemptAt?.toISOString(),
            },
      );
    },

    async listUnsent() {
      const entries: LedgerEntry[] = [];
      for (const status of ['claimed', 'retrying'] as const) {
        const docs = await collection.queryAll<LedgerDocument>(LEDGER_PK, {
          type: 'jobs-ledger-entry',
          where: { status },
          orderBy: { field: 'dueAt' },
        });
        entries.push(...docs.map(toEntry));
      }
      return entries.sort((a, b) => a.dueAt.localeCompare(b.dueAt));
    },
  };
}

/** A moment's posts and its "sent", written at the version this process knows when it can. */
function sendRecords(
  collection: Collection,
  governanceVersion: string | undefined,
  lastWritten: Map<string, { doc: LedgerDocument; etag: string }>,
): Pick<SchedulerLedger, 'markSent' | 'recordPost'> {
  return {
    async markSent(entry, now) {
      const sent = <T extends Omit<LedgerDocument, 'etag'>>(current: T): T => ({
        ...current,
        status: 'sent',
        sentAt: now.toISOString(),
        nextAttemptAt: undefined,
        ...(governanceVersion === undefined ? {} : { governanceVersion }),
      });
      // The version this process wrote last (the claim, or its last recorded post) is most likely
      // the stored one: replace it at its etag in one write. Anyone else's write in between makes
      // that fail, and the read-modify-write below keeps what they wrote.
      const known = lastWritten.get(entry.key) ?? { doc: toDocument(entry), etag: entry.etag };
      lastWritten.delete(entry.key);
      const replaced = await ignoreConflicts(() =>
        collection.replace(sent(known.doc), { ifMatch: known.etag }),
      );
      if (replaced) return;
      // Unguarded on purpose: the send happened, so "sent" must win over any concurrent write.
      await collection.update<LedgerDocument>(LEDGER_PK, documentId(entry.key), (current) => sent(current));
    },

    async recordPost(key, post) {
      const stored = await collection.update<LedgerDocument>(LEDGER_PK, documentId(key), (current) =>
        (current.posts ?? []).some((recorded) => recorded.activityId === post.activityId)
          ? undefined
          : { ...current, posts: [...(current.posts ?? []), post] },
      );
      lastWritten.set(key, { doc: toDocument(toEntry(stored)), etag: stored.etag });
    },
  };
}

/** Who performs an entry: create-once claims, and etag-guarded take-overs and skips. */
function entryClaims(
  collection: Collection,
): Pick<SchedulerLedger, 'claim' | 'claimSkipped' | 'takeOver' | 'markSkipped'> {
  const replaceGuarded = async (entry: LedgerEntry, changes: Partial<LedgerEntry>) => {
    const stored = await ignoreConflicts(() =>
      collection.replace(toDocument({ ...entry, ...changes }), { ifMatch: entry.etag }),
    );
    return stored ? toEntry(stored) : undefined;
  };

  return {
    async claim(claim: NewClaim) {
      const doc = toDocument(claimedEntry(claim));
      const stored = await ignoreConflicts(() => collection.create(doc));
      return stored ? toEntry(stored) : undefined;
    },

    async claimSkipped(claim: NewClaim, reason: string) {
      const doc = toDocument({ ...claimedEntry(claim), status: 'skipped', lastError: reason });
      const stored = await ignoreConflicts(() => collection.create(doc));
      return stored ? toEntry(stored) : undefined;
    },

    async takeOver(entry, holderId, now) {
      return replaceGuarded(entry, {
        status: 'claimed',
        holderId,
        claimedAt: now.toISOString(),
        attempts: entry.attempts + 1,
        nextAttemptAt: undefined,
        ...(entry.status === 'claimed' ? { recoveredFrom: entry.holderId } : {}),
      });
    },

    async markSkipped(entry, reason) {
      return (
        (await replaceGuarded(entry, { status: 'skipped', lastError: reason, nextAttemptAt: undefined })) !==
        undefined
      );
    },
  };
}

/** The runner lease: one document whose holder runs the scan; every change is etag-guarded. */
function runnerLease(
  collection: Collection,
): Pick<SchedulerLedger, 'acquireLease' | 'leaseHolder' | 'renewLease' | 'releaseLease'> {
  return {
    async acquireLease(holderId, ttlMs, now, options = {}) {
      const lease: LeaseDocument = {
        id: LEASE_ID,
        pk: LEASE_PK,
        type: 'jobs-lease',
        holderId,
        expiresAt: new Date(now.getTime() + ttlMs).toISOString(),
      };
      const current = await collection.read<LeaseDocument>(LEASE_PK, LEASE_ID);
      if (!current) return (await ignoreConflicts(() => collection.create(lease))) !== undefined;
      const free =
        current.holderId === holderId ||
        current.holderId === options.replacing ||
        Date.parse(current.expiresAt) <= now.getTime();
      if (!free) return false;
      // Guarded by the etag we read: of two instances seeing an expired lease, one wins.
      return (
        (await ignoreConflicts(() => collection.replace(lease, { ifMatch: current.etag }))) !== undefined
      );
    },

    async leaseHolder() {
      const current = await collection.read<LeaseDocument>(LEASE_PK, LEASE_ID);
      return current ? { holderId: current.holderId, expiresAt: current.expiresAt } : undefined;
    },

    async renewLease(holderId, ttlMs, now) {
      const current = await collection.read<LeaseDocument>(LEASE_PK, LEASE_ID);
      if (!current || current.holderId !== holderId) return false;
      const renewed: LeaseDocument = { ...current, expiresAt: new Date(now.getTime() + ttlMs).toISOString() };
      return (
        (await ignoreConflicts(() => collection.replace(renewed, { ifMatch: current.etag }))) !== undefined
      );
    },

    async releaseLease(holderId) {
      const current = await collection.read<LeaseDocument>(LEASE_PK, LEASE_ID);
      if (!current || current.holderId !== holderId) return;
      await ignoreConflicts(() => collection.delete(LEASE_PK, LEASE_ID, { ifMatch: current.etag }));
    },
  };
}
