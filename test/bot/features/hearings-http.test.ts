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
import { seedPerson } from '../../support/people';
import { PROPOSAL } from '../../services/hearings-fixture';
import { postActivity } from '../support/activities';

const TENANT = 'tenant-1';
const STEERING_CHANNEL = '19:steering@thread.tacv2';
const REF_CHANNEL = '19:ref-arkitektur@thread.tacv2';

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
  const { people, groups } = app.repositories;
  for (const id of ['v01', 'v02', 'v03']) {
    await seedPerson(
      people,
      {
        id,
        name: `Voter ${id}`,
        organisation: { kind: 'municipality', municipalityCode: '101', name: 'København' },
      },
      [{ groupId: 'steering', role: 'member', termStart: '2025-01-01' }],
    );
  }
  await seedPerson(people, { id: 'ref1', name: 'Rita Ref', organisation: { kind: 'KL', name: 'KL' } }, [
    { groupId: 'ref-arkitektur', role: 'member', termStart: '2025-01-01' },
  ]);
  for (const [groupId, channelId] of [
    ['steering', STEERING_CHANNEL],
    ['ref-arkitektur', REF_CHANNEL],
  ] as const) {
    await groups.recordInstallation(
      { teamId: 'team-1', installedAt: clock.now().toISOString(), serviceUrl: connector.url },
      [{ teamId: 'team-1', channelId, channelName: groupId, conversationReference: reference(channelId) }],
    );
    await groups.bind({
      groupId,
      teamId: 'team-1',
      channelId,
      boundBy: 'test',
      boundAt: clock.now().toISOString(),
    });
  }
});

afterAll(async () => {
  await app.stop();
  await connector.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

function reference(channelId: string): Record<string, unknown> {
  return {
    channelId: 'msteams',
    serviceUrl: connector.url,
    conversation: { id: channelId, conversationType: 'channel', isGroup: true, tenantId: TENANT },
    bot: { id: '28:bot', name: 'FKI' },
  };
}

function invoke(verb: string, data: Record<string, unknown>, from: string) {
  return {
    type: 'invoke',
    name: 'adaptiveCard/action',
    id: `invoke-${from}-${verb}`,
    channelId: 'msteams',
    serviceUrl: connector.url,
    locale: 'da-DK',
    from: { id: `29:${from}`, name: from, aadObjectId: from },
    recipient: { id: '28:bot', name: 'FKI' },
    conversation: {
      id: `${STEERING_CHANNEL};messageid=1`,
      conversationType: 'channel',
      isGroup: true,
      tenantId: TENANT,
    },
    channelData: { team: { id: 'team-1' }, channel: { id: STEERING_CHANNEL }, tenant: { id: TENANT } },
    replyToId: 'act-1',
    value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
  };
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
