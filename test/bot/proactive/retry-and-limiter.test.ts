import { ManualClock } from '../../../src/domain/clock';
import { KeyedRateLimiter, SlidingWindowLimiter } from '../../../src/platform/teams/proactive/rate-limiter';
import {
  describeFailure,
  isRetriable,
  parseRetryAfter,
  retryDelayMs,
  DEFAULT_RETRY_POLICY,
} from '../../../src/platform/teams/proactive/retry';

describe('retry rules', () => {
  const now = new Date('2027-03-01T08:00:00.000Z');

  it('parses Retry-After as seconds or as an HTTP date', () => {
    expect(parseRetryAfter('3', now)).toBe(3000);
    expect(parseRetryAfter('Mon, 01 Mar 2027 08:00:10 GMT', now)).toBe(10_000);
    expect(parseRetryAfter('nonsense', now)).toBeUndefined();
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
  });

  it('retries 429, 5xx and network errors, not other 4xx', () => {
    expect([429, 500, 503, undefined].map((status) => isRetriable({ status, message: '' }))).toEqual([
      true,
      true,
      true,
      true,
    ]);
    expect([400, 403, 404, 412].map((status) => isRetriable({ status, message: '' }))).toEqual([
      false,
      false,
      false,
      false,
    ]);
  });

  it('backs off exponentially with jitter, never below Retry-After, capped', () => {
    const policy = { ...DEFAULT_RETRY_POLICY, baseDelayMs: 1000, maxDelayMs: 20_000 };
    const low = { ...policy, random: () => 0 };
    const high = { ...policy, random: () => 0.999 };
    expect([2, 3, 4].map((n) => retryDelayMs(low, n, { message: '' }))).toEqual([500, 1000, 2000]);
    expect(retryDelayMs(high, 2, { message: '' })).toBeLessThan(1000);
    expect(retryDelayMs(low, 2, { message: '', retryAfterMs: 7000 })).toBe(7000);
    expect(retryDelayMs(high, 30, { message: '' })).toBeLessThanOrEqual(20_000);
  });

  it('waits exactly Retry-After when the service gives one, without its own back-off on top (capped)', () => {
    const policy = { ...DEFAULT_RETRY_POLICY, baseDelayMs: 1000, maxDelayMs: 20_000, random: () => 0.999 };
    // The fourth attempt would back off 2-4 s; the service said 1 s.
    expect(retryDelayMs(policy, 4, { message: '', status: 429, retryAfterMs: 1000 })).toBe(1000);
    expect(retryDelayMs(policy, 2, { message: '', status: 429, retryAfterMs: 0 })).toBe(0);
    expect(retryDelayMs(policy, 2, { message: '', status: 429, retryAfterMs: 90_000 })).toBe(20_000);
  });

  it('reads status and Retry-After from a connector RestError', () => {
    const error = {
      statusCode: 429,
      message: 'throttled',
      response: { headers: { get: (name: string) => (name === 'retry-after' ? '4' : undefined) } },
    };
    expect(describeFailure(error, now)).toEqual({ status: 429, retryAfterMs: 4000, message: 'throttled' });
    expect(describeFailure(new Error('ECONNREFUSED'), now)).toEqual({
      status: undefined,
      retryAfterMs: undefined,
      message: 'ECONNREFUSED',
    });
  });
});

describe('SlidingWindowLimiter', () => {
  it('waits exactly until the oldest request in a full window leaves it', async () => {
    const clock = new ManualClock('2027-03-01T08:00:00.000Z');
    const sleeps: number[] = [];
    const limiter = new SlidingWindowLimiter([{ limit: 2, windowMs: 1000 }], clock, async (ms) => {
      sleeps.push(ms);
      clock.advance(ms);
    });
    await limiter.acquire();
    clock.advance(300);
    await limiter.acquire();
    await limiter.acquire(); // third in the window: waits until t=1000 (first leaves), i.e. 700 ms
    expect(sleeps).toEqual([700]);
  });

  it('forgets idle conversations but never one with a queued caller', async () => {
    const clock = new ManualClock('2027-03-01T08:00:00.000Z');
    const limiters = new KeyedRateLimiter([{ limit: 1, windowMs: 1000 }], clock, async (ms) =>
      clock.advance(ms),
    );
    await limiters.acquire('a');
    clock.advance(5000);
    const queued = limiters.acquire('b');
    await limiters.acquire('c'); // creating c evicts idle a, keeps b (queued)
    await queued;
    expect(limiters.size).toBe(2);
  });

  it('keeps a held slot in every window while in flight and counts it from its release', async () => {
    const clock = new ManualClock('2027-03-01T08:00:00.000Z');
    const sleeps: number[] = [];
    const limiter = new SlidingWindowLimiter([{ limit: 1, windowMs: 1000 }], clock, async (ms) => {
      sleeps.push(ms);
      clock.advance(ms);
    });
    const release = await limiter.hold();
    clock.advance(1500); // the request is still in flight a window later: no room yet
    expect(limiter.delayAt(clock.now().getTime())).toBe(Infinity);
    let granted = false;
    const next = limiter.acquire().then(() => (granted = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(granted).toBe(false);
    release(); // answered at 1500: the window frees at 2500, not at 1000
    release(); // twice is harmless
    await next;
    expect(sleeps).toEqual([1000]);
    expect(clock.now().getTime() - Date.parse('2027-03-01T08:00:00.000Z')).toBe(2500);
  });

  it('lets at most maxInFlight held slots out at once', async () => {
    const clock = new ManualClock('2027-03-01T08:00:00.000Z');
    const limiters = new KeyedRateLimiter(
      [{ limit: 100, windowMs: 1000 }],
      clock,
      async (ms) => clock.advance(ms),
      2,
    );
    const first = await limiters.hold('tenant');
    await limiters.hold('tenant');
    let third = false;
    const waiting = limiters.hold('tenant').then((release) => {
      third = true;
      return release;
    });
    await new Promise((resolve) => setImmediate(resolve)); // every queued microtask has run
    expect(third).toBe(false);
    first();
    (await waiting)();
    expect(third).toBe(true);
  });
});
