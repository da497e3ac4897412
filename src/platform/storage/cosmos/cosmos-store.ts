/**
 * The production adapter: Azure Cosmos DB (NoSQL API) through @azure/cosmos v4.
 *
 * CONTAINER DESIGN (one container per CollectionName, partition key path `/pk`):
 * - `groups`    pk = <groupId>. Everything that belongs to one group (binding, memberships, meetings,
 *               proposals, hearings, votes, reports) is in one logical partition: a group's screens are
 *               single-partition queries and multi-document changes are transactional batches.
 * - `directory` pk = `channel:<channelId>`, `person:<personId>`, `groups`, `teams`. Lookup partitions
 *               for the hot paths: "which group is this channel?" and "what roles has this person?"
 *               are point reads / single-partition queries, never fan-out.
 * - `schedule`  pk = `ledger` / `lease` (and the jobs' own pks): the scheduler's create-once ledger
 *               and its runner lease (etag-guarded).
 * - `audit`     pk = `audit:YYYY-MM`: append-only, bounded partitions, exports by period.
 * `scan` (cross-partition) is for background jobs only.
 *
 * Semantics mapping: 409 -> AlreadyExistsError, 412 -> PreconditionFailedError, 404 ->
 * NotFoundError; ifMatch -> accessCondition IfMatch; paging -> maxItemCount + continuationToken with
 * fetchNext (never OFFSET/LIMIT, whose cost grows with the offset); batch -> items.batch (at most
 * 100 operations, one partition). Every response's requestCharge goes to the RequestChargeRecorder.
 *
 * ORDER BY: a sort on field f is issued as `ORDER BY c.f, c.id` (stable ties) only for fields that
 * have a composite index (`orderByFields`, set on the containers when they are created); any other
 * field is sorted on f alone (Cosmos refuses a two-field ORDER BY without a composite index) and
 * ties come in the server's order. Add a field to DEFAULT_ORDER_BY_FIELDS when a repository sorts on it.
 */
import type { Agent } from 'node:https';
import { CosmosClient } from '@azure/cosmos';
import type { Container, Database, ItemDefinition, OperationResponse } from '@azure/cosmos';
import { DefaultAzureCredential } from '@azure/identity';
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
  RequestChargeRecorder,
  StoreHealth,
  StoredDocument,
  UpdateOptions,
} from '../port';
import { allPages, assertKey, bodyOf, optimisticUpdate } from '../internal';
import { InMemoryRequestChargeRecorder } from '../request-charges';
import { batchOperationId, toBatchInputs } from './cosmos-batch';
import { toSqlQuery } from './cosmos-query';
import { indexingPolicyFor } from './indexing-policy';
import { PRODUCTION_QUERIED_FIELDS, QueriedFieldGuard, type QueriedFieldLists } from '../queried-fields';
import {
  batchShapeOf,
  bytesOf,
  chargeOfResponse,
  deleteShape,
  estimateRequestUnits,
  queryShapeOf,
  refused,
  writeShapeOf,
  type RequestShape,
} from './cosmos-request-shapes';

export { InMemoryRequestChargeRecorder };

export const COLLECTIONS: readonly CollectionName[] = ['groups', 'directory', 'schedule', 'audit'];

/** Fields repositories sort on; each gets a composite index (field, id) in both directions. */
export const DEFAULT_ORDER_BY_FIELDS = [
  'startsAt',
  'submittedAt',
  'createdAt',
  'claimedAt',
  'dueAt',
  'termStart',
  'at',
  'castAt',
];

export interface CosmosStoreOptions {
  endpoint: string;
  /** Account key (local development / tests). Without it: DefaultAzureCredential (managed identity). */
  key?: string;
  databaseName: string;
  /** Prepended to every container name, e.g. "test-" (default none). */
  containerPrefix?: string;
  /** Tests only: an https agent that accepts the local server's self-signed certificate. */
  agent?: Agent;
  requestCharges?: RequestChargeRecorder;
  orderByFields?: string[];
  /** The fields queries may use (default: production's, queried-fields.ts); the port's own tests add theirs. */
  queriedFields?: QueriedFieldLists;
}

/** Reads the options from the environment (COSMOS_ENDPOINT, COSMOS_KEY, COSMOS_DATABASE, COSMOS_CONTAINER_PREFIX). */
export function cosmosOptionsFromEnv(env: NodeJS.ProcessEnv): CosmosStoreOptions {
  const endpoint = env.COSMOS_ENDPOINT;
  if (!endpoint) throw new Error('COSMOS_ENDPOINT is not set');
  return {
    endpoint,
    key: env.COSMOS_KEY || undefined,
    databaseName: env.COSMOS_DATABASE || 'fki-governance',
    containerPrefix: env.COSMOS_CONTAINER_PREFIX || '',
  };
}

interface CosmosError {
  code?: number | string;
  statusCode?: number;
  headers?: Record<string, unknown>;
  message?: string;
}

const SYSTEM_FIELDS = ['_rid', '_self', '_etag', '_attachments', '_ts', '_lsn'];

