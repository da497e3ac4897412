/**
 * Smoke test of the bench harness (bench/): a tiny configuration on the embedded store runs end to
 * end and every vote and proposal sent is stored, and the fan-out delivers each message once.
 * No timing assertions: figures come from `npm run bench` only.
 */
import { DEFAULT_OPTIONS, renderReport, runBench, type BenchResults } from '../../bench/run';
import { growthSvg } from '../../bench/growth-report';

jest.setTimeout(60_000);

describe('bench harness', () => {
  let results: BenchResults;

  beforeAll(async () => {
    results = await runBench({
      ...DEFAULT_OPTIONS,
      stores: ['sqlite'],
      concurrencies: [3],
      requestsAt: () => 6,
      repetitions: 1,
      scan: { groups: 4, meetings: 16 },
      fanOutChannels: 3,
      // Every fan-out call would be throttled once in a while; keep it short but exercised.
      throttleShare: 0.3,
      throttledVoteRun: false,
      growth: {
        steps: [
          { meetings: 8, members: 4 },
          { meetings: 24, members: 12 },
        ],
        groups: 4,
        votes: 3,
      },
    });
  });

  it('stores every vote and proposal it sent (0 lost) and each was answered with a card', () => {
    const [sqlite] = results.stores;
    expect(sqlite?.store).toBe('sqlite');
    for (const figures of [sqlite!.votes[3]!, sqlite!.proposals[3]!]) {
      expect(figures.requests).toBe(6);
      expect(figures.lost).toBe(0);
      expect(figures.unconfirmed).toBe(0);
      expect(figures.failures).toBe(0);
    }
    expect(sqlite!.floor[3]!.requests).toBe(6);
    expect(sqlite!.invokeFloor[3]!.requests).toBe(6);
  });

  it('delivers the fan-out to every channel exactly once', () => {
    const [run] = results.stores[0]!.fanOut;
    expect(run).toMatchObject({ channels: 3, delivered: 3, notExactlyOnce: 0, failedSends: 0 });
  });

  it('grows the store step by step and reports the growth table and its chart', () => {
    const growth = results.stores[0]!.growth;
    expect(growth.map((row) => [row.meetings, row.members])).toEqual([
      [8, 4],
      [24, 12],
    ]);
    const report = renderReport(results);
    expect(report).toMatch(/\| sqlite \| 24 \| 12 \| [\d.]+ \| \d+ \| [\d.]+ \|/);
    expect(report).toMatch(/scan at 24 meetings under 2× the scan at 8 \(sqlite: [\d.]+×\)/);
    const svg = growthSvg(growth);
    expect(svg).toContain('<svg');
    expect(svg.match(/<rect /g)).toHaveLength(growth.length + 1);
  });

  it('runs the scan and reports a table with the targets', () => {
    const scan = results.stores[0]!.scan.runs[0]!;
    expect(scan.failed).toBe(0);
    const report = renderReport(results);
    expect(report).toContain('| sqlite | vote | 3 | 6 |');
    expect(report).toContain('| sqlite | framework floor, invoke response only | 3 | 6 |');
    expect(report).toContain('zero lost votes/proposals at up to 3 concurrent (sqlite: 0 lost)');
  });
});
