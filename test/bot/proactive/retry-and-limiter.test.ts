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
});
