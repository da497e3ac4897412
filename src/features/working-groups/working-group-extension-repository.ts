/**
 * Extension requests of working groups in the parent reference group's partition (collection
 * `groups`, pk = the parent's id: the parent votes, and its votes are one key range there):
 * - `wg-extension:<id>`                   the request, its rule, period and outcome;
 * - `wg-extension-vote:<id>:<voterId>`    one document per voter (upsert): votes of different
 *   members at once never touch the same document, so all of them count; a changed vote replaces
 *   only that voter's.
 * The request id names the group and the dates (domain/extension.ts), so a re-sent request hits
 * create's AlreadyExistsError and the first request is returned.
 */
import { z } from 'zod';
import type { DocumentStore } from '../../platform/storage/port';
import {
  defineDocument,
  typedCollection,
  withoutEtag,
  type Stored,
  type TypedCollection,
} from '../../platform/storage/repository';
import { isoDate, isoInstant } from '../../platform/storage/schemas';
import { EXTENSION_CHOICES, type ExtensionRequest, type ExtensionVote } from './domain/extension';

const nonEmpty = z.string().min(1);

const requestSchema: z.ZodType<ExtensionRequest> = z.object({
  id: nonEmpty,
  groupId: nonEmpty,
  parentGroupId: nonEmpty,
  from: isoDate,
  to: isoDate,
  reason: nonEmpty,
  requesterId: nonEmpty,
  openedAt: isoInstant,
  closesAt: isoInstant,
  rule: z.object({ kind: z.literal('majority-of-answers'), days: z.number().int().positive() }),
  status: z.enum(['open', 'approved', 'rejected']),
  closed: z
    .object({
      at: isoInstant,
      tally: z.object({ for: z.number().int().min(0), against: z.number().int().min(0) }),
      meetingId: nonEmpty.optional(),
      by: nonEmpty.optional(),
    })
    .optional(),
});

const voteSchema: z.ZodType<ExtensionVote> = z.object({
  requestId: nonEmpty,
  parentGroupId: nonEmpty,
  voterId: nonEmpty,
  choice: z.enum(EXTENSION_CHOICES),
  castAt: isoInstant,
});

export const extensionRequestDocument = defineDocument('working-group-extension', requestSchema, {
  collection: 'groups',
  pk: (request) => request.parentGroupId,
  id: (request) => `wg-extension:${request.id}`,
});

const votePrefixOf = (requestId: string) => `wg-extension-vote:${requestId}:`;

export const extensionVoteDocument = defineDocument('working-group-extension-vote', voteSchema, {
  collection: 'groups',
  pk: (vote) => vote.parentGroupId,
  id: (vote) => `${votePrefixOf(vote.requestId)}${vote.voterId}`,
});

export class ExtensionRepository {
  private readonly requests: TypedCollection<ExtensionRequest>;
  private readonly votes: TypedCollection<ExtensionVote>;

  constructor(store: DocumentStore) {
    this.requests = typedCollection(store, extensionRequestDocument);
    this.votes = typedCollection(store, extensionVoteDocument);
  }

  async get(parentGroupId: string, id: string): Promise<Stored<ExtensionRequest> | undefined> {
    return this.requests.get(parentGroupId, `wg-extension:${id}`);
  }

  async createOnce(request: ExtensionRequest): Promise<{ request: ExtensionRequest; created: boolean }> {
    const { stored, created } = await this.requests.createOnce(request);
    return { request: withoutEtag(stored), created };
  }

  async putVote(vote: ExtensionVote): Promise<void> {
    await this.votes.upsert(vote);
  }

  async votesOf(parentGroupId: string, requestId: string): Promise<ExtensionVote[]> {
    return (await this.votes.queryAll(parentGroupId, { idPrefix: votePrefixOf(requestId) })).map(withoutEtag);
  }

  /** Every open request, across reference groups (the close moments' background scan). */
  async listOpen(): Promise<ExtensionRequest[]> {
    const open: ExtensionRequest[] = [];
    for await (const request of this.requests.scan({ where: { status: 'open' } }))
      open.push(withoutEtag(request));
    return open;
  }

  /** The decided request at the etag it was read with. 'conflict': someone decided it first. */
  async close(closed: ExtensionRequest, etag: string): Promise<'written' | 'conflict'> {
    return this.requests.replaceInBatch(closed, etag);
  }

  /** Every request and vote, across reference groups (GDPR: rare). */
  async *scanAll(): AsyncIterable<ExtensionRequest> {
    for await (const request of this.requests.scan({})) yield withoutEtag(request);
  }

  async *scanVotes(): AsyncIterable<ExtensionVote> {
    for await (const vote of this.votes.scan({})) yield withoutEtag(vote);
  }
}
