/** What each Cosmos request of the adapter cost and is, for the cost model (ru-cost-model.ts). */
import type { BatchOperation } from '../port';
import { bodyOf } from '../internal';
import { deleteShape, type RequestShape } from './ru-cost-model';

export { deleteShape, estimateRequestUnits, type RequestShape } from './ru-cost-model';

export const refused: RequestShape = { kind: 'refused' };

/** The size of an item as the service stores it (its JSON, system properties included). */
export function bytesOf(resource: unknown): number {
  return resource === undefined ? 0 : Buffer.byteLength(JSON.stringify(resource), 'utf8');
}

export function writeShapeOf(response: { resource?: unknown } | undefined): RequestShape {
  return { kind: 'write', bytes: bytesOf(response?.resource) };
}

export function queryShapeOf(response: { resources?: readonly unknown[] } | undefined): RequestShape {
  return { kind: 'query', returnedBytes: (response?.resources ?? []).map(bytesOf) };
}

export function batchShapeOf(operations: readonly BatchOperation[]): RequestShape {
  return {
    kind: 'batch',
    operations: operations.map((operation) =>
      operation.op === 'delete' ? deleteShape() : { kind: 'write', bytes: bytesOf(bodyOf(operation.doc)) },
    ),
  };
}

/** Item/feed responses carry `requestCharge`; a batch response only the header. */
export function chargeOfResponse(response: object): number {
  const { requestCharge, headers } = response as {
    requestCharge?: number;
    headers?: Record<string, unknown>;
  };
  return Number(requestCharge ?? headers?.['x-ms-request-charge'] ?? 0) || 0;
}
