/** The scheduler's settings, their defaults, and what a scan reports. */
import cron from 'node-cron';
import type { LedgerEntry, SchedulerLedger } from './ledger';
import { isDeadPredecessor } from './instance';
import { silentLogger } from './types';
import type { JobsLogger, MomentSource } from './types';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/** How far back a scan looks for missed moments unless told otherwise (downtime catch-up). */
export const DEFAULT_CATCH_UP_HORIZON_MS = 21 * DAY;

export interface SchedulerOptions {
  ledger: SchedulerLedger;
  sources: readonly MomentSource[];
  /**
   * Identifies this instance in the lease and in claims. Default: this process start's id
   * (src/platform/scheduler/instance.ts), which lets a restart on the same host recognise it.
   */
  instanceId?: string;
  /** node-cron expression (governance.scheduler.scanCron). Default every 5 minutes. */
  cron?: string;
  timeZone?: string;
  /** How far back a scan looks for missed moments (downtime catch-up). Default 21 days. */
  catchUpHorizonMs?: number;
  /**
   * Lease time-to-live. Default 2 × the cron's scan interval (10 minutes for every 5 minutes), so a
   * runner keeps its lease from one scan to the next; the app sets a short one (src/app/jobs.ts),
   * renewed during the scan, so a dead runner's lease frees itself soon.
   */
  leaseTtlMs?: number;
  /** How often a running scan renews its lease. Default a quarter of the TTL. */
  leaseRenewEveryMs?: number;
  /**
   * A claim older than this without a sent mark belongs to a dead holder and is taken over.
   * Must exceed the longest plausible send (incl. the sender's own 429 back-off). Default 10 min.
   * A holder proven dead (`isHolderDead`) is taken over at once.
   */
  claimGraceMs?: number;
  /**
   * Whether the holder of a lease or claim is provably gone, so it is taken over without waiting
   * for its TTL or grace. Default: a dead earlier process of this host (isDeadPredecessor).
   */
  isHolderDead?: (holderId: string) => boolean;
  /**
   * Attempts before an entry is marked failed. Default 8: with the default back-off that is about
   * two hours, long enough for e.g. a channel bound a little late, still bounded.
   */
  maxAttempts?: number;
  /** Wait before retry n (1-based). Default 1, 2, 4, 8 ... minutes, capped at 1 hour. */
  retryDelayMs?: (failedAttempts: number) => number;
  /** Beyond this delay after `dueAt` a message says it is late. Default 15 minutes. */
  lateToleranceMs?: number;
  logger?: JobsLogger;
}

export type ResolvedSchedulerOptions = Required<Omit<SchedulerOptions, 'instanceId'>>;

export interface ScanReport {
  at: Date;
  /** False when another instance holds the lease: nothing was done. */
  ran: boolean;
  performed: string[];
  failed: string[];
  /** Expired before they could be done (downtime): never sent. */
  expired: string[];
  /** Already sent, given up, or being done by someone else. */
  skipped: string[];
  /** The lease was lost during the scan: it stopped where it was (the rest is the new holder's). */
  leaseLost?: true;
}

export interface UpcomingMoment {
  key: string;
  kind: string;
  groupId: string;
  dueAt: Date;
  describe: string;
  source: string;
  /** Ledger state when the key was claimed already. */
  status?: LedgerEntry['status'];
}

/** The gap between the cron's next two runs: the scan interval the lease is sized by. */
export function cronIntervalMs(expression: string, timeZone: string): number {
  if (!cron.validate(expression)) throw new Error(`scheduler: invalid cron expression "${expression}"`);
  const probe = cron.createTask(expression, () => undefined, { timezone: timeZone });
  try {
    const [first, second] = probe.getNextRuns(2);
    return first && second ? second.getTime() - first.getTime() : 5 * MINUTE;
  } finally {
    void probe.destroy();
  }
}

export function resolveOptions(options: SchedulerOptions): ResolvedSchedulerOptions {
  const cronExpression = options.cron ?? '*/5 * * * *';
  const timeZone = options.timeZone ?? 'Europe/Copenhagen';
  if (!cron.validate(cronExpression))
    throw new Error(`scheduler: invalid cron expression "${cronExpression}"`);
  const leaseTtlMs = options.leaseTtlMs ?? 2 * cronIntervalMs(cronExpression, timeZone);
  return {
    ledger: options.ledger,
    sources: options.sources,
    cron: cronExpression,
    timeZone,
    catchUpHorizonMs: options.catchUpHorizonMs ?? DEFAULT_CATCH_UP_HORIZON_MS,
    leaseTtlMs,
    leaseRenewEveryMs: options.leaseRenewEveryMs ?? leaseTtlMs / 4,
    claimGraceMs: options.claimGraceMs ?? 10 * MINUTE,
    isHolderDead: options.isHolderDead ?? ((holderId) => isDeadPredecessor(holderId)),
    maxAttempts: options.maxAttempts ?? 8,
    retryDelayMs: options.retryDelayMs ?? ((failed) => Math.min(60 * MINUTE, MINUTE * 2 ** (failed - 1))),
    lateToleranceMs: options.lateToleranceMs ?? 15 * MINUTE,
    logger: options.logger ?? silentLogger,
  };
}
