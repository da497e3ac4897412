/**
 * Typed repositories on top of the storage port.
 *
 * THE PATTERN (use it for every feature repository: meetings, proposals, hearings, votes, ...):
 *
 *   // 1. A zod schema for the entity (the shape in src/domain/model.ts) ...
 *   const meetingSchema = z.object({ id: z.string().min(1), groupId: z.string().min(1), startsAt: isoInstant, ... });
 *
 *   // 2. ... and one definition: its `type` discriminator, collection and key functions.
 *   //    Data that belongs to one group goes in collection 'groups' with pk = the group id, so a group's
 *   //    whole state is one partition (single-partition queries, transactional batches).
 *   export const meetingDocument = defineDocument('meeting', meetingSchema, {
 *     collection: 'groups',
 *     pk: (meeting) => meeting.groupId,
 *     id: (meeting) => `meeting:${meeting.id}`,
 *   });
 *
 *   // 3. A repository class that holds a TypedCollection and exposes domain-shaped methods only.
 *   export class MeetingRepository {
 *     private readonly meetings: TypedCollection<Meeting>;
 *     constructor(store: DocumentStore) { this.meetings = typedCollection(store, meetingDocument); }
 *     upcoming(groupId: string) { return this.meetings.queryAll(groupId, { orderBy: { field: 'startsAt' } }); }
 *   }
 *
 * Rules:
 * - Every write goes through `definition.toDocument`, which validates with zod BEFORE the store sees it;
 *   a bad entity throws InvalidDocumentError whose `field` is the zod issue path (e.g. `title`,
 *   `organisation.name`). Reads are parsed with the same schema (unknown keys dropped).
 * - The entity must not use the store's reserved fields `pk`, `type`, `etag`, `entityId`. The document
 *   id comes from `id(entity)`; when the entity has its own `id` and the two differ (e.g. document id
 *   `meeting:m1`, entity id `m1`), the entity id is kept in `entityId` and restored on read, so
 *   entities stay exactly the model.ts shapes.
 * - Read results carry the document's `etag` (`Stored<E>`), to pass as `ifMatch` for optimistic writes.
 * - Documents that must be written together live in ONE partition and are written with `batch`.
 *   Cross-partition indexes (e.g. channel -> group in `directory`) are written after the source of
 *   truth, idempotently, so re-running the operation repairs a half-done write.
 * - Queries use top-level fields only (QuerySpec.where / orderBy / arrayContains).
 */
import type { z } from 'zod';
import { AlreadyExistsError, InvalidDocumentError, PreconditionFailedError } from './port';
import type {
  BatchOperation,
  Collection,
  CollectionName,
  DocumentStore,
  NewDocument,
  Page,
  PageRequest,
  QuerySpec,
  StoredDocument,
  UpdateOptions,
} from './port';

/** An entity as read from the store: its fields plus the etag to pass as ifMatch. */
export type Stored<E> = E & { readonly etag: string };

export interface DocumentKeys<E> {
  collection: CollectionName;
  pk: (entity: E) => string;
  id: (entity: E) => string;
}

/** The plain entity (model.ts shape) of a read result. */
export function withoutEtag<E>(stored: Stored<E>): E {
  const { etag: _etag, ...entity } = stored as Stored<E> & Record<string, unknown>;
  return entity as E;
}

const RESERVED_FIELDS = ['pk', 'type', 'etag', 'entityId'] as const;

export interface DocumentDefinition<E> {
  readonly type: string;
  readonly collection: CollectionName;
  readonly schema: z.ZodType<E>;
  pkOf(entity: E): string;
  idOf(entity: E): string;
  /** Validate (throws InvalidDocumentError naming the field) and wrap as a store document. */
  toDocument(entity: E): NewDocument;
  /** `toDocument`, also returning the validated entity (what a write returns, without a second parse). */
  toWrite(entity: E): { doc: NewDocument; entity: E };
  /** Parse a stored document back to the entity (throws InvalidDocumentError on a corrupt document). */
  fromDocument(doc: StoredDocument): Stored<E>;
}

/** Validate with zod, or throw InvalidDocumentError naming the first offending field path. */
export function validate<E>(schema: z.ZodType<E>, value: unknown): E {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue && issue.path.length > 0 ? issue.path.map(String).join('.') : '(document)';
  throw new InvalidDocumentError(field, issue?.message ?? 'invalid');
}

