/** The operator command: lists upcoming moments and dry-runs a scan without writing the ledger. */
import { runCli } from '../../scripts/scheduler-cli';
import { createStoreLedger } from '../../src/platform/scheduler/ledger-repository';
import { SqliteStore } from '../../src/platform/storage/sqlite/sqlite-store';

describe('scheduler CLI', () => {
  let store: SqliteStore;
  let lines: string[];
  const out = { log: (line: string) => void lines.push(line) };
  beforeEach(async () => {
    store = SqliteStore.inMemory();
    lines = [];
    // A stored steering meeting, as the meetings repository would keep it.
    await store.collection('schedule').create({
      id: 'm-apr',
      pk: 'meetings:steering',
      type: 'meeting',
      groupId: 'steering',
      startsAt: '2027-04-01T08:00:00.000Z',
      durationMinutes: 240,
      status: 'scheduled',
    });
  });
  afterEach(async () => {
    await store.close();
  });

  it('upcoming lists the moments in the next days in time order', async () => {
    expect(await runCli(['upcoming', '--days', '60', '--from', '2027-02-20T00:00:00Z'], {}, out, store)).toBe(
      0,
    );
    expect(lines).toHaveLength(10);
    expect(lines[0]).toMatch(/^Thursday 25 February 2027, 10:00 {2}heads-up {2}/);
    expect(lines.at(-1)).toMatch(
      /^Thursday 18 March 2027, 10:00 {2}detailed-agenda {2}steering {2}\[pending\]/,
    );
  });

  it('scan --at prints what would be posted and records nothing', async () => {
    expect(await runCli(['scan', '--at', '2027-03-04T09:00:00Z'], {}, out, store)).toBe(0);
    expect(lines.filter((line) => line.startsWith('  would post to'))).toHaveLength(5);
    expect(lines).toContain('  would post to steering: Fristen for dagsordenspunkter er udløbet');
    const ledger = createStoreLedger(store.collection('schedule'));
    expect(await ledger.get('proposal-deadline:steering:m-apr:2027-03-04T09:00:00.000Z')).toBeUndefined();
  });

  it('refuses a bad instant and unknown commands', async () => {
    await expect(runCli(['scan', '--at', 'yesterday'], {}, out, store)).rejects.toThrow(
      '--at must be an ISO instant',
    );
    expect(await runCli(['frobnicate'], {}, out, store)).toBe(2);
    expect(lines.join('\n')).toContain('usage:');
  });
});
