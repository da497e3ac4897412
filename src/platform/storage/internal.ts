/**
 * Helpers shared by both adapters (not part of the port): field-name checks, etag stripping,
 * the update retry loop and opaque continuation tokens.
 */
import { ConcurrencyError, NotFoundError, PreconditionFailedError } from './port';
import type {
  CollectionName,
  Mutator,
  NewDocument,
  Page,
  PageRequest,
  StoredDocument,
  UpdateOptions,
} from './port';

/** Top-level field names we splice into SQL/Cosmos SQL paths: identifiers only, so no injection. */
const FIELD_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function assertFieldName(field: string): string {
  if (!FIELD_NAME.test(field))
    throw new Error(`storage: unsupported field name in query: ${JSON.stringify(field)}`);
  return field;
}

/** The body we persist: the caller's document without the store-owned `etag`. */
export function bodyOf(doc: NewDocument): Record<string, unknown> {
  const { etag: _etag, ...body } = doc as NewDocument & { etag?: unknown };
  return body;
}

export function assertKey(doc: NewDocument): void {
  if (typeof doc.id !== 'string' || doc.id.length === 0)
    throw new Error('storage: document id must be a non-empty string');
  if (typeof doc.pk !== 'string' || doc.pk.length === 0)
    throw new Error('storage: document pk must be a non-empty string');
  if (typeof doc.type !== 'string' || doc.type.length === 0)
    throw new Error('storage: document type must be a non-empty string');
}

export function encodeToken(value: unknown): string {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
}

export function decodeToken<T>(token: string): T {
  try {
    return JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as T;
  } catch {
    throw new Error('storage: malformed continuation token');
  }
}

/** Every page of a single-partition query, following continuation tokens (pages of 500). */
export async function allPages<T>(fetchPage: (page: PageRequest) => Promise<Page<T>>): Promise<T[]> {
  const all: T[] = [];
  let continuation: string | undefined;
  do {
    const page = await fetchPage({ limit: 500, continuation });
    all.push(...page.items);
    continuation = page.continuation;
  } while (continuation);
  return all;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Optimistic read-modify-write shared by adapters whose writes can interleave (Cosmos): on a stale
 * etag it re-reads and re-applies the (pure) mutator after a short jittered back-off, so that many
 * concurrent writers to one document all land instead of starving each other.
 */
export async function optimisticUpdate<T extends NewDocument>(
  collection: CollectionName,
  pk: string,
  id: string,
  mutate: Mutator<T>,
  options: UpdateOptions | undefined,
  io: {
    read(): Promise<StoredDocument<T> | undefined>;
    replace(doc: T, ifMatch: string): Promise<StoredDocument<T>>;
  },
): Promise<StoredDocument<T>> {
  const maxAttempts = options?.maxAttempts ?? 20;
  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    const current = await io.read();
    if (!current) throw new NotFoundError(collection, pk, id);
    const next = mutate(current);
    if (next === undefined) return current;
    try {
      return await io.replace({ ...bodyOf(next), id, pk } as T, current.etag);
    } catch (error) {
      if (!(error instanceof PreconditionFailedError)) throw error;
      // Full jitter, capped: contenders spread out instead of colliding again in lock-step.
      await sleep(Math.random() * Math.min(50, 2 ** attempt));
    }
  }
  throw new ConcurrencyError(collection, pk, id, maxAttempts);
}
