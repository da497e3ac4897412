/**
 * The due-scan. A node-cron task (every 5 minutes by default, Europe/Copenhagen) asks every
 * MomentSource which moments are due between the catch-up horizon and now, and performs each one
 * exactly once, whatever happens:
 * - no job per meeting: a restart loses nothing, because the next scan recomputes what is due;
 * - exactly once: every moment key is claimed in the ledger (create-once) before it is performed
 *   and marked sent after; a failed attempt is retried on later scans (bounded, then `failed`);
 *   a claim whose holder died is taken over after a grace period with an etag-guarded write, so
 *   a crash between claim and send resends once, never twice and never not at all;
 * - downtime: moments missed while down are caught up (flagged late) unless they expired;
 * - several instances: a lease elects one runner; the ledger keeps sends single even when two
 *   leases overlap (clock skew, a paused process).
 */
import { randomUUID } from 'node:crypto';
import cron, { type ScheduledTask } from 'node-cron';
import type { LedgerEntry, NewClaim, SchedulerLedger } from './ledger';
import { isFatalError, silentLogger } from './types';
import type { JobsLogger, MomentSource, ScheduledMoment } from './types';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

export interface SchedulerOptions {
  ledger: SchedulerLedger;
  sources: readonly MomentSource[];
  /** Identifies this instance in the lease and in claims. Default: a random id. */
  instanceId?: string;
  /** node-cron expression (governance.scheduler.scanCron). Default every 5 minutes. */
  cron?: string;
  timeZone?: string;
  /** How far back a scan looks for missed moments (downtime catch-up). Default 21 days. */
  catchUpHorizonMs?: number;
  /** Lease time-to-live. Default 2 × the cron's scan interval (10 minutes for every 5 minutes). */
  leaseTtlMs?: number;
  /**
   * A claim older than this without a sent mark belongs to a dead holder and is taken over.
   * Must exceed the longest plausible send (incl. the sender's own 429 back-off). Default 10 min.
   */
  claimGraceMs?: number;
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

export class Scheduler {
  readonly instanceId: string;
  private readonly options: Required<Omit<SchedulerOptions, 'instanceId'>>;
  private task: ScheduledTask | undefined;
  private running: Promise<unknown> | undefined;
  private holdsLease = false;

  constructor(options: SchedulerOptions) {
    this.instanceId = options.instanceId ?? `scheduler-${randomUUID()}`;
    this.options = {
      ledger: options.ledger,
      sources: options.sources,
      cron: options.cron ?? '*/5 * * * *',
      timeZone: options.timeZone ?? 'Europe/Copenhagen',
      catchUpHorizonMs: options.catchUpHorizonMs ?? 21 * DAY,
      leaseTtlMs:
        options.leaseTtlMs ??
        2 * cronIntervalMs(options.cron ?? '*/5 * * * *', options.timeZone ?? 'Europe/Copenhagen'),
      claimGraceMs: options.claimGraceMs ?? 10 * MINUTE,
      maxAttempts: options.maxAttempts ?? 8,
      retryDelayMs: options.retryDelayMs ?? ((failed) => Math.min(60 * MINUTE, MINUTE * 2 ** (failed - 1))),
      lateToleranceMs: options.lateToleranceMs ?? 15 * MINUTE,
      logger: options.logger ?? silentLogger,
    };
    if (!cron.validate(this.options.cron))
      throw new Error(`scheduler: invalid cron expression "${this.options.cron}"`);
  }

  /**
   * Starts the cron task and runs one scan at once, so that downtime is caught up at start rather
   * than at the next tick. `now` is the clock (a ManualClock in tests).
   */
  start(now: () => Date = () => new Date()): void {
    if (this.task) return;
    const tick = () => {
      // One scan at a time: a slow scan makes the next tick a no-op rather than a parallel scan.
      if (this.running) return this.running;
      this.running = this.runScan(now())
        .catch((error: unknown) =>
          this.options.logger.error({ err: String(error) }, 'scheduler: scan failed'),
        )
        .finally(() => {
          this.running = undefined;
        });
      return this.running;
    };
    this.task = cron.schedule(this.options.cron, tick, {
      timezone: this.options.timeZone,
      name: `due-scan-${this.instanceId}`,
      noOverlap: true,
    });
    void tick();
  }

  /** Stops the cron task, waits for a running scan and releases the lease (graceful shutdown). */
  async stop(): Promise<void> {
    const task = this.task;
    this.task = undefined;
    if (task) await task.destroy();
    if (this.running) await this.running;
    if (this.holdsLease) {
      this.holdsLease = false;
      await this.options.ledger.releaseLease(this.instanceId);
    }
  }

  /** One scan at `now`, without cron (tests, the operator CLI). Rejects only on a fatal error. */
  async runScan(now: Date, scanOptions: { ignoreLease?: boolean } = {}): Promise<ScanReport> {
    const report: ScanReport = { at: now, ran: false, performed: [], failed: [], expired: [], skipped: [] };
    if (!scanOptions.ignoreLease && !(await this.ensureLease(now))) return report;
    report.ran = true;

    const window = { from: new Date(now.getTime() - this.options.catchUpHorizonMs), to: now };
    for (const source of this.options.sources) {
      let moments: ScheduledMoment[];
      try {
        moments = await source.moments(window);
      } catch (error) {
        if (isFatalError(error)) throw error;
        // One broken feature must not stop the others' reminders.
        this.options.logger.error(
          { source: source.name, err: String(error) },
          'scheduler: moment source failed',
        );
        continue;
      }
      for (const moment of moments.sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime())) {
        if (moment.dueAt > now) continue;
        const outcome = await this.handle(moment, now);
        report[outcome].push(moment.key);
      }
    }
    return report;
  }

