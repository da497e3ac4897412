/** Request-unit bookkeeping (Cosmos reports a `requestCharge` per operation; SQLite has none). */
import type { CollectionName, RequestChargeRecorder } from './port';

export interface ChargeTotals {
  requestCharge: number;
  operations: number;
}

/** Sums charges per operation, per collection and per "operation collection" pair, for benchmarks. */
export class InMemoryRequestChargeRecorder implements RequestChargeRecorder {
  private readonly perKey = new Map<string, ChargeTotals>();
  private grand: ChargeTotals = { requestCharge: 0, operations: 0 };

  record(operation: string, collection: CollectionName, requestCharge: number): void {
    for (const key of [`op:${operation}`, `collection:${collection}`, `${operation} ${collection}`]) {
      const totals = this.perKey.get(key) ?? { requestCharge: 0, operations: 0 };
      totals.requestCharge += requestCharge;
      totals.operations += 1;
      this.perKey.set(key, totals);
    }
    this.grand = {
      requestCharge: this.grand.requestCharge + requestCharge,
      operations: this.grand.operations + 1,
    };
  }

  total(): ChargeTotals {
    return { ...this.grand };
  }

  byOperation(): Record<string, ChargeTotals> {
    return this.pick('op:');
  }

  byCollection(): Record<string, ChargeTotals> {
    return this.pick('collection:');
  }

  /** Keyed "operation collection", e.g. "read directory". */
  byOperationAndCollection(): Record<string, ChargeTotals> {
    const result: Record<string, ChargeTotals> = {};
    for (const [key, totals] of this.perKey) if (!key.includes(':')) result[key] = { ...totals };
    return result;
  }

  reset(): void {
    this.perKey.clear();
    this.grand = { requestCharge: 0, operations: 0 };
  }

  private pick(prefix: string): Record<string, ChargeTotals> {
    const result: Record<string, ChargeTotals> = {};
    for (const [key, totals] of this.perKey)
      if (key.startsWith(prefix)) result[key.slice(prefix.length)] = { ...totals };
    return result;
  }
}