export function defineDocument<E extends object>(
  type: string,
  schema: z.ZodType<E>,
  keys: DocumentKeys<E>,
): DocumentDefinition<E> {
  return {
    type,
    collection: keys.collection,
    schema,
    pkOf: keys.pk,
    idOf: keys.id,
    toDocument(entity: E): NewDocument {
      return this.toWrite(entity).doc;
    },
    toWrite(entity: E): { doc: NewDocument; entity: E } {
      const valid = validate(schema, entity) as Record<string, unknown>;
      for (const reserved of RESERVED_FIELDS) {
        if (reserved in valid)
          throw new InvalidDocumentError(reserved, `"${reserved}" is reserved by the store`);
      }
      const id = keys.id(valid as E);
      const pk = keys.pk(valid as E);
      const doc: NewDocument = { ...valid, id, pk, type };
      // The entity's own id (if any) survives when the document id differs from it.
      if ('id' in valid && valid.id !== id) doc.entityId = valid.id;
      return { doc, entity: valid as E };
    },
    fromDocument(doc: StoredDocument): Stored<E> {
      const {
        pk: _pk,
        type: _type,
        etag,
        entityId,
        ...fields
      } = doc as StoredDocument & { entityId?: unknown };
      if (entityId !== undefined) fields.id = entityId as string;
      return { ...validate(schema, fields), etag } as Stored<E>;
    },
  };
}

/**
 * Versions of documents this process wrote through a definition, by raw collection: a document
 * whose etag is here holds exactly an entity zod already validated (the schemas have no transforms,
 * so parsing it again would return it unchanged), and a read of it skips the parse. Etags change
 * with every write, by any process, so a version written elsewhere, or changed since, is not here
 * and is parsed; so is a document read through another definition than the one that wrote it (the
 * key has the document type). Parsing the hearing document was ~75 µs per read (bench profile).
 * Value: whether the entity has its own `id` field (else the document id is dropped on read).
 */
const writtenVersions = new WeakMap<Collection, Map<string, boolean>>();
const MAX_WRITTEN_VERSIONS = 10_000;

function versionKey(type: string, pk: string, id: string, etag: string): string {
  return `${type}\u0000${pk}\u0000${id}\u0000${etag}`;
}

/** A collection that speaks entities of one definition instead of raw documents. */
export class TypedCollection<E extends object> {
  readonly raw: Collection;

  private readonly written: Map<string, boolean>;

  constructor(
    store: DocumentStore,
    readonly definition: DocumentDefinition<E>,
  ) {
    this.raw = store.collection(definition.collection);
    let written = writtenVersions.get(this.raw);
    if (!written) {
      written = new Map();
      writtenVersions.set(this.raw, written);
    }
    this.written = written;
  }

  /** A read document as the entity: parsed with zod, unless it is a version this process wrote. */
  private entityOf(doc: StoredDocument): Stored<E> {
    const hasOwnId = this.written.get(versionKey(this.definition.type, doc.pk, doc.id, doc.etag));
    if (hasOwnId === undefined) return this.definition.fromDocument(doc);
    const { pk: _pk, type: _type, entityId, ...fields } = doc as StoredDocument & { entityId?: unknown };
    if (entityId !== undefined) fields.id = entityId as string;
    else if (!hasOwnId) delete (fields as { id?: string }).id;
    return fields as unknown as Stored<E>;
  }

  /** Remembers the version just written (see writtenVersions) and returns its entity. */
  private wrote(write: { doc: NewDocument; entity: E }, saved: StoredDocument): Stored<E> {
    if (this.written.size >= MAX_WRITTEN_VERSIONS) {
      // Forget the oldest (a Map iterates in insertion order).
      const oldest = this.written.keys().next().value;
      if (oldest !== undefined) this.written.delete(oldest);
    }
    this.written.set(
      versionKey(write.doc.type, write.doc.pk, write.doc.id, saved.etag),
      'id' in write.entity,
    );
    return { ...write.entity, etag: saved.etag };
  }

  async get(pk: string, id: string): Promise<Stored<E> | undefined> {
    const doc = await this.raw.read(pk, id);
    return doc ? this.entityOf(doc) : undefined;
  }

  // Writes return the entity validated on the way in, with the store's new etag: the store echoes
  // exactly the document it was given, so parsing it again would only repeat the validation.

  async create(entity: E): Promise<Stored<E>> {
    const write = this.definition.toWrite(entity);
    return this.wrote(write, await this.raw.create(write.doc));
  }

