/**
 * The storage port: every piece of state goes through it. Two adapters implement it
 * (Cosmos DB in production, embedded SQLite by default) and one contract suite tests both.
 *
 * Model: named collections (a Cosmos container each, partition key path `/pk`), documents with an
 * `id` unique within their partition `pk`, a `type` discriminator, and an opaque `etag` that changes
 * on every write. Semantics both adapters guarantee:
 * - `create` fails with AlreadyExistsError (Cosmos 409) when (pk, id) exists: the "already done" signal.
 * - `replace`/`delete` with `ifMatch` fail with PreconditionFailedError (Cosmos 412) on a stale etag.
 * - `update` is read-modify-write with ifMatch and a bounded retry on 412: never a lost update.
 * - `batch` is all-or-nothing within one partition (Cosmos transactional batch / SQLite transaction).
 * - `query` reads one partition, paged by an opaque continuation token (no OFFSET/LIMIT).
 * - `scan` is the only cross-partition read; it is for background jobs (the scheduler), never a hot path.
 */

export type CollectionName = 'groups' | 'directory' | 'schedule' | 'audit';

/** What the caller writes. `pk` and `id` together identify the document. */
export interface NewDocument {
  id: string;
  pk: string;
  type: string;
  [field: string]: unknown;
}

/** What the store returns: the document plus its current etag. */
export type StoredDocument<T extends NewDocument = NewDocument> = T & { etag: string };

export type FieldValue = string | number | boolean | null;

export interface QuerySpec {
  /** Only documents of this type. */
  type?: string;
  /** Equality filters on top-level fields. */
  where?: Record<string, FieldValue>;
  /** Documents whose top-level array field contains the value (Cosmos ARRAY_CONTAINS). */
  arrayContains?: { field: string; value: FieldValue };
  /**
   * Only documents whose id starts with this (non-empty) prefix. A range on the key on both stores,
   * so its cost follows the matching documents, not the partition (e.g. the votes of one hearing
   * among every vote of the steering group).
   */
  idPrefix?: string;
  /**
   * Documents whose top-level field lies in [from, to] (either bound optional), compared as the
   * stored values compare: ISO instants as strings, numbers as numbers. Indexed on both stores for
   * the fields in RANGE_FIELDS (queried-fields.ts), so a background scan of "meetings starting in
   * the next weeks" reads those meetings, not every meeting ever held.
   */
  range?: { field: string; from?: string | number; to?: string | number };
  /** Sort on one top-level field; ties broken by id for a stable order. */
  orderBy?: { field: string; direction?: 'ASC' | 'DESC' };
}

export interface PageRequest {
  /** Maximum items in this page (default 100). */
  limit?: number;
  /** Token from the previous page; absent for the first page. */
  continuation?: string;
}

export interface Page<T> {
  items: T[];
  /** Present when there are more items. */
  continuation?: string;
}

export type BatchOperation =
  | { op: 'create'; doc: NewDocument }
  | { op: 'upsert'; doc: NewDocument }
  | { op: 'replace'; doc: NewDocument; ifMatch?: string }
  | { op: 'delete'; id: string; ifMatch?: string };

export interface UpdateOptions {
  /** Attempts before giving up with ConcurrencyError (default 20). */
  maxAttempts?: number;
}

/**
 * A mutator receives the current document and returns the new one, or `undefined` to leave it
 * unchanged. It may run several times (after a 412), so it must be pure.
 */
export type Mutator<T extends NewDocument> = (current: StoredDocument<T>) => T | undefined;

export interface Collection {
  readonly name: CollectionName;
  read<T extends NewDocument>(pk: string, id: string): Promise<StoredDocument<T> | undefined>;
  create<T extends NewDocument>(doc: T): Promise<StoredDocument<T>>;
  upsert<T extends NewDocument>(doc: T): Promise<StoredDocument<T>>;
  replace<T extends NewDocument>(doc: T, options?: { ifMatch?: string }): Promise<StoredDocument<T>>;
  delete(pk: string, id: string, options?: { ifMatch?: string }): Promise<void>;
  update<T extends NewDocument>(
    pk: string,
    id: string,
    mutate: Mutator<T>,
    options?: UpdateOptions,
  ): Promise<StoredDocument<T>>;
  query<T extends NewDocument>(
    pk: string,
    spec: QuerySpec,
    page?: PageRequest,
  ): Promise<Page<StoredDocument<T>>>;
  /** Every page of a single-partition query. */
  queryAll<T extends NewDocument>(pk: string, spec: QuerySpec): Promise<StoredDocument<T>[]>;
  /** Cross-partition read for background jobs only. Order unspecified (spec.orderBy is ignored). */
  scan<T extends NewDocument>(spec: QuerySpec): AsyncIterable<StoredDocument<T>>;
  batch(pk: string, operations: BatchOperation[]): Promise<void>;
}

export interface StoreHealth {
  ok: boolean;
  kind: 'cosmos' | 'sqlite';
  detail?: string;
}

/** Request units (Cosmos) per operation, so benchmarks can report RU per user action. */
export interface RequestChargeRecorder {
  /**
   * `estimatedCharge` gives what the request would cost on the real service by Cosmos's published
   * cost model (lazy: only a recorder that reports it pays for sizing the documents).
   */
  record(
    operation: string,
    collection: CollectionName,
    requestCharge: number,
    estimatedCharge?: () => number,
  ): void;
}

export interface DocumentStore {
  readonly kind: 'cosmos' | 'sqlite';
  collection(name: CollectionName): Collection;
  health(): Promise<StoreHealth>;
  /**
   * Makes what was overwritten or deleted unrecoverable from the store's files: after a GDPR
   * erasure the old document versions must not linger. SQLite checkpoints its write-ahead log into
   * the database file and truncates it (with `secure_delete` on, freed space is zeroed); Cosmos DB
   * keeps no old versions we can reach, so it does nothing. Optional, so decorators in tests need not
   * forward it.
   */
  compact?(): Promise<void>;
  close(): Promise<void>;
}

export class StoreError extends Error {
  constructor(
    message: string,
    readonly code:
      'already-exists' | 'precondition-failed' | 'not-found' | 'concurrency' | 'unavailable' | 'invalid',
  ) {
    super(message);
    this.name = new.target.name;
  }
}
export class AlreadyExistsError extends StoreError {
  constructor(collection: string, pk: string, id: string) {
    super(`${collection}: document ${pk}/${id} already exists`, 'already-exists');
  }
}
export class PreconditionFailedError extends StoreError {
  constructor(collection: string, pk: string, id: string) {
    super(
      `${collection}: document ${pk}/${id} was changed by someone else (stale etag)`,
      'precondition-failed',
    );
  }
}
export class NotFoundError extends StoreError {
  constructor(collection: string, pk: string, id: string) {
    super(`${collection}: document ${pk}/${id} not found`, 'not-found');
  }
}
export class ConcurrencyError extends StoreError {
  constructor(collection: string, pk: string, id: string, attempts: number) {
    super(
      `${collection}: gave up updating ${pk}/${id} after ${attempts} concurrent-update retries`,
      'concurrency',
    );
  }
}
export class StoreUnavailableError extends StoreError {
  constructor(message: string) {
    super(message, 'unavailable');
  }
}
/** A document refused before it reached the store; `field` names the bad field. */
export class InvalidDocumentError extends StoreError {
  constructor(
    readonly field: string,
    reason: string,
  ) {
    super(`invalid document: ${field}: ${reason}`, 'invalid');
  }
}
