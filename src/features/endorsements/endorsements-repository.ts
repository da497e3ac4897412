/**
 * Endorsements in the steering group's partition (collection `groups`, pk = the steering group's
 * id; why: closing as endorsed writes the endorsement and its agenda item in one batch, and a
 * batch is one partition). Documents:
 * - `endorsement:<id>`                     the draft, its rule, period and outcome;
 * - `endorsement-vote:<id>:<voterId>`      one document per voter (upsert): votes of different
 *   members at once never touch the same document, so none is lost; a changed vote replaces only
 *   that voter's. The votes of one endorsement are one key range (idPrefix), no extra index.
 *
 * Idempotency: the endorsement id comes from the card instance id its form carries, so a re-sent
 * submit hits create's AlreadyExistsError and the first endorsement is returned.
 */
import { z } from 'zod';
import type { BatchOperation, DocumentStore } from '../../platform/storage/port';
import {
  defineDocument,
  typedCollection,
  type Stored,
  type TypedCollection,
  withoutEtag,
} from '../../platform/storage/repository';
import { isoInstant } from '../../platform/storage/schemas';
import {
  ENDORSEMENT_CHOICES,
  type Endorsement,
  type EndorsementMaterial,
  type EndorsementVote,
} from './domain/endorsements';

const materialSchema: z.ZodType<EndorsementMaterial> = z.object({
  title: z.string().min(1),
  kind: z.string().min(1),
  url: z.string().min(1),
  source: z.enum(['link', 'teams-file']),
  addedBy: z.string().min(1),
  addedAt: isoInstant,
});

const tallySchema = z.object({
  for: z.number().int().min(0),
  against: z.number().int().min(0),
  abstain: z.number().int().min(0),
});

const endorsementSchema: z.ZodType<Endorsement> = z.object({
  id: z.string().min(1),
  steeringGroupId: z.string().min(1),
  referenceGroupId: z.string().min(1),
  title: z.string().min(1),
  text: z.string().min(1),
  material: z.array(materialSchema),
  authorId: z.string().min(1),
  authorName: z.string().optional(),
  openedAt: isoInstant,
  closesAt: isoInstant,
  rule: z.object({ kind: z.literal('majority-of-answers'), days: z.number().int().positive() }),
  status: z.enum(['open', 'endorsed', 'rejected']),
  closed: z
    .object({
      at: isoInstant,
      tally: tallySchema,
      meetingId: z.string().min(1).optional(),
      agendaItemId: z.string().min(1).optional(),
    })
    .optional(),
});

const voteSchema: z.ZodType<EndorsementVote> = z.object({
  endorsementId: z.string().min(1),
  steeringGroupId: z.string().min(1),
  voterId: z.string().min(1),
  voterName: z.string().optional(),
  choice: z.enum(ENDORSEMENT_CHOICES),
  castAt: isoInstant,
});

export const endorsementDocument = defineDocument('endorsement', endorsementSchema, {
  collection: 'groups',
  pk: (endorsement) => endorsement.steeringGroupId,
  id: (endorsement) => `endorsement:${endorsement.id}`,
});

const votePrefixOf = (endorsementId: string) => `endorsement-vote:${endorsementId}:`;

export const endorsementVoteDocument = defineDocument('endorsement-vote', voteSchema, {
  collection: 'groups',
  pk: (vote) => vote.steeringGroupId,
  id: (vote) => `${votePrefixOf(vote.endorsementId)}${vote.voterId}`,
});

/** An endorsement id comes from a card instance id and becomes part of a key: safe characters only. */
export function endorsementIdOf(cardInstanceId: string): string {
  return cardInstanceId.replace(/[^A-Za-z0-9-]/g, '').slice(0, 64);
}

export class EndorsementRepository {
  private readonly endorsements: TypedCollection<Endorsement>;
  private readonly votes: TypedCollection<EndorsementVote>;

  constructor(store: DocumentStore) {
    this.endorsements = typedCollection(store, endorsementDocument);
    this.votes = typedCollection(store, endorsementVoteDocument);
  }

  async get(steeringGroupId: string, id: string): Promise<Stored<Endorsement> | undefined> {
    return this.endorsements.get(steeringGroupId, `endorsement:${id}`);
  }

  /** Creates once: a second create with the same id returns the stored endorsement and `created: false`. */
  async createOnce(endorsement: Endorsement): Promise<{ endorsement: Endorsement; created: boolean }> {
    const { stored, created } = await this.endorsements.createOnce(endorsement);
    return { endorsement: withoutEtag(stored), created };
  }

  /** One voter's document: a changed vote replaces that voter's earlier one. */
  async putVote(vote: EndorsementVote): Promise<void> {
    await this.votes.upsert(vote);
  }

  async votesOf(steeringGroupId: string, endorsementId: string): Promise<EndorsementVote[]> {
    return (await this.votes.queryAll(steeringGroupId, { idPrefix: votePrefixOf(endorsementId) })).map(
      withoutEtag,
    );
  }

  /** Every open endorsement, across steering groups (the close moments' background scan). */
  async listOpen(): Promise<Endorsement[]> {
    const open: Endorsement[] = [];
    for await (const endorsement of this.endorsements.scan({ where: { status: 'open' } }))
      open.push(withoutEtag(endorsement));
    return open;
  }

  /**
   * The closed endorsement at the etag it was read with and, when endorsed, the agenda item's
   * creation (same partition), in one batch: all or nothing. 'conflict': someone closed it first.
   */
  async close(
    closed: Endorsement,
    etag: string,
    agendaItem?: BatchOperation,
  ): Promise<'written' | 'conflict'> {
    return this.endorsements.replaceInBatch(closed, etag, agendaItem ? [agendaItem] : []);
  }

  /** Rewrites an endorsement in place (GDPR erasure of the author's name copy). */
  async update(
    steeringGroupId: string,
    id: string,
    change: (current: Endorsement) => Endorsement | undefined,
  ): Promise<Endorsement> {
    return withoutEtag(await this.endorsements.update(steeringGroupId, `endorsement:${id}`, change));
  }

  /** Every endorsement, across steering groups (GDPR: rare). */
  async *scanAll(): AsyncIterable<Endorsement> {
    for await (const endorsement of this.endorsements.scan({})) yield withoutEtag(endorsement);
  }

  /** Every vote, across steering groups (GDPR: rare). */
  async *scanVotes(): AsyncIterable<EndorsementVote> {
    for await (const vote of this.votes.scan({})) yield withoutEtag(vote);
  }
}
