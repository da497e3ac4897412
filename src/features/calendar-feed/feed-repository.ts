/**
 * The secret of a body's calendar feed, one document in the body's partition of the `groups`
 * collection (pk = group id, id `calendar-feed`), on both stores through the storage port.
 *
 * The token is the feed URL's only authority (a calendar client subscribes without signing in), so
 * it is random (144 bits) and replaced as a whole when the secretariat rotates it: the old URL then
 * opens nothing. The document keeps who rotated it and when, for the secretariat's questions.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { AlreadyExistsError, type DocumentStore } from '../../platform/storage/port';
import { defineDocument, typedCollection, type TypedCollection } from '../../platform/storage/repository';
import { isoInstant } from '../../platform/storage/schemas';

export interface CalendarFeedSecret {
  groupId: string;
  /** base64url, 24 random bytes. */
  token: string;
  createdAt: string;
  /** Set by a rotation (absent for the first token). */
  rotatedAt?: string;
  rotatedBy?: string;
}

const TOKEN_PATTERN = /^[A-Za-z0-9_-]{32}$/;

const secretSchema: z.ZodType<CalendarFeedSecret> = z.object({
  groupId: z.string().min(1),
  token: z.string().regex(TOKEN_PATTERN),
  createdAt: isoInstant,
  rotatedAt: isoInstant.optional(),
  rotatedBy: z.string().min(1).optional(),
});

export const calendarFeedDocument = defineDocument('calendar-feed', secretSchema, {
  collection: 'groups',
  pk: (secret) => secret.groupId,
  id: () => 'calendar-feed',
});

export function newFeedToken(): string {
  return randomBytes(24).toString('base64url');
}

/** Constant-time comparison of a token from a URL with the stored one. */
export function feedTokenMatches(stored: string, given: unknown): boolean {
  if (typeof given !== 'string' || !TOKEN_PATTERN.test(given)) return false;
  const a = Buffer.from(stored);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

export class CalendarFeedRepository {
  private readonly secrets: TypedCollection<CalendarFeedSecret>;

  constructor(store: DocumentStore) {
    this.secrets = typedCollection(store, calendarFeedDocument);
  }

  async get(groupId: string): Promise<CalendarFeedSecret | undefined> {
    const found = await this.secrets.get(groupId, 'calendar-feed');
    if (!found) return undefined;
    const { etag: _etag, ...secret } = found;
    return secret;
  }

  /** The body's secret, created once (two first requests racing end with the same token). */
  async getOrCreate(groupId: string, now: Date): Promise<CalendarFeedSecret> {
    const existing = await this.get(groupId);
    if (existing) return existing;
    const secret = { groupId, token: newFeedToken(), createdAt: now.toISOString() };
    try {
      await this.secrets.create(secret);
      return secret;
    } catch (error) {
      if (!(error instanceof AlreadyExistsError)) throw error;
      const winner = await this.get(groupId);
      if (!winner) throw error;
      return winner;
    }
  }

  /** Replaces the token: every URL with the previous one stops working at once. */
  async rotate(groupId: string, actorId: string, now: Date): Promise<CalendarFeedSecret> {
    const at = now.toISOString();
    const secret: CalendarFeedSecret = {
      ...((await this.get(groupId)) ?? { groupId, createdAt: at }),
      token: newFeedToken(),
      rotatedAt: at,
      rotatedBy: actorId,
    };
    await this.secrets.upsert(secret);
    return secret;
  }
}
