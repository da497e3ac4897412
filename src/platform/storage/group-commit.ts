/**
 * Group commit: writes queued in the same turn of the event loop go to the store together, as one
 * transactional batch per partition, instead of one commit each.
 *
 * Why: on the embedded store every commit costs a WAL append of its own, and on Cosmos every write
 * is a request of its own. A burst of simultaneous votes (each writing its vote and an audit entry)
 * was paying that per write; together they pay it once per turn.
 *
 * What a caller sees is what a single write would give it:
 * - its promise resolves once its operation is committed, or rejects with that operation's error;
 * - operations on the same id in one turn are applied in the order they were queued (in separate
 *   batches), so a later upsert still wins and a second create still meets AlreadyExists;
 * - a batch is all-or-nothing. When it fails on one operation's own conflict (409, 412, 404), its
 *   operations are retried one by one, so only the offender fails; any other error (e.g. the store
 *   is unavailable) fails every operation of that batch, none of which was stored;
 * - batches hold at most 100 operations (the Cosmos limit for a transactional batch).
 */
import {
  AlreadyExistsError,
  NotFoundError,
  PreconditionFailedError,
  type BatchOperation,
  type Collection,
} from './port';

export const MAX_BATCH_OPERATIONS = 100;

interface Pending {
  operation: BatchOperation;
  resolve: () => void;
  reject: (error: unknown) => void;
}

function idOf(operation: BatchOperation): string {
  return operation.op === 'delete' ? operation.id : operation.doc.id;
}

function isOwnConflict(error: unknown): boolean {
  return (
    error instanceof AlreadyExistsError ||
    error instanceof PreconditionFailedError ||
    error instanceof NotFoundError
  );
}

/**
 * Splits one turn's operations into batches: in queue order, each id at most once per batch (a
 * repeated id starts a later batch), at most `size` operations each.
 */
export function planBatches<T extends { operation: BatchOperation }>(
  queue: readonly T[],
  size: number,
): T[][] {
  const batches: Array<{ items: T[]; ids: Set<string> }> = [];
  // The index of the last batch that holds each id: a repeat must go after it.
  const lastBatchOf = new Map<string, number>();
  for (const item of queue) {
    const id = idOf(item.operation);
    let index = (lastBatchOf.get(id) ?? -1) + 1;
    while (index < batches.length && batches[index]!.items.length >= size) index += 1;
    if (index === batches.length) batches.push({ items: [], ids: new Set() });
    batches[index]!.items.push(item);
    batches[index]!.ids.add(id);
    lastBatchOf.set(id, index);
  }
  return batches.map((batch) => batch.items);
}

export class GroupCommit {
  /** Operations waiting for the next commit, by partition. */
  private readonly queues = new Map<string, Pending[]>();

  constructor(
    private readonly collection: Collection,
    private readonly batchSize = MAX_BATCH_OPERATIONS,
  ) {}

  /** Queues one operation for the partition's next group commit; resolves once it is committed. */
  write(pk: string, operation: BatchOperation): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      let queue = this.queues.get(pk);
      if (!queue) {
        queue = [];
        this.queues.set(pk, queue);
        // setImmediate, not a microtask: the other requests of this burst get to queue first.
        setImmediate(() => void this.commit(pk));
      }
      queue.push({ operation, resolve, reject });
    });
  }

  private async commit(pk: string): Promise<void> {
    const queue = this.queues.get(pk) ?? [];
    this.queues.delete(pk);
    // In order: a batch with a repeated id must land after the batch with its earlier operation.
    for (const batch of planBatches(queue, this.batchSize)) await this.commitBatch(pk, batch);
  }

  private async commitBatch(pk: string, batch: Pending[]): Promise<void> {
    try {
      await this.collection.batch(
        pk,
        batch.map((pending) => pending.operation),
      );
    } catch (error) {
      if (batch.length > 1 && isOwnConflict(error)) {
        for (const pending of batch) await this.commitBatch(pk, [pending]);
        return;
      }
      for (const pending of batch) pending.reject(error);
      return;
    }
    for (const pending of batch) pending.resolve();
  }
}
