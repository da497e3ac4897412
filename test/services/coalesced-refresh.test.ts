/**
 * The "dirty flag + single worker" behind the shared vote card: one run in flight per key, a burst
 * of requests collapses into at most one more run that sees the latest state, errors are reported.
 */
import { deepFreeze } from '../../src/domain/deep-freeze';
import { CoalescedRead, CoalescedRefresh } from '../../src/platform/storage/coalesced-refresh';

function gate() {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { promise, open };
}

describe('CoalescedRefresh', () => {
  it('runs at most one refresh per key at a time and collapses a burst into one more run with the latest state', async () => {
    let state = 0;
    const seen: number[] = [];
    let inFlight = 0;
    let maxInFlight = 0;
    const gates = [gate(), gate()];
    let run = 0;
    const refresh = new CoalescedRefresh(async () => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      const mine = gates[run++];
      const snapshot = state; // read at the start, as the card update reads the hearing
      await mine?.promise;
      seen.push(snapshot);
      inFlight--;
    });
    state = 1;
    const first = refresh.request('h1');
    for (let i = 2; i <= 100; i++) {
      state = i;
      void refresh.request('h1');
    }
    const last = refresh.request('h1');
    gates[0]!.open();
    await first;
    gates[1]!.open();
    await last;
    await refresh.idle();
    expect(seen).toEqual([1, 100]);
    expect(maxInFlight).toBe(1);
    expect(refresh.busyKeys).toBe(0);
  });

  it('keeps keys independent and settles a request only after a run that started after it', async () => {
    const runs: string[] = [];
    const refresh = new CoalescedRefresh(async (key) => {
      runs.push(key);
      await new Promise((resolve) => setImmediate(resolve));
    });
    await Promise.all([refresh.request('a'), refresh.request('b')]);
    expect(runs.sort()).toEqual(['a', 'b']);
    const again = refresh.request('a');
    await again;
    expect(runs.filter((key) => key === 'a')).toHaveLength(2);
  });

  it('reports a failing run to onError, resolves the waiters and runs again on the next request', async () => {
    const errors: unknown[] = [];
    let fail = true;
    let succeeded = 0;
    const refresh = new CoalescedRefresh(
      async () => {
        if (fail) throw new Error('connector down');
        succeeded++;
      },
      (error) => errors.push(error),
    );
    await refresh.request('h');
    expect(errors).toHaveLength(1);
    fail = false;
    await refresh.request('h');
    expect(succeeded).toBe(1);
  });

  it('with a delay, requests spread over it share one run; an urgent request or idle() skips the wait', async () => {
    let runs = 0;
    const refresh = new CoalescedRefresh(
      async () => {
        runs++;
      },
      undefined,
      60_000,
    );
    const first = refresh.request('h');
    await new Promise((resolve) => setImmediate(resolve));
    void refresh.request('h');
    expect(runs).toBe(0); // still waiting for more requests
    await refresh.request('h', { now: true }); // would take a minute without the wake-up
    expect(runs).toBe(1);
    await first;
    void refresh.request('h');
    await refresh.idle();
    expect(runs).toBe(2);
    expect(refresh.busyKeys).toBe(0);
  });
});

describe('CoalescedRead', () => {
  it('serves callers that ask while a read is in flight with one later read, which sees their writes', async () => {
    let value = 0;
    let reads = 0;
    const release: Array<() => void> = [];
    const shared = new CoalescedRead(async () => {
      reads++;
      const seen = value; // the state when the read starts
      await new Promise<void>((resolve) => release.push(resolve));
      return seen;
    });
    value = 1;
    const first = shared.get('h');
    value = 2; // written after the first read started: the first caller need not see it ...
    const second = shared.get('h');
    value = 3;
    const third = shared.get('h'); // ... but these two must, and share one read
    release.shift()!();
    expect(await first).toBe(1);
    await new Promise((resolve) => setImmediate(resolve));
    release.shift()!();
    expect(await second).toBe(3);
    expect(await third).toBe(3);
    expect(reads).toBe(2);
  });

  it('passes a failed read to its callers only; the next caller reads again', async () => {
    let fail = true;
    const shared = new CoalescedRead(async () => {
      if (fail) throw new Error('store unavailable');
      return 'ok';
    });
    await expect(shared.get('h')).rejects.toThrow('store unavailable');
    fail = false;
    await expect(shared.get('h')).resolves.toBe('ok');
  });

  it('with waitForTurn, callers from separate callbacks of one loop turn share a read that starts after all of them', async () => {
    let value = 0;
    let reads = 0;
    const shared = new CoalescedRead(
      async () => {
        reads++;
        return value; // a synchronous store: the read itself never waits
      },
      { waitForTurn: true },
    );
    // Three callers, each in its own callback of the same loop phase (like three HTTP requests):
    // immediates queued together run in one check phase, the read's own wait in the next one.
    const results = await new Promise<number[]>((resolve) => {
      const pending: Array<Promise<number>> = [];
      for (const written of [1, 2, 3])
        setImmediate(() => {
          value = written;
          pending.push(shared.get('h'));
          if (pending.length === 3) void Promise.all(pending).then(resolve);
        });
    });
    expect(results).toEqual([3, 3, 3]);
    expect(reads).toBe(1);
    // Without the wait, each of them reads alone.
    const alone = new CoalescedRead(async () => {
      reads++;
      return value;
    });
    reads = 0;
    await new Promise<void>((resolve) => {
      let done = 0;
      for (let i = 0; i < 3; i++)
        setImmediate(() => void alone.get('h').then(() => ++done === 3 && resolve()));
    });
    expect(reads).toBe(3);
  });
});

describe('deepFreeze', () => {
  it('freezes a value and everything in it, so a shared read cannot be changed by one of its callers', () => {
    const hearing = deepFreeze({ id: 'h', eligibleVoterIds: ['a'], proposal: { members: [{ name: 'M' }] } });
    expect(() => (hearing.eligibleVoterIds as string[]).push('b')).toThrow(TypeError);
    expect(() => {
      (hearing.proposal.members[0] as { name: string }).name = 'X';
    }).toThrow(TypeError);
    expect(hearing).toEqual({ id: 'h', eligibleVoterIds: ['a'], proposal: { members: [{ name: 'M' }] } });
    expect(deepFreeze(undefined)).toBeUndefined();
  });
});
