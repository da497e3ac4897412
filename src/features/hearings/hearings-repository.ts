/**
 * Written hearings ("skriftlig høring") of working-group proposals, and their votes.
 *
 * Layout (why: a hearing and its votes are written together and read together, so they share the
 * hearing group's partition, e.g. `steering`):
 * - groups / pk <steeringGroupId> / id `hearing:<hearingId>`            the hearing (proposal, status, outcome).
 * - groups / pk <steeringGroupId> / id `vote:<hearingId>:<voterId>`     one document per voter (upsert):
 *   simultaneous votes of different voters never touch the same document, so none is lost, and a
 *   changed vote replaces only that voter's document (the last vote counts).
 * Status changes of the hearing (close, withdraw, announcements) are etag-guarded writes
 * (`update` = ifMatch + bounded retry), so closing happens exactly once.
 */
import { z } from 'zod';
import type { HearingOutcome, Vote, VoteChoice } from '../../domain/model';
import { InvalidDocumentError } from '../../platform/storage/port';
import type { DocumentStore } from '../../platform/storage/port';
import { defineDocument, typedCollection, withoutEtag } from '../../platform/storage/repository';
import type { Stored, TypedCollection } from '../../platform/storage/repository';
import { isoInstant } from '../../platform/storage/schemas';
import { proposalSchema, type WorkingGroupProposal } from '../working-groups';
import { latestVotes } from './domain/hearing';
import { TallyCommit, type TallyOutcome } from './hearing-tally';

const nonEmpty = z.string().min(1);

export type HearingStatus = 'open' | 'closed' | 'withdrawn';

export interface HearingResult {
  outcome: HearingOutcome;
  approve: number;
  reject: number;
  abstain: number;
  cast: number;
  eligibleCount: number;
  turnout: number;
  /** Why it closed. */
  reason: 'deadline' | 'full-turnout';
  /** The votes counted, so a vote written after the count can tell it was not counted (and be undone). */
  counted: Array<Omit<StoredVote, 'hearingId' | 'hearingGroupId'>>;
}

export interface Hearing {
  id: string;
  /** The group holding the hearing (the steering group): the partition. */
  hearingGroupId: string;
  /** The reference group that proposed it. */
  proposingGroupId: string;
  proposerId: string;
  proposerName?: string;
  proposal: WorkingGroupProposal;
  openedAt: string;
  closesAt: string;
  /** Snapshot of the eligible voters (steering members/chair current when the hearing opened). */
  eligibleVoterIds: string[];
  voterNames: Record<string, string>;
  rule: { kind: 'majority-with-quorum' | 'silence-is-consent'; quorumShare: number };
  status: HearingStatus;
  /** The vote card in the steering group's channel. */
  activityId?: string;
  closedAt?: string;
  withdrawnAt?: string;
  result?: HearingResult;
  closeReason?: HearingResult['reason'];
  /** Effects of the close already done (audit, working group, announcements): retried until all are. */
  effectsDone: string[];
  /** Who is doing the effects now (one closer at a time; taken over when stale after a crash). */
  effectsClaim?: { token: string; at: string };
  effectsComplete?: boolean;
  /** Set when the approved working group was created. */
  workingGroupId?: string;
}

const hearingSchema: z.ZodType<Hearing> = z.object({
  id: nonEmpty,
  hearingGroupId: nonEmpty,
  proposingGroupId: nonEmpty,
  proposerId: nonEmpty,
  proposerName: z.string().optional(),
  proposal: proposalSchema,
  openedAt: isoInstant,
  closesAt: isoInstant,
  eligibleVoterIds: z.array(nonEmpty),
  voterNames: z.record(z.string(), z.string()),
  rule: z.object({ kind: z.enum(['majority-with-quorum', 'silence-is-consent']), quorumShare: z.number() }),
  status: z.enum(['open', 'closed', 'withdrawn']),
  activityId: z.string().optional(),
  closedAt: isoInstant.optional(),
  withdrawnAt: isoInstant.optional(),
  result: z
    .object({
      outcome: z.enum(['approved', 'rejected', 'no-quorum']),
      approve: z.number().int(),
      reject: z.number().int(),
      abstain: z.number().int(),
      cast: z.number().int(),
      eligibleCount: z.number().int(),
      turnout: z.number(),
      reason: z.enum(['deadline', 'full-turnout']),
      counted: z.array(
        z.object({
          voterId: nonEmpty,
          voterName: z.string().optional(),
          choice: z.enum(['approve', 'reject', 'abstain']),
          comment: z.string().optional(),
          castAt: isoInstant,
        }),
      ),
    })
    .optional(),
  closeReason: z.enum(['deadline', 'full-turnout']).optional(),
  effectsDone: z.array(nonEmpty),
  effectsClaim: z.object({ token: nonEmpty, at: isoInstant }).optional(),
  effectsComplete: z.boolean().optional(),
  workingGroupId: z.string().optional(),
});

