import { CloudAdapter, type TurnContext } from 'botbuilder';
import type { Request, Response, Server } from 'restify';
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
      adapter: new CloudAdapter(createBotFrameworkAuthentication({}).auth),
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