  /** Moments due in (from, from + days], with their ledger state: for the operator. */
  async upcoming(from: Date, days: number): Promise<UpcomingMoment[]> {
    const to = new Date(from.getTime() + days * DAY);
    const result: UpcomingMoment[] = [];
    for (const source of this.options.sources) {
      for (const moment of await source.moments({ from, to })) {
        const entry = await this.options.ledger.get(moment.key);
        result.push({
          key: moment.key,
          kind: moment.kind,
          groupId: moment.groupId,
          dueAt: moment.dueAt,
          describe: moment.describe,
          source: source.name,
          status: entry?.status,
        });
      }
    }
    return result.sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime() || a.key.localeCompare(b.key));
  }

  private async ensureLease(now: Date): Promise<boolean> {
    const { ledger, leaseTtlMs } = this.options;
    if (this.holdsLease && (await ledger.renewLease(this.instanceId, leaseTtlMs, now))) return true;
    this.holdsLease = await ledger.acquireLease(this.instanceId, leaseTtlMs, now);
    return this.holdsLease;
  }

  private async handle(
    moment: ScheduledMoment,
    now: Date,
  ): Promise<'performed' | 'failed' | 'expired' | 'skipped'> {
    const expired = moment.expiresAt !== undefined && moment.expiresAt <= now;
    const entry = await this.options.ledger.get(moment.key);
    if (expired) return this.skipExpired(moment, entry, now);
    const held = await this.hold(moment, entry, now);
    if (!held) return 'skipped';
    return this.attempt(moment, held, now);
  }

  /** Recorded as skipped (once, by one instance) so that later scans pass it over silently. */
  private async skipExpired(
    moment: ScheduledMoment,
    entry: LedgerEntry | undefined,
    now: Date,
  ): Promise<'expired' | 'skipped'> {
    const { ledger, logger } = this.options;
    const pending = entry ?? (await ledger.claim(this.claimOf(moment, now)));
    const mine = pending && (!entry || this.mayTakeOver(pending, now));
    if (!mine || !(await ledger.markSkipped(pending, 'expired before it could be sent'))) return 'skipped';
    logger.info(
      { key: moment.key, dueAt: moment.dueAt.toISOString() },
      'scheduler: moment expired, not sent',
    );
    return 'expired';
  }

  /** Claims a new moment or takes a pending one over; undefined when it is not (or no longer) ours. */
  private async hold(
    moment: ScheduledMoment,
    entry: LedgerEntry | undefined,
    now: Date,
  ): Promise<LedgerEntry | undefined> {
    const { ledger, logger } = this.options;
    // Undefined when another instance claimed it between our read and create.
    if (!entry) return ledger.claim(this.claimOf(moment, now));
    if (!this.mayTakeOver(entry, now)) return undefined;
    const previousHolder = entry.holderId;
    const taken = await ledger.takeOver(entry, this.instanceId, now);
    if (!taken) return undefined; // another instance took it over first
    logger.warn(
      { key: moment.key, previousHolder, attempt: taken.attempts },
      'scheduler: retrying a pending moment',
    );
    return taken;
  }

  /** Performs a held moment and records the outcome: sent, or failed (retrying or given up). */
  private async attempt(
    moment: ScheduledMoment,
    entry: LedgerEntry,
    now: Date,
  ): Promise<'performed' | 'failed'> {
    const { ledger, logger } = this.options;
    try {
      await moment.perform({
        now,
        dueAt: moment.dueAt,
        late: now.getTime() - moment.dueAt.getTime() > this.options.lateToleranceMs,
        attempt: entry.attempts,
      });
    } catch (error) {
      // A dying process writes nothing more: the claim stays, and is taken over after the grace period.
      if (isFatalError(error)) throw error;
      const final = entry.attempts >= this.options.maxAttempts;
      const message = error instanceof Error ? error.message : String(error);
      await ledger.markAttemptFailed(entry, {
        error: message,
        final,
        nextAttemptAt: final
          ? undefined
          : new Date(now.getTime() + this.options.retryDelayMs(entry.attempts)),
      });
      const details = { key: moment.key, attempt: entry.attempts, err: message };
      if (final) logger.error(details, 'scheduler: moment failed, giving up');
      else logger.warn(details, 'scheduler: moment failed, will retry');
      return 'failed';
    }
    await ledger.markSent(entry, now);
    logger.info({ key: moment.key, attempt: entry.attempts }, 'scheduler: moment sent');
    return 'performed';
  }

  private claimOf(moment: ScheduledMoment, now: Date): NewClaim {
    return {
      key: moment.key,
      kind: moment.kind,
      groupId: moment.groupId,
      dueAt: moment.dueAt,
      holderId: this.instanceId,
      now,
    };
  }

  /** A pending entry is ours to attempt when its retry is due, or its holder has been silent too long. */
  private mayTakeOver(entry: LedgerEntry, now: Date): boolean {
    if (entry.status === 'retrying')
      return !entry.nextAttemptAt || Date.parse(entry.nextAttemptAt) <= now.getTime();
    if (entry.status === 'claimed')
      return Date.parse(entry.claimedAt) + this.options.claimGraceMs <= now.getTime();
    return false;
  }
}
