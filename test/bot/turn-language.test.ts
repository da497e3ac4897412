/**
 * Shared cards use the body's language, personal replies the user's (issue 26.5): the whole app
 * (composeApp, development mode) with a Danish governance file and users whose Teams speaks English.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { composeApp, type App } from '../../src/app/compose';
import { ManualClock } from '../../src/domain/clock';
import { SqliteStore } from '../../src/platform/storage/sqlite/sqlite-store';
import { ConnectorStandIn } from '../support/connector-standin';
import { seedHearingChannels, steeringInvoke, STEERING_CHANNEL, TENANT } from '../support/hearing-channels';
import { PROPOSAL } from '../services/hearings-fixture';
import { botAddedToTeam, cardsOf, channelMessage, postActivity, textsOf } from './support/activities';

let app: App;
let url: string;
let connector: ConnectorStandIn;
let dataDir: string;
const clock = new ManualClock('2027-01-11T09:00:00.000Z');

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'fki-language-'));
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

const post = (activity: object) => postActivity(url, activity);
const english = (activity: Record<string, unknown>) => ({ ...activity, locale: 'en-US' });

/** A message in the user's personal chat with the bot. */
function personal(text: string, from: string, locale: string | undefined, entities: object[] = []) {
  return {
    type: 'message',
    id: `personal-${from}-${Math.random()}`,
    channelId: 'msteams',
    serviceUrl: connector.url,
    ...(locale ? { locale } : {}),
    text,
    entities,
    from: { id: `29:${from}`, name: from, aadObjectId: from },
    recipient: { id: '28:bot', name: 'FKI' },
    conversation: { id: `a:personal-${from}`, conversationType: 'personal', tenantId: TENANT },
    channelData: { tenant: { id: TENANT } },
  };
}

/** What the bot sent in answer to one activity (replies go to the stand-in). */
async function answerTo(activity: object): Promise<string> {
  connector.clear();
  await post(activity);
  return JSON.stringify([...textsOf(connector.sent), ...cardsOf(connector.sent)]);
}

describe('a Danish channel', () => {
  it('shows the welcome card in Danish when an English-locale user installs the bot', async () => {
    const sent = await answerTo(
      english(botAddedToTeam(connector.url, { aadObjectId: 'v01', name: 'Voter' })),
    );
    expect(sent).toContain('FKI-governancebotten er installeret');
    expect(sent).not.toContain('The FKI governance bot is installed');
  });

  it('shows the help in Danish to an English-locale user', async () => {
    const from = { aadObjectId: 'v01', name: 'Voter' };
    const sent = await answerTo(
      english(channelMessage(connector.url, 'help', from, { channelId: STEERING_CHANNEL })),
    );
    expect(sent).toContain('Kommandoer');
    expect(sent).not.toContain('Commands');
  });

  it("keeps the shared hearing card Danish after an English user's vote", async () => {
    const hearing = await app.services.hearings.open({
      proposal: PROPOSAL,
      proposingGroupId: 'ref-arkitektur',
      proposer: { id: 'ref1', name: 'Rita Ref' },
    });
    const vote = english(
      steeringInvoke(connector.url, 'hearing.vote', { hearingId: hearing.id, choice: 'approve' }, 'v01'),
    );
    const answer = await post(vote);
    // The voter's card in the channel is the channel's too: Danish.
    expect(JSON.stringify(answer.body.value)).toContain('Din stemme: For');
    await app.services.hearings.idle();
    const update = connector.updates
      .filter((call) => call.path.endsWith(`/activities/${hearing.activityId}`))
      .at(-1);
    expect(JSON.stringify(update!.body)).toContain('1 for, 0 imod');
    expect(JSON.stringify(update!.body)).not.toContain('against');
  });
});

describe("a user's personal chat", () => {
  it("answers in Teams' language, and in the user's own once they choose one", async () => {
    expect(await answerTo(personal('help', 'v01', 'en-US'))).toContain('Commands');

    const switched = await answerTo(personal('sprog da', 'v01', 'en-US'));
    expect(switched).toContain('Jeg skriver nu dansk til dig i personlig chat.');
    expect(await app.services.languages.preferenceOf('v01')).toBe('da');
    const after = await answerTo(personal('help', 'v01', 'en-US'));
    expect(after).toContain('Kommandoer');
    expect(after).not.toContain('Commands');

    expect(await answerTo(personal('language english', 'v01', 'da-DK'))).toContain(
      'I now write to you in English in personal chat.',
    );
    expect(await answerTo(personal('hjælp', 'v01', 'da-DK'))).toContain('Commands');
  });

  it("reads Teams' locale from the clientInfo entity when the activity has none", async () => {
    const clientInfo = [{ type: 'clientInfo', locale: 'en-GB' }];
    expect(await answerTo(personal('help', 'v02', undefined, clientInfo))).toContain('Commands');
    expect(await answerTo(personal('help', 'v03', undefined))).toContain('Kommandoer');
  });

  it('answers an unknown language with the choices and stores nothing', async () => {
    expect(await answerTo(personal('sprog klingon', 'v03', 'da-DK'))).toContain('sprog en');
    expect(await app.services.languages.preferenceOf('v03')).toBeUndefined();
  });

  it('keeps a channel Danish for a user who chose English', async () => {
    await post(personal('sprog en', 'v02', 'da-DK'));
    const from = { aadObjectId: 'v02', name: 'Voter' };
    const sent = await answerTo(
      channelMessage(connector.url, 'hjælp', from, { channelId: STEERING_CHANNEL }),
    );
    expect(sent).toContain('Kommandoer');
  });
});
