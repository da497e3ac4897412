/**
 * kill -9 in the middle of a fan-out (issue 25, point 2): 40 term-ending reminders to the
 * secretariat's channel, the bot (a real child process: the composed app on SQLite in DATA_DIR,
 * support/fanout-child.ts) killed after 15 have reached the Bot Connector stand-in, then restarted
 * on the same host 10 seconds later, while the dead process's lease (60 s) and claim (grace 10 min)
 * are still fresh. Two places for the kill:
 * - after the 15th post was answered and recorded, before its moment was marked sent: the restart
 *   recognises the post and sends nothing twice (40 posts);
 * - while the connector has accepted the 15th post but not yet answered: the one window no sender
 *   can close (no idempotency key, no read-back); the restart sends it again (41 posts), and the
 *   ledger entry names the dead holder (`recoveredFrom`): the documented duplicate.
 * Either way no reminder is missing, and the restart takes the lease and the claim over at once.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { buildSync } from 'esbuild';
import { composeApp } from '../../src/app/compose';
import { ManualClock } from '../../src/domain/clock';
import { addDaysToDate } from '../../src/domain/time';
import { warningInstant } from '../../src/platform/scheduler/dates';
import { createStoreLedger } from '../../src/platform/scheduler/ledger-repository';
import type { LedgerEntry } from '../../src/platform/scheduler/ledger';
import { SqliteStore } from '../../src/platform/storage/sqlite/sqlite-store';
import { ConnectorStandIn } from '../support/connector-standin';
import { seedPerson } from '../support/people';

jest.setTimeout(120_000);

const projectRoot = resolve(__dirname, '../..');
const REMINDERS = 40;
const KILL_AFTER = 15;
const CHANNEL = '19:secretariat@thread.tacv2';
const ZONE = 'Europe/Copenhagen';
const PLANNED_END = addDaysToDate('2027-03-01', 90);
const DUE = warningInstant(PLANNED_END, 90, ZONE);
const SCAN_AT = new Date(DUE.getTime() + 5 * 60_000);
const RESTART_AT = new Date(SCAN_AT.getTime() + 10_000);
const personId = (n: number) => `p${String(n).padStart(2, '0')}`;
const personName = (n: number) => `Medlem ${String(n).padStart(2, '0')}`;
const keyOf = (n: number) => `term-ending:secretariat:ref-drift.${personId(n)}:${DUE.toISOString()}`;

let dir: string;
let childScript: string;
let connector: ConnectorStandIn;

beforeAll(() => {
  const bundleDir = mkdtempSync(join(tmpdir(), 'fki-fanout-bundle-'));
  childScript = join(bundleDir, 'fanout-child.js');
  buildSync({
    entryPoints: [join(__dirname, 'support/fanout-child.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    outfile: childScript,
    packages: 'external',
    logLevel: 'silent',
  });
});

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'fki-fanout-'));
  connector = await new ConnectorStandIn().start();
  await seed();
});
afterEach(async () => {
  await connector.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** The secretariat's channel bound, and 40 municipal members whose terms end in 90 days. */
async function seed(): Promise<void> {
  const store = SqliteStore.open(dir);
  const clock = new ManualClock('2027-02-01T09:00:00.000Z');
  const app = await composeApp(
    { NODE_ENV: 'test', DATA_DIR: dir, LOG_LEVEL: 'silent', SCHEDULER_ENABLED: 'false' },
    { store, clock },
  );
  const { groups, people } = app.repositories;
  const now = clock.now().toISOString();
  await groups.recordInstallation({ teamId: 'team-1', installedAt: now, serviceUrl: connector.url }, [
    {
      teamId: 'team-1',
      channelId: CHANNEL,
      channelName: 'Sekretariat',
      conversationReference: connector.reference(CHANNEL),
    },
  ]);
  await groups.bind({
    groupId: 'secretariat',
    teamId: 'team-1',
    channelId: CHANNEL,
    boundBy: 'test',
    boundAt: now,
  });
  const organisation = { kind: 'municipality', municipalityCode: '101', name: 'København' } as const;
  for (let n = 1; n <= REMINDERS; n++) {
    await seedPerson(people, { id: personId(n), name: personName(n), organisation }, [
      { groupId: 'ref-drift', role: 'member', termStart: '2024-05-30', plannedEnd: PLANNED_END },
    ]);
  }
  await app.drain();
  await store.close();
}

interface Child {
  pid: number;
  /** The JSON lines it wrote so far. */
  lines: Array<Record<string, unknown>>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>;
  kill(): void;
}

