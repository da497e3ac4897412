/**
 * The append-only audit log (collection `audit`).
 *
 * Partition key: per calendar month of the entry (`audit:YYYY-MM`, UTC), not per group. Why:
 * - the log only grows; a per-month partition stays bounded in size, a per-group one would grow forever;
 * - audits and exports are asked by period ("what happened in March"), which is then one or a few
 *   single-partition queries, while a per-group key would make every export cross-partition;
 * - many entries are not about one group (persons, installations, configuration);
 * - the write rate is a handful per minute at most, so one hot partition per month is no bottleneck.
 * Ids are `<at>~<random>` so the id order is the time order.
 *
 * There is deliberately no update or delete method: entries are created once, never changed.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { DocumentStore } from '../port';
import { defineDocument, typedCollection } from '../repository';
import type { TypedCollection } from '../repository';
import { isoInstant } from '../schemas';

export interface AuditEntry {
  at: string;
  actorId: string;
  action: string;
  /** What the action was about, e.g. "group:steering". */
  subject: string;
  details?: Record<string, unknown>;
}

const auditEntrySchema: z.ZodType<AuditEntry & { seq: string }> = z.object({
  at: isoInstant,
  actorId: z.string().min(1),
  action: z.string().min(1),
  subject: z.string().min(1),
  details: z.record(z.string(), z.unknown()).optional(),
  seq: z.string().min(1),
});

export const auditMonthOf = (at: string) => `audit:${new Date(at).toISOString().slice(0, 7)}`;

const auditDocument = defineDocument('audit-entry', auditEntrySchema, {
  collection: 'audit',
  pk: (entry) => auditMonthOf(entry.at),
  id: (entry) => `${new Date(entry.at).toISOString()}~${entry.seq}`,
});

/** Months from `from` to `to` inclusive, as YYYY-MM. */
function monthsBetween(from: string, to: string): string[] {
  const months: string[] = [];
  let [year, month] = from.split('-').map(Number) as [number, number];
  const [endYear, endMonth] = to.split('-').map(Number) as [number, number];
  while (year < endYear || (year === endYear && month <= endMonth)) {
    months.push(`${year}-${String(month).padStart(2, '0')}`);
    month += 1;
    if (month > 12) {
      month = 1;
      year += 1;
    }
  }
  return months;
}

export class AuditRepository {
  private readonly entries: TypedCollection<AuditEntry & { seq: string }>;

  constructor(store: DocumentStore) {
    this.entries = typedCollection(store, auditDocument);
  }

  /** Create-only. */
  async append(entry: AuditEntry): Promise<void> {
    await this.entries.create({ ...entry, seq: randomUUID() });
  }

  /** Entries of the months `fromMonth`..`toMonth` (YYYY-MM, inclusive), oldest first. */
  async export(fromMonth: string, toMonth: string): Promise<AuditEntry[]> {
    const result: AuditEntry[] = [];
    for (const month of monthsBetween(fromMonth, toMonth)) {
      const page = await this.entries.queryAll(`audit:${month}`, { orderBy: { field: 'id' } });
      for (const { etag: _etag, seq: _seq, ...entry } of page) result.push(entry);
    }
    return result;
  }

  /** The same as JSON Lines (one entry per line), for download. */
  async exportJsonLines(fromMonth: string, toMonth: string): Promise<string> {
    return (await this.export(fromMonth, toMonth)).map((entry) => JSON.stringify(entry)).join('\n');
  }
}
