/**
 * A ledger that reads the real one but keeps every write in memory: the operator's dry-run scan
 * shows what a scan at a given time would do, without claiming or marking anything in the store.
 */
import { claimedEntry } from './ledger-repository';
import type { LedgerEntry, SchedulerLedger } from './ledger';

export function dryRunLedger(real: SchedulerLedger): SchedulerLedger {
  const local = new Map<string, LedgerEntry>();
  let version = 0;
  const save = (entry: Omit<LedgerEntry, 'etag'>): LedgerEntry => {
    const saved = { ...entry, etag: `dry-${++version}` };
    local.set(entry.key, saved);
    return saved;
  };
  const get = async (key: string) => local.get(key) ?? (await real.get(key));
  return {
    get,
    async claim(claim) {
      if (await get(claim.key)) return undefined;
      return save(claimedEntry(claim));
    },
    async takeOver(entry, holderId, now) {
      return save({
        ...entry,
        status: 'claimed',
        holderId,
        claimedAt: now.toISOString(),
        attempts: entry.attempts + 1,
      });
    },
    async markSent(entry, now) {
      save({ ...entry, status: 'sent', sentAt: now.toISOString() });
    },
    async markAttemptFailed(entry, failure) {
      save({
        ...entry,
        status: failure.final ? 'failed' : 'retrying',
        lastError: failure.error,
        nextAttemptAt: failure.nextAttemptAt?.toISOString(),
      });
    },
    async markSkipped(entry, reason) {
      save({ ...entry, status: 'skipped', lastError: reason });
      return true;
    },
    listUnsent: () => real.listUnsent(),
    acquireLease: async () => true,
    renewLease: async () => true,
    releaseLease: async () => undefined,
  };
}
