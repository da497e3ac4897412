/**
 * Sliding-window rate limiting for proactive posts. Teams throttles per bot per conversation
 * (7 msgs / 1 s, 8 / 2 s, 60 / 30 s, 1800 / hour) and per app per tenant (about 50 requests / s);
 * going over earns 429s and, repeatedly, a longer block. The limiter never drops: `acquire` waits
 * (through the injected `sleep`) until every window has room, then records the slot.
 *
 * Teams counts a request when it arrives, which is somewhere between our grant and its answer: a
 * burst of 50 sends on a busy event loop leaves over a few hundred milliseconds, so counting the
 * slot from the grant let the next window's burst arrive within the same second as the last one
 * (the bench measured up to 100 arrivals in one second). `hold` therefore keeps the slot in every
 * window while the request is in flight and counts it from the instant it is released (answered):
 * arrival ≤ release, so no window can hold more arrivals than its limit, whatever the latency.
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

/** Ends a held slot: from this instant it counts as an ordinary one. Calling it again does nothing. */
export type Release = () => void;

/** A granted slot: the instant it counts from, or in flight (counts in every window until released). */
interface Slot {
  at: number;
  inFlight: boolean;
}

/** One sliding window log; `acquire` calls are served one at a time, in call order (FIFO). */
export class SlidingWindowLimiter {
  /** Granted slots in grant order, pruned to the longest window (in-flight ones are kept). */
  private granted: Slot[] = [];
  private queue: Promise<void> = Promise.resolve();
  /** Resolved (and replaced) whenever a held slot is released: a waiter blocked by one wakes. */
  private released = deferred();
  /** Callers queued or waiting; a limiter with waiters is never idle. */
  private pending = 0;
  private readonly longestWindowMs: number;

  constructor(
    private readonly windows: readonly RateWindow[],
    private readonly clock: Clock,
    private readonly sleep: Sleep,
    /** Held slots allowed at once (see KeyedRateLimiter); more wait for a release. */
    private readonly maxInFlight = Infinity,
  ) {
    if (windows.length === 0) throw new Error('a rate limiter needs at least one window');
    if (!(maxInFlight >= 1)) throw new Error('maxInFlight must be at least 1');
    this.longestWindowMs = Math.max(...windows.map((w) => w.windowMs));
  }

  /** Resolves when a request may be sent now; the slot is counted from that instant. */
  async acquire(): Promise<void> {
    (await this.hold())();
  }

  /**
   * Resolves when a request may be sent now, with the slot held: it counts in every window until
   * `release` is called, and from that instant afterwards. Always release (a try/finally).
   */
  hold(): Promise<Release> {
    this.pending++;
    const turn = this.queue.then(() => this.waitForSlot()).finally(() => this.pending--);
    // A failed sleep must not wedge the queue for later callers.
    this.queue = turn.then(
      () => undefined,
      () => undefined,
    );
    return turn;
  }

  /** Milliseconds until a slot is free at `now` (0 = free now; Infinity = when a held slot is released). */
  delayAt(now: number): number {
    this.prune(now);
    if (this.granted.filter((slot) => slot.inFlight).length >= this.maxInFlight) return Infinity;
    let delay = 0;
    for (const { limit, windowMs } of this.windows) {
      const inWindow = this.granted
        .map((slot) => (slot.inFlight ? Infinity : slot.at))
        .filter((at) => at > now - windowMs)
        .sort((a, b) => a - b);
      if (inWindow.length < limit) continue;
      // Room comes when enough of the oldest leave the window that fewer than `limit` remain.
      const blocking = inWindow[inWindow.length - limit] as number;
      delay = Math.max(delay, blocking + windowMs - now);
    }
    return delay;
  }

  /** True when nothing was granted within the longest window (the limiter can be discarded). */
  idleAt(now: number): boolean {
    this.prune(now);
    return this.pending === 0 && this.granted.length === 0;
  }

  private async waitForSlot(): Promise<Release> {
    // Re-check after every wait: the clock is the authority, not the arithmetic before the sleep.
    for (;;) {
      const now = this.clock.now().getTime();
      const delay = this.delayAt(now);
      if (delay <= 0) return this.grant(now);
      if (delay === Infinity) await this.released.promise;
      else await this.sleep(delay);
    }
  }

  private grant(now: number): Release {
    const slot: Slot = { at: now, inFlight: true };
    this.granted.push(slot);
    return () => {
      if (!slot.inFlight) return;
      slot.inFlight = false;
      slot.at = Math.max(slot.at, this.clock.now().getTime());
      const { resolve } = this.released;
      this.released = deferred();
      resolve();
    };
  }

  private prune(now: number): void {
    const horizon = now - this.longestWindowMs;
    if (this.granted.some((slot) => !slot.inFlight && slot.at <= horizon))
      this.granted = this.granted.filter((slot) => slot.inFlight || slot.at > horizon);
  }
}

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve: () => void = () => undefined;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

/**
 * One limiter per key (conversation or tenant), created on first use, dropped when idle.
 * `maxInFlight` caps the held slots per key: the sender caps the tenant's requests in flight,
 * because a slot counts from its answer, and 50 sends started at once on a busy event loop are
 * all answered late (the last of the burst decides when the next second's burst may start), while
 * the same sends a few at a time are answered one after another and free their slots early.
 */
export class KeyedRateLimiter {
  private readonly limiters = new Map<string, SlidingWindowLimiter>();

  constructor(
    private readonly windows: readonly RateWindow[],
    private readonly clock: Clock,
    private readonly sleep: Sleep,
    private readonly maxInFlight = Infinity,
  ) {}

  acquire(key: string): Promise<void> {
    return this.limiter(key).acquire();
  }

  /** The slot held until released (see SlidingWindowLimiter.hold). */
  hold(key: string): Promise<Release> {
    return this.limiter(key).hold();
  }

  private limiter(key: string): SlidingWindowLimiter {
    let limiter = this.limiters.get(key);
    if (!limiter) {
      this.evictIdle();
      limiter = new SlidingWindowLimiter(this.windows, this.clock, this.sleep, this.maxInFlight);
      this.limiters.set(key, limiter);
    }
    return limiter;
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
