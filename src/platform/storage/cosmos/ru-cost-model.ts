/**
 * What a Cosmos request would cost on the real service, from Cosmos DB's published cost model
 * ("Understand request unit consumption", learn.microsoft.com/azure/cosmos-db/understand-request-unit-consumption:
 * a point read of 1 KB is 1 RU, a write of 1 KB about 5 RU with the default indexing policy, both
 * growing with the item's size as in the table below). The local Cosmos server charges 1 RU per
 * request whatever it does, so the bench prints this estimate beside the operation counts.
 *
 * Assumptions where the published figures are silent (said in the README's performance section):
 * - replace, upsert and delete cost what a create of the same size costs (each rewrites the item's
 *   index terms); a delete's size is unknown to the client and taken as 1 KB;
 * - a query costs a fixed 2.3 RU (the service's least charge for a query: compiling it and one
 *   index seek) plus the point-read cost of every item it returns;
 * - a refused request (404, 409, 412) costs a 1 KB point read;
 * - a transactional batch costs the sum of its operations.
 */

/** One request as the cost model sees it. */
export type RequestShape =
  | { kind: 'read'; bytes: number }
  | { kind: 'write'; bytes: number }
  | { kind: 'query'; returnedBytes: readonly number[] }
  | { kind: 'refused' }
  | { kind: 'batch'; operations: readonly RequestShape[] };

/** Item size in KB → RU, session consistency, default indexing (the published table). */
const READ_BY_KB: readonly (readonly [number, number])[] = [
  [1, 1.0],
  [2, 1.04],
  [4, 1.14],
  [8, 1.33],
  [16, 1.67],
  [32, 2.19],
  [64, 4.76],
  [128, 9.95],
  [256, 20.28],
  [512, 40.95],
  [1024, 145.9],
  [2048, 291.8],
];

const WRITE_BY_KB: readonly (readonly [number, number])[] = [
  [1, 4.95],
  [2, 6.29],
  [4, 6.67],
  [8, 7.04],
  [16, 9.52],
  [32, 11.23],
  [64, 22.67],
  [128, 48.19],
  [256, 98.29],
  [512, 184.57],
  [1024, 625.0],
  [2048, 1250.0],
];

const QUERY_BASE_RU = 2.3;
const ASSUMED_DELETE_BYTES = 1024;

export function estimateRequestUnits(shape: RequestShape): number {
  switch (shape.kind) {
    case 'read':
      return interpolate(READ_BY_KB, shape.bytes);
    case 'write':
      return interpolate(WRITE_BY_KB, shape.bytes);
    case 'query':
      return shape.returnedBytes.reduce((sum, bytes) => sum + interpolate(READ_BY_KB, bytes), QUERY_BASE_RU);
    case 'refused':
      return interpolate(READ_BY_KB, 1024);
    case 'batch':
      return shape.operations.reduce((sum, operation) => sum + estimateRequestUnits(operation), 0);
  }
}

/** The size the model assumes for a delete, whose item the client does not have. */
export function deleteShape(): RequestShape {
  return { kind: 'write', bytes: ASSUMED_DELETE_BYTES };
}

/** Linear between the table's points; 1 KB and below cost the 1 KB figure, beyond 2 MB grows linearly. */
function interpolate(table: readonly (readonly [number, number])[], bytes: number): number {
  const kb = Math.max(1, bytes / 1024);
  const [firstKb, firstRu] = table[0] as readonly [number, number];
  if (kb <= firstKb) return firstRu;
  for (let index = 1; index < table.length; index += 1) {
    const [upperKb, upperRu] = table[index] as readonly [number, number];
    const [lowerKb, lowerRu] = table[index - 1] as readonly [number, number];
    if (kb <= upperKb) return lowerRu + ((upperRu - lowerRu) * (kb - lowerKb)) / (upperKb - lowerKb);
  }
  const [lastKb, lastRu] = table[table.length - 1] as readonly [number, number];
  return (lastRu * kb) / lastKb;
}