function toStored<T extends NewDocument>(resource: ItemDefinition & { _etag?: string }): StoredDocument<T> {
  const doc: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(resource))
    if (!SYSTEM_FIELDS.includes(field)) doc[field] = value;
  return { ...(doc as T), etag: String(resource._etag) };
}

function statusOf(error: unknown): number | undefined {
  const { code, statusCode } = (error ?? {}) as CosmosError;
  if (typeof code === 'number') return code;
  return typeof statusCode === 'number' ? statusCode : undefined;
}

function chargeOf(error: unknown): number {
  const header = (error as CosmosError)?.headers?.['x-ms-request-charge'];
  return Number(header ?? 0) || 0;
}

export class CosmosStore implements DocumentStore {
  readonly kind = 'cosmos' as const;
  private readonly collections = new Map<CollectionName, CosmosCollection>();

  private constructor(
    private readonly client: CosmosClient,
    private readonly database: Database,
    containers: Map<CollectionName, Container>,
    recorder: RequestChargeRecorder,
    orderByFields: string[],
    guard: QueriedFieldGuard,
  ) {
    for (const [name, container] of containers) {
      this.collections.set(
        name,
        new CosmosCollection(name, container, recorder, new Set(orderByFields), guard),
      );
    }
  }

  /** Connects and creates the database and the four containers if they do not exist. */
  static async connect(options: CosmosStoreOptions): Promise<CosmosStore> {
    const client = new CosmosClient({
      endpoint: options.endpoint,
      ...(options.key ? { key: options.key } : { aadCredentials: new DefaultAzureCredential() }),
      ...(options.agent ? { agent: options.agent } : {}),
      connectionPolicy: { enableEndpointDiscovery: false },
    });
    const recorder = options.requestCharges ?? { record: () => undefined };
    const orderByFields = options.orderByFields ?? DEFAULT_ORDER_BY_FIELDS;
    const queriedFields = options.queriedFields ?? PRODUCTION_QUERIED_FIELDS;
    try {
      const { database } = await client.databases.createIfNotExists({ id: options.databaseName });
      const containers = new Map<CollectionName, Container>();
      for (const name of COLLECTIONS) {
        const { container } = await database.containers.createIfNotExists({
          id: `${options.containerPrefix ?? ''}${name}`,
          partitionKey: { paths: ['/pk'] },
          indexingPolicy: indexingPolicyFor(orderByFields, queriedFields),
        });
        containers.set(name, container);
      }
      const guard = new QueriedFieldGuard(queriedFields);
      return new CosmosStore(client, database, containers, recorder, orderByFields, guard);
    } catch (error) {
      client.dispose();
      throw new StoreUnavailableError(
        `cosmos: cannot open database ${options.databaseName}: ${(error as Error).message}`,
      );
    }
  }

  collection(name: CollectionName): Collection {
    const collection = this.collections.get(name);
    if (!collection) throw new Error(`cosmos: unknown collection ${name}`);
    return collection;
  }

  async health(): Promise<StoreHealth> {
    try {
      await this.database.read();
      return { ok: true, kind: 'cosmos', detail: this.database.id };
    } catch (error) {
      return { ok: false, kind: 'cosmos', detail: (error as Error).message };
    }
  }

  /** Nothing to do: Cosmos DB keeps no old document versions the app could read back. */
  async compact(): Promise<void> {}

  async close(): Promise<void> {
    this.client.dispose();
  }
}

class CosmosCollection implements Collection {
  constructor(
    readonly name: CollectionName,
    private readonly container: Container,
    private readonly recorder: RequestChargeRecorder,
    private readonly orderByFields: Set<string>,
    private readonly guard: QueriedFieldGuard,
  ) {}

  async read<T extends NewDocument>(pk: string, id: string): Promise<StoredDocument<T> | undefined> {
    const response = await this.call(
      'read',
      pk,
      id,
      () => this.container.item(id, pk).read<T>(),
      (found) => ({ kind: 'read', bytes: bytesOf(found?.resource) }),
      true,
    );
    return response?.resource ? toStored<T>(response.resource) : undefined;
  }

  async create<T extends NewDocument>(doc: T): Promise<StoredDocument<T>> {
    assertKey(doc);
    const response = await this.call(
      'create',
      doc.pk,
      doc.id,
      () => this.container.items.create(bodyOf(doc)),
      writeShapeOf,
    );
    return toStored<T>(response.resource as ItemDefinition);
  }

  async upsert<T extends NewDocument>(doc: T): Promise<StoredDocument<T>> {
    assertKey(doc);
    const response = await this.call(
      'upsert',
      doc.pk,
      doc.id,
      () => this.container.items.upsert(bodyOf(doc)),
      writeShapeOf,
    );
    return toStored<T>(response.resource as ItemDefinition);
  }

  async replace<T extends NewDocument>(doc: T, options?: { ifMatch?: string }): Promise<StoredDocument<T>> {
    assertKey(doc);
    const response = await this.call(
      'replace',
      doc.pk,
      doc.id,
      () => this.container.item(doc.id, doc.pk).replace(bodyOf(doc), ifMatchOption(options?.ifMatch)),
      writeShapeOf,
    );
    return toStored<T>(response.resource as ItemDefinition);
  }

