/**
 * The embedded adapter: every collection lives in one SQLite table keyed (collection, pk, id) with the
 * document as JSON. better-sqlite3 is synchronous, so each operation (including `update`'s
 * read-modify-write and a whole `batch`) runs inside one IMMEDIATE transaction: nothing can
 * interleave within this process, and other processes on the same file wait on the write lock
 * (busy_timeout). WAL mode + synchronous=NORMAL (see the constructor): a committed write survives a
 * crash of the process; an interrupted transaction leaves nothing.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { AlreadyExistsError, NotFoundError, PreconditionFailedError, StoreUnavailableError } from '../port';
import type {
  BatchOperation,
  Collection,
  CollectionName,
  DocumentStore,
  Mutator,
  NewDocument,
  Page,
  PageRequest,
  QuerySpec,
  StoreHealth,
  StoredDocument,
} from '../port';
import { allPages, assertFieldName, assertKey, bodyOf, encodeToken } from '../internal';
import { pageQuery, SCAN_PAGE_SIZE, scanQuery } from './sqlite-query';
import { PRODUCTION_QUERIED_FIELDS, QueriedFieldGuard, type QueriedFieldLists } from '../queried-fields';

export const SQLITE_FILE_NAME = 'store.sqlite';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS documents (
  collection TEXT NOT NULL,
  pk         TEXT NOT NULL,
  id         TEXT NOT NULL,
  type       TEXT NOT NULL,
  etag       TEXT NOT NULL,
  body       TEXT NOT NULL,
  PRIMARY KEY (collection, pk, id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS documents_by_type ON documents (collection, type, pk, id);
`;

/**
 * One index per range field on the expression the range queries test (sqlite-query.ts), so a
 * scan of "meetings starting in the next weeks" reads those rows only.
 */
function rangeIndexes(lists: QueriedFieldLists): string {
  return (lists.rangeFields ?? [])
    .map(
      (field) =>
        `CREATE INDEX IF NOT EXISTS documents_range_${assertFieldName(field)} ON documents (collection, json_extract(body, '$.${field}'));`,
    )
    .join('\n');
}

interface Row {
  etag: string;
  body: string;
}

interface OrderedRow extends Row {
  id: string;
  ov: unknown;
}

export interface SqliteStoreOptions {
  /** A file path, or ':memory:' (tests). */
  filename: string;
  /** The fields queries may use (default: production's, queried-fields.ts); the port's own tests add theirs. */
  queriedFields?: QueriedFieldLists;
}

/**
 * Prepared statements by SQL text. Preparing is about a quarter of a card vote's store time (bench
 * profile), and the SQL texts are finite: values are always bound as `?`, and the only text that
 * varies is field paths from code (`assertFieldName`). The bound is a guard, not an expected size.
 */
class StatementCache {
  private readonly statements = new Map<string, Database.Statement>();

  constructor(
    private readonly db: Database.Database,
    private readonly maxSize = 1_000,
  ) {}

  get(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      if (this.statements.size >= this.maxSize) this.statements.clear();
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }
}

export class SqliteStore implements DocumentStore {
  readonly kind = 'sqlite' as const;
  private readonly db: Database.Database;
  private readonly collections = new Map<CollectionName, SqliteCollection>();
  private readonly statements: StatementCache;
  private readonly guard: QueriedFieldGuard;

  constructor(options: SqliteStoreOptions) {
    this.db = new Database(options.filename);
    if (options.filename !== ':memory:') this.db.pragma('journal_mode = WAL');
    // WAL + NORMAL: a commit is durable against a crash of the process (what the exactly-once ledger and
    // the crash tests rely on) and fsyncs only at checkpoints, which made the reminder scan ~30 % faster
    // (bench: 998 -> 729 ms for 4,000 meetings). An OS crash or power loss may roll back the last commits
    // (never corrupt the file); production runs on Cosmos DB, where this trade-off does not arise.
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('busy_timeout = 5000');
    // Deleted and overwritten content is zeroed, not just unlinked: a GDPR erasure rewrites a
    // person's documents, and their old bytes must not stay readable in the file (see compact()).
    this.db.pragma('secure_delete = ON');
    this.db.exec(SCHEMA);
    this.db.exec(rangeIndexes(options.queriedFields ?? PRODUCTION_QUERIED_FIELDS));
    this.statements = new StatementCache(this.db);
    this.guard = new QueriedFieldGuard(options.queriedFields);
  }

  /** The store file in `dataDir` (created if missing). */
  static open(dataDir: string, options: Omit<SqliteStoreOptions, 'filename'> = {}): SqliteStore {
    mkdirSync(dataDir, { recursive: true });
    return new SqliteStore({ ...options, filename: join(dataDir, SQLITE_FILE_NAME) });
  }

