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
  'requestedAt',
  // The due-scan's meeting index (src/features/meetings/meeting-due-index.ts); a range field.
  'nextDueAt',
];

/** Top-level array fields used in `arrayContains`. */
export const QUERIED_ARRAY_FIELDS: readonly string[] = [];

/** Top-level fields used in `range` (each gets its own index on SQLite, a range index on Cosmos). */
export const RANGE_FIELDS: readonly string[] = ['startsAt', 'nextDueAt'];

/** The fields a store lets queries use; tests of the storage port itself add their own. */
export interface QueriedFieldLists {
  fields: readonly string[];
  arrayFields: readonly string[];
  rangeFields?: readonly string[];
}

export const PRODUCTION_QUERIED_FIELDS: QueriedFieldLists = {
  fields: QUERIED_FIELDS,
  arrayFields: QUERIED_ARRAY_FIELDS,
  rangeFields: RANGE_FIELDS,
};

const ALWAYS_USABLE = ['id', 'pk'];

/** Holds every query of a store to its lists. */
export class QueriedFieldGuard {
  private readonly fields: ReadonlySet<string>;
  private readonly arrayFields: ReadonlySet<string>;
  private readonly rangeFields: ReadonlySet<string>;

  constructor(lists: QueriedFieldLists = PRODUCTION_QUERIED_FIELDS) {
    this.fields = new Set([...ALWAYS_USABLE, ...lists.fields, ...(lists.rangeFields ?? [])]);
    this.arrayFields = new Set(lists.arrayFields);
    this.rangeFields = new Set(lists.rangeFields ?? []);
  }

  /** Throws, naming the field and this file, when `spec` uses a field the index leaves out. */
  assert(spec: QuerySpec): void {
    const used = [...Object.keys(spec.where ?? {}), ...(spec.orderBy ? [spec.orderBy.field] : [])];
    for (const field of used) if (!this.fields.has(field)) throw notIndexed(field, 'QUERIED_FIELDS');
    if (spec.arrayContains && !this.arrayFields.has(spec.arrayContains.field)) {
      throw notIndexed(spec.arrayContains.field, 'QUERIED_ARRAY_FIELDS');
    }
    if (spec.range) {
      if (!this.rangeFields.has(spec.range.field)) throw notIndexed(spec.range.field, 'RANGE_FIELDS');
      const { from, to } = spec.range;
      if (from !== undefined && to !== undefined && typeof from !== typeof to) {
        throw new Error(`storage: a range on "${spec.range.field}" has bounds of two types`);
      }
    }
  }
}

function notIndexed(field: string, list: string): Error {
  return new Error(
    `storage: a query uses "${field}", which the Cosmos index leaves out: add it to ${list} in src/platform/storage/queried-fields.ts`,
  );
}

/** Every field the index must hold for `lists`, each once, in list order. */
export function indexedFieldsOf(lists: QueriedFieldLists): string[] {
  return [...new Set([...lists.fields, ...(lists.rangeFields ?? [])])];
}
