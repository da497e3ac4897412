/** Request-unit bookkeeping (Cosmos reports a `requestCharge` per operation; SQLite has none). */
import type { CollectionName, RequestChargeRecorder } from './port';

export interface ChargeTotals {
  requestCharge: number;
  operations: number;
  /** What the same requests would cost on the real service by Cosmos's published cost model. */
  estimatedCharge: number;
}

const ZERO: ChargeTotals = { requestCharge: 0, operations: 0, estimatedCharge: 0 };

/** Sums charges per operation, per collection and per "operation collection" pair, for benchmarks. */
export class InMemoryRequestChargeRecorder implements RequestChargeRecorder {
  private readonly perKey = new Map<string, ChargeTotals>();
  private grand: ChargeTotals = { ...ZERO };

  record(
    operation: string,
    collection: CollectionName,
    requestCharge: number,
    estimatedCharge?: () => number,
  ): void {
    const estimate = estimatedCharge?.() ?? 0;
    for (const key of [`op:${operation}`, `collection:${collection}`, `${operation} ${collection}`]) {
      this.perKey.set(key, add(this.perKey.get(key) ?? ZERO, requestCharge, estimate));
    }
    this.grand = add(this.grand, requestCharge, estimate);
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
    this.grand = { ...ZERO };
  }

  private pick(prefix: string): Record<string, ChargeTotals> {
    const result: Record<string, ChargeTotals> = {};
    for (const [key, totals] of this.perKey)
      if (key.startsWith(prefix)) result[key.slice(prefix.length)] = { ...totals };
    return result;
  }
}

function add(totals: ChargeTotals, requestCharge: number, estimatedCharge: number): ChargeTotals {
  return {
    requestCharge: totals.requestCharge + requestCharge,
    operations: totals.operations + 1,
    estimatedCharge: totals.estimatedCharge + estimatedCharge,
  };
}