  static inMemory(options: Omit<SqliteStoreOptions, 'filename'> = {}): SqliteStore {
    return new SqliteStore({ ...options, filename: ':memory:' });
  }

  collection(name: CollectionName): Collection {
    let collection = this.collections.get(name);
    if (!collection) {
      collection = new SqliteCollection(this.db, this.statements, name, this.guard);
      this.collections.set(name, collection);
    }
    return collection;
  }

  async health(): Promise<StoreHealth> {
    try {
      this.db.prepare('SELECT 1').get();
      return { ok: true, kind: 'sqlite', detail: this.db.name };
    } catch (error) {
      return { ok: false, kind: 'sqlite', detail: (error as Error).message };
    }
  }

  /**
   * Copies every committed page from the write-ahead log into the database file and truncates the
   * log to zero bytes, so an erased person's old document versions remain in neither file.
   */
  async compact(): Promise<void> {
    this.db.pragma('wal_checkpoint(TRUNCATE)');
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}

class SqliteCollection implements Collection {
  constructor(
    private readonly db: Database.Database,
    private readonly statements: StatementCache,
    readonly name: CollectionName,
    private readonly queriedFields: QueriedFieldGuard,
  ) {}

  async read<T extends NewDocument>(pk: string, id: string): Promise<StoredDocument<T> | undefined> {
    return this.readNow<T>(pk, id);
  }

  async create<T extends NewDocument>(doc: T): Promise<StoredDocument<T>> {
    return this.createNow(doc);
  }

  async upsert<T extends NewDocument>(doc: T): Promise<StoredDocument<T>> {
    return this.upsertNow(doc);
  }

  async replace<T extends NewDocument>(doc: T, options?: { ifMatch?: string }): Promise<StoredDocument<T>> {
    return this.replaceNow(doc, options?.ifMatch);
  }

  async delete(pk: string, id: string, options?: { ifMatch?: string }): Promise<void> {
    this.deleteNow(pk, id, options?.ifMatch);
  }

  /**
   * Read, mutate and write in one IMMEDIATE transaction: the write lock is held from the read on,
   * so no other writer (this process or another) can slip in between; a retry is never needed.
   */
  async update<T extends NewDocument>(
    pk: string,
    id: string,
    mutate: Mutator<T>,
  ): Promise<StoredDocument<T>> {
    return this.db
      .transaction((): StoredDocument<T> => {
        const current = this.readNow<T>(pk, id);
        if (!current) throw new NotFoundError(this.name, pk, id);
        const next = mutate(current);
        if (next === undefined) return current;
        return this.replaceNow({ ...bodyOf(next), id, pk } as T, current.etag);
      })
      .immediate();
  }

  async query<T extends NewDocument>(
    pk: string,
    spec: QuerySpec,
    page?: PageRequest,
  ): Promise<Page<StoredDocument<T>>> {
    this.queriedFields.assert(spec);
    const limit = Math.max(1, page?.limit ?? 100);
    const { sql, params } = pageQuery(this.name, pk, spec, page?.continuation);
    const rows = this.statements.get(sql).all(...params, limit + 1) as OrderedRow[];
    const items = rows.slice(0, limit).map((row) => toStored<T>(row));
    const last = rows.length > limit ? rows[limit - 1] : undefined;
    return {
      items,
      continuation: last
        ? encodeToken(spec.orderBy ? { v: last.ov, i: last.id } : { i: last.id })
        : undefined,
    };
  }

  queryAll<T extends NewDocument>(pk: string, spec: QuerySpec): Promise<StoredDocument<T>[]> {
    return allPages((page) => this.query<T>(pk, spec, page));
  }

  /** Cross-partition, in pages of 500 by (pk, id); order is unspecified (spec.orderBy is ignored). */
  async *scan<T extends NewDocument>(spec: QuerySpec): AsyncIterable<StoredDocument<T>> {
    this.queriedFields.assert({ ...spec, orderBy: undefined });
    let after: { pk: string; id: string } | undefined;
    for (;;) {
      const { sql, params } = scanQuery(this.name, spec, after);
      const rows = this.statements.get(sql).all(...params) as (Row & { pk: string; id: string })[];
      for (const row of rows) yield toStored<T>(row);
      const last = rows[rows.length - 1];
      if (!last || rows.length < SCAN_PAGE_SIZE) return;
      after = { pk: last.pk, id: last.id };
    }
  }

