/**
 * The due-scan. A node-cron task (every 5 minutes by default, Europe/Copenhagen) asks every
 * MomentSource which moments are due between the catch-up horizon and now, and performs each one
 * exactly once, whatever happens:
 * - no job per meeting: a restart loses nothing, because the next scan recomputes what is due;
 * - exactly once: every moment key is claimed in the ledger (create-once) before it is performed
 *   and marked sent after; a failed attempt is retried on later scans (bounded, then `failed`);
 *   a claim whose holder died is taken over (at once when the holder is provably dead, else after
 *   a grace period) with an etag-guarded write;
 * - through a crash during a send: each attempt runs with a delivery journal
 *   (delivery-journal.ts), so the sender records every post's activity id in the ledger entry the
 *   moment the connector answers, and a take-over does not send a recorded post again. What is
 *   left is the protocol's own window: a post the connector accepted whose answer the dead
 *   process never recorded is sent again (the Bot Connector has no idempotency key and no way to
 *   read a channel's messages back), and the entry says so (`recoveredFrom`). README's
 *   "Reminders" states the guarantee;
 * - downtime: moments missed while down are caught up (flagged late) unless they expired;
 * - several instances: a lease elects one runner and is renewed while it scans (lease-keeper.ts);
 *   the ledger keeps sends single even when two leases overlap (clock skew, a paused process),
 *   and a runner that can no longer confirm its lease stops before its next send.
 */
import cron, { type ScheduledTask } from 'node-cron';
import { AttemptJournal, LeaseLostError, withDeliveryJournal } from './delivery-journal';
import { newInstanceId } from './instance';
import type { LedgerEntry, NewClaim } from './ledger';
import { LeaseKeeper } from './lease-keeper';
import {
  resolveOptions,
  type ResolvedSchedulerOptions,
  type ScanReport,
  type SchedulerOptions,
  type UpcomingMoment,
} from './scheduler-options';
import { isFatalError } from './types';
import type { DueMoments, ScheduledMoment } from './types';

export { cronIntervalMs } from './scheduler-options';
export type { ScanReport, SchedulerOptions, UpcomingMoment } from './scheduler-options';

const DAY = 24 * 60 * 60_000;

/** The scan's time: its instant plus what has elapsed since (the lease and the post records). */
function scanClock(now: Date): () => Date {
  const started = performance.now();
  return () => new Date(now.getTime() + (performance.now() - started));
}

export class Scheduler {
  readonly instanceId: string;
  private readonly options: ResolvedSchedulerOptions;
  private task: ScheduledTask | undefined;
  private running: Promise<unknown> | undefined;
  private holdsLease = false;

  constructor(options: SchedulerOptions) {
    this.instanceId = options.instanceId ?? newInstanceId();
    this.options = resolveOptions(options);
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

  /**
   * One scan at `now`, without cron (tests, the operator CLI). Rejects only on a fatal error; a
   * lease lost during the scan ends it early (`leaseLost`).
   */
  async runScan(now: Date, scanOptions: { ignoreLease?: boolean } = {}): Promise<ScanReport> {
    const report: ScanReport = { at: now, ran: false, performed: [], failed: [], expired: [], skipped: [] };
    const clock = scanClock(now);
    const keeper = scanOptions.ignoreLease ? undefined : await this.holdLease(now, clock);
    if (!scanOptions.ignoreLease && !keeper) return report;
    report.ran = true;
    try {
      await this.scanSources({ now, clock, keeper }, report);
    } catch (error) {
      if (!(error instanceof LeaseLostError)) throw error;
      // Another instance runs the scan now; whatever we held stays claimed for it to take over.
      report.leaseLost = true;
      this.options.logger.warn({ holderId: this.instanceId }, 'scheduler: lease lost, scan stopped');
    } finally {
      await keeper?.stop();
    }
    return report;
  }

  private async scanSources(scan: Scan, report: ScanReport): Promise<void> {
    const { now } = scan;
    const window = { from: new Date(now.getTime() - this.options.catchUpHorizonMs), to: now };
    for (const source of this.options.sources) {
      let due: DueMoments | undefined;
      try {
        due = source.due
          ? await source.due(window)
          : { moments: await source.moments(window), settle: noIndex };
      } catch (error) {
        this.sourceFailed(source.name, error, 'scheduler: moment source failed');
        continue;
      }
      const settled = new Set<string>();
      for (const moment of due.moments.sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime())) {
        if (moment.dueAt > now) continue;
        if (scan.keeper && !scan.keeper.valid()) throw new LeaseLostError();
        const handled = await this.handle(moment, scan);
        report[handled.outcome].push(moment.key);
        if (handled.settled) settled.add(moment.key);
      }
      try {
        await due.settle(settled);
      } catch (error) {
        this.sourceFailed(source.name, error, 'scheduler: moving the source index on failed');
      }
    }
  }

