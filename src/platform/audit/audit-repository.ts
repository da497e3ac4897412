/**
 * The append-only audit log (collection `audit`).
 *
 * Partition key: per calendar month of the entry (`audit:YYYY-MM`, UTC), not per group. Why:
 * - the log only grows; a per-month partition stays bounded in size, a per-group one would grow forever;
 * - audits and exports are asked by period ("what happened in March"), which is then one or a few
 *   single-partition queries, while a per-group key would make every export cross-partition;
 * - many entries are not about one group (persons, installations, configuration);
 * - the write rate is a handful per minute at most, so one hot partition per month is no bottleneck.
 * Ids are `<at>~<sequence>`: the id order is the time order, and entries of the same millisecond
 * keep the order they were written in (the sequence is strictly increasing within a process and
 * follows the wall clock across restarts; a short random suffix keeps two instances apart).
 * An entry appended with a `onceKey` (a step that a retry may repeat, e.g. "working group X
 * dissolved") has the deterministic id `once:<key>` in its month's partition: appending it again
 * in the same month is a no-op (a create that meets AlreadyExists). Its id does not start with the
 * time, so the export orders by (time, id) rather than by id alone.
 *
 * There is deliberately no update or delete method: entries are created once, never changed. The
 * one exception is the law's, and lives apart (audit-erasure.ts): a GDPR erasure drops the erased
 * person's own free text; what was done, by whom (an id) and when stays.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { DocumentStore } from '../storage/port';
import { AlreadyExistsError } from '../storage/port';
import { GroupCommit } from '../storage/group-commit';
import { defineDocument, typedCollection } from '../storage/repository';
import type { TypedCollection } from '../storage/repository';
import { isoInstant } from '../storage/schemas';
import type { AuditEntry } from '../../domain/model';

export type { AuditEntry };

/**
 * An entry as stored: with the governance version in force when it was written (issue 23.3), so
 * a decision, vote or appointment can be read against the rules it was made under
 * (src/platform/governance/governance-versions.ts). Entries from before versions were kept have none.
 */
export type StampedAuditEntry = AuditEntry & { governanceVersion?: string };

const auditEntrySchema: z.ZodType<StampedAuditEntry & { seq: string }> = z.object({
  at: isoInstant,
  actorId: z.string().min(1),
  action: z.string().min(1),
  subject: z.string().min(1),
  details: z.record(z.string(), z.unknown()).optional(),
  governanceVersion: z.string().min(1).optional(),
  seq: z.string().min(1),
});

const ONCE_PREFIX = 'once:';

export const auditMonthOf = (at: string) => `audit:${new Date(at).toISOString().slice(0, 7)}`;

export const auditDocument = defineDocument('audit-entry', auditEntrySchema, {
  collection: 'audit',
  pk: (entry) => auditMonthOf(entry.at),
  id: (entry) =>
    entry.seq.startsWith(ONCE_PREFIX) ? entry.seq : `${new Date(entry.at).toISOString()}~${entry.seq}`,
});

let lastSequenceTick = 0;

/**
 * A strictly increasing sequence (wall-clock microseconds, bumped when two entries share one):
 * fixed width, so it sorts as text. The business clock (the entry's `at`) may stand still in
 * tests and dry runs; this does not.
 */
function nextSequence(): string {
  lastSequenceTick = Math.max(Date.now() * 1000, lastSequenceTick + 1);
  return `${String(lastSequenceTick).padStart(17, '0')}-${randomUUID().slice(0, 8)}`;
}

/** A once-key as an id part: Cosmos ids may not hold / \\ ? #, and it stays bounded. */
function onceSequence(key: string): string {
  return `${ONCE_PREFIX}${key.replace(/[^A-Za-z0-9:._@-]/g, '_').slice(0, 200)}`;
}

export interface AppendOptions {
  /**
   * Makes the entry create-once: a retry of the same step (same key, same month) writes nothing,
   * and the first entry (with its time) stays. When the change has a stored time (e.g. the group's
   * `dissolvedAt`), use it as `at`, so even a retry in a later month finds the first entry.
   */
  onceKey?: string;
}

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

export interface AuditRepositoryOptions {
  /** The governance version every appended entry is stamped with (the composition root's). */
  governanceVersion?: string;
}

export class AuditRepository {
  private readonly entries: TypedCollection<StampedAuditEntry & { seq: string }>;

  private readonly commits: GroupCommit;

  /** The governance version this log stamps (the scheduler ledger stamps the same). */
  readonly governanceVersion: string | undefined;

  constructor(store: DocumentStore, options: AuditRepositoryOptions = {}) {
    this.entries = typedCollection(store, auditDocument);
    this.governanceVersion = options.governanceVersion;
    this.commits = new GroupCommit(this.entries.raw);
  }

  /**
   * Create-only; with `onceKey`, at most one entry per key and time (a repeat is a no-op). Resolves
   * once the entry is committed. Entries appended in the same turn of the event loop are committed
   * together (GroupCommit; why: every vote appends one, and a commit each was a tenth of a vote's
   * cost in a burst of votes).
   */
  async append(entry: AuditEntry, options: AppendOptions = {}): Promise<void> {
    const seq = options.onceKey === undefined ? nextSequence() : onceSequence(options.onceKey);
    // The one place every feature's entry passes: stamped here, no feature needs to know.
    const stamp = this.governanceVersion === undefined ? {} : { governanceVersion: this.governanceVersion };
    const withSeq = { ...entry, ...stamp, seq };
    const operation = this.entries.operation('create', withSeq);
    try {
      await this.commits.write(auditDocument.pkOf(withSeq), operation);
    } catch (error) {
      // With a once-key, "already there" means the first attempt recorded the step.
      const alreadyThere =
        error instanceof AlreadyExistsError || (error as { code?: string }).code === 'already-exists';
      if (options.onceKey === undefined || !alreadyThere) throw error;
    }
  }

  /** Entries of the months `fromMonth`..`toMonth` (YYYY-MM, inclusive), oldest first. */
  async export(fromMonth: string, toMonth: string): Promise<StampedAuditEntry[]> {
    const result: StampedAuditEntry[] = [];
    for (const month of monthsBetween(fromMonth, toMonth)) {
      const page = await this.entries.queryAll(`audit:${month}`, { orderBy: { field: 'id' } });
      // Stable: by time, then by id (the creation order within a millisecond; a sort is stable,
      // so the id order of the query survives among equal times).
      const byTime = page
        .map((document) => ({ document, time: new Date(document.at).toISOString() }))
        .sort((a, b) => (a.time < b.time ? -1 : a.time > b.time ? 1 : 0));
      for (const { document } of byTime) {
        const { etag: _etag, seq: _seq, ...entry } = document;
        result.push(entry);
      }
    }
    return result;
  }

  /** The same as JSON Lines (one entry per line), for download. */
  async exportJsonLines(fromMonth: string, toMonth: string): Promise<string> {
    return (await this.export(fromMonth, toMonth)).map((entry) => JSON.stringify(entry)).join('\n');
  }
}
