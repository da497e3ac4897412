import type { TurnContext } from 'botbuilder';
import type { Request, Response, Server } from 'restify';
import { createTeamsAdapter } from '../../src/platform/teams/adapter';
import { createBotFrameworkAuthentication } from '../../src/platform/teams/auth-config';
import { createBotServer, type BotServer } from '../../src/platform/teams/server';
import { silentLog } from '../../src/platform/teams/log';
import type { StoreHealth } from '../../src/platform/storage/port';

describe('createBotServer', () => {
  let bot: BotServer | undefined;
  afterEach(async () => {
    await bot?.close();
    bot = undefined;
  });

  /** What the server logged as warnings (the health check's store detail goes there). */
  const warnings: string[] = [];

  async function start(health: () => Promise<StoreHealth>, routes: Array<(server: Server) => void> = []) {
    const turns: string[] = [];
    bot = createBotServer({
      adapter: createTeamsAdapter(createBotFrameworkAuthentication({ NODE_ENV: 'test' }).auth, silentLog),
      requireToken: false,
      handleTurn: async (context: TurnContext) => {
        turns.push(context.activity.type);
      },
      storeHealth: health,
      log: { ...silentLog, warn: (details) => void warnings.push(JSON.stringify(details)) },
      routes,
    });
    const { url } = await bot.listen(0, '127.0.0.1');
    return { url, turns };
  }

  test('healthz is 503 when the store is down or the check throws, and tells its status only (the detail goes to the log)', async () => {
    let mode: 'down' | 'throws' | 'up' = 'down';
    const { url } = await start(async () => {
      if (mode === 'throws') throw new Error('connection refused');
      return { ok: mode === 'up', kind: 'cosmos', detail: mode };
    });
    let response = await fetch(`${url}/healthz`);
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ status: 'degraded', store: { ok: false, kind: 'cosmos' } });
    mode = 'throws';
    response = await fetch(`${url}/healthz`);
    expect(response.status).toBe(503);
    expect(JSON.stringify(await response.json())).not.toContain('connection refused');
    expect(warnings.join('\n')).toContain('connection refused');
    mode = 'up';
    response = await fetch(`${url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      status: 'ok',
      store: { ok: true, kind: 'cosmos' },
    });
  });

  test('extra routes can be registered (the tab mounts its own) and /api/messages runs the turn', async () => {
    const { url, turns } = await start(
      async () => ({ ok: true, kind: 'sqlite' }),
      [
        (server) =>
          server.get('/tab/ping', async (_req: Request, res: Response) => {
            res.json(200, { pong: true });
          }),
      ],
    );
    expect(await (await fetch(`${url}/tab/ping`)).json()).toEqual({ pong: true });
    const response = await fetch(`${url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        type: 'event',
        name: 'probe',
        channelId: 'test',
        serviceUrl: 'http://127.0.0.1:9',
        conversation: { id: 'c' },
        from: { id: 'u' },
        recipient: { id: 'b' },
      }),
    });
    expect({ status: response.status, body: await response.text() }).toEqual({ status: 200, body: '' });
    expect(turns).toEqual(['event']);
  });
});

describe('/api/messages before botbuilder (issue #25: fail closed, errors say nothing inside)', () => {
  let bot: BotServer | undefined;
  afterEach(async () => {
    await bot?.close();
    bot = undefined;
  });

  const activity = {
    type: 'message',
    text: 'hjælp',
    channelId: 'msteams',
    serviceUrl: 'http://127.0.0.1:9',
    conversation: { id: 'c' },
    from: { id: 'u' },
    recipient: { id: 'b' },
  };

  /** A server whose adapter records what reached it and fails the token check as told. */
  async function start(options: { requireToken?: boolean; failure?: Error } = {}) {
    const reached: Array<{ authorization: string; type: string }> = [];
    const lines: Array<{ details: Record<string, unknown>; message?: string }> = [];
    bot = createBotServer({
      adapter: {
        processIncoming: async (authorization, incoming) => {
          reached.push({ authorization, type: incoming.type });
          if (options.failure) throw options.failure;
          return undefined;
        },
      },
      ...(options.requireToken === undefined ? {} : { requireToken: options.requireToken }),
      handleTurn: async () => {},
      storeHealth: async () => ({ ok: true, kind: 'sqlite' }),
      log: {
        ...silentLog,
        warn: (details, message) => void lines.push({ details: details as Record<string, unknown>, message }),
      },
    });
    const { url } = await bot.listen(0, '127.0.0.1');
    const post = async (body: unknown, headers: Record<string, string> = {}) => {
      const response = await fetch(`${url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify(body),
      });
      return { status: response.status, body: await response.text(), headers: response.headers };
    };
    return { post, reached, lines };
  }

  test('without an explicit requireToken: false, a request without a bearer token is a 401 that never reaches the adapter (no metadata fetch)', async () => {
    const { post, reached } = await start();
    const anonymous: Array<Record<string, string>> = [
      {},
      { authorization: 'Basic dXNlcjpwdw==' },
      { authorization: 'Bearer' },
    ];
    for (const headers of anonymous) {
      const answer = await post(activity, headers);
      expect({ status: answer.status, body: JSON.parse(answer.body) }).toEqual({
        status: 401,
        body: { error: 'unauthorized' },
      });
      expect(answer.headers.get('www-authenticate')).toBe('Bearer');
    }
    expect(reached).toEqual([]);
  });

  test('a body that is no activity is a 400 before the token check, never the 500 of botbuilder', async () => {
    const { post, reached } = await start({ requireToken: true });
    for (const body of [{}, [], { type: '' }, { type: 7 }, 'message']) {
      const answer = await post(body, { authorization: 'Bearer a.b.c' });
      expect({ body, status: answer.status, answer: answer.body }).toEqual({
        body,
        status: 400,
        answer: JSON.stringify({ error: 'not-an-activity' }),
      });
    }
    // Unauthenticated, an empty object is refused for the missing token first.
    expect((await post({})).status).toBe(401);
    expect(reached).toEqual([]);
  });

  test('a failed token check answers a fixed 401; the inner detail goes to the log only', async () => {
    const { AuthenticationError } = await import('botframework-connector');
    const detail =
      'request could not be authenticated: getaddrinfo ENOTFOUND login.botframework.com (https://login.botframework.com/v1/.well-known/openidconfiguration)';
    const { post, reached, lines } = await start({
      requireToken: true,
      failure: new AuthenticationError(detail, 401),
    });
    const answer = await post(activity, { authorization: 'Bearer a.b.c' });
    expect({ status: answer.status, body: answer.body }).toEqual({
      status: 401,
      body: JSON.stringify({ error: 'unauthorized' }),
    });
    expect(reached).toEqual([{ authorization: 'Bearer a.b.c', type: 'message' }]);
    expect(lines).toHaveLength(1);
    expect(lines[0]?.details).toMatchObject({ event: 'auth.failed', status: 401, reason: detail });
  });

  test('any other failure outside the turn is a 500 without details', async () => {
    const { post } = await start({
      requireToken: false,
      failure: new Error('connector at 10.0.0.7 said no'),
    });
    const answer = await post(activity);
    expect({ status: answer.status, body: answer.body }).toEqual({
      status: 500,
      body: JSON.stringify({ error: 'internal' }),
    });
  });

  test('in development mode (requireToken: false) a request without a token reaches the adapter', async () => {
    const { post, reached } = await start({ requireToken: false });
    expect((await post(activity)).status).toBe(200);
    expect(reached).toEqual([{ authorization: '', type: 'message' }]);
  });
});
