/**
 * Appointing a municipal member picked by name, through the Microsoft 365 Agents Playground (a
 * real Teams-like client) against the real app (issue 26.3): no object id is typed. The
 * secretariat opens the appointment form in the steering group's channel, types "karen" in the
 * person picker (the Data.Query typeahead's `application/search` invoke, which the bot answers from
 * the team's roster as the Playground serves it), picks Karen, sees her name and e-mail on the
 * form's next step, and appoints her for Odense; the register holds her under her object id.
 *
 * The playground's currentUser (Sofie) is the secretariat through SECRETARIAT_AAD_IDS; messages
 * carry locale en-US, and a channel's replies may come in the body's language (Danish, issue
 * 26.5), so each step accepts the text in either language.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { composeApp, type App } from '../../src/app/compose';
import { translate } from '../../src/platform/i18n';
import { assertValidCard } from '../../src/platform/cards/validate';
import { Playground, cardOf, readPlaygroundConfig, visibleText } from '../support/playground';

jest.setTimeout(60_000);

type Key = Parameters<typeof translate>[1];
type Params = Parameters<typeof translate>[2];
const en = (key: Key, params?: Params) => translate('en', key, params);
const da = (key: Key, params?: Params) => translate('da', key, params);

const WAIT_MS = 20_000;

interface SearchResponse {
  type: string;
  value: { results: Array<{ title: string; value: string }> };
}

describe('picking a person by name, through the Agents Playground', () => {
  const config = readPlaygroundConfig();
  const steeringChannel = config.team.channels[0]!.id;
  const secretariat = config.currentUser;
  const karen = config.users.find((user) => user.name === 'Karen Kommune')!;
  let app: App | undefined;
  let playground: Playground | undefined;
  let dataDir: string;

  const pg = () => playground!;
  /** The bot's next post in the channel that says one of the texts (one per language). */
  const post = (channel: string, ...texts: string[]) =>
    pg().nextBotActivity(
      (a) =>
        a.action === 'createMessage' &&
        a.channelOrChatId === channel &&
        texts.some((text) => visibleText(a).includes(text)),
      WAIT_MS,
    );

  let botUrl: string;

  /**
   * The `application/search` invoke Teams sends as the user types in a Data.Query picker. The
   * playground's invoke API takes card actions only, so the invoke is built on the playground's own
   * activity for the channel (its connector as serviceUrl, its user, team and channel) and posted
   * to the bot: the bot then reads the team's roster from the playground's connector.
   */
  async function typeahead(queryText: string): Promise<SearchResponse> {
    const template = await pg().activityTemplate(steeringChannel);
    const response = await fetch(botUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        ...template,
        type: 'invoke',
        name: 'application/search',
        text: undefined,
        value: { queryText, dataset: 'people', queryOptions: { skip: 0, top: 15 } },
      }),
    });
    expect(response.status).toBe(200);
    return (await response.json()) as SearchResponse;
  }

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fki-e2e-people-'));
    app = await composeApp({
      NODE_ENV: 'test',
      DATA_DIR: dataDir,
      SECRETARIAT_AAD_IDS: secretariat.aadObjectId,
      TEAMS_TENANT_ID: config.tenantId,
      LOG_LEVEL: 'silent',
    });
    const { port } = await app.start(0, '127.0.0.1');
    botUrl = `http://127.0.0.1:${port}/api/messages`;
    playground = await Playground.start({ botEndpoint: botUrl });
  });

  afterAll(async () => {
    await playground?.stop();
    await app?.stop();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('appoints a municipal member picked by name, with no id typed', async () => {
    await pg().installInTeam();
    await post(config.team.id, da('welcome.title'));
    await pg().sendMessage(steeringChannel, 'bind steering');
    await post(
      steeringChannel,
      en('binding.bound', { group: 'Municipal steering group' }),
      da('binding.bound', { group: 'Kommunestyregruppen' }),
    );

    await pg().sendMessage(steeringChannel, 'appoint');
    const form = await post(steeringChannel, en('members.fieldPerson'), da('members.fieldPerson'));
    const card = cardOf(form)!;
    assertValidCard(card);
    expect(JSON.stringify(card)).toContain('"choices.data":{"type":"Data.Query","dataset":"people"}');

    // What Teams sends as the secretariat types in the picker; the roster comes from the playground.
    const found = await typeahead('karen');
    expect(found.type).toBe('application/vnd.microsoft.search.searchResponse');
    expect(found.value.results).toEqual([
      { title: `${karen.name} (${karen.email})`, value: karen.aadObjectId },
    ]);

    const picked = found.value.results[0]!.value;
    const details = JSON.stringify(
      await pg().invokeCardAction(form, {
        verb: 'members.pickPerson',
        data: { groupId: 'steering', personId: picked },
      }),
    );
    expect(details).toContain(`"value":"${karen.name}"`);
    expect(details).toContain(`"value":"${karen.email}"`);

    const done = JSON.stringify(
      await pg().invokeCardAction(form, {
        verb: 'members.appoint',
        data: {
          groupId: 'steering',
          personId: picked,
          name: karen.name,
          email: karen.email,
          organisation: 'municipality',
          municipalityCode: '461',
          role: 'member',
          termStart: app!.services.memberService.today(),
        },
      }),
    );
    expect(done).toMatch(
      new RegExp(
        `${karen.name} (is appointed to Municipal steering group|er udpeget til Kommunestyregruppen)`,
      ),
    );
    const memberships = await app!.repositories.people.membershipsOf(karen.aadObjectId);
    expect(memberships).toEqual([expect.objectContaining({ groupId: 'steering', role: 'member' })]);
    expect(await app!.repositories.people.getPerson(karen.aadObjectId)).toMatchObject({
      name: karen.name,
      email: karen.email,
      organisation: { kind: 'municipality', municipalityCode: '461' },
    });
  });
});
