/**
 * A store whose collections record every transactional batch on its way to the real store (the
 * collection and the ids, in order), and can make the next batches fail as a broken disk would.
 * For tests of the group commits (votes, audit entries).
 */
import type {
  BatchOperation,
  Collection,
  CollectionName,
  DocumentStore,
} from '../../src/platform/storage/port';

export interface RecordedBatch {
  collection: CollectionName;
  ids: string[];
}

export function batchRecordingStore(inner: DocumentStore): {
  store: DocumentStore;
  batches: RecordedBatch[];
  fail: { next: boolean };
} {
  const batches: RecordedBatch[] = [];
  const fail = { next: false };
  const store: DocumentStore = {
    kind: inner.kind,
    health: () => inner.health(),
    close: () => inner.close(),
    collection(name) {
      return new Proxy(inner.collection(name), {
        get(target, property, receiver) {
          if (property === 'batch') {
            return async (pk: string, operations: BatchOperation[]) => {
              batches.push({
                collection: name,
                ids: operations.map((o) => (o.op === 'delete' ? o.id : o.doc.id)),
              });
              if (fail.next) throw new Error('disk full');
              return target.batch(pk, operations);
            };
          }
          const value = Reflect.get(target, property, receiver) as unknown;
          return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
        },
      }) as Collection;
    },
  };
  return { store, batches, fail };
}
