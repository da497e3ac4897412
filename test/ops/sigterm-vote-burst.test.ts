/**
 * SIGTERM during a burst of hearing votes loses nothing. In the middle of the burst: every vote the
 * bot answered is in the store after shutdown and the shared card's last update shows them all;
 * votes arriving after the server stopped listening are refused at the connection, so their voters
 * see the failure. At its end: the card update the last vote queued is sent; and the last vote closes the hearing (full turnout), and the close's
 * effects, run off the request path and slowed by a throttled post, finish before the store closes.
 * Every closer finishes cleanly (exit 0).
 */
import { EventEmitter } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { composeApp, type App } from '../../src/app/compose';
import { registerAppShutdown } from '../../src/app/shutdown';
import { ManualClock } from '../../src/domain/clock';
import { HearingRepository } from '../../src/features/hearings/hearings-repository';
import { GracefulShutdown } from '../../src/platform/ops/shutdown';
import { SqliteStore } from '../../src/platform/storage/sqlite/sqlite-store';
import { postActivity } from '../bot/support/activities';
import { PROPOSAL } from '../services/hearings-fixture';
import { ConnectorStandIn } from '../support/connector-standin';
import { seedHearingChannels, steeringInvoke } from '../support/hearing-channels';

const VOTERS = Array.from({ length: 12 }, (_, index) => `v${String(index + 1).padStart(2, '0')}`);

const clock = new ManualClock('2027-01-11T09:00:00.000Z');
let dataDir: string;
let connector: ConnectorStandIn;
let dataDirCount = 0;

beforeEach(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), `fki-sigterm-${dataDirCount++}-`));
  connector = await new ConnectorStandIn(clock, { unknownUpdates: 'accept' }).start();
});

afterEach(async () => {
  await connector.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

function vote(hearingId: string, voter: string) {
  return steeringInvoke(connector.url, 'hearing.vote', { hearingId, choice: 'approve' }, voter);
}

interface Burst {
  app: App;
  hearingId: string;
  activityId: string | undefined;
  results: Array<{ voter: string; accepted: boolean }>;
  exitCode: number | undefined;
}

/** Opens a hearing, sends the voters' votes at once and SIGTERM when `answersBeforeSignal` are answered. */
async function voteBurstWithSigterm(voters: string[], answersBeforeSignal: number): Promise<Burst> {
  const app = await composeApp(
    { NODE_ENV: 'test', DATA_DIR: dataDir, LOG_LEVEL: 'silent', SCHEDULER_ENABLED: 'false' },
    { clock, store: SqliteStore.open(dataDir) },
  );
  const { url } = await app.start(0, '127.0.0.1');
  await seedHearingChannels(app, { connectorUrl: connector.url, clock, voters: VOTERS });
  const hearing = await app.services.hearings.open({
    proposal: PROPOSAL,
    proposingGroupId: 'ref-arkitektur',
    proposer: { id: 'ref1', name: 'Rita Ref' },
  });
  // Teams throttles the next post (429, retry after 1 s): what the votes set off is still running,
  // off the request path, when SIGTERM arrives.
  let throttled = false;
  connector.faults = (request) => {
    if (request.method !== 'POST' || throttled) return undefined;
    throttled = true;
    return { status: 429, retryAfter: '1' };
  };
  const signals = new EventEmitter();
  let exitCode: number | undefined;
  const exited = new Promise<void>((resolve) => {
    registerAppShutdown(new GracefulShutdown(), app).listen(['SIGTERM'], signals, (code) => {
      exitCode = code;
      resolve();
    });
  });
  let answered = 0;
  const answers = voters.map((voter) =>
    postActivity(url, vote(hearing.id, voter)).then(
      (response) => {
        if (++answered === answersBeforeSignal) signals.emit('SIGTERM', 'SIGTERM');
        return {
          voter,
          accepted: response.status === 200 && JSON.stringify(response.body).includes('Din stemme'),
        };
      },
      () => ({ voter, accepted: false }),
    ),
  );
  const results = await Promise.all(answers);
  await exited;
  return { app, hearingId: hearing.id, activityId: hearing.activityId, results, exitCode };
}

async function inReopenedStore<T>(read: (store: SqliteStore) => Promise<T>): Promise<T> {
  const reopened = SqliteStore.open(dataDir);
  try {
    return await read(reopened);
  } finally {
    await reopened.close();
  }
}

it('keeps every vote answered in the middle of the burst, and the shared card shows them', async () => {
  const burst = await voteBurstWithSigterm(VOTERS, 1);
  expect(burst.exitCode).toBe(0);
  const accepted = burst.results.filter((result) => result.accepted).map((result) => result.voter);
  expect(accepted.length).toBeGreaterThan(0);
  const storedVoters = await inReopenedStore(async (store) =>
    (await new HearingRepository(store).votesOf('steering', burst.hearingId)).map((stored) => stored.voterId),
  );
  expect(storedVoters).toEqual(expect.arrayContaining(accepted));
  const lastUpdate = connector.updates
    .filter((call) => call.path.endsWith(`/activities/${burst.activityId}`))
    .at(-1);
  expect(JSON.stringify(lastUpdate?.body)).toContain(`${storedVoters.length} for, 0 imod`);
});

it('sends the shared card update the last answered vote queued before the store closes', async () => {
  // All but one vote: the hearing stays open, and the card update runs after the last answer.
  const voters = VOTERS.slice(1);
  const burst = await voteBurstWithSigterm(voters, voters.length);
  expect(burst.exitCode).toBe(0);
  expect(burst.results.every((result) => result.accepted)).toBe(true);
  const lastUpdate = connector.updates
    .filter((call) => call.path.endsWith(`/activities/${burst.activityId}`))
    .at(-1);
  expect(JSON.stringify(lastUpdate?.body)).toContain(`${voters.length} for, 0 imod`);
});

it('finishes the hearing the last vote closed before the store closes', async () => {
  const burst = await voteBurstWithSigterm(VOTERS, VOTERS.length);
  expect(burst.exitCode).toBe(0);
  expect(burst.results.every((result) => result.accepted)).toBe(true);
  const hearing = await inReopenedStore((store) =>
    new HearingRepository(store).get('steering', burst.hearingId),
  );
  expect(hearing?.status).toBe('closed');
  expect(hearing?.effectsComplete).toBe(true);
  // The throttled post was retried and delivered: the result reached the channel.
  expect(
    connector.requests.filter((request) => request.method === 'POST' && request.status === 429),
  ).toHaveLength(1);
  expect(connector.delivered.length).toBeGreaterThan(1);
});
