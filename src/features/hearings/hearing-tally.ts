/**
 * The hearing's tally document, written in the same transactional batch as the ballots.
 *
 * Layout: groups / pk <steeringGroupId> / id `tally:<hearingId>`: each voter's current choice
 * (voter id → choice, no names or comments). The ballot document per voter stays the truth (the
 * close counts the ballots); the tally is what a vote and the vote card read instead of every
 * ballot of the hearing (why: that query was the largest cost of a vote on Cosmos, growing with
 * each vote cast).
 *
 * Why it never drifts from the ballots: every ballot write of the vote path goes through
 * TallyCommit, which puts the ballots and the tally in one batch with the tally's etag (ifMatch),
 * so either both are stored or neither. A concurrent commit (another process) makes the batch fail
 * with 412; it re-reads the tally and retries, so no vote is lost and none is counted twice.
 * A hearing without a tally (opened before it existed) gets one built from its ballots at its
 * first vote, created in that vote's batch (a concurrent create meets 409 and retries the same way).
 */
import { z } from 'zod';
import type { VoteChoice } from '../../domain/model';
import {
  AlreadyExistsError,
  PreconditionFailedError,
  type BatchOperation,
  type DocumentStore,
} from '../../platform/storage/port';
import { MAX_BATCH_OPERATIONS, planBatches } from '../../platform/storage/group-commit';
import {
  defineDocument,
  typedCollection,
  withoutEtag,
  type TypedCollection,
} from '../../platform/storage/repository';

export interface HearingTallyRecord {
  hearingId: string;
  hearingGroupId: string;
  /** Each voter's current choice (their ballot's). */
  choices: Record<string, VoteChoice>;
  /**
   * Set once the hearing left 'open' (closed or withdrawn), before its ballots are counted: a vote
   * batch read the tally without it, so a batch after it fails on the etag and stores nothing.
   */
  closed?: boolean;
}

/** What a queued ballot came to: stored with the tally, or refused (the hearing is no longer open). */
export type TallyOutcome =
  { kind: 'committed'; choices: Readonly<Record<string, VoteChoice>> } | { kind: 'closed' };

const tallySchema: z.ZodType<HearingTallyRecord> = z.object({
  hearingId: z.string().min(1),
  hearingGroupId: z.string().min(1),
  choices: z.record(z.string(), z.enum(['approve', 'reject', 'abstain'])),
  closed: z.boolean().optional(),
});

export const tallyDocument = defineDocument('hearing-tally', tallySchema, {
  collection: 'groups',
  pk: (tally) => tally.hearingGroupId,
  id: (tally) => tallyIdOf(tally.hearingId),
});

export function tallyIdOf(hearingId: string): string {
  return `tally:${hearingId}`;
}

/** One ballot to store: its validated upsert, and the voter's choice for the tally. */
export interface TallyWrite {
  hearingGroupId: string;
  hearingId: string;
  voterId: string;
  choice: VoteChoice;
  upsert: BatchOperation;
}

interface Pending {
  write: TallyWrite;
  /** The ballot's upsert (planBatches keeps one per ballot id, so one per voter, per batch). */
  operation: BatchOperation;
  resolve: (outcome: TallyOutcome) => void;
  reject: (error: unknown) => void;
}

/** Attempts of one commit before its votes fail (each conflict is another process's commit). */
const MAX_ATTEMPTS = 20;

/** Someone else wrote the tally since it was read (412), or created it first (409). */
function isConflict(error: unknown): boolean {
  return error instanceof PreconditionFailedError || error instanceof AlreadyExistsError;
}

/**
 * Group commit of ballots with their hearing's tally: the ballots queued in one turn of the event
 * loop for one hearing go in one batch with one tally update (why: simultaneous votes share the
 * commit, as with GroupCommit, and the tally is updated once for all of them).
 */
export class TallyCommit {
  private readonly tallies: TypedCollection<HearingTallyRecord>;
  private readonly queues = new Map<string, Pending[]>();
  /** Hearings with a commit in flight. */
  private readonly running = new Set<string>();

