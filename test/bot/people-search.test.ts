/**
 * Picking people by name (issue 26.3) through the real bot over HTTP: the `application/search`
 * invoke of the appointment form's typeahead reads the team's roster from the Bot Connector
 * stand-in (paged), adds the register's people and answers Teams' search response; the person
 * picked goes on to the form with their name and e-mail, and the appointment stores their object
 * id. The form reports every bad field at once (issue 26.7).
 */
import { assertValidCard } from '../../src/platform/cards/validate';
import { da } from '../../src/platform/i18n/da';
import { cardInvoke, channelMessage, TEAM_ID } from './support/activities';
import { startHarness, OUTSIDER, SECRETARIAT, type Harness } from './support/app-harness';

/** The search invoke Teams sends as the user types in a Data.Query choice set. */
function searchInvoke(
  h: Harness,
  queryText: string,
  from = SECRETARIAT,
  dataset = 'people',
): Record<string, unknown> {
  return {
    ...channelMessage(h.connector.url, '', from),
    type: 'invoke',
    name: 'application/search',
    text: undefined,
    entities: undefined,
    value: { queryText, dataset, queryOptions: { skip: 0, top: 15 } },
  };
}

interface SearchBody {
  type: string;
  value: { results?: Array<{ title: string; value: string }>; code?: string; message?: string };
}

/** 150 team members (two roster pages of 100), two of them named Jensen. */
const ROSTER = [
  ...Array.from({ length: 148 }, (_, i) => ({
    id: `29:filler-${i}`,
    name: `Kollega ${i}`,
    aadObjectId: `aad-filler-${i}`,
    email: `kollega${i}@kommune.dk`,
  })),
  { id: '29:jens', name: 'Jens Jensen', aadObjectId: 'aad-jens', email: 'jens.jensen@aarhus.dk' },
  { id: '29:rikke', name: 'Rikke Jensen', aadObjectId: 'aad-rikke', email: 'rj@odense.dk' },
];

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
  await h.app.services.memberService.appoint(
    {
      personId: 'aad-birgit',
      name: 'Birgit Jensen',
      email: 'birgit@kolding.dk',
      organisation: { kind: 'municipality', municipalityCode: '621' },
      groupId: 'steering',
      role: 'member',
      termStart: '2026-01-01',
    },
    'setup',
  );
});
afterAll(async () => h.stop());
beforeEach(() => {
  h.connector.clear();
  h.connector.roster = ROSTER;
});

async function search(queryText: string, from = SECRETARIAT, dataset = 'people'): Promise<SearchBody> {
  const response = await h.post(searchInvoke(h, queryText, from, dataset));
  expect(response.status).toBe(200);
  return response.body as SearchBody;
}

describe('the people search invoke', () => {
  test('finds the register and the team roster by name, with the e-mail, the object id as value', async () => {
    const body = await search('jensen');
    expect(body.type).toBe('application/vnd.microsoft.search.searchResponse');
    expect(body.value.results).toEqual([
      { title: 'Birgit Jensen (birgit@kolding.dk)', value: 'aad-birgit' },
      { title: 'Jens Jensen (jens.jensen@aarhus.dk)', value: 'aad-jens' },
      { title: 'Rikke Jensen (rj@odense.dk)', value: 'aad-rikke' },
    ]);
    // The team's roster, read page by page until the end (the two Jensens are on the second page).
    const rosterCalls = h.connector.calls.filter((call) => call.path.includes('/pagedmembers'));
    expect(rosterCalls.map((call) => call.path.split('?')[0])).toEqual([
      `/v3/conversations/${TEAM_ID}/pagedmembers`,
      `/v3/conversations/${TEAM_ID}/pagedmembers`,
    ]);
  });

  test('matches the start of any word of the name or e-mail, whatever the case', async () => {
    const byFirstName = await search('rik');
    expect(byFirstName.value.results?.map((r) => r.value)).toEqual(['aad-rikke']);
    const byMail = await search('ODENSE');
    expect(byMail.value.results?.map((r) => r.value)).toEqual(['aad-rikke']);
    const none = await search('ens');
    expect(none.value.results).toEqual([]);
  });

  test('answers from the register when the roster cannot be read', async () => {
    h.connector.roster = undefined;
    const body = await search('jensen');
    expect(body.value.results?.map((r) => r.value)).toEqual(['aad-birgit']);
  });

  test('another dataset finds nothing, without reading the roster', async () => {
    const body = await search('jensen', SECRETARIAT, 'npm');
    expect(body.value.results).toEqual([]);
    expect(h.connector.calls).toEqual([]);
  });

  test('is refused to anyone but the secretariat, and the roster is not read', async () => {
    const body = await search('jensen', OUTSIDER);
    expect(body.type).toBe('application/vnd.microsoft.error');
    expect(body.value.message).toContain(da.core.buttonRoleRefused.split('{')[0]!.trim());
    expect(JSON.stringify(body)).not.toContain('Jensen');
    expect(h.connector.calls).toEqual([]);
  });
});

/** Action.Execute by the secretariat: the card the bot answers with (validated). */
async function execute(verb: string, data: Record<string, unknown>): Promise<string> {
  const response = await h.post(cardInvoke(h.connector.url, verb, data, SECRETARIAT));
  expect(response.status).toBe(200);
  const body = response.body as { type: string; value: unknown };
  expect(body.type).toBe('application/vnd.microsoft.card.adaptive');
  assertValidCard(body.value);
  return JSON.stringify(body.value);
}

