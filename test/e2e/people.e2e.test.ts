/**
 * Appointing a municipal member picked by name, through the Microsoft 365 Agents Playground (a
 * real Teams-like client) against the real app (issue 26.3): no object id is typed. The
 * administration opens the appointment form in the board's channel, types "karen" in the person
 * picker (the Data.Query typeahead's `application/search` invoke, which the bot answers from the
 * team's roster as the Playground serves it), picks Karen, sees her name and e-mail on the form's
 * next step, and appoints her for Odense; the register holds her under her object id.
 *
 * Run once per governance file (issue 23.2): the board, its name, the appoint command and the
 * texts come from the file and its language.
 *
 * The playground's currentUser (Sofie) is the administration through SECRETARIAT_AAD_IDS; messages
 * carry locale en-US, and a channel's replies may come in the body's language (issue 26.5), so each
 * step accepts the text in either language.
 */
import { localText } from '../../src/domain/localized-text';
import { translate, type MessageKey, type MessageParams } from '../../src/platform/i18n';
import { assertValidCard } from '../../src/platform/cards/validate';
import { cardOf, readPlaygroundConfig } from '../support/playground';
import { PROFILES, loadProfile, missingParts, type GovernanceProfile } from './support/governance-profiles';
import { Journey, either } from './support/journey';

jest.setTimeout(60_000);

const ENGLISH = { t: (key: MessageKey, params?: MessageParams) => translate('en', key, params) };

interface SearchResponse {
  type: string;
  value: { results: Array<{ title: string; value: string }> };
}

describe.each(PROFILES)('picking a person by name, through the Agents Playground ($label)', (spec) => {
  const config = readPlaygroundConfig();
  const karen = config.users.find((user) => user.name === 'Karen Kommune')!;
  let profile: GovernanceProfile;
  let journey: Journey | undefined;

  const j = () => journey!;
  /**
   * The `application/search` invoke Teams sends as the user types in a Data.Query picker. The
   * playground's invoke API takes card actions only, so the invoke is built on the playground's own
   * activity for the channel (its connector as serviceUrl, its user, team and channel) and posted
   * to the bot: the bot then reads the team's roster from the playground's connector.
   */
  async function typeahead(queryText: string): Promise<SearchResponse> {
    const template = await j().playground.activityTemplate(j().channel);
    const response = await fetch(j().botUrl, {
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
    profile = loadProfile(spec);
    journey = await Journey.start(profile, { name: 'people' });
  });

  afterAll(async () => {
    await journey?.stop();
  });

  it('appoints a municipal member picked by name, with no id typed', async () => {
    const board = profile.board.id;
    await j().install();
    await j().bind(j().channel, board);

    await j().playground.sendMessage(j().channel, profile.command('appoint'));
    const form = await j().post(j().channel, either(profile, 'members.fieldPerson'));
    const card = cardOf(form)!;
    assertValidCard(card);
    expect(JSON.stringify(card)).toContain('"choices.data":{"type":"Data.Query","dataset":"people"}');

    // What Teams sends as the administration types in the picker; the roster comes from the playground.
    const found = await typeahead('karen');
    expect(found.type).toBe('application/vnd.microsoft.search.searchResponse');
    expect(found.value.results).toEqual([
      { title: `${karen.name} (${karen.email})`, value: karen.aadObjectId },
    ]);

    const picked = found.value.results[0]!.value;
    const details = await j().press(form, 'members.pickPerson', { groupId: board, personId: picked });
    expect(details).toContain(`"value":"${karen.name}"`);
    expect(details).toContain(`"value":"${karen.email}"`);

    const done = await j().press(form, 'members.appoint', {
      groupId: board,
      personId: picked,
      name: karen.name,
      email: karen.email,
      organisation: 'municipality',
      municipalityCode: '461',
      role: 'member',
      termStart: j().app.services.memberService.today(),
    });
    // "Karen … is appointed to <the board> as …", in the bodies' language or in English.
    expect([
      missingParts(profile, done, 'members.appointed', {
        person: karen.name,
        group: profile.text(profile.board),
      }),
      missingParts(ENGLISH, done, 'members.appointed', {
        person: karen.name,
        group: localText(profile.board.name, 'en'),
      }),
    ]).toContainEqual([]);
    const memberships = await j().app.repositories.people.membershipsOf(karen.aadObjectId);
    expect(memberships).toEqual([expect.objectContaining({ groupId: board, role: 'member' })]);
    expect(await j().app.repositories.people.getPerson(karen.aadObjectId)).toMatchObject({
      name: karen.name,
      email: karen.email,
      organisation: { kind: 'municipality', municipalityCode: '461' },
    });
  });
});
