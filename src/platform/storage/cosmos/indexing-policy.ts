/**
 * The containers' indexing policy: only the paths the queries use (queried-fields.ts) are
 * indexed, with a composite index per sorted field so ORDER BY f, id is stable. Cosmos's default
 * indexes every path of every document, which makes each write pay for index terms of text,
 * comments and votes that no query reads. The Bicep file loads the same policy from
 * infra/cosmos-indexing-policy.json; a test keeps the two equal.
 */
import type { IndexingPolicy } from '@azure/cosmos';
import { assertFieldName } from '../internal';
import { indexedFieldsOf, PRODUCTION_QUERIED_FIELDS, type QueriedFieldLists } from '../queried-fields';

export function indexingPolicyFor(
  orderByFields: readonly string[],
  queried: QueriedFieldLists = PRODUCTION_QUERIED_FIELDS,
): IndexingPolicy {
  return {
    indexingMode: 'consistent',
    automatic: true,
    includedPaths: [
      { path: '/pk/?' },
      ...indexedFieldsOf(queried).map((field) => ({ path: `/${assertFieldName(field)}/?` })),
      ...queried.arrayFields.map((field) => ({ path: `/${assertFieldName(field)}/[]/?` })),
    ],
    excludedPaths: [{ path: '/*' }, { path: '/"_etag"/?' }],
    compositeIndexes: orderByFields.flatMap((field) => [
      [
        { path: `/${assertFieldName(field)}`, order: 'ascending' as const },
        { path: '/id', order: 'ascending' as const },
      ],
      [
        { path: `/${field}`, order: 'descending' as const },
        { path: '/id', order: 'descending' as const },
      ],
    ]),
  };
}
