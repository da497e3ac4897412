/**
 * The tab API over HTTP accepts a person's token through Teams only (issue #25 point 5): an app-only
 * token, a token without the tab's scope and one another client app obtained for the same person are
 * 401, while the same person's Teams token reads the group. The rules themselves: test/tab/auth.test.ts.
 */
import type { TokenClaims } from '../tab/support/entra';
import { PEOPLE, startTabApp, type TabApp } from '../tab/support/tab-app';

let tab: TabApp;
beforeAll(async () => {
  tab = await startTabApp();
});
afterAll(async () => tab?.stop());

async function groupPage(token: string) {
  const response = await fetch(`${tab.url}/api/tab/groups/steering`, {
    headers: { authorization: `Bearer ${token}` },
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

test("the chair's Teams token reads the group page", async () => {
  expect((await groupPage(await tab.entra.sign({ oid: PEOPLE.chair.id }))).status).toBe(200);
});

const REFUSED: Array<[string, Partial<TokenClaims>, string]> = [
  ['an app-only token', { idtyp: 'app', scp: null, roles: ['Tab.Read'] }, 'app-only'],
  ['a token without access_as_user', { scp: 'User.Read' }, 'wrong-scope'],
  ['a token another client app obtained', { azp: '0c0ffee0-0000-4000-8000-00000000f00d' }, 'wrong-client'],
];

test.each(REFUSED)("%s for the chair's own id is refused (401)", async (_name, claims, reason) => {
  const answer = await groupPage(await tab.entra.sign({ oid: PEOPLE.chair.id, ...claims }));
  expect(answer).toEqual({ status: 401, body: { error: 'unauthorized', reason } });
});