export interface StoredVote extends Vote {
  hearingId: string;
  hearingGroupId: string;
  voterName?: string;
}

const voteSchema: z.ZodType<StoredVote> = z.object({
  hearingId: nonEmpty,
  hearingGroupId: nonEmpty,
  voterId: nonEmpty,
  voterName: z.string().optional(),
  choice: z.enum(['approve', 'reject', 'abstain']),
  comment: z.string().max(2000).optional(),
  castAt: isoInstant,
});

export const hearingDocument = defineDocument('hearing', hearingSchema, {
  collection: 'groups',
  pk: (hearing) => hearing.hearingGroupId,
  id: (hearing) => `hearing:${hearing.id}`,
});

export const voteDocument = defineDocument('hearing-vote', voteSchema, {
  collection: 'groups',
  pk: (vote) => vote.hearingGroupId,
  id: (vote) => `${votePrefixOf(vote.hearingId)}${vote.voterId}`,
});

/**
 * Every vote id of a hearing starts with this: its votes are one key range of the partition, so
 * reading them does not touch the votes of earlier hearings. (A hearing id that contains ':' can
 * share the prefix with another hearing, so the queries filter on hearingId as well.)
 */
function votePrefixOf(hearingId: string): string {
  return `vote:${hearingId}:`;
}

export function plainHearing(stored: Stored<Hearing>): Hearing {
  return withoutEtag(stored);
}

export class HearingRepository {
  private readonly hearings: TypedCollection<Hearing>;
  private readonly votes: TypedCollection<StoredVote>;
  private readonly voteCommits: TallyCommit;

  constructor(store: DocumentStore) {
    this.hearings = typedCollection(store, hearingDocument);
    this.votes = typedCollection(store, voteDocument);
    this.voteCommits = new TallyCommit(store, (groupId, hearingId) => this.ballotChoices(groupId, hearingId));
  }

  /** Create-once: a retried submit with the same id fails with AlreadyExistsError. */
  async create(hearing: Hearing): Promise<Stored<Hearing>> {
    return this.hearings.create(hearing);
  }

  async get(hearingGroupId: string, hearingId: string): Promise<Stored<Hearing> | undefined> {
    return this.hearings.get(hearingGroupId, `hearing:${hearingId}`);
  }

  /** Every hearing of the group, newest first. */
  async list(hearingGroupId: string): Promise<Stored<Hearing>[]> {
    const all = await this.hearings.queryAll(hearingGroupId);
    // Sorted here: a steering group has a handful of hearings a year, and openedAt needs no index.
    return all.sort((a, b) => (a.openedAt < b.openedAt ? 1 : a.openedAt > b.openedAt ? -1 : 0));
  }

  async listOpen(hearingGroupId: string): Promise<Stored<Hearing>[]> {
    return this.hearings.queryAll(hearingGroupId, { where: { status: 'open' } });
  }

  /**
   * Read-modify-write with the etag (bounded retry on 412). `mutate` returns undefined to leave the
   * hearing as it is (e.g. it is already closed): the caller compares before/after to know who won.
   * A change that takes the hearing out of 'open' (the close, a withdrawal) fences its votes before
   * it returns (fenceVotes), so the ballots read after it are all it will ever get.
   */
  async update(
    hearingGroupId: string,
    hearingId: string,
    mutate: (current: Hearing) => Hearing | undefined,
  ): Promise<Stored<Hearing>> {
    let leftOpen = false;
    const saved = await this.hearings.update(hearingGroupId, `hearing:${hearingId}`, (current) => {
      const next = mutate(current);
      leftOpen = next !== undefined && current.status === 'open' && next.status !== 'open';
      return next;
    });
    if (leftOpen) await this.fenceVotes(hearingGroupId, hearingId);
    return saved;
  }

