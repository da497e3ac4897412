/**
 * The scheduler's reminder ledger and runner lease (collection `schedule`).
 *
 * - Claims: pk `ledger`, id = the reminder key. One partition, because the key alone must decide
 *   the document (create-once is what makes a reminder go out once) and the unsent listing must be a
 *   single-partition query; the volume is a few hundred claims a year.
 * - Lease: pk `lease`, id = the lease name. Taken over only with ifMatch on the etag that was read,
 *   so of two instances racing for an expired lease exactly one wins.
 * (src/jobs/store-ledger.ts is the jobs engineer's richer ledger on the same port; it uses other pks.)
 */
import { z } from 'zod';
import { AlreadyExistsError, NotFoundError, PreconditionFailedError } from '../port';
import type { DocumentStore } from '../port';
import { defineDocument, typedCollection } from '../repository';
import type { Stored, TypedCollection } from '../repository';
import { isoInstant } from '../schemas';

export interface ReminderClaim {
  key: string;
  claimedAt: string;
  status: 'claimed' | 'sent' | 'failed';
  sentAt?: string;
  failedAt?: string;
  error?: string;
  /** Set when crash recovery took the claim for its one resend. */
  resentAt?: string;
}

export interface Lease {
  name: string;
  holderId: string;
  acquiredAt: string;
  expiresAt: string;
}

const claimSchema: z.ZodType<ReminderClaim> = z.object({
  key: z.string().min(1),
  claimedAt: isoInstant,
  status: z.enum(['claimed', 'sent', 'failed']),
  sentAt: isoInstant.optional(),
  failedAt: isoInstant.optional(),
  error: z.string().optional(),
  resentAt: isoInstant.optional(),
});

const leaseSchema: z.ZodType<Lease> = z.object({
  name: z.string().min(1),
  holderId: z.string().min(1),
  acquiredAt: isoInstant,
  expiresAt: isoInstant,
});

export const LEDGER_PK = 'ledger';
export const LEASE_PK = 'lease';
/** Cosmos ids may not contain / \ ? #. */
const claimId = (key: string) => encodeURIComponent(key);

const claimDocument = defineDocument('reminder-claim', claimSchema, {
  collection: 'schedule',
  pk: () => LEDGER_PK,
  id: (claim) => claimId(claim.key),
});

const leaseDocument = defineDocument('lease', leaseSchema, {
  collection: 'schedule',
  pk: () => LEASE_PK,
  id: (lease) => lease.name,
});

async function conflictToFalse(write: () => Promise<unknown>): Promise<boolean> {
  try {
    await write();
    return true;
  } catch (error) {
    if (error instanceof AlreadyExistsError || error instanceof PreconditionFailedError || error instanceof NotFoundError) return false;
    throw error;
  }
}

export class ReminderLedger {
  private readonly claims: TypedCollection<ReminderClaim>;
  private readonly leases: TypedCollection<Lease>;

  constructor(store: DocumentStore) {
    this.claims = typedCollection(store, claimDocument);
    this.leases = typedCollection(store, leaseDocument);
  }

  async get(key: string): Promise<Stored<ReminderClaim> | undefined> {
    return this.claims.get(LEDGER_PK, claimId(key));
  }

  /** Create-once: true for the one caller that claimed `key`, false for everyone after. */
  async claim(key: string, at: Date): Promise<boolean> {
    return conflictToFalse(() => this.claims.create({ key, claimedAt: at.toISOString(), status: 'claimed' }));
  }

  async markSent(key: string, at: Date): Promise<void> {
    await this.claims.update(LEDGER_PK, claimId(key), (claim) => ({ ...claim, status: 'sent', sentAt: at.toISOString() }));
  }

  async markFailed(key: string, at: Date, error: string): Promise<void> {
    await this.claims.update(LEDGER_PK, claimId(key), (claim) =>
      claim.status === 'sent' ? undefined : { ...claim, status: 'failed', failedAt: at.toISOString(), error },
    );
  }

  /** Claims without a sent mark, claimed before `olderThan`, not yet resent: what crash recovery resends. */
  async listUnsent(olderThan: Date): Promise<ReminderClaim[]> {
    const cutoff = olderThan.toISOString();
    const all = await this.claims.queryAll(LEDGER_PK, { orderBy: { field: 'claimedAt' } });
    return all
      .filter((claim) => claim.status !== 'sent' && claim.resentAt === undefined && claim.claimedAt < cutoff)
      .map(({ etag: _etag, ...claim }) => claim);
  }

  /** Takes an unsent claim for its single resend: true for exactly one caller, false otherwise. */
  async claimResend(key: string, at: Date): Promise<boolean> {
    const claim = await this.get(key);
    if (!claim || claim.status === 'sent' || claim.resentAt !== undefined) return false;
    const { etag, ...fields } = claim;
    return conflictToFalse(() => this.claims.replace({ ...fields, resentAt: at.toISOString() }, { ifMatch: etag }));
  }

  // ---- lease

  async currentLease(name = 'scheduler'): Promise<Stored<Lease> | undefined> {
    return this.leases.get(LEASE_PK, name);
  }

  /** True when `holderId` holds the lease afterwards (it was free, expired, or already its own). */
  async acquireLease(holderId: string, ttlMs: number, now: Date, name = 'scheduler'): Promise<boolean> {
    const lease: Lease = { name, holderId, acquiredAt: now.toISOString(), expiresAt: new Date(now.getTime() + ttlMs).toISOString() };
    const current = await this.currentLease(name);
    if (!current) return conflictToFalse(() => this.leases.create(lease));
    const expired = Date.parse(current.expiresAt) <= now.getTime();
    if (current.holderId !== holderId && !expired) return false;
    return conflictToFalse(() => this.leases.replace(lease, { ifMatch: current.etag }));
  }

  /** Extends the lease if `holderId` still holds it; false when it was lost (taken over). */
  async renewLease(holderId: string, ttlMs: number, now: Date, name = 'scheduler'): Promise<boolean> {
    const current = await this.currentLease(name);
    if (!current || current.holderId !== holderId) return false;
    const { etag, ...lease } = current;
    return conflictToFalse(() =>
      this.leases.replace({ ...lease, expiresAt: new Date(now.getTime() + ttlMs).toISOString() }, { ifMatch: etag }),
    );
  }

  async releaseLease(holderId: string, name = 'scheduler'): Promise<void> {
    const current = await this.currentLease(name);
    if (!current || current.holderId !== holderId) return;
    await conflictToFalse(() => this.leases.delete(LEASE_PK, name, { ifMatch: current.etag }));
  }
}
