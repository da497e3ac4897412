import type { AddressInfo } from 'node:net';
import * as restify from 'restify';
import type { TurnContext } from 'botbuilder';
import { closeHttpServer } from '../ops/shutdown';
import type { TeamsAdapter } from './adapter';
import { rateLimitedAuthLog, type AuthFailureLog } from './auth-failures';
import { boundedJsonBody } from './bounded-body';
import { messagesEndpoint } from './messages-endpoint';
import type { StoreHealth } from '../storage/port';
import type { Log } from './log';

export interface BotServerDeps {
  adapter: Pick<TeamsAdapter, 'processIncoming'>;
  /**
   * Credentials are configured, so a request without a bearer token is refused before botbuilder.
   * Fail closed: only an explicit false (development mode) lets such a request reach the adapter.
   */
  requireToken?: boolean;
  /** Where failed authentications are logged; default: rate-limited lines on `log`. */
  authFailures?: AuthFailureLog;
  /** The bot's turn handler, e.g. `(context) => bot.run(context)`. */
  handleTurn(context: TurnContext): Promise<void>;
  /** The store's health for /healthz. */
  storeHealth(): Promise<StoreHealth>;
  log: Log;
  /** Extra routes (the tab mounts /tab/* and /api/tab/* here), registered before listen. */
  routes?: Array<(server: restify.Server) => void>;
}

export interface BotServer {
  server: restify.Server;
  /** Registers more routes (call before listen). */
  addRoutes(register: (server: restify.Server) => void): void;
  /** Listens on the port (0 = any free port) and resolves with the actual port and base URL. */
  listen(port: number, host?: string): Promise<{ port: number; url: string }>;
  close(): Promise<void>;
}

/**
 * The HTTP face of the bot: POST /api/messages (Bot Framework protocol, checked by
 * messages-endpoint.ts, the token by botbuilder) and GET /healthz. Injectable so tests, the tab and
 * the E2E harness reuse one server.
 */
export function createBotServer(deps: BotServerDeps): BotServer {
  const server = restify.createServer({ name: 'fki-governance-bot', handleUncaughtExceptions: false });
  server.use(restify.plugins.queryParser());
  server.use(boundedJsonBody());

  server.post(
    '/api/messages',
    messagesEndpoint({
      adapter: deps.adapter,
      handleTurn: (context) => deps.handleTurn(context),
      log: deps.log,
      authFailures: deps.authFailures ?? rateLimitedAuthLog(deps.log),
      requireToken: deps.requireToken ?? true,
    }),
  );

  server.get('/healthz', async (_req: restify.Request, res: restify.Response) => {
    let store: StoreHealth;
    try {
      store = await deps.storeHealth();
    } catch (error) {
      store = { ok: false, kind: 'sqlite', detail: String(error) };
    }
    // Status only: the store's detail (a file path, a raw error) is for the log, not for anyone asking.
    if (!store.ok) deps.log.warn({ store }, 'health check: the store is not answering');
    res.json(store.ok ? 200 : 503, {
      status: store.ok ? 'ok' : 'degraded',
      store: { ok: store.ok, kind: store.kind },
    });
  });

  for (const register of deps.routes ?? []) register(server);

  return {
    server,
    addRoutes: (register) => register(server),
    listen: (port, host = '0.0.0.0') =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.removeListener('error', reject);
          const actual = (server.address() as AddressInfo).port;
          const shownHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
          deps.log.info({ port: actual }, 'bot server listening');
          resolve({ port: actual, url: `http://${shownHost}:${actual}` });
        });
      }),
    // In-flight requests finish; idle keep-alive sockets are closed; stragglers are cut after 5 s.
    close: () => closeHttpServer(server.server),
  };
}