  /** One broken feature must not stop the others' reminders; a dying process stops the scan. */
  private sourceFailed(source: string, error: unknown, message: string): void {
    if (isFatalError(error)) throw error;
    this.options.logger.error({ source, err: String(error) }, message);
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

  /** The lease for this scan, kept alive while it runs; undefined when someone else holds it. */
  private async holdLease(now: Date, clock: () => Date): Promise<LeaseKeeper | undefined> {
    const { ledger, leaseTtlMs, leaseRenewEveryMs, logger } = this.options;
    const requestedAt = performance.now();
    let held = this.holdsLease && (await ledger.renewLease(this.instanceId, leaseTtlMs, now));
    if (!held) held = await ledger.acquireLease(this.instanceId, leaseTtlMs, now);
    if (!held) {
      // A restart on this host need not wait for its dead predecessor's lease to expire.
      const holder = await ledger.leaseHolder();
      if (holder && this.options.isHolderDead(holder.holderId)) {
        held = await ledger.acquireLease(this.instanceId, leaseTtlMs, now, { replacing: holder.holderId });
        if (held)
          logger.warn(
            { previousHolder: holder.holderId },
            'scheduler: took the lease of a dead instance over',
          );
      }
    }
    this.holdsLease = held;
    if (!held) return undefined;
    const keeper = new LeaseKeeper(
      {
        ledger,
        holderId: this.instanceId,
        ttlMs: leaseTtlMs,
        renewEveryMs: leaseRenewEveryMs,
        leaseTime: clock,
        logger,
      },
      requestedAt,
    );
    return keeper.start();
  }

  private async handle(moment: ScheduledMoment, scan: Scan): Promise<Handled> {
    const { now } = scan;
    const { ledger } = this.options;
    const expired = moment.expiresAt !== undefined && moment.expiresAt <= now;
    // A moment the source's index says is unclaimed is claimed at once; only when the claim finds
    // an entry (a stale hint, another instance) is the entry read and the usual rules applied.
    if (moment.unclaimed) {
      const claim = this.claimOf(moment, now);
      const reason = 'expired before it could be sent';
      const fresh = expired
        ? await (ledger.claimSkipped?.(claim, reason) ?? ledger.claim(claim))
        : await ledger.claim(claim);
      if (fresh && expired && fresh.status === 'skipped') return this.loggedExpiry(moment);
      if (fresh && !expired) return this.attempt(moment, fresh, scan);
      if (fresh) return this.skipExpired(moment, fresh, now, true);
    }
    const entry = await ledger.get(moment.key);
    if (expired) return this.skipExpired(moment, entry, now);
    const held = await this.hold(moment, entry, now);
    if (!held) return { outcome: 'skipped', settled: isSettled(entry) };
    return this.attempt(moment, held, scan);
  }

  /** Recorded as skipped (once, by one instance) so that later scans pass it over silently. */
  private async skipExpired(
    moment: ScheduledMoment,
    entry: LedgerEntry | undefined,
    now: Date,
    claimedNow = false,
  ): Promise<Handled> {
    const { ledger } = this.options;
    const pending = entry ?? (await ledger.claim(this.claimOf(moment, now)));
    const mine = pending && (claimedNow || !entry || this.mayTakeOver(pending, now));
    if (!mine || !(await ledger.markSkipped(pending, 'expired before it could be sent')))
      return { outcome: 'skipped', settled: isSettled(entry) };
    return this.loggedExpiry(moment);
  }

  private loggedExpiry(moment: ScheduledMoment): Handled {
    this.options.logger.info(
      { key: moment.key, dueAt: moment.dueAt.toISOString() },
      'scheduler: moment expired, not sent',
    );
    return { outcome: 'expired', settled: true };
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
    const details = {
      key: moment.key,
      previousHolder,
      attempt: taken.attempts,
      recordedPosts: taken.posts?.length ?? 0,
    };
    if (entry.status === 'claimed')
      logger.warn(
        details,
        'scheduler: taking over a claim its holder never finished (its post may be unrecorded)',
      );
    else logger.warn(details, 'scheduler: retrying a pending moment');
    return taken;
  }

  /**
   * Performs a held moment under its delivery journal and records the outcome: sent, or failed
   * (retrying or given up). When earlier attempts recorded posts, the moment is performed for the
   * scan instant they were built for, so the same messages come out and are recognised as sent.
   */
  private async attempt(moment: ScheduledMoment, entry: LedgerEntry, scan: Scan): Promise<Handled> {
    const { ledger, logger } = this.options;
    const earlier = entry.posts ?? [];
    const scanAt = earlier[0] ? new Date(earlier[0].scanAt) : scan.now;
    const journal = new AttemptJournal({
      earlier,
      scanAt,
      now: scan.clock,
      write: (post) => ledger.recordPost(entry.key, post),
      mayStillSend: () => scan.keeper?.valid() ?? true,
      onWriteFailed: (error, post) =>
        logger.error(
          { key: entry.key, activityId: post.activityId, err: String(error) },
          'scheduler: a post reached the channel but could not be recorded',
        ),
    });
    try {
      await withDeliveryJournal(journal, () =>
        moment.perform({
          now: scanAt,
          dueAt: moment.dueAt,
          late: scanAt.getTime() - moment.dueAt.getTime() > this.options.lateToleranceMs,
          attempt: entry.attempts,
        }),
      );
    } catch (error) {
      // A dying process (or a runner whose lease is gone) writes nothing more: the claim stays.
      if (journal.leaseLost) throw new LeaseLostError();
      if (isFatalError(error)) throw error;
      const final = await this.recordFailure(moment, entry, scan.now, error);
      return { outcome: 'failed', settled: final };
    } finally {
      journal.close();
    }
    // The perform may have swallowed the refusal: still nothing is marked.
    if (journal.leaseLost) throw new LeaseLostError();
    await ledger.markSent(entry, scan.now);
    logger.info({ key: moment.key, attempt: entry.attempts }, 'scheduler: moment sent');
    return { outcome: 'performed', settled: true };
  }

  private async recordFailure(moment: ScheduledMoment, entry: LedgerEntry, now: Date, error: unknown) {
    const { ledger, logger } = this.options;
    const final = entry.attempts >= this.options.maxAttempts;
    const message = error instanceof Error ? error.message : String(error);
    await ledger.markAttemptFailed(entry, {
      error: message,
      final,
      nextAttemptAt: final ? undefined : new Date(now.getTime() + this.options.retryDelayMs(entry.attempts)),
    });
    const details = { key: moment.key, attempt: entry.attempts, err: message };
    if (final) logger.error(details, 'scheduler: moment failed, giving up');
    else logger.warn(details, 'scheduler: moment failed, will retry');
    return final;
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

  /**
   * A pending entry is ours to attempt when its retry is due, or its holder is provably dead or
   * has been silent too long.
   */
  private mayTakeOver(entry: LedgerEntry, now: Date): boolean {
    if (entry.status === 'retrying')
      return !entry.nextAttemptAt || Date.parse(entry.nextAttemptAt) <= now.getTime();
    if (entry.status === 'claimed')
      return (
        Date.parse(entry.claimedAt) + this.options.claimGraceMs <= now.getTime() ||
        (entry.holderId !== this.instanceId && this.options.isHolderDead(entry.holderId))
      );
    return false;
  }
}

/** How a moment was handled, and whether the ledger now says it is done for good. */
interface Handled {
  outcome: 'performed' | 'failed' | 'expired' | 'skipped';
  settled: boolean;
}

/** Sent, skipped or given up: no scan will perform it again. */
function isSettled(entry: LedgerEntry | undefined): boolean {
  return entry?.status === 'sent' || entry?.status === 'skipped' || entry?.status === 'failed';
}

async function noIndex(): Promise<void> {}

/** What one scan carries to each moment. */
interface Scan {
  now: Date;
  clock: () => Date;
  /** Undefined when the scan ignores the lease (tests, the operator's dry run). */
  keeper?: LeaseKeeper;
}
