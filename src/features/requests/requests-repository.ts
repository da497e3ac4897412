/**
 * Requests for input, in the steering group's partition (collection `groups`, pk = the steering
 * group's id), document id `input-request:<id>`. The answer and the agenda item it becomes (the
 * agenda's proposal of the steering group's meeting, same partition) are written in one batch:
 * the request replaced at the etag read and the item created, all or nothing, so a request is never
 * answered without its item, and two answers at once leave one (the other's batch fails on the etag
 * or on the item that now exists).
 *
 * Idempotency: the request id is derived from the card instance id its form carries, so a re-sent
 * submit hits create's AlreadyExistsError and the first request is returned.
 */
import { z } from 'zod';
import { type BatchOperation, type DocumentStore } from '../../platform/storage/port';
import {
  defineDocument,
  typedCollection,
  type Stored,
  type TypedCollection,
  withoutEtag,
} from '../../platform/storage/repository';
import { isoInstant } from '../../platform/storage/schemas';
import { currentCapacity } from '../../domain/legacy-names';
import type { InputRequest, RequestMaterial } from './domain/requests';

const materialSchema: z.ZodType<RequestMaterial> = z.object({
  title: z.string().min(1),
  kind: z.string().min(1),
  url: z.string().min(1),
  source: z.enum(['link', 'teams-file']),
  addedBy: z.string().min(1),
  addedAt: isoInstant,
});

const localDateText = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

const requestSchema: z.ZodType<InputRequest> = z.object({
  id: z.string().min(1),
  steeringGroupId: z.string().min(1),
  referenceGroupId: z.string().min(1),
  topic: z.string().min(1),
  question: z.string().min(1),
  background: z.string(),
  material: z.array(materialSchema),
  dueDate: localDateText,
  requestedBy: z.string().min(1),
  requestedByName: z.string().optional(),
  // Records from the first version say steering/secretariat (legacy-names.json).
  requestedAs: z.preprocess(currentCapacity, z.enum(['decide', 'management', 'administer'])),
  requestedAt: isoInstant,
  status: z.enum(['open', 'answered']),
  answer: z
    .object({
      text: z.string().min(1),
      material: z.array(materialSchema),
      by: z.string().min(1),
      byName: z.string().optional(),
      at: isoInstant,
      late: z.boolean(),
      meetingId: z.string().min(1).optional(),
      agendaItemId: z.string().min(1).optional(),
    })
    .optional(),
});

export const inputRequestDocument = defineDocument('input-request', requestSchema, {
  collection: 'groups',
  pk: (request) => request.steeringGroupId,
  id: (request) => `input-request:${request.id}`,
});

/** A request id comes from a card instance id and becomes part of a key: safe characters only. */
export function requestIdOf(cardInstanceId: string): string {
  return cardInstanceId.replace(/[^A-Za-z0-9-]/g, '').slice(0, 64);
}

export type AnswerWrite =
  | { kind: 'written'; request: InputRequest }
  /** Someone else wrote the request (an answer) since it was read: read it again. */
  | { kind: 'conflict' };

export class RequestRepository {
  private readonly requests: TypedCollection<InputRequest>;

  constructor(store: DocumentStore) {
    this.requests = typedCollection(store, inputRequestDocument);
  }

  async get(steeringGroupId: string, requestId: string): Promise<Stored<InputRequest> | undefined> {
    return this.requests.get(steeringGroupId, `input-request:${requestId}`);
  }

  /** Creates once: a second create with the same id returns the stored request and `created: false`. */
  async createOnce(request: InputRequest): Promise<{ request: InputRequest; created: boolean }> {
    const { stored, created } = await this.requests.createOnce(request);
    return { request: withoutEtag(stored), created };
  }

  /** The steering group's requests, newest first. */
  async forSteeringGroup(steeringGroupId: string): Promise<InputRequest[]> {
    return (
      await this.requests.queryAll(steeringGroupId, { orderBy: { field: 'requestedAt', direction: 'DESC' } })
    ).map(withoutEtag);
  }

  /** Every open request, across steering groups (the reminders' background scan). */
  async listOpen(): Promise<InputRequest[]> {
    const open: InputRequest[] = [];
    for await (const request of this.requests.scan({ where: { status: 'open' } }))
      open.push(withoutEtag(request));
    return open;
  }

  /**
   * The answered request at the etag it was read with, and the agenda item's creation (a step in
   * the same partition), in one batch: all or nothing.
   */
  async answer(answered: InputRequest, etag: string, agendaItem?: BatchOperation): Promise<AnswerWrite> {
    const written = await this.requests.replaceInBatch(answered, etag, agendaItem ? [agendaItem] : []);
    return written === 'written' ? { kind: 'written', request: answered } : { kind: 'conflict' };
  }

  /** Rewrites a request in place (GDPR erasure of a name copy or the person's own text). */
  async update(
    steeringGroupId: string,
    requestId: string,
    change: (current: InputRequest) => InputRequest | undefined,
  ): Promise<InputRequest> {
    return withoutEtag(await this.requests.update(steeringGroupId, `input-request:${requestId}`, change));
  }

  /** Every request, across steering groups (GDPR export and erasure: rare). */
  async *scanAll(): AsyncIterable<InputRequest> {
    for await (const request of this.requests.scan({})) yield withoutEtag(request);
  }
}
