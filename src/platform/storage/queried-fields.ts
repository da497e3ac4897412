/**
 * The fields any query filters or sorts on, in one list both stores hold every query to. The
 * Cosmos containers index only these paths (cosmos/indexing-policy.ts, infra/cosmos-indexing-policy.json):
 * every other property is left out of the index, so a write pays for the index terms the queries
 * use and no others. A query on a field missing here fails on both stores, so the first test of a
 * new query names the field to add rather than production scanning a partition unindexed.
 * `id` (the key) and `pk` (the partition) are always usable.
 */
import type { QuerySpec } from './port';

/** Top-level fields used in `where` equality filters and in `orderBy`. */
export const QUERIED_FIELDS: readonly string[] = [
  'type',
  'status',
  'meetingId',
  'hearingId',
  'initiativeId',
  'proposerId',
  'voterId',
  'submittedBy',
  'createdBy',
  'startsAt',
  'meetingStartsAt',
  'submittedAt',
  'createdAt',
  'claimedAt',
  'dueAt',
  'termStart',
  'at',
  'castAt',
  'code',
  'title',
  'year',
];

/** Top-level array fields used in `arrayContains`. */
export const QUERIED_ARRAY_FIELDS: readonly string[] = [];

/** The fields a store lets queries use; tests of the storage port itself add their own. */
export interface QueriedFieldLists {
  fields: readonly string[];
  arrayFields: readonly string[];
}

export const PRODUCTION_QUERIED_FIELDS: QueriedFieldLists = {
  fields: QUERIED_FIELDS,
  arrayFields: QUERIED_ARRAY_FIELDS,
};

const ALWAYS_USABLE = ['id', 'pk'];

/** Holds every query of a store to its lists. */
export class QueriedFieldGuard {
  private readonly fields: ReadonlySet<string>;
  private readonly arrayFields: ReadonlySet<string>;

  constructor(lists: QueriedFieldLists = PRODUCTION_QUERIED_FIELDS) {
    this.fields = new Set([...ALWAYS_USABLE, ...lists.fields]);
    this.arrayFields = new Set(lists.arrayFields);
  }

  /** Throws, naming the field and this file, when `spec` uses a field the index leaves out. */
  assert(spec: QuerySpec): void {
    const used = [...Object.keys(spec.where ?? {}), ...(spec.orderBy ? [spec.orderBy.field] : [])];
    for (const field of used) if (!this.fields.has(field)) throw notIndexed(field, 'QUERIED_FIELDS');
    if (spec.arrayContains && !this.arrayFields.has(spec.arrayContains.field)) {
      throw notIndexed(spec.arrayContains.field, 'QUERIED_ARRAY_FIELDS');
    }
  }
}

function notIndexed(field: string, list: string): Error {
  return new Error(
    `storage: a query uses "${field}", which the Cosmos index leaves out: add it to ${list} in src/platform/storage/queried-fields.ts`,
  );
}
