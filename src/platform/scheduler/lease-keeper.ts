/**
 * Keeps the runner lease alive while a scan runs, and says whether the runner may still send.
 *
 * The lease's TTL can then be short (a dead runner's lease frees itself soon) without a long scan
 * (a fan-out slowed by Teams' 429s) losing it: every `renewEveryMs` the keeper extends it. The
 * runner trusts its lease only for half the TTL after the last confirmed renewal (measured from
 * when that renewal was sent, on this process's monotonic clock), so a contender whose clock runs
 * up to TTL/2 ahead still finds it held while we send. A renewal that finds the lease taken marks
 * it lost at once; one that fails (store unreachable) lets the trust run out.
 */
import type { SchedulerLedger } from './ledger';
import type { JobsLogger } from './types';

export interface LeaseKeeperOptions {
  ledger: SchedulerLedger;
  holderId: string;
  ttlMs: number;
  renewEveryMs: number;
  /** The lease's time (the scan instant plus what has elapsed since). */
  leaseTime: () => Date;
  logger: JobsLogger;
  /** Monotonic milliseconds; injected by tests. */
  monotonic?: () => number;
}

export class LeaseKeeper {
  private confirmedAt: number;
  private lost = false;
  private timer: NodeJS.Timeout | undefined;
  private renewing: Promise<void> | undefined;
  private readonly monotonic: () => number;

  /** `acquiredAt`: the monotonic time the acquiring request was sent. */
  constructor(
    private readonly options: LeaseKeeperOptions,
    acquiredAt?: number,
  ) {
    this.monotonic = options.monotonic ?? (() => performance.now());
    this.confirmedAt = acquiredAt ?? this.monotonic();
  }

  /** Whether the runner may still act as the lease holder. */
  valid(): boolean {
    return !this.lost && this.monotonic() - this.confirmedAt < this.options.ttlMs / 2;
  }

  start(): this {
    this.timer = setInterval(() => this.renew(), this.options.renewEveryMs);
    // The heartbeat must never keep a process alive that is otherwise done.
    this.timer.unref();
    return this;
  }

  /** Stops renewing; waits for a renewal in flight so no write follows the scan. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.renewing;
  }

  private renew(): void {
    if (this.renewing || this.lost) return;
    const { ledger, holderId, ttlMs, logger } = this.options;
    const sentAt = this.monotonic();
    this.renewing = ledger
      .renewLease(holderId, ttlMs, this.options.leaseTime())
      .then((renewed) => {
        if (renewed) this.confirmedAt = sentAt;
        else {
          this.lost = true;
          logger.warn({ holderId }, 'scheduler: the runner lease was taken over during the scan; stopping');
        }
      })
      .catch((error: unknown) =>
        logger.warn({ holderId, err: String(error) }, 'scheduler: could not renew the runner lease'),
      )
      .finally(() => {
        this.renewing = undefined;
      });
  }
}