  async delete(pk: string, id: string, options?: { ifMatch?: string }): Promise<void> {
    await this.call(
      'delete',
      pk,
      id,
      () => this.container.item(id, pk).delete(ifMatchOption(options?.ifMatch)),
      deleteShape,
    );
  }

  async update<T extends NewDocument>(
    pk: string,
    id: string,
    mutate: Mutator<T>,
    options?: UpdateOptions,
  ): Promise<StoredDocument<T>> {
    return optimisticUpdate(this.name, pk, id, mutate, options, {
      read: () => this.read<T>(pk, id),
      replace: (doc, ifMatch) => this.replace(doc, { ifMatch }),
    });
  }

  async query<T extends NewDocument>(
    pk: string,
    spec: QuerySpec,
    page?: PageRequest,
  ): Promise<Page<StoredDocument<T>>> {
    this.guard.assert(spec);
    const iterator = this.container.items.query<ItemDefinition>(toSqlQuery(spec, this.orderByFields, pk), {
      partitionKey: pk,
      maxItemCount: Math.max(1, page?.limit ?? 100),
      continuationToken: page?.continuation,
    });
    const response = await this.call('query', pk, '*', () => iterator.fetchNext(), queryShapeOf);
    return {
      items: response.resources.map((resource) => toStored<T>(resource)),
      continuation: response.continuationToken || undefined,
    };
  }

  queryAll<T extends NewDocument>(pk: string, spec: QuerySpec): Promise<StoredDocument<T>[]> {
    return allPages((page) => this.query<T>(pk, spec, page));
  }

  /** Cross-partition (fan-out): background jobs only. Order is unspecified (spec.orderBy ignored). */
  async *scan<T extends NewDocument>(spec: QuerySpec): AsyncIterable<StoredDocument<T>> {
    this.guard.assert({ ...spec, orderBy: undefined });
    const iterator = this.container.items.query<ItemDefinition>(
      toSqlQuery({ ...spec, orderBy: undefined }, this.orderByFields),
      {
        maxItemCount: 500,
      },
    );
    while (iterator.hasMoreResults()) {
      const response = await this.call('scan', '*', '*', () => iterator.fetchNext(), queryShapeOf);
      for (const resource of response.resources) yield toStored<T>(resource);
    }
  }

  /** Transactional batch: Cosmos executes all operations or none. */
  async batch(pk: string, operations: BatchOperation[]): Promise<void> {
    if (operations.length === 0) return;
    const inputs = toBatchInputs(pk, operations);
    const response = await this.call(
      'batch',
      pk,
      '*',
      () => this.container.items.batch(inputs, pk),
      () => batchShapeOf(operations),
    );
    const results: OperationResponse[] = response.result ?? [];
    const failedAt = results.findIndex((result) => result.statusCode >= 400 && result.statusCode !== 424);
    if (failedAt >= 0) {
      const id = batchOperationId(operations[failedAt] as BatchOperation);
      throw (
        this.mapError((results[failedAt] as { statusCode: number }).statusCode, pk, id) ??
        new Error(`cosmos: batch failed`)
      );
    }
    if (response.code !== undefined && response.code >= 400) {
      throw (
        this.mapError(response.code, pk, '*') ??
        new Error(`cosmos: batch failed with status ${response.code}`)
      );
    }
  }

  private mapError(status: number | undefined, pk: string, id: string): Error | undefined {
    if (status === 409) return new AlreadyExistsError(this.name, pk, id);
    if (status === 412) return new PreconditionFailedError(this.name, pk, id);
    if (status === 404) return new NotFoundError(this.name, pk, id);
    return undefined;
  }

  /** Runs one request, records its charge and maps errors to the port's error classes. */
  private async call<R extends object>(
    operation: string,
    pk: string,
    id: string,
    run: () => Promise<R>,
    shapeOf: (response: R | undefined) => RequestShape,
    notFoundIsUndefined = false,
  ): Promise<R> {
    let response: R;
    try {
      response = await run();
    } catch (error) {
      this.recorder.record(operation, this.name, chargeOf(error), () =>
        estimateRequestUnits(statusOf(error) === 404 && notFoundIsUndefined ? shapeOf(undefined) : refused),
      );
      const status = statusOf(error);
      if (status === 404 && notFoundIsUndefined) return undefined as unknown as R;
      const mapped = this.mapError(status, pk, id);
      if (mapped) throw mapped;
      if (status === undefined || status >= 500 || status === 429 || status === 408) {
        throw new StoreUnavailableError(`cosmos ${operation} ${this.name}: ${(error as Error).message}`);
      }
      throw error;
    }
    this.recorder.record(operation, this.name, chargeOfResponse(response), () =>
      estimateRequestUnits(shapeOf(response)),
    );
    return response;
  }
}

function ifMatchOption(ifMatch: string | undefined) {
  return ifMatch === undefined ? undefined : { accessCondition: { type: 'IfMatch', condition: ifMatch } };
}
