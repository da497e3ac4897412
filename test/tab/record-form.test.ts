/**
 * The record form in the tab (issue 21.2): the secretariat records an item's decision and an action
 * through the tab API, through the same service as the record card; every bad field is reported at
 * once in the caller's language and nothing is stored; a save over someone else's newer save is a
 * conflict; a member who is not the minute-taker sees the record read-only and is refused a save.
 */
import { PEOPLE, startTabApp, type TabApp } from './support/tab-app';

let tab: TabApp;

beforeAll(async () => {
  tab = await startTabApp();
  tab.clock.set('2027-03-04T12:00:00.000Z');
});
afterAll(async () => tab?.stop());

async function call(method: 'GET' | 'POST', path: string, personId: string, body?: unknown, lang = 'da') {
  const token = await tab.entra.sign({ oid: personId });
  const response = await fetch(`${tab.url}${path}${path.includes('?') ? '&' : '?'}lang=${lang}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

const recordPath = () => `/api/tab/groups/steering/meetings/${tab.meetingId}/record`;

interface Page {
  editable: boolean;
  approved: boolean;
  items: Array<{
    itemId: string;
    revision: number;
    decision: string;
    actions: Array<{ what: string; ownerName: string }>;
  }>;
  owners: Array<{ id: string; name: string }>;
}

test('the secretariat records a decision and an action from the tab, and sees them on reload', async () => {
  const before = await call('GET', recordPath(), PEOPLE.secretariat.id);
  expect(before.status).toBe(200);
  const page = before.body as Page;
  expect(page.editable).toBe(true);
  const item = page.items[0]!;
  const owner = page.owners.find((candidate) => candidate.id === PEOPLE.chair.id)!;
  expect(owner.name).toBe(PEOPLE.chair.name);

  const saved = await call('POST', `${recordPath()}/items/${item.itemId}`, PEOPLE.secretariat.id, {
    revision: item.revision,
    decision: 'Styregruppen tiltrådte indstillingen.',
    actionWhat: 'Send notat til KL',
    actionOwner: owner.id,
    actionDue: '2027-04-01',
  });
  expect(saved).toEqual({ status: 200, body: { revision: item.revision + 1, actionAdded: true } });

  const after = (await call('GET', recordPath(), PEOPLE.secretariat.id)).body as Page;
  const reloaded = after.items.find((candidate) => candidate.itemId === item.itemId)!;
  expect(reloaded.decision).toBe('Styregruppen tiltrådte indstillingen.');
  expect(reloaded.actions).toEqual([
    expect.objectContaining({ what: 'Send notat til KL', ownerName: PEOPLE.chair.name }),
  ]);

  // The same form sent again over the newer save: the later writer is told, nothing changes.
  const stale = await call('POST', `${recordPath()}/items/${item.itemId}`, PEOPLE.secretariat.id, {
    revision: item.revision,
    decision: 'En anden tekst',
  });
  expect(stale).toEqual({ status: 409, body: { error: 'conflict', reason: 'changed-meanwhile' } });
  const unchanged = (await call('GET', recordPath(), PEOPLE.secretariat.id)).body as Page;
  expect(unchanged.items.find((candidate) => candidate.itemId === item.itemId)!.decision).toBe(
    'Styregruppen tiltrådte indstillingen.',
  );
});

test('every bad field is reported at once, in the caller language, and nothing is stored', async () => {
  const page = (await call('GET', recordPath(), PEOPLE.secretariat.id)).body as Page;
  const item = page.items[1]!;
  const bad = {
    revision: item.revision,
    decision: '',
    actionWhat: 'Opfølgning',
    actionOwner: 'not-a-member',
    actionDue: '2020-01-01',
  };
  const danish = await call('POST', `${recordPath()}/items/${item.itemId}`, PEOPLE.secretariat.id, bad);
  expect(danish.status).toBe(400);
  expect(Object.keys(danish.body.fields).sort()).toEqual(['actionDue', 'actionOwner', 'decision']);
  expect(danish.body.fields.decision).toMatch(/Skal udfyldes|Udfyld/i);
  const english = await call(
    'POST',
    `${recordPath()}/items/${item.itemId}`,
    PEOPLE.secretariat.id,
    bad,
    'en',
  );
  expect(english.body.fields.actionOwner).toBe("Choose one of the group's current members.");
  const after = (await call('GET', recordPath(), PEOPLE.secretariat.id)).body as Page;
  expect(after.items[1]).toEqual(item);
});

test('a member who is not the minute-taker reads the record but cannot save', async () => {
  const page = (await call('GET', recordPath(), PEOPLE.chair.id)).body as Page;
  expect(page.editable).toBe(false);
  const item = page.items[1]!;
  const refused = await call('POST', `${recordPath()}/items/${item.itemId}`, PEOPLE.chair.id, {
    revision: item.revision,
    decision: 'Formanden skriver selv',
  });
  expect(refused).toEqual({ status: 403, body: { error: 'forbidden', reason: 'not-editor' } });
});
