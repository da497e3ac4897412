/**
 * "Dirty flag + single worker" per key: at most one run of `work(key)` is in flight per key, and a
 * request made while a run is in flight marks the key dirty, so exactly one more run follows and
 * picks up the latest state. A burst of N requests therefore costs at most two runs, however large
 * N is (100 simultaneous votes refresh the shared vote card twice, not 100 times).
 *
 * Why it is safe for "the card shows the final state": every run reads the state when it starts,
 * and a request that arrives after a run started always causes a later run. The promise returned by
 * `request` settles when a run that started after the request has finished, so a caller that must
 * know the refresh happened (the close) can await it; hot paths (a vote) just do not await it.
 * Errors of `work` go to `onError` and never reject the returned promise (best effort).
 *
 * With `delayMs`, a run waits that long after the first request before it starts, so requests
 * spread over that time (voters one after another) also share one run; `request(key, { now: true })`
 * skips the wait (a caller that awaits the refresh, e.g. the close).
 */
interface KeyState {
  dirty: boolean;
  /** A waiting caller asked for the run without the delay. */
  urgent: boolean;
  /** Wakes the delay early (set while the worker waits). */
  wake?: () => void;
  /** Settles when the run that will pick up the current dirty mark has finished. */
  next: Deferred;
}

interface Deferred {
  promise: Promise<void>;
  resolve: () => void;
}

function deferred(): Deferred {
  let resolve!: () => void;
  const promise = new Promise<void>((done) => {
    resolve = done;
  });
  return { promise, resolve };
}

export class CoalescedRefresh {
  private readonly states = new Map<string, KeyState>();

  constructor(
    private readonly work: (key: string) => Promise<void>,
    private readonly onError: (error: unknown, key: string) => void = () => undefined,
    private readonly delayMs = 0,
  ) {}

  /** Asks for a run of `work(key)` that starts after now; resolves when such a run has finished. */
  request(key: string, options: { now?: boolean } = {}): Promise<void> {
    const existing = this.states.get(key);
    if (existing) {
      existing.dirty = true;
      if (options.now) {
        existing.urgent = true;
        existing.wake?.();
      }
      return existing.next.promise;
    }
    const state: KeyState = { dirty: true, urgent: options.now === true, next: deferred() };
    this.states.set(key, state);
    const settled = state.next.promise;
    void this.drain(key, state);
    return settled;
  }

  /** Resolves when no run is in flight or pending for any key (tests, graceful shutdown): waits skip their delay. */
  async idle(): Promise<void> {
    while (this.states.size > 0) {
      for (const state of this.states.values()) {
        state.urgent = true;
        state.wake?.();
      }
      await Promise.all([...this.states.values()].map((state) => state.next.promise));
    }
  }

  /** Keys with a run in flight or pending. */
  get busyKeys(): number {
    return this.states.size;
  }

  private async drain(key: string, state: KeyState): Promise<void> {
    while (state.dirty) {
      if (this.delayMs > 0 && !state.urgent) await this.pause(state);
      state.dirty = false;
      state.urgent = false;
      const finished = state.next;
      state.next = deferred();
      try {
        await this.work(key);
      } catch (error) {
        this.onError(error, key);
      }
      finished.resolve();
    }
    this.states.delete(key);
    // Nobody marked the key since the last run started: whoever holds `next` is already served.
    state.next.resolve();
  }

  private pause(state: KeyState): Promise<void> {
    return new Promise<void>((resume) => {
      const timer = setTimeout(done, this.delayMs);
      function done() {
        clearTimeout(timer);
        state.wake = undefined;
        resume();
      }
      state.wake = done;
    });
  }
}

interface DeferredValue<T> {
  promise: Promise<T>;
  resolve: (value: T) => void;
  reject: (error: unknown) => void;
}

function deferredValue<T>(): DeferredValue<T> {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((done, fail) => {
    resolve = done;
    reject = fail;
  });
  return { promise, resolve, reject };
}

/**
 * The same pattern for a read: callers of `get(key)` share one read per key, and each gets the
 * result of a read that STARTED after its call (so it sees every write its caller finished before
 * asking). While a read is in flight, new callers wait for the next one, which serves them all.
 * Used for a hearing's ballots: simultaneous voters need one query per wave, not one each.
 */
export class CoalescedRead<T> {
  private readonly states = new Map<string, { dirty: boolean; next: DeferredValue<T> }>();

  /**
   * @param options.waitForTurn start a read only in the next turn of the event loop (setImmediate),
   *   so callers of this whole turn share it. Why: on the embedded store a read never waits for I/O,
   *   so without the wait each caller that arrives in its own callback (e.g. its own HTTP request)
   *   would read alone. The first caller waits one turn for it.
   */
  constructor(
    private readonly read: (key: string) => Promise<T>,
    private readonly options: { waitForTurn?: boolean } = {},
  ) {}

  get(key: string): Promise<T> {
    const existing = this.states.get(key);
    if (existing) {
      existing.dirty = true;
      return existing.next.promise;
    }
    const state = { dirty: true, next: deferredValue<T>() };
    this.states.set(key, state);
    const result = state.next.promise;
    void this.drain(key, state);
    return result;
  }

  private async drain(key: string, state: { dirty: boolean; next: DeferredValue<T> }): Promise<void> {
    if (this.options.waitForTurn) await new Promise<void>((resume) => setImmediate(resume));
    while (state.dirty) {
      state.dirty = false;
      const waiting = state.next;
      state.next = deferredValue<T>();
      try {
        waiting.resolve(await this.read(key));
      } catch (error) {
        waiting.reject(error);
      }
    }
    // No caller asked since the last read started: the fresh `next` has no one waiting on it.
    this.states.delete(key);
  }
}
