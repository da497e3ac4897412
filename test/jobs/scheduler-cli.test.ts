/**
 * The operator command on a store the bot filled: the real app (SQLite on disk in a temporary
 * DATA_DIR) is installed, the steering channel bound and a meeting scheduled by command, a member's
 * term set to end; then the bot stops and `scheduler upcoming / scan / unsent` read that store as
 * the operator would (DATA_DIR only), listing the bot's own moments and recording nothing.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runCli } from '../../scripts/scheduler-cli';
import { createStoreLedger } from '../../src/platform/scheduler/ledger-repository';
import { SqliteStore } from '../../src/platform/storage/sqlite/sqlite-store';
import { startHarness, SECRETARIAT } from '../bot/support/app-harness';
import { channelMessage, TEAM_ID, TENANT } from '../bot/support/activities';

jest.setTimeout(60_000);

const STEERING_CHANNEL = '19:steering@thread.tacv2';

describe('scheduler CLI on a store the bot filled', () => {
  let dataDir: string;
  let lines: string[];
  const out = { log: (line: string) => void lines.push(line) };
  const cli = (...argv: string[]) => runCli(argv, { DATA_DIR: dataDir }, out);

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'fki-scheduler-cli-'));
    const harness = await startHarness({ DATA_DIR: dataDir }, { store: SqliteStore.open(dataDir) });
    const { app, connector, clock } = harness;
    try {
      await app.repositories.groups.recordInstallation(
        {
          teamId: TEAM_ID,
          teamName: 'FKI',
          tenantId: TENANT,
          installedAt: clock.now().toISOString(),
          serviceUrl: connector.url,
        },
        [
          {
            teamId: TEAM_ID,
            channelId: STEERING_CHANNEL,
            channelName: 'Styregruppe',
            conversationReference: {
              channelId: 'msteams',
              serviceUrl: connector.url,
              conversation: {
                id: STEERING_CHANNEL,
                conversationType: 'channel',
                isGroup: true,
                tenantId: TENANT,
              },
              bot: { id: '28:bot-app-id', name: 'FKI' },
            },
          },
        ],
      );
      const say = (text: string) =>
        harness.post(
          channelMessage(connector.url, text, SECRETARIAT, {
            channelId: STEERING_CHANNEL,
            channelName: 'Styregruppe',
          }),
        );
      expect((await say('tilknyt steering')).status).toBe(200);
      expect((await say('planlæg møde 2027-04-01 10:00 KOMBIT')).status).toBe(200);
      const [meeting] = await app.services.meetingCycle.meetings.upcoming('steering');
      expect(meeting?.startsAt).toBe('2027-04-01T08:00:00.000Z');
      // A municipal member whose term ends 2027-06-01: the 90-day warning falls on 2027-03-03.
      await app.repositories.people.savePerson({
        id: 'aad-anne',
        name: 'Anne Aalborg',
        organisation: { kind: 'municipality', municipalityCode: '851', name: 'Aalborg' },
      });
      await app.repositories.people.saveMembership({
        personId: 'aad-anne',
        groupId: 'steering',
        role: 'member',
        termStart: '2022-06-01',
        plannedEnd: '2027-06-01',
      });
    } finally {
      await harness.stop();
    }
  });

  beforeEach(() => {
    lines = [];
  });

  afterAll(() => {
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('upcoming lists the bot’s own moments for the scheduled meeting and the ending term, in time order', async () => {
    expect(await cli('upcoming', '--days', '60', '--from', '2027-02-20T00:00:00Z')).toBe(0);
    const kinds = lines.map((line) => line.split('  ')[1]);
    expect(kinds).toEqual(
      expect.arrayContaining(['heads-up', 'proposal-deadline', 'detailed-agenda', 'term-ending']),
    );
    expect(lines.find((line) => line.includes('term-ending'))).toMatch(
      /^Wednesday 3 March 2027, 09:00 {2}term-ending {2}secretariat {2}\[pending\] {2}term of aad-anne in steering ends 2027-06-01$/,
    );
    expect(lines.at(-1)).toMatch(
      /^Thursday 18 March 2027, 10:00 {2}detailed-agenda {2}steering {2}\[pending\]/,
    );
    // Time order: the term warning (3 March) falls between the heads-up and the proposal deadline.
    const at = (kind: string) => kinds.indexOf(kind);
    expect(at('heads-up')).toBeLessThan(at('term-ending'));
    expect(at('term-ending')).toBeLessThan(at('proposal-deadline'));
    expect(at('proposal-deadline')).toBeLessThan(at('detailed-agenda'));
  });

  it('says so when nothing is due in the window', async () => {
    expect(await cli('upcoming', '--days', '5', '--from', '2027-05-01T00:00:00Z')).toBe(0);
    expect(lines).toEqual(['no moments in the next 5 days']);
  });

  it('scan --at lists what a scan would perform and records nothing', async () => {
    expect(await cli('scan', '--at', '2027-03-04T09:00:00Z')).toBe(0);
    const owed = lines.filter((line) => line.startsWith('  would perform: '));
    expect(owed.some((line) => line.includes('proposal-deadline  steering'))).toBe(true);
    expect(owed.some((line) => line.includes('term-ending  secretariat'))).toBe(true);
    expect(owed.some((line) => line.includes('detailed-agenda'))).toBe(false);
    expect(lines.at(-1)).toBe(`would perform ${owed.length}, already done 0`);

    const store = SqliteStore.open(dataDir);
    try {
      expect(await createStoreLedger(store.collection('schedule')).listUnsent()).toEqual([]);
    } finally {
      await store.close();
    }
    lines = [];
    expect(await cli('unsent')).toBe(0);
    expect(lines).toEqual(['no unsent claims']);
  });

  it('refuses a bad instant and unknown commands', async () => {
    await expect(cli('scan', '--at', 'yesterday')).rejects.toThrow('--at must be an ISO instant');
    expect(await cli('frobnicate')).toBe(2);
    expect(lines.join('\n')).toContain('usage:');
  });
});