function startBot(at: Date, mode?: string, onLine?: (line: Record<string, unknown>) => void): Child {
  const proc = spawn(
    process.execPath,
    ['--no-deprecation', childScript, dir, at.toISOString(), ...(mode ? [mode] : [])],
    {
      cwd: projectRoot,
      env: { ...process.env, NODE_PATH: join(projectRoot, 'node_modules') },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const lines: Array<Record<string, unknown>> = [];
  let buffered = '';
  let stderr = '';
  proc.stdout.on('data', (chunk: Buffer) => {
    buffered += chunk.toString();
    for (let end = buffered.indexOf('\n'); end >= 0; end = buffered.indexOf('\n')) {
      const line = JSON.parse(buffered.slice(0, end)) as Record<string, unknown>;
      buffered = buffered.slice(end + 1);
      lines.push(line);
      onLine?.(line);
    }
  });
  proc.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>(
    (done, fail) => {
      proc.on('error', fail);
      proc.on('exit', (code, signal) => done({ code, signal, stderr }));
    },
  );
  return { pid: proc.pid as number, lines, exited, kill: () => proc.kill('SIGKILL') };
}

async function inStore<T>(read: (ledger: ReturnType<typeof createStoreLedger>) => Promise<T>): Promise<T> {
  const store = SqliteStore.open(dir);
  try {
    return await read(createStoreLedger(store.collection('schedule')));
  } finally {
    await store.close();
  }
}

const entries = () =>
  inStore(async (ledger) => {
    const all = new Map<number, LedgerEntry | undefined>();
    for (let n = 1; n <= REMINDERS; n++) all.set(n, await ledger.get(keyOf(n)));
    return all;
  });

/** How many times each member's reminder reached the channel. */
function postsPerMember(): number[] {
  const bodies = connector.delivered.map((request) => JSON.stringify(request.body));
  return Array.from(
    { length: REMINDERS },
    (_, i) => bodies.filter((body) => body.includes(personName(i + 1))).length,
  );
}

/** After the kill: the dead process still holds the lease and the interrupted claim; then a restart. */
async function restartAfterKill(
  dead: Child,
): Promise<{ interrupted: number; report: Record<string, unknown> }> {
  const killed = await dead.exited;
  expect(killed.signal).toBe('SIGKILL');
  const deadId = dead.lines.find((line) => line.instanceId)?.instanceId as string;
  const before = await inStore((ledger) => ledger.leaseHolder());
  expect(before?.holderId).toBe(deadId);
  expect(Date.parse(before!.expiresAt)).toBeGreaterThan(RESTART_AT.getTime());
  const claimed = [...(await entries())].filter(([, entry]) => entry?.status === 'claimed');
  expect(claimed.map(([, entry]) => entry?.holderId)).toEqual([deadId]);
  const interrupted = claimed[0]![0];
  // It is the moment of the last post that reached the channel before the kill.
  expect(connector.delivered).toHaveLength(KILL_AFTER);
  expect(JSON.stringify(connector.delivered.at(-1)?.body)).toContain(personName(interrupted));

  const restart = startBot(RESTART_AT);
  const ended = await restart.exited;
  expect({ code: ended.code, stderr: ended.stderr }).toEqual({ code: 0, stderr: '' });
  const report = restart.lines.find((line) => line.report)?.report as Record<string, unknown>;
  expect(report.ran).toBe(true);
  const after = await entries();
  expect([...after.values()].every((entry) => entry?.status === 'sent')).toBe(true);
  // Only the interrupted moment was taken over; it names the dead holder.
  expect(
    [...after].filter(([, entry]) => entry?.recoveredFrom).map(([n, entry]) => [n, entry?.recoveredFrom]),
  ).toEqual([[interrupted, deadId]]);
  return { interrupted, report };
}

it('killed after a post was answered and recorded: the restart sends every reminder once', async () => {
  const bot = startBot(SCAN_AT, `hang-before-sent:${KILL_AFTER}`, (line) => {
    if (line.hanging) bot.kill();
  });
  const { report } = await restartAfterKill(bot);
  expect(report.performed).toHaveLength(REMINDERS - KILL_AFTER + 1);
  expect(postsPerMember()).toEqual(Array(REMINDERS).fill(1));
  expect(connector.delivered).toHaveLength(REMINDERS);
});

it('killed while the connector had accepted a post but not answered: no reminder missing, the one in flight twice', async () => {
  const bot = startBot(SCAN_AT);
  // Set before the bot has composed, let alone posted.
  connector.beforeAnswer = async () => {
    if (connector.delivered.length !== KILL_AFTER) return;
    connector.beforeAnswer = undefined;
    bot.kill();
    await bot.exited;
  };
  const { interrupted } = await restartAfterKill(bot);
  const perMember = postsPerMember();
  expect(perMember.every((count) => count >= 1)).toBe(true);
  // The documented duplicate: exactly the moment whose answer the dead process never got.
  expect(perMember.map((count, i) => [i + 1, count]).filter(([, count]) => count !== 1)).toEqual([
    [interrupted, 2],
  ]);
  expect(connector.delivered).toHaveLength(REMINDERS + 1);
});