/** The card's top-level text blocks (as markdown). */
function texts(cardJson: string): string[] {
  const card = JSON.parse(cardJson) as { body: Array<{ type: string; text?: string }> };
  return card.body.filter((element) => element.type === 'TextBlock').map((element) => element.text ?? '');
}

describe('appointing a person picked by name', () => {
  test('the form offers the typeahead over the register, and the picked person is appointed by object id', async () => {
    const form = JSON.parse(await execute('members.showAppoint', { groupId: 'steering' })) as {
      body: Array<Record<string, unknown>>;
    };
    const picker = form.body.find((element) => element.id === 'personId')!;
    expect(picker).toMatchObject({
      type: 'Input.ChoiceSet',
      style: 'filtered',
      'choices.data': { type: 'Data.Query', dataset: 'people' },
      choices: [{ title: 'Birgit Jensen (birgit@kolding.dk)', value: 'aad-birgit' }],
    });

    await search('jens jensen'); // Teams' typeahead, then the user picks Jens
    const details = await execute('members.pickPerson', { groupId: 'steering', personId: 'aad-jens' });
    expect(texts(details)).toContain('Person: Jens Jensen \\(jens.jensen@aarhus.dk\\)');
    expect(details).toContain('"value":"Jens Jensen"');
    expect(details).toContain('"personId":"aad-jens"');

    const done = await execute('members.appoint', {
      groupId: 'steering',
      personId: 'aad-jens',
      name: 'Jens Jensen',
      email: 'jens.jensen@aarhus.dk',
      organisation: 'municipality',
      municipalityCode: '751',
      role: 'member',
      termStart: '2027-02-01',
    });
    expect(done).toContain('Jens Jensen er udpeget');
    const memberships = await h.app.repositories.people.membershipsOf('aad-jens');
    expect(memberships).toEqual([expect.objectContaining({ groupId: 'steering', termStart: '2027-02-01' })]);
    expect(await h.app.repositories.people.getPerson('aad-jens')).toMatchObject({
      name: 'Jens Jensen',
      email: 'jens.jensen@aarhus.dk',
    });
  });

  test('reads the start date the Danish way (1.3.2027)', async () => {
    await search('rikke');
    const done = await execute('members.appoint', {
      groupId: 'steering',
      personId: 'aad-rikke',
      name: 'Rikke Jensen',
      organisation: 'municipality',
      municipalityCode: '461',
      role: 'member',
      termStart: '1.3.2027',
    });
    expect(done).toContain('Rikke Jensen er udpeget');
    expect(await h.app.repositories.people.membershipsOf('aad-rikke')).toEqual([
      expect.objectContaining({ termStart: '2027-03-01' }),
    ]);
  });

  test('a person in the register comes with their organisation filled in', async () => {
    const details = await execute('members.pickPerson', { groupId: 'steering', personId: 'aad-birgit' });
    expect(details).toContain('"value":"621"');
    expect(texts(details)).toContain('Person: Birgit Jensen \\(birgit@kolding.dk\\)');
  });

  test('a person not in Teams yet: name and e-mail, validated together, then an id of their own', async () => {
    const refused = await execute('members.pickPerson', {
      groupId: 'steering',
      name: '',
      email: 'ikke-en-mail',
    });
    expect(refused).toContain('Navn skal udfyldes.');
    expect(refused).toContain('E-mail skal være en e-mailadresse.');
    const details = await execute('members.pickPerson', {
      groupId: 'steering',
      name: 'Ny Person',
      email: 'ny@vejle.dk',
    });
    const personId = /"personId":"(manual-[^"]+)"/.exec(details)?.[1];
    expect(personId).toBeDefined();
    expect(personId).not.toContain('vejle'); // ids only in the audit log, never an e-mail
    expect(details).toContain('"value":"ny@vejle.dk"');
  });

  test('nothing picked and nothing entered: says how to give a person', async () => {
    const refused = await execute('members.pickPerson', { groupId: 'steering' });
    expect(refused).toContain(da.members.pickPersonRequired);
  });

  test('reports a missing person, a bad date and a bad e-mail in one reply, each at its field', async () => {
    const refused = await execute('members.appoint', {
      groupId: 'steering',
      personId: '',
      name: 'Uden Id',
      email: 'ikke-en-mail',
      organisation: 'municipality',
      municipalityCode: '751',
      role: 'member',
      termStart: '31-02-2027',
    });
    expect(refused).toContain(da.members.pickPersonRequired);
    expect(refused).toContain('E-mail skal være en e-mailadresse.');
    expect(refused).toContain('Periodestart');
    const card = JSON.parse(refused) as { body: Array<{ type: string; items?: unknown[] }> };
    const banner = card.body.find((element) => element.type === 'Container')!;
    expect(banner.items).toHaveLength(3);
    // The input is kept, and the required fields are marked.
    expect(refused).toContain('"value":"ikke-en-mail"');
    const inputs = card.body.filter((element) => 'id' in element) as Array<{
      id: string;
      isRequired?: boolean;
    }>;
    expect(inputs.filter((input) => input.isRequired).map((input) => input.id)).toEqual([
      'name',
      'organisation',
      'role',
      'termStart',
    ]);
    // No person line for a person not given.
    expect(texts(refused).some((text) => text.startsWith('Person:'))).toBe(false);
  });
});
