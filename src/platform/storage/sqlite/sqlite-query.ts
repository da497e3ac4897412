/**
 * How the SQLite adapter translates a QuerySpec into SQL over the `documents` table: typed JSON
 * equality tests, the id-prefix range, and keyset paging on (order value, id). Only field paths from
 * code (checked by `assertFieldName`) are spliced into the text; every value is bound as `?`.
 */
import type { FieldValue, QuerySpec } from '../port';
import { assertFieldName, decodeToken } from '../internal';

/** What a continuation token carries: the (order value, id) of the last row served. */
export interface Cursor {
  v?: unknown;
  i: string;
}

/** A SELECT and its bound values; a page query still takes the row limit as its last parameter. */
export interface SqlQuery {
  sql: string;
  params: unknown[];
}

function jsonPath(field: string): string {
  return `$.${assertFieldName(field)}`;
}

/** A typed equality test against a JSON value, so `true` never matches `1` and `null` only matches null. */
function valueTest(typeExpr: string, valueExpr: string, value: FieldValue, params: unknown[]): string {
  if (value === null) return `${typeExpr} = 'null'`;
  if (typeof value === 'boolean') return `${typeExpr} = '${value ? 'true' : 'false'}'`;
  if (typeof value === 'number') {
    params.push(value);
    return `(${typeExpr} IN ('integer', 'real') AND ${valueExpr} = ?)`;
  }
  params.push(value);
  return `(${typeExpr} = 'text' AND ${valueExpr} = ?)`;
}

/**
 * The smallest string above every string that starts with `prefix`, in SQLite's default (binary
 * UTF-8) order, which is code point order: the prefix with its last code point raised by one (a
 * last code point that cannot be raised is dropped and the one before it raised). Undefined when
 * no such string exists (the prefix is all U+10FFFF): then every string from the prefix on matches.
 */
export function prefixUpperBound(prefix: string): string | undefined {
  const codePoints = [...prefix].map((char) => char.codePointAt(0)!);
  while (codePoints.length > 0) {
    const last = codePoints.pop()!;
    if (last < 0x10ffff) {
      // Surrogate code points cannot be stored (they would become U+FFFD): skip past them.
      const raised = last + 1 >= 0xd800 && last + 1 <= 0xdfff ? 0xe000 : last + 1;
      return String.fromCodePoint(...codePoints, raised);
    }
  }
  return undefined;
}

/** WHERE clauses for a QuerySpec (without the partition condition). */
function filterClauses(spec: QuerySpec, params: unknown[]): string[] {
  const clauses: string[] = [];
  if (spec.idPrefix !== undefined) {
    if (spec.idPrefix === '') throw new Error('storage: idPrefix must not be empty');
    // A range, not LIKE/GLOB: it uses the (collection, pk, id) key and needs no escaping.
    clauses.push('id >= ?');
    params.push(spec.idPrefix);
    const upper = prefixUpperBound(spec.idPrefix);
    if (upper !== undefined) {
      clauses.push('id < ?');
      params.push(upper);
    }
  }
  if (spec.type !== undefined) {
    clauses.push('type = ?');
    params.push(spec.type);
  }
  for (const [field, value] of Object.entries(spec.where ?? {})) {
    const path = jsonPath(field);
    clauses.push(valueTest(`json_type(body, '${path}')`, `json_extract(body, '${path}')`, value, params));
  }
  if (spec.range) clauses.push(...rangeClauses(spec.range, params));
  if (spec.arrayContains) {
    const path = jsonPath(spec.arrayContains.field);
    const test = valueTest('element.type', 'element.value', spec.arrayContains.value, params);
    clauses.push(
      `(json_type(body, '${path}') = 'array' AND EXISTS (SELECT 1 FROM json_each(body, '${path}') AS element WHERE ${test}))`,
    );
  }
  return clauses;
}

/**
 * A range on a JSON field, written as the expression of its index (sqlite-store.ts creates one per
 * RANGE_FIELDS entry) so SQLite answers it from the index. Typed: a string bound only matches
 * strings, a number bound numbers.
 */
