/**
 * Agenda proposals, in the meeting group's partition (collection `groups`, pk = group id),
 * document id `proposal:<id>`.
 *
 * Idempotency: the proposal id is derived from the card instance id the proposal card carries, so a
 * re-sent submit (Teams retries, a double click) hits `create`'s AlreadyExistsError and the first
 * proposal is returned instead of a second one being written.
 */
import { z } from 'zod';
import type { AgendaProposal } from '../../domain/model';
import { AlreadyExistsError, PreconditionFailedError } from '../../platform/storage/port';
import type { DocumentStore } from '../../platform/storage/port';
import {
  defineDocument,
  typedCollection,
  type TypedCollection,
  withoutEtag,
} from '../../platform/storage/repository';
import { isoInstant } from '../../platform/storage/schemas';
import type { MaterialEntry } from './domain/material';
import { materialListSchema } from './material-schema';

export interface ProposalRecord extends AgendaProposal {
  /** Display name of the proposer at submission (shown on the triage and outcome cards). */
  proposerName?: string;
  /** Activity id of the triage card in the secretariat's channel (to update it after triage). */
  triageActivityId?: string;
  /** The group whose channel holds the triage card. */
  triageGroupId?: string;
  /**
   * When the triage card was posted (with `triageActivityId`). Absent on a 'proposed' proposal: its
   * card is still owed (posted off the request path, or by the due-scan's catch-up). Optional, so
   * records written before it existed stay valid (they carry `triageActivityId` when posted).
   */
  triagePostedAt?: string;
  /** Material (bilag): links and Teams files; older documents have at most `materialUrl`. */
  material?: MaterialEntry[];
  /**
   * Who posts the triage card off the request path: written with the proposal, so the claim costs
   * no write of its own (triage-card-delivery.ts). Absent once the post is recorded or released.
   */
  triageClaim?: TriageClaim;
}

/** The process posting a new proposal's triage card, and since when (its claim's grace runs from it). */
export interface TriageClaim {
  holderId: string;
  at: string;
}

const proposalSchema: z.ZodType<ProposalRecord> = z.object({
  id: z.string().min(1),
  groupId: z.string().min(1),
  meetingId: z.string().min(1),
  title: z.string().min(1),
  description: z.string(),
  kind: z.enum(['orientation', 'discussion', 'decision']),
  requestedMinutes: z.number().int().positive(),
  materialUrl: z.string().optional(),
  proposedDecision: z.string().optional(),
  proposerId: z.string().min(1),
  submittedAt: isoInstant,
  late: z.boolean(),
  status: z.enum(['proposed', 'accepted', 'rejected', 'deferred', 'withdrawn']),
  triage: z
    .object({
      by: z.string().min(1),
      at: isoInstant,
      reason: z.string().optional(),
      deferredToMeetingId: z.string().optional(),
    })
    .optional(),
  proposerName: z.string().optional(),
  triageActivityId: z.string().optional(),
  triageGroupId: z.string().optional(),
  triagePostedAt: isoInstant.optional(),
  material: materialListSchema,
  triageClaim: z.object({ holderId: z.string().min(1), at: isoInstant }).optional(),
});

export const proposalDocument = defineDocument('agenda-proposal', proposalSchema, {
  collection: 'groups',
  pk: (proposal) => proposal.groupId,
  id: (proposal) => `proposal:${proposal.id}`,
});

export class ProposalRepository {
  private readonly proposals: TypedCollection<ProposalRecord>;

  constructor(store: DocumentStore) {
    this.proposals = typedCollection(store, proposalDocument);
  }

  async get(groupId: string, proposalId: string): Promise<ProposalRecord | undefined> {
    const found = await this.proposals.get(groupId, `proposal:${proposalId}`);
    return found ? withoutEtag(found) : undefined;
  }

  /**
   * Creates once: a second create with the same id returns the existing proposal and `created: false`.
   * `etag` (of the new document) lets the next write skip its read (`updateFrom`).
   */
  async createOnce(
    proposal: ProposalRecord,
  ): Promise<{ proposal: ProposalRecord; created: boolean; etag?: string }> {
    try {
      const stored = await this.proposals.create(proposal);
      return { proposal: withoutEtag(stored), created: true, etag: stored.etag };
    } catch (error) {
      if (!(error instanceof AlreadyExistsError)) throw error;
      const existing = await this.get(proposal.groupId, proposal.id);
      if (!existing) throw error;
      return { proposal: existing, created: false };
    }
  }

  async update(
    groupId: string,
    proposalId: string,
    change: (current: ProposalRecord) => ProposalRecord | undefined,
  ): Promise<ProposalRecord> {
    return withoutEtag(await this.proposals.update(groupId, `proposal:${proposalId}`, change));
  }

  /**
   * `update` from a copy known to be at `etag`: one replace instead of a read and a replace (the
   * triage post's bookkeeping right after the create). Someone wrote in between (412): the usual
   * read-modify-write, so the change is applied to the latest and nothing is lost.
   */
  async updateFrom(
    known: ProposalRecord,
    etag: string | undefined,
    change: (current: ProposalRecord) => ProposalRecord | undefined,
  ): Promise<ProposalRecord> {
    const next = etag === undefined ? undefined : change(known);
    if (next !== undefined) {
      try {
        return withoutEtag(await this.proposals.replace(next, { ifMatch: etag }));
      } catch (error) {
        if (!(error instanceof PreconditionFailedError)) throw error;
      }
    }
    return this.update(known.groupId, known.id, change);
  }

  /** Every proposal for the meeting (any status), oldest first. */
  async forMeeting(groupId: string, meetingId: string): Promise<ProposalRecord[]> {
    return (
      await this.proposals.queryAll(groupId, { where: { meetingId }, orderBy: { field: 'submittedAt' } })
    ).map(withoutEtag);
  }

  /**
   * Proposals still 'proposed' whose triage card has not been recorded as posted, across all groups.
   * A background `scan` (the due-scan's catch-up), never a request path.
   */
  async listAwaitingTriageCard(): Promise<ProposalRecord[]> {
    const result: ProposalRecord[] = [];
    for await (const proposal of this.proposals.scan({ where: { status: 'proposed' } }))
      if (!proposal.triageActivityId) result.push(withoutEtag(proposal));
    return result;
  }

  async acceptedForMeeting(groupId: string, meetingId: string): Promise<ProposalRecord[]> {
    return (await this.forMeeting(groupId, meetingId)).filter((proposal) => proposal.status === 'accepted');
  }
}
