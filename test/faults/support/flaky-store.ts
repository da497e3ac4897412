/**
 * A DocumentStore decorator for fault tests: while `down`, every collection operation throws
 * StoreUnavailableError (what the Cosmos adapter throws on 503/timeouts); `failWritesAfter(n)`
 * lets n more writes through and then fails the next ones — a crash in the middle of a
 * multi-document operation.
 */
import {
  StoreUnavailableError,
  type Collection,
  type CollectionName,
  type DocumentStore,
  type StoreHealth,
} from '../../../src/platform/storage/port';

const WRITES = new Set(['create', 'upsert', 'replace', 'delete', 'update', 'batch']);

export class FlakyStore implements DocumentStore {
  down = false;
  private writesLeft: number | undefined;
  /** Writes that reached the inner store, in order ("collection.op"). */
  readonly writes: string[] = [];

  constructor(private readonly inner: DocumentStore) {}

  get kind() {
    return this.inner.kind;
  }

  /** The next `count` writes succeed, every later one fails until `heal()`. */
  failWritesAfter(count: number): void {
    this.writesLeft = count;
  }

  heal(): void {
    this.down = false;
    this.writesLeft = undefined;
  }

  collection(name: CollectionName): Collection {
    const target = this.inner.collection(name);
    return new Proxy(target, {
      get: (collection, property, receiver) => {
        const value: unknown = Reflect.get(collection, property, receiver);
        if (typeof value !== 'function') return value;
        const method = String(property);
        if (method === 'scan') {
          const isDown = () => this.down;
          return (...args: unknown[]) =>
            (async function* () {
              if (isDown()) throw new StoreUnavailableError(`test: store down (${name}.scan)`);
              yield* (value as (...a: unknown[]) => AsyncIterable<unknown>).apply(collection, args);
            })();
        }
        return async (...args: unknown[]) => {
          if (this.down) throw new StoreUnavailableError(`test: store down (${name}.${method})`);
          if (WRITES.has(method) && this.writesLeft !== undefined) {
            if (this.writesLeft <= 0) throw new StoreUnavailableError(`test: crash before ${name}.${method}`);
            this.writesLeft -= 1;
          }
          const result = await (value as (...a: unknown[]) => Promise<unknown>).apply(collection, args);
          if (WRITES.has(method)) this.writes.push(`${name}.${method}`);
          return result;
        };
      },
    });
  }

  async health(): Promise<StoreHealth> {
    if (this.down) return { ok: false, kind: this.inner.kind, detail: 'test: down' };
    return this.inner.health();
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}