  /** All operations in one transaction: the first failure rolls back everything before it. */
  async batch(pk: string, operations: BatchOperation[]): Promise<void> {
    for (const operation of operations) {
      if (operation.op !== 'delete' && operation.doc.pk !== pk) {
        throw new Error(`storage: batch on partition ${pk} got a document for partition ${operation.doc.pk}`);
      }
    }
    this.db
      .transaction(() => {
        for (const operation of operations) {
          switch (operation.op) {
            case 'create':
              this.createNow(operation.doc);
              break;
            case 'upsert':
              this.upsertNow(operation.doc);
              break;
            case 'replace':
              this.replaceNow(operation.doc, operation.ifMatch);
              break;
            case 'delete':
              this.deleteNow(pk, operation.id, operation.ifMatch);
              break;
          }
        }
      })
      .immediate();
  }

  private readNow<T extends NewDocument>(pk: string, id: string): StoredDocument<T> | undefined {
    const row = this.guard(() =>
      this.statements
        .get('SELECT etag, body FROM documents WHERE collection = ? AND pk = ? AND id = ?')
        .get(this.name, pk, id),
    ) as Row | undefined;
    return row ? toStored<T>(row) : undefined;
  }

  private createNow<T extends NewDocument>(doc: T): StoredDocument<T> {
    assertKey(doc);
    const body = bodyOf(doc);
    const etag = randomUUID();
    const result = this.guard(() =>
      this.statements
        .get(
          'INSERT INTO documents (collection, pk, id, type, etag, body) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING',
        )
        .run(this.name, doc.pk, doc.id, doc.type, etag, JSON.stringify(body)),
    );
    if (result.changes === 0) throw new AlreadyExistsError(this.name, doc.pk, doc.id);
    return { ...body, etag } as StoredDocument<T>;
  }

  private upsertNow<T extends NewDocument>(doc: T): StoredDocument<T> {
    assertKey(doc);
    const body = bodyOf(doc);
    const etag = randomUUID();
    this.guard(() =>
      this.statements
        .get(
          `INSERT INTO documents (collection, pk, id, type, etag, body) VALUES (?, ?, ?, ?, ?, ?)
           ON CONFLICT (collection, pk, id) DO UPDATE SET type = excluded.type, etag = excluded.etag, body = excluded.body`,
        )
        .run(this.name, doc.pk, doc.id, doc.type, etag, JSON.stringify(body)),
    );
    return { ...body, etag } as StoredDocument<T>;
  }

  private replaceNow<T extends NewDocument>(doc: T, ifMatch: string | undefined): StoredDocument<T> {
    assertKey(doc);
    const body = bodyOf(doc);
    const etag = randomUUID();
    const params: unknown[] = [doc.type, etag, JSON.stringify(body), this.name, doc.pk, doc.id];
    let sql = 'UPDATE documents SET type = ?, etag = ?, body = ? WHERE collection = ? AND pk = ? AND id = ?';
    if (ifMatch !== undefined) {
      sql += ' AND etag = ?';
      params.push(ifMatch);
    }
    const result = this.guard(() => this.statements.get(sql).run(...params));
    if (result.changes === 0) this.throwMissingOrStale(doc.pk, doc.id);
    return { ...body, etag } as StoredDocument<T>;
  }

  private deleteNow(pk: string, id: string, ifMatch: string | undefined): void {
    const params: unknown[] = [this.name, pk, id];
    let sql = 'DELETE FROM documents WHERE collection = ? AND pk = ? AND id = ?';
    if (ifMatch !== undefined) {
      sql += ' AND etag = ?';
      params.push(ifMatch);
    }
    const result = this.guard(() => this.statements.get(sql).run(...params));
    if (result.changes === 0) this.throwMissingOrStale(pk, id);
  }

  /** Cosmos answers 404 for a missing document even with ifMatch, 412 only when it exists. */
  private throwMissingOrStale(pk: string, id: string): never {
    const exists = this.statements
      .get('SELECT 1 FROM documents WHERE collection = ? AND pk = ? AND id = ?')
      .get(this.name, pk, id);
    if (exists) throw new PreconditionFailedError(this.name, pk, id);
    throw new NotFoundError(this.name, pk, id);
  }

  /** A closed or unreadable database is "unavailable", not a programming error. */
  private guard<R>(run: () => R): R {
    try {
      return run();
    } catch (error) {
      // Matched by message, not `instanceof TypeError`: the addon's TypeError may come from another realm.
      const message = (error as Error | undefined)?.message ?? '';
      if (/database connection is not open/i.test(message)) {
        throw new StoreUnavailableError(`sqlite: ${message}`);
      }
      const code = (error as { code?: string }).code;
      if (code === 'SQLITE_BUSY' || code === 'SQLITE_CANTOPEN' || code === 'SQLITE_IOERR') {
        throw new StoreUnavailableError(`sqlite: ${(error as Error).message}`);
      }
      throw error;
    }
  }
}

function toStored<T extends NewDocument>(row: Row): StoredDocument<T> {
  return { ...(JSON.parse(row.body) as T), etag: row.etag };
}
