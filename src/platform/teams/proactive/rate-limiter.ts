/**
 * Sliding-window rate limiting for proactive posts. Teams throttles per bot per conversation
 * (7 msgs / 1 s, 8 / 2 s, 60 / 30 s, 1800 / hour) and per app per tenant (about 50 requests / s);
 * going over earns 429s and, repeatedly, a longer block. The limiter never drops: `acquire` waits
 * (through the injected `sleep`) until every window has room, then records the slot.
 */
import type { Clock } from '../../../domain/clock';

export interface RateWindow {
  /** At most `limit` requests in any interval of `windowMs`. */
  limit: number;
  windowMs: number;
}

/** Per bot, per conversation (Teams documented limits). */
export const TEAMS_CONVERSATION_WINDOWS: readonly RateWindow[] = [
  { limit: 7, windowMs: 1_000 },
  { limit: 8, windowMs: 2_000 },
  { limit: 60, windowMs: 30_000 },
  { limit: 1_800, windowMs: 3_600_000 },
];

/** Per app, per tenant, across all conversations. */
export const TEAMS_TENANT_WINDOWS: readonly RateWindow[] = [{ limit: 50, windowMs: 1_000 }];

export type Sleep = (ms: number) => Promise<void>;

export const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** One sliding window log; `acquire` calls are served one at a time, in call order (FIFO). */
export class SlidingWindowLimiter {
  /** Instants (ms) of granted slots, oldest first, pruned to the longest window. */
  private readonly granted: number[] = [];
  private queue: Promise<void> = Promise.resolve();
  /** Callers queued or waiting; a limiter with waiters is never idle. */
  private pending = 0;
  private readonly longestWindowMs: number;

  constructor(
    private readonly windows: readonly RateWindow[],
    private readonly clock: Clock,
    private readonly sleep: Sleep,
  ) {
    if (windows.length === 0) throw new Error('a rate limiter needs at least one window');
    this.longestWindowMs = Math.max(...windows.map((w) => w.windowMs));
  }

  /** Resolves when a request may be sent now; the slot is counted from that instant. */
  acquire(): Promise<void> {
    this.pending++;
    const turn = this.queue.then(() => this.waitForSlot()).finally(() => this.pending--);
    // A failed sleep must not wedge the queue for later callers.
    this.queue = turn.catch(() => undefined);
    return turn;
  }

  /** Milliseconds until a slot is free at `now` (0 = free now). */
  delayAt(now: number): number {
    this.prune(now);
    let delay = 0;
    for (const { limit, windowMs } of this.windows) {
      const inWindow = this.countSince(now - windowMs);
      if (inWindow < limit) continue;
      // The slot frees when the request `limit` places back leaves the window.
      const blocking = this.granted[this.granted.length - limit];
      if (blocking !== undefined) delay = Math.max(delay, blocking + windowMs - now);
    }
    return delay;
  }

  /** True when nothing was granted within the longest window (the limiter can be discarded). */
  idleAt(now: number): boolean {
    this.prune(now);
    return this.pending === 0 && this.granted.length === 0;
  }

  private async waitForSlot(): Promise<void> {
    // Re-check after every sleep: the clock is the authority, not the arithmetic before the sleep.
    for (;;) {
      const now = this.clock.now().getTime();
      const delay = this.delayAt(now);
      if (delay <= 0) {
        this.granted.push(now);
        return;
      }
      await this.sleep(delay);
    }
  }

  /** Requests granted in (since, now]: a window of `windowMs` holds instants > now - windowMs. */
  private countSince(since: number): number {
    let count = 0;
    for (let i = this.granted.length - 1; i >= 0 && (this.granted[i] as number) > since; i--) count++;
    return count;
  }

  private prune(now: number): void {
    const horizon = now - this.longestWindowMs;
    let drop = 0;
    while (drop < this.granted.length && (this.granted[drop] as number) <= horizon) drop++;
    if (drop > 0) this.granted.splice(0, drop);
  }
}

/** One limiter per key (conversation or tenant), created on first use, dropped when idle. */
export class KeyedRateLimiter {
  private readonly limiters = new Map<string, SlidingWindowLimiter>();

  constructor(
    private readonly windows: readonly RateWindow[],
    private readonly clock: Clock,
    private readonly sleep: Sleep,
  ) {}

  acquire(key: string): Promise<void> {
    let limiter = this.limiters.get(key);
    if (!limiter) {
      this.evictIdle();
      limiter = new SlidingWindowLimiter(this.windows, this.clock, this.sleep);
      this.limiters.set(key, limiter);
    }
    return limiter.acquire();
  }

  get size(): number {
    return this.limiters.size;
  }

  /** Keeps memory bounded by the conversations active within the longest window. */
  private evictIdle(): void {
    const now = this.clock.now().getTime();
    for (const [key, limiter] of this.limiters) if (limiter.idleAt(now)) this.limiters.delete(key);
  }
}
