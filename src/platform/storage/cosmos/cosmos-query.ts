/**
 * How the Cosmos adapter translates a QuerySpec into Cosmos SQL. Values are always bound as
 * parameters; only field paths from code (checked by `assertFieldName`) are spliced into the text.
 */
import type { SqlParameter, SqlQuerySpec } from '@azure/cosmos';
import type { QuerySpec } from '../port';
import { assertFieldName } from '../internal';

/**
 * The query for `spec`, restricted to partition `pk` when given. A sort on a field with a composite
 * index (`orderByFields`) breaks ties by id; any other field is sorted alone, because Cosmos refuses
 * a two-field ORDER BY without a composite index.
 */
export function toSqlQuery(spec: QuerySpec, orderByFields: ReadonlySet<string>, pk?: string): SqlQuerySpec {
  const parameters: SqlParameter[] = [];
  const where: string[] = [];
  const bind = (value: unknown) => {
    const name = `@p${parameters.length}`;
    parameters.push({ name, value: value as SqlParameter['value'] });
    return name;
  };
  // Redundant with the partitionKey option, but keeps the query honest on any server.
  if (pk !== undefined) where.push(`c.pk = ${bind(pk)}`);
  if (spec.type !== undefined) where.push(`c.type = ${bind(spec.type)}`);
  if (spec.idPrefix !== undefined) {
    if (spec.idPrefix === '') throw new Error('storage: idPrefix must not be empty');
    where.push(`STARTSWITH(c.id, ${bind(spec.idPrefix)})`);
  }
  for (const [field, value] of Object.entries(spec.where ?? {}))
    where.push(`c.${assertFieldName(field)} = ${bind(value)}`);
  if (spec.arrayContains)
    where.push(
      `ARRAY_CONTAINS(c.${assertFieldName(spec.arrayContains.field)}, ${bind(spec.arrayContains.value)})`,
    );
  if (spec.range) {
    const field = assertFieldName(spec.range.field);
    if (spec.range.from !== undefined) where.push(`c.${field} >= ${bind(spec.range.from)}`);
    if (spec.range.to !== undefined) where.push(`c.${field} <= ${bind(spec.range.to)}`);
  }
  let query = `SELECT * FROM c${where.length > 0 ? ` WHERE ${where.join(' AND ')}` : ''}`;
  if (spec.orderBy) {
    const field = assertFieldName(spec.orderBy.field);
    const direction = spec.orderBy.direction === 'DESC' ? 'DESC' : 'ASC';
    query +=
      field !== 'id' && orderByFields.has(field)
        ? ` ORDER BY c.${field} ${direction}, c.id ${direction}`
        : ` ORDER BY c.${field} ${direction}`;
  }
  return { query, parameters };
}