  /**
   * Creates once: when the document exists already (a re-sent submit, the same id), the stored
   * one is returned with `created: false`.
   */
  async createOnce(entity: E): Promise<{ stored: Stored<E>; created: boolean }> {
    try {
      return { stored: await this.create(entity), created: true };
    } catch (error) {
      if (!(error instanceof AlreadyExistsError)) throw error;
      const write = this.definition.toWrite(entity);
      const existing = await this.get(write.doc.pk, write.doc.id);
      if (!existing) throw error;
      return { stored: existing, created: false };
    }
  }

  /**
   * Replaces the entity at the etag it was read with, together with `alongside` (same partition),
   * in one batch: all or nothing. 'conflict': someone changed it first (or an alongside create exists).
   */
  async replaceInBatch(
    entity: E,
    etag: string,
    alongside: BatchOperation[] = [],
  ): Promise<'written' | 'conflict'> {
    const doc = this.definition.toDocument(entity);
    try {
      await this.raw.batch(doc.pk, [{ op: 'replace', doc, ifMatch: etag }, ...alongside]);
      return 'written';
    } catch (error) {
      if (error instanceof PreconditionFailedError || error instanceof AlreadyExistsError) return 'conflict';
      throw error;
    }
  }

  async upsert(entity: E): Promise<Stored<E>> {
    const write = this.definition.toWrite(entity);
    return this.wrote(write, await this.raw.upsert(write.doc));
  }

  async replace(entity: E, options?: { ifMatch?: string }): Promise<Stored<E>> {
    const write = this.definition.toWrite(entity);
    return this.wrote(write, await this.raw.replace(write.doc, options));
  }

  async delete(pk: string, id: string, options?: { ifMatch?: string }): Promise<void> {
    await this.raw.delete(pk, id, options);
  }

  /** Read-modify-write with etag retries; `mutate` must be pure and may run several times. */
  async update(
    pk: string,
    id: string,
    mutate: (current: E) => E | undefined,
    options?: UpdateOptions,
  ): Promise<Stored<E>> {
    // The outcome of the mutator's last run (it runs once per attempt): the unchanged current
    // entity, or the validated entity it wrote.
    let outcome: { unchanged: Stored<E> } | { written: { doc: NewDocument; entity: E } } | undefined;
    const saved = await this.raw.update(
      pk,
      id,
      (current) => {
        const entity = this.entityOf(current);
        const next = mutate(entity);
        if (next === undefined) {
          outcome = { unchanged: entity };
          return undefined;
        }
        const write = this.definition.toWrite(next);
        if (write.doc.pk !== pk || write.doc.id !== id)
          throw new Error(`${this.definition.type}: update must not change the document key`);
        outcome = { written: write };
        return write.doc;
      },
      options,
    );
    if (!outcome) return this.definition.fromDocument(saved);
    return 'unchanged' in outcome ? outcome.unchanged : this.wrote(outcome.written, saved);
  }

  async query(pk: string, spec: Omit<QuerySpec, 'type'> = {}, page?: PageRequest): Promise<Page<Stored<E>>> {
    const result = await this.raw.query(pk, { ...spec, type: this.definition.type }, page);
    return {
      items: result.items.map((doc) => this.entityOf(doc)),
      continuation: result.continuation,
    };
  }

  async queryAll(pk: string, spec: Omit<QuerySpec, 'type'> = {}): Promise<Stored<E>[]> {
    const docs = await this.raw.queryAll(pk, { ...spec, type: this.definition.type });
    return docs.map((doc) => this.entityOf(doc));
  }

  /** Cross-partition: background jobs only. */
  async *scan(spec: Omit<QuerySpec, 'type'> = {}): AsyncIterable<Stored<E>> {
    for await (const doc of this.raw.scan({ ...spec, type: this.definition.type })) yield this.entityOf(doc);
  }

  /** A validated batch operation for `Collection.batch` (all documents of a batch share one pk). */
  operation(op: 'create' | 'upsert' | 'replace', entity: E, ifMatch?: string): BatchOperation {
    const doc = this.definition.toDocument(entity);
    return op === 'replace' ? { op, doc, ifMatch } : { op, doc };
  }
}

export function typedCollection<E extends object>(
  store: DocumentStore,
  definition: DocumentDefinition<E>,
): TypedCollection<E> {
  return new TypedCollection(store, definition);
}