function rangeClauses(range: NonNullable<QuerySpec['range']>, params: unknown[]): string[] {
  const expr = `json_extract(body, '${jsonPath(range.field)}')`;
  const clauses: string[] = [];
  const sample = range.from ?? range.to;
  if (sample === undefined) return clauses;
  clauses.push(
    typeof sample === 'number'
      ? `json_type(body, '${jsonPath(range.field)}') IN ('integer', 'real')`
      : `json_type(body, '${jsonPath(range.field)}') = 'text'`,
  );
  if (range.from !== undefined) {
    clauses.push(`${expr} >= ?`);
    params.push(range.from);
  }
  if (range.to !== undefined) {
    clauses.push(`${expr} <= ?`);
    params.push(range.to);
  }
  return clauses;
}

/**
 * Keyset condition "strictly after the cursor" in (order value, id) order. SQLite sorts NULL (a
 * missing field) first ascending and last descending, and compares across types in a fixed
 * order, which is exactly the order ORDER BY produced.
 */
function afterCursor(
  orderExpr: string | undefined,
  descending: boolean,
  cursor: Cursor,
  params: unknown[],
): string {
  const idOp = descending ? '<' : '>';
  if (orderExpr === undefined) {
    params.push(cursor.i);
    return `id > ?`;
  }
  const value = cursor.v ?? null;
  if (value === null) {
    params.push(cursor.i);
    return descending
      ? `(${orderExpr} IS NULL AND id < ?)`
      : `((${orderExpr} IS NULL AND id > ?) OR ${orderExpr} IS NOT NULL)`;
  }
  params.push(value, value, cursor.i);
  const valueOp = descending ? '<' : '>';
  const nullsAfter = descending ? ` OR ${orderExpr} IS NULL` : '';
  return `(${orderExpr} ${valueOp} ? OR (${orderExpr} = ? AND id ${idOp} ?)${nullsAfter})`;
}

/**
 * One page of a single-partition query, resuming after `continuation`. Each row carries its order
 * value as `ov` so the next continuation can be cut from the last row served.
 */
export function pageQuery(
  collection: string,
  pk: string,
  spec: QuerySpec,
  continuation: string | undefined,
): SqlQuery {
  const params: unknown[] = [collection, pk];
  const clauses = ['collection = ?', 'pk = ?', ...filterClauses(spec, params)];
  const descending = spec.orderBy?.direction === 'DESC';
  const orderExpr = spec.orderBy ? `json_extract(body, '${jsonPath(spec.orderBy.field)}')` : 'NULL';
  const cursor = continuation ? decodeToken<Cursor>(continuation) : undefined;
  if (cursor) clauses.push(afterCursor(spec.orderBy ? orderExpr : undefined, descending, cursor, params));
  const direction = descending ? 'DESC' : 'ASC';
  const orderClause = spec.orderBy ? `${orderExpr} ${direction}, id ${direction}` : 'id ASC';
  return {
    sql: `SELECT id, etag, body, ${orderExpr} AS ov FROM documents WHERE ${clauses.join(' AND ')} ORDER BY ${orderClause} LIMIT ?`,
    params,
  };
}

/** Rows per cross-partition scan page. */
export const SCAN_PAGE_SIZE = 500;

/** One page of a cross-partition scan, in (pk, id) order after `after`. */
export function scanQuery(
  collection: string,
  spec: QuerySpec,
  after: { pk: string; id: string } | undefined,
): SqlQuery {
  const params: unknown[] = [collection];
  const clauses = ['collection = ?', ...filterClauses(spec, params)];
  if (after) {
    clauses.push('(pk > ? OR (pk = ? AND id > ?))');
    params.push(after.pk, after.pk, after.id);
  }
  return {
    sql: `SELECT pk, id, etag, body FROM documents WHERE ${clauses.join(' AND ')} ORDER BY pk, id LIMIT ${SCAN_PAGE_SIZE}`,
    params,
  };
}
