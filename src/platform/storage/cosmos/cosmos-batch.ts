/**
 * The port's batch operations as a Cosmos transactional batch: one partition, at most 100
 * operations, executed all or none.
 */
import type { OperationInput } from '@azure/cosmos';
import type { BatchOperation } from '../port';
import { assertKey, bodyOf } from '../internal';

export const MAX_BATCH_OPERATIONS = 100;

/** Checks the batch fits Cosmos's limits and every document belongs to `pk`, then maps each operation. */
export function toBatchInputs(pk: string, operations: BatchOperation[]): OperationInput[] {
  if (operations.length > MAX_BATCH_OPERATIONS) {
    throw new Error(
      `cosmos: a transactional batch holds at most ${MAX_BATCH_OPERATIONS} operations (got ${operations.length})`,
    );
  }
  return operations.map((operation) => toBatchInput(pk, operation));
}

function toBatchInput(pk: string, operation: BatchOperation): OperationInput {
  if (operation.op !== 'delete') {
    assertKey(operation.doc);
    if (operation.doc.pk !== pk)
      throw new Error(`storage: batch on partition ${pk} got a document for partition ${operation.doc.pk}`);
  }
  switch (operation.op) {
    case 'create':
      return { operationType: 'Create', partitionKey: pk, resourceBody: bodyOf(operation.doc) as never };
    case 'upsert':
      return { operationType: 'Upsert', partitionKey: pk, resourceBody: bodyOf(operation.doc) as never };
    case 'replace':
      return {
        operationType: 'Replace',
        partitionKey: pk,
        id: operation.doc.id,
        resourceBody: bodyOf(operation.doc) as never,
        ifMatch: operation.ifMatch,
      };
    case 'delete':
      // The SDK's Delete type omits ifMatch, but the service honours it on every batch operation.
      return {
        operationType: 'Delete',
        partitionKey: pk,
        id: operation.id,
        ifMatch: operation.ifMatch,
      } as OperationInput;
  }
}

/** The id an operation addresses, for the error that names the failed one. */
export function batchOperationId(operation: BatchOperation): string {
  return operation.op === 'delete' ? operation.id : operation.doc.id;
}
