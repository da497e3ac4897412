/**
 * Presenter swap requests, in the meeting group's partition (collection `groups`, pk = group id),
 * document id `presenter-swap:<requestId>`, beside the meeting and its talk record.
 *
 * Idempotency: the request id is the one the ask form carries (made when the form was shown), so a
 * re-sent submit (Teams retries, a double click) hits `create`'s AlreadyExistsError and finds the
 * first request instead of writing a second. Status changes are etag-guarded read-modify-writes, so
 * two answers racing are decided once (see domain/presenter-swap.ts for the states).
 */
import { z } from 'zod';
import { AlreadyExistsError, type DocumentStore } from '../../platform/storage/port';
import {
  defineDocument,
  typedCollection,
  type TypedCollection,
  withoutEtag,
} from '../../platform/storage/repository';
import { isoInstant } from '../../platform/storage/schemas';
import type { StaleReason, SwapStatus } from './domain/presenter-swap';

/** The ids the ask form makes (a UUID) and anything of that shape: letters, digits and dashes. */
export const SWAP_REQUEST_ID = /^[A-Za-z0-9-]{8,64}$/;

export interface SwapRequestRecord {
  id: string;
  groupId: string;
  meetingId: string;
  /** The meeting's start when asked: the date the asked member is asked to present on. */
  meetingStartsAt: string;
  fromPersonId: string;
  toPersonId: string;
  requestedAt: string;
  status: SwapStatus;
  /** When the asked member answered (or the request was found stale). */
  answeredAt?: string;
  staleReason?: StaleReason;
  /** The request card as posted (to replace it with the answer); absent until delivered. */
  activityId?: string;
}

const schema: z.ZodType<SwapRequestRecord> = z.object({
  id: z.string().regex(SWAP_REQUEST_ID),
  groupId: z.string().min(1),
  meetingId: z.string().min(1),
  meetingStartsAt: isoInstant,
  fromPersonId: z.string().min(1),
  toPersonId: z.string().min(1),
  requestedAt: isoInstant,
  status: z.enum(['pending', 'accepting', 'accepted', 'declined', 'stale']),
  answeredAt: isoInstant.optional(),
  staleReason: z
    .enum([
      'meeting-gone',
      'meeting-cancelled',
      'meeting-held',
      'meeting-started',
      'meeting-moved',
      'presenter-changed',
      'not-eligible',
    ])
    .optional(),
  activityId: z.string().min(1).optional(),
});

export const presenterSwapDocument = defineDocument('presenter-swap', schema, {
  collection: 'groups',
  pk: (request) => request.groupId,
  id: (request) => `presenter-swap:${request.id}`,
});

export class SwapRequestRepository {
  private readonly requests: TypedCollection<SwapRequestRecord>;

  constructor(store: DocumentStore) {
    this.requests = typedCollection(store, presenterSwapDocument);
  }

  async get(groupId: string, requestId: string): Promise<SwapRequestRecord | undefined> {
    if (!SWAP_REQUEST_ID.test(requestId)) return undefined;
    const found = await this.requests.get(groupId, `presenter-swap:${requestId}`);
    return found && withoutEtag(found);
  }

  /** Creates the request, or returns the one already made with this id (`created: false`). */
  async createOnce(request: SwapRequestRecord): Promise<{ request: SwapRequestRecord; created: boolean }> {
    try {
      return { request: withoutEtag(await this.requests.create(request)), created: true };
    } catch (error) {
      if (!(error instanceof AlreadyExistsError)) throw error;
      const existing = await this.get(request.groupId, request.id);
      if (!existing) throw error;
      return { request: existing, created: false };
    }
  }

  /** Read-modify-write (etag-guarded, retried); `change` must be pure and returns undefined to keep it. */
  async update(
    groupId: string,
    requestId: string,
    change: (current: SwapRequestRecord) => SwapRequestRecord | undefined,
  ): Promise<SwapRequestRecord> {
    return withoutEtag(await this.requests.update(groupId, `presenter-swap:${requestId}`, change));
  }

  /** The group's requests for a meeting, oldest first (a partition query, like the talks). */
  async forMeeting(groupId: string, meetingId: string): Promise<SwapRequestRecord[]> {
    const all = await this.requests.queryAll(groupId, { where: { meetingId } });
    return all.map(withoutEtag).sort((a, b) => a.requestedAt.localeCompare(b.requestedAt));
  }
}
