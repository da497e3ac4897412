/**
 * The tab's person picker API (issue 26.3): GET /api/tab/people?q= answers the members feature's
 * people search (the register here; the tab has no team roster), for the secretariat only.
 */
import type { PeopleSearchView } from '../../src/tab/api-types';
import { PEOPLE, startTabApp, type TabApp } from './support/tab-app';

let tab: TabApp;
beforeAll(async () => {
  tab = await startTabApp();
});
afterAll(async () => tab?.stop());

async function search(query: string, personId?: string) {
  const token = personId ? await tab.entra.sign({ oid: personId }) : undefined;
  const response = await fetch(`${tab.url}/api/tab/people?q=${encodeURIComponent(query)}`, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  return { status: response.status, body: (await response.json()) as PeopleSearchView & { error?: string } };
}

test('the secretariat finds people of the register by the start of a name', async () => {
  const { status, body } = await search('and', PEOPLE.secretariat.id);
  expect(status).toBe(200);
  expect(body).toEqual({ query: 'and', results: [{ id: PEOPLE.anna.id, name: 'Anna Andersen' }] });
  const rikke = await search('RIK', PEOPLE.secretariat.id);
  expect(rikke.body.results.map((person) => person.id)).toEqual([PEOPLE.refMember.id]);
  expect((await search('zzz', PEOPLE.secretariat.id)).body.results).toEqual([]);
});

test('a group member may not search (403), nor anyone without a token (401)', async () => {
  const chair = await search('and', PEOPLE.chair.id);
  expect(chair.status).toBe(403);
  expect(chair.body).toEqual({ error: 'forbidden', reason: 'secretariat-only' });
  expect(JSON.stringify(chair.body)).not.toContain('Anna');
  expect((await search('and')).status).toBe(401);
});

test('an over-long query is cut to the first 100 characters, not refused', async () => {
  const { status, body } = await search(`anna ${'x'.repeat(300)}`, PEOPLE.secretariat.id);
  expect(status).toBe(200);
  expect(body.results).toEqual([]);
});
