/**
 * The decision log in the tab API: the decisions recorded in the steering group's minutes, found by
 * text (accents and case ignored), year and kind; a member of another group sees none of them and is
 * refused the steering group by id; no token is 401; the CSV has a Danish header, the decision with
 * æøå intact and a formula cell written as text.
 */
import { PEOPLE, startTabApp, type TabApp } from './support/tab-app';

let tab: TabApp;

beforeAll(async () => {
  tab = await startTabApp();
  tab.clock.set('2027-03-04T12:00:00.000Z');
  const record = tab.app.services.record;
  const opened = await record.open('steering', tab.meetingId);
  if (opened.kind !== 'open') throw new Error(opened.kind);
  const [first, second] = opened.view.entries;
  for (const [entry, decision] of [
    [first!, 'Styregruppen godkendte løsningen for Ærø'],
    [second!, '=HYPERLINK("http://evil")'],
  ] as const) {
    const saved = await record.saveItem({
      groupId: 'steering',
      meetingId: tab.meetingId,
      itemId: entry.item.id,
      expectedRevision: 0,
      submission: { decision },
      editor: { actorId: PEOPLE.secretariat.id, isSecretariat: true },
    });
    expect(saved.kind).toBe('saved');
  }
});
afterAll(async () => tab?.stop());

async function call(path: string, personId?: string) {
  const token = personId ? await tab.entra.sign({ oid: personId }) : undefined;
  const response = await fetch(`${tab.url}${path}`, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  return { status: response.status, type: response.headers.get('content-type'), text: await response.text() };
}

const decisions = async (query: string, personId: string = PEOPLE.chair.id) => {
  const response = await call(`/api/tab/decisions${query}`, personId);
  expect(response.status).toBe(200);
  return (JSON.parse(response.text) as { decisions: Array<{ decision: string; groupId: string }> }).decisions;
};

test('a member finds the decisions of their group by text, year and kind', async () => {
  expect((await decisions('')).map((d) => d.decision)).toEqual([
    'Styregruppen godkendte løsningen for Ærø',
    '=HYPERLINK("http://evil")',
  ]);
  expect((await decisions('?text=ARO')).map((d) => d.decision)).toEqual([]);
  expect((await decisions(`?text=${encodeURIComponent('ÆRØ')}`)).map((d) => d.decision)).toEqual([
    'Styregruppen godkendte løsningen for Ærø',
  ]);
  expect(await decisions('?year=2026')).toEqual([]);
  expect(await decisions('?year=2027&groupId=steering')).toHaveLength(2);
});

test('another group sees none, asking for the steering group is 403, no token is 401, a bad filter 400', async () => {
  expect(await decisions('', PEOPLE.refMember.id)).toEqual([]);
  expect((await call('/api/tab/decisions?groupId=steering', PEOPLE.refMember.id)).status).toBe(403);
  expect((await call('/api/tab/decisions')).status).toBe(401);
  expect((await call('/api/tab/decisions.csv')).status).toBe(401);
  expect((await call('/api/tab/decisions?year=abc', PEOPLE.chair.id)).status).toBe(400);
  expect((await decisions('', PEOPLE.secretariat.id)).length).toBe(2);
});

test('the CSV: a Danish header, æøå intact, a formula cell neutralised', async () => {
  const csv = await call('/api/tab/decisions.csv', PEOPLE.chair.id);
  expect(csv.status).toBe(200);
  expect(csv.type).toContain('text/csv');
  const lines = csv.text
    .replace(/^\ufeff/, '')
    .trim()
    .split('\n');
  expect(lines[0]).toBe('Organ,Mødedato,Punkt,Type,Beslutning,Referatets status,Møde,Materiale');
  expect(lines[1]).toContain('Styregruppen godkendte løsningen for Ærø');
  expect(lines[2]).toContain(`"'=HYPERLINK(""http://evil"")"`);
  expect(csv.text).not.toMatch(/,=HYPERLINK/);
});
