/**
 * A vote through the real bot's HTTP endpoint: composeApp in development mode, an `invoke`
 * `adaptiveCard/action` POSTed to /api/messages, the user-specific card in the invoke response, and
 * the shared card updated in place through the real proactive sender (captured by the connector stand-in).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { composeApp, type App } from '../../../src/app/compose';
import { validateCard } from '../../../src/platform/cards/validate';
import { ManualClock } from '../../../src/domain/clock';
import { SqliteStore } from '../../../src/platform/storage/sqlite/sqlite-store';
import { ConnectorStandIn } from '../../support/connector-standin';
import { seedHearingChannels, steeringInvoke, STEERING_CHANNEL } from '../../support/hearing-channels';
import { PROPOSAL } from '../../services/hearings-fixture';
import { postActivity } from '../support/activities';

let app: App;
let url: string;
let connector: ConnectorStandIn;
let dataDir: string;
const clock = new ManualClock('2027-01-11T09:00:00.000Z');

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'fki-hearings-'));
  // The vote invoke replies to a made-up card id, so updates of unknown activities are accepted.
  connector = await new ConnectorStandIn(clock, { unknownUpdates: 'accept' }).start();
  app = await composeApp(
    { NODE_ENV: 'test', DATA_DIR: dataDir, LOG_LEVEL: 'silent' },
    { clock, store: SqliteStore.inMemory() },
  );
  ({ url } = await app.start(0, '127.0.0.1'));
  await seedHearingChannels(app, { connectorUrl: connector.url, clock, voters: ['v01', 'v02', 'v03'] });
});

afterAll(async () => {
  await app.stop();
  await connector.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

function invoke(verb: string, data: Record<string, unknown>, from: string) {
  return steeringInvoke(connector.url, verb, data, from);
}

function post(activity: object) {
  return postActivity(url, activity);
}

it("records a vote sent as an Action.Execute invoke, answers with the voter's own card and updates the shared card", async () => {
  const hearing = await app.services.hearings!.open({
    proposal: PROPOSAL,
    proposingGroupId: 'ref-arkitektur',
    proposer: { id: 'ref1', name: 'Rita Ref' },
  });
  const posted = connector.calls.filter(
    (call) => call.method === 'POST' && call.path.includes(STEERING_CHANNEL),
  );
  expect(posted).toHaveLength(1);
  expect(JSON.stringify(posted[0]!.body)).toContain('Skriftlig høring: Fælles log-format');
  expect(hearing.activityId).toMatch(/^activity-/);

  const response = await post(
    invoke('hearing.vote', { hearingId: hearing.id, choice: 'approve', comment: 'Godt initiativ' }, 'v01'),
  );
  expect(response.status).toBe(200);
  expect(response.body.type).toBe('application/vnd.microsoft.card.adaptive');
  const ownCard = JSON.stringify(response.body.value);
  expect(ownCard).toContain('Din stemme: For');
  expect(ownCard).toContain('Godt initiativ');
  expect(validateCard(response.body.value).problems).toEqual([]);
  expect((await app.services.hearings!.votes(hearing.id)).map((vote) => [vote.voterId, vote.choice])).toEqual(
    [['v01', 'approve']],
  );

  // The shared card was updated in place (PUT on the stored activity id) with the live tally,
  // after the invoke was answered (the refresh runs off the request path).
  await app.services.hearings!.idle();
  const update = connector.updates
    .filter((call) => call.path.endsWith(`/activities/${hearing.activityId}`))
    .at(-1);
  expect(update).toBeDefined();
  expect(JSON.stringify(update!.body)).toContain('1 for, 0 imod');

  // The refresh invoke gives each voter their own view.
  const refresh = await post(invoke('hearing.refresh', { hearingId: hearing.id }, 'v02'));
  expect(JSON.stringify(refresh.body.value)).toContain('Du har ikke stemt endnu');

  // A non-member is refused with the reason, and nothing is counted.
  const refused = await post(invoke('hearing.vote', { hearingId: hearing.id, choice: 'reject' }, 'ref1'));
  expect(JSON.stringify(refused.body.value)).toContain('kun styregruppens nuværende medlemmer');
  expect(await app.services.hearings!.votes(hearing.id)).toHaveLength(1);
});
