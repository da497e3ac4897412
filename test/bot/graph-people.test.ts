/**
 * The person pickers' directory (Microsoft Graph `/users?$search=`), against a local HTTP stand-in
 * for Graph: what is asked (the quoted search, the eventual-consistency header, only the name,
 * e-mail and id), how the answer is read, and that the people search puts the directory's hits
 * after the register's and the roster's and leaves a failing directory out. Off unless turned on.
 * And the people search itself: an erased person stays unnamed, the register is reused a minute.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ManualClock } from '../../src/domain/clock';
import { PeopleFinder } from '../../src/features/members/member-form-people';
import { GraphPeopleDirectory, graphPeopleDirectoryFrom } from '../../src/platform/teams/graph-people';
import { membersHarnessPerTest, municipal } from '../services/members-support';

interface Seen {
  url: URL;
  headers: http.IncomingHttpHeaders;
}

let server: http.Server;
let baseUrl: string;
const seen: Seen[] = [];
let status = 200;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '', 'http://graph');
    seen.push({ url, headers: req.headers });
    const json = (code: number, body: unknown) => {
      res.writeHead(code, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (status !== 200) return json(status, { error: { code: 'Throttled' } });
    if (url.pathname === '/v1.0/users')
      return json(200, {
        value: [
          { id: 'aad-ulla', displayName: 'Ulla Udk', mail: 'ulla@udk.dk', userPrincipalName: 'ulla@udk.dk' },
          { id: 'aad-noname', displayName: null, mail: 'x@udk.dk' },
          {
            id: 'aad-upn',
            displayName: 'Uffe Upn',
            mail: null,
            userPrincipalName: 'uffe@udk.onmicrosoft.com',
          },
        ],
      });
    if (url.pathname === '/v1.0/users/aad-ulla')
      return json(200, { id: 'aad-ulla', displayName: 'Ulla Udk', mail: 'ulla@udk.dk' });
    return json(404, { error: { code: 'Request_ResourceNotFound' } });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});
beforeEach(() => {
  seen.length = 0;
  status = 200;
});

const directory = () => new GraphPeopleDirectory({ baseUrl, token: async () => 'token-1' });

test('searches users by name and e-mail, with the token and ConsistencyLevel, asking for little', async () => {
  const hits = await directory().search('ul"la', 15);
  expect(hits).toEqual([
    { id: 'aad-ulla', name: 'Ulla Udk', email: 'ulla@udk.dk' },
    { id: 'aad-upn', name: 'Uffe Upn', email: 'uffe@udk.onmicrosoft.com' },
  ]);
  const [request] = seen;
  expect(request!.url.searchParams.get('$search')).toBe('"displayName:ul la" OR "mail:ul la"');
  expect(request!.url.searchParams.get('$select')).toBe('id,displayName,mail,userPrincipalName');
  expect(request!.url.searchParams.get('$top')).toBe('15');
  expect(request!.headers.authorization).toBe('Bearer token-1');
  expect(request!.headers.consistencylevel).toBe('eventual');
});

test('reads one user by id; an unknown id is undefined; a failure throws', async () => {
  expect(await directory().get('aad-ulla')).toEqual({
    id: 'aad-ulla',
    name: 'Ulla Udk',
    email: 'ulla@udk.dk',
  });
  expect(await directory().get('aad-nobody')).toBeUndefined();
  status = 503;
  await expect(directory().search('ulla', 5)).rejects.toThrow('Graph answered 503');
});

describe('the people search with a directory', () => {
  const h = membersHarnessPerTest();

  test('register first, then the roster, then the directory, each person once', async () => {
    await h.service.appoint(
      municipal({ personId: 'aad-ulla', name: 'Ulla Udk', email: 'ulla@udk.dk' }),
      'sec',
    );
    const finder = new PeopleFinder({ members: h.service, people: h.people, directory: directory() });
    const hits = await finder.search({
      text: 'u',
      top: 15,
      roster: [{ id: 'aad-ursula', name: 'Ursula Roster' }],
    });
    // One letter does not ask the directory (every keystroke would).
    expect(hits.map((hit) => hit.id)).toEqual(['aad-ulla', 'aad-ursula']);
    expect(seen).toEqual([]);
    // The roster comes filtered by the adapter; the stand-in's directory also knows Ulla (once only).
    const more = await finder.search({
      text: 'ul',
      top: 15,
      roster: [{ id: 'aad-ursula', name: 'Ursula Roster' }],
    });
    expect(more.map((hit) => hit.id)).toEqual(['aad-ulla', 'aad-ursula', 'aad-upn']);
    expect(seen).toHaveLength(1);
    expect(await finder.resolve('aad-upn')).toEqual({
      id: 'aad-upn',
      name: 'Uffe Upn',
      email: 'uffe@udk.onmicrosoft.com',
    });
  });

  test('a failing directory is left out; the register still answers', async () => {
    await h.service.appoint(municipal({ personId: 'aad-ulla', name: 'Ulla Udk' }), 'sec');
    status = 503;
    const finder = new PeopleFinder({ members: h.service, people: h.people, directory: directory() });
    expect((await finder.search({ text: 'ulla', top: 15, roster: [] })).map((hit) => hit.id)).toEqual([
      'aad-ulla',
    ]);
  });
});

test('off by default, and off without the bot credentials', () => {
  expect(graphPeopleDirectoryFrom({})).toBeUndefined();
  expect(graphPeopleDirectoryFrom({ PEOPLE_SEARCH_GRAPH: 'true' })).toBeUndefined();
  expect(
    graphPeopleDirectoryFrom({
      PEOPLE_SEARCH_GRAPH: 'true',
      MicrosoftAppTenantId: 'tenant',
      MicrosoftAppId: 'app',
      MicrosoftAppPassword: 'secret',
    }),
  ).toBeInstanceOf(GraphPeopleDirectory);
});

test('an erased person is not named again from an earlier search', async () => {
  const erased = {
    id: 'aad-erased',
    name: 'Slettet person 1',
    anonymisedAt: '2027-01-01T00:00:00.000Z',
    organisation: { kind: 'KL' as const, name: 'KL' },
  };
  const finder = new PeopleFinder({
    members: { allMemberships: async () => [] },
    people: { getPerson: async () => erased, getPersons: async () => new Map() },
  });
  await finder.search({ text: 'old', top: 15, roster: [{ id: 'aad-erased', name: 'Old Name' }] });
  expect(await finder.resolve('aad-erased')).toEqual({ id: 'aad-erased' });
});

test("the register's people are reused for a minute between keystrokes, and read afresh after an appointment", async () => {
  const clock = new ManualClock('2027-01-11T09:00:00.000Z');
  let reads = 0;
  const finder = new PeopleFinder({
    members: {
      allMemberships: async () => {
        reads += 1;
        return [];
      },
    },
    people: { getPerson: async () => undefined, getPersons: async () => new Map() },
    clock,
  });
  const search = (text: string) => finder.search({ text, top: 15, roster: [] });
  await search('a');
  await search('an');
  expect(reads).toBe(1);
  clock.set('2027-01-11T09:01:01.000Z');
  await search('ann');
  expect(reads).toBe(2);
  finder.registerChanged();
  await search('anna');
  expect(reads).toBe(3);
});