  /**
   * Marks the hearing's tally closed (idempotent): no ballot is stored after this resolves (a vote
   * that comes later is told so and stores nothing). The close calls it again before counting, so a
   * close that crashed between its status change and the fence is fenced before it counts.
   */
  async fenceVotes(hearingGroupId: string, hearingId: string): Promise<void> {
    await this.voteCommits.fence(hearingGroupId, hearingId);
  }

  /**
   * One write of one voter's document: a changed vote replaces only that voter's vote. Resolves once
   * the vote is committed, with the hearing's tally as committed (each voter's choice, this vote
   * among them), or with 'closed' and nothing stored when the hearing's votes are fenced. The ballot and the tally go in one transactional batch (hearing-tally.ts), and
   * votes arriving together share it (one batch per hearing per turn of the event loop; why: a
   * commit each was a third of a vote's cost at 100 concurrent voters). Each vote is validated
   * before it is queued; if its batch fails, the vote fails (it is not half-stored), and its caller
   * answers with the error.
   */
  async putVote(vote: StoredVote): Promise<TallyOutcome> {
    return this.voteCommits.write({
      hearingGroupId: vote.hearingGroupId,
      hearingId: vote.hearingId,
      voterId: vote.voterId,
      choice: vote.choice,
      upsert: this.votes.operation('upsert', vote),
    });
  }

  /**
   * Each voter's current choice: one point read of the tally, or (a hearing that has had no vote
   * since the tally existed) from its ballots.
   */
  async choicesOf(hearingGroupId: string, hearingId: string): Promise<Record<string, VoteChoice>> {
    return (
      (await this.voteCommits.read(hearingGroupId, hearingId)) ??
      (await this.ballotChoices(hearingGroupId, hearingId))
    );
  }

  private async ballotChoices(
    hearingGroupId: string,
    hearingId: string,
  ): Promise<Record<string, VoteChoice>> {
    const latest = latestVotes(await this.ballotsOf(hearingGroupId, hearingId));
    return Object.fromEntries(latest.map((vote) => [vote.voterId, vote.choice]));
  }

  async getVote(
    hearingGroupId: string,
    hearingId: string,
    voterId: string,
  ): Promise<Stored<StoredVote> | undefined> {
    return this.votes.get(hearingGroupId, `${votePrefixOf(hearingId)}${voterId}`);
  }

  async votesOf(hearingGroupId: string, hearingId: string): Promise<StoredVote[]> {
    return this.votes.queryAll(hearingGroupId, { idPrefix: votePrefixOf(hearingId), where: { hearingId } });
  }

  /**
   * The ballots of a hearing (voter, choice, time): what a tally and the full-turnout check need.
   * One partition query like votesOf, but each document is checked on these three fields only
   * instead of the whole schema (why: every vote reads every ballot of its hearing, and the full
   * parse of up to a hundred documents per vote was the largest cost of the vote path).
   */
  async ballotsOf(hearingGroupId: string, hearingId: string): Promise<Vote[]> {
    const docs = await this.votes.raw.queryAll(hearingGroupId, {
      type: voteDocument.type,
      idPrefix: votePrefixOf(hearingId),
      where: { hearingId },
    });
    return docs.map((doc) => {
      const { voterId, choice, castAt } = doc as Partial<Record<string, unknown>>;
      if (typeof voterId !== 'string' || voterId === '')
        throw new InvalidDocumentError('voterId', 'missing in a stored vote');
      if (choice !== 'approve' && choice !== 'reject' && choice !== 'abstain')
        throw new InvalidDocumentError('choice', 'invalid in a stored vote');
      if (typeof castAt !== 'string') throw new InvalidDocumentError('castAt', 'missing in a stored vote');
      return { voterId, choice, castAt };
    });
  }
}