  constructor(
    store: DocumentStore,
    /** The choices of the stored ballots, for a hearing that has no tally yet. */
    private readonly ballotChoices: (
      hearingGroupId: string,
      hearingId: string,
    ) => Promise<Record<string, VoteChoice>>,
  ) {
    this.tallies = typedCollection(store, tallyDocument);
  }

  /** The hearing's current choices by voter, or undefined when it has no tally yet. */
  async read(hearingGroupId: string, hearingId: string): Promise<Record<string, VoteChoice> | undefined> {
    return (await this.tallies.get(hearingGroupId, tallyIdOf(hearingId)))?.choices;
  }

  /**
   * Marks the tally closed (idempotent), so no ballot is stored after this resolves: what the close
   * does before it reads the ballots it counts, and a withdrawal after its status change.
   */
  async fence(hearingGroupId: string, hearingId: string): Promise<void> {
    for (let attempt = 1; ; attempt += 1) {
      const current = await this.tallies.get(hearingGroupId, tallyIdOf(hearingId));
      if (current?.closed) return;
      try {
        if (current)
          await this.tallies.replace({ ...withoutEtag(current), closed: true }, { ifMatch: current.etag });
        else {
          const choices = await this.ballotChoices(hearingGroupId, hearingId);
          await this.tallies.create({ hearingId, hearingGroupId, choices, closed: true });
        }
        return;
      } catch (error) {
        if (!isConflict(error) || attempt >= MAX_ATTEMPTS) throw error;
      }
    }
  }

  /** Queues one ballot; resolves with the committed tally's choices (this ballot among them). */
  write(write: TallyWrite): Promise<TallyOutcome> {
    const key = `${write.hearingGroupId}\u0000${write.hearingId}`;
    return new Promise((resolve, reject) => {
      let queue = this.queues.get(key);
      if (!queue) {
        queue = [];
        this.queues.set(key, queue);
        // setImmediate, not a microtask: the other requests of this burst get to queue first. A
        // commit in flight takes the queue when it is done instead.
        if (!this.running.has(key)) setImmediate(() => void this.run(key));
      }
      queue.push({ write, operation: write.upsert, resolve, reject });
    });
  }

  /**
   * One commit at a time per hearing, each taking what queued meanwhile (why: two commits of this
   * process reading the same tally would only fail each other on the etag).
   */
  private async run(key: string): Promise<void> {
    this.running.add(key);
    try {
      for (let queue = this.take(key); queue.length > 0; queue = this.take(key)) await this.commit(queue);
    } finally {
      this.running.delete(key);
    }
  }

  private take(key: string): Pending[] {
    const queue = this.queues.get(key) ?? [];
    this.queues.delete(key);
    return queue;
  }

  private async commit(queue: Pending[]): Promise<void> {
    // One ballot per voter per batch (a repeat goes in the next one, in queue order), and room
    // for the tally in each batch.
    for (const batch of planBatches(queue, MAX_BATCH_OPERATIONS - 1)) {
      try {
        const outcome = await this.commitBatch(batch);
        for (const pending of batch) pending.resolve(outcome);
      } catch (error) {
        for (const pending of batch) pending.reject(error);
      }
    }
  }

  private async commitBatch(batch: Pending[]): Promise<TallyOutcome> {
    const { hearingGroupId, hearingId } = batch[0]!.write;
    for (let attempt = 1; ; attempt += 1) {
      const current = await this.tallies.get(hearingGroupId, tallyIdOf(hearingId));
      if (current?.closed) return { kind: 'closed' };
      const choices = { ...(current?.choices ?? (await this.ballotChoices(hearingGroupId, hearingId))) };
      for (const { write } of batch) choices[write.voterId] = write.choice;
      const tally: HearingTallyRecord = { hearingId, hearingGroupId, choices };
      const tallyOperation = current
        ? this.tallies.operation('replace', tally, current.etag)
        : this.tallies.operation('create', tally);
      try {
        await this.tallies.raw.batch(hearingGroupId, [
          ...batch.map((pending) => pending.operation),
          tallyOperation,
        ]);
        return { kind: 'committed', choices };
      } catch (error) {
        if (!isConflict(error) || attempt >= MAX_ATTEMPTS) throw error;
      }
    }
  }
}
