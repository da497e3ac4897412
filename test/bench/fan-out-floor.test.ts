/**
 * The fan-out's floors (bench/fan-out.ts): the ideal sender on the stand-in's answers, and the
 * peak check that proves the windows held at the stand-in.
 */
import { idealFanOutMs, peakShare, tenantFloorMs } from '../../bench/fan-out';
import { failShare } from '../support/connector-standin';

/** The stand-in's answers to the calls of a fan-out to `channels` (seeded as in the bench). */
function answersOf(channels: number, seed: number) {
  const plan = failShare(0.1, { status: 429, retryAfter: '1' }, seed);
  const answers: Array<{ status: number; retryAfterMs?: number }> = [];
  for (let accepted = 0; accepted < channels;) {
    const fault = plan({ method: 'POST', conversationId: 'c', body: {} }, answers.length);
    answers.push(fault ? { status: 429, retryAfterMs: 1000 } : { status: 201 });
    if (!fault) accepted++;
  }
  return answers;
}

describe('fan-out floors', () => {
  it('without 429s the ideal sender is the tenant floor', () => {
    const answers = Array.from({ length: 120 }, () => ({ status: 201 }));
    expect(idealFanOutMs(answers, 120)).toBe(tenantFloorMs(120));
    expect(tenantFloorMs(120)).toBe(2000);
  });

  it('counts the Retry-After of a 429 in the last window (seed 42: call 106 of 110)', () => {
    const answers = answersOf(100, 42);
    expect(answers).toHaveLength(110);
    expect(answers[106]?.status).toBe(429);
    // 0-49 at 0 s, 50-99 at 1 s, 100-108 at 2 s; the retry of call 106 cannot go before 3 s.
    expect(idealFanOutMs(answers, 100)).toBe(3000);
    expect(tenantFloorMs(answers.length)).toBe(2000);
  });

  it('waits a conversation window when one conversation is throttled again and again', () => {
    const answers = [
      { status: 429, retryAfterMs: 0 },
      { status: 429, retryAfterMs: 0 },
      ...Array.from({ length: 7 }, () => ({ status: 429, retryAfterMs: 0 })),
      { status: 201 },
    ];
    // One conversation, ten calls: 7 per second, then 8 per 2 s bind.
    expect(idealFanOutMs(answers, 1)).toBe(2000);
  });

  it('reports the peak share of a window', () => {
    const windows = [{ limit: 2, windowMs: 1000 }];
    expect(peakShare([0, 500, 1000, 1500], windows)).toBe(1);
    expect(peakShare([0, 500, 999], windows)).toBe(1.5);
  });
});
