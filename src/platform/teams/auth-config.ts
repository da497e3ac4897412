import {
  ConfigurationBotFrameworkAuthentication,
  StatusCodes,
  type ConfigurationBotFrameworkAuthenticationOptions,
} from 'botbuilder';
import {
  AuthenticationError,
  type AuthenticateRequestResult,
  type BotFrameworkAuthentication,
  type ClaimsIdentity,
  type ConnectorClient,
  type ConnectorFactory,
  type UserTokenClient,
} from 'botframework-connector';
import { quietConsole } from './auth-failures';

/**
 * How the bot authenticates to the Bot Framework. With credentials, botbuilder validates the JWT on
 * every incoming request (an unauthenticated one gets 401) and signs outgoing calls. Without them
 * the bot runs only when told so: BOT_DEV_MODE=true (what `npm start` passes, for the Agents
 * Playground) or NODE_ENV=test (what jest sets); then every request is accepted. Anything else
 * without credentials refuses to start, so a deployment that lost its settings fails closed instead
 * of serving unauthenticated. Production also needs the one tenant it serves (TEAMS_TENANT_ID).
 */
export type BotAuthMode =
  | { mode: 'authenticated'; appId: string; appType: 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI' }
  | { mode: 'development' };

export class BotAuthConfigError extends Error {
  constructor(
    message: string,
    readonly missing: string[],
  ) {
    super(message);
    this.name = 'BotAuthConfigError';
  }
}

const CREDENTIAL_KEYS = [
  'MicrosoftAppId',
  'MicrosoftAppPassword',
  'MicrosoftAppType',
  'MicrosoftAppTenantId',
] as const;

function value(env: NodeJS.ProcessEnv, key: string): string | undefined {
  const raw = env[key]?.trim();
  return raw ? raw : undefined;
}

const YES = /^(true|1|yes)$/i;

/** Production's own refusals: no development mode, credentials and the served tenant set. */
function refuseUnsafeProduction(env: NodeJS.ProcessEnv): void {
  if (env.NODE_ENV !== 'production') return;
  if (YES.test(value(env, 'BOT_DEV_MODE') ?? '')) {
    throw new BotAuthConfigError(
      'Refusing to start: BOT_DEV_MODE=true with NODE_ENV=production. Development mode accepts ' +
        'unauthenticated requests; remove BOT_DEV_MODE (and start with node dist/src/main.js, not npm start).',
      ['BOT_DEV_MODE'],
    );
  }
  const noCredentials = !value(env, 'MicrosoftAppId') && !value(env, 'MicrosoftAppPassword');
  const missing = [
    ...(noCredentials ? ['MicrosoftAppId', 'MicrosoftAppPassword'] : []),
    ...(value(env, 'TEAMS_TENANT_ID') ? [] : ['TEAMS_TENANT_ID']),
  ];
  if (missing.length === 0) return;
  const reasons = [
    ...(noCredentials
      ? [
          'no bot credentials are set (MicrosoftAppId and MicrosoftAppPassword, or MicrosoftAppType=UserAssignedMSI ' +
            'with MicrosoftAppId and MicrosoftAppTenantId)',
        ]
      : []),
    ...(missing.includes('TEAMS_TENANT_ID')
      ? ['TEAMS_TENANT_ID is not set (the one Teams tenant served; without it any tenant would be)']
      : []),
  ];
  throw new BotAuthConfigError(
    `Refusing to start: NODE_ENV=production but ${reasons.join('; and ')}.`,
    missing,
  );
}

/** Decides the mode from the environment, or throws naming the missing variables. */
export function resolveBotAuth(env: NodeJS.ProcessEnv): BotAuthMode {
  refuseUnsafeProduction(env);
  const appId = value(env, 'MicrosoftAppId');
  const password = value(env, 'MicrosoftAppPassword');
  const tenantId = value(env, 'MicrosoftAppTenantId');
  const rawType = value(env, 'MicrosoftAppType')?.toLowerCase();

  if (!appId && !password) {
    // Explicit only: the flag, or jest's NODE_ENV=test (no deployment runs with it).
    if (YES.test(value(env, 'BOT_DEV_MODE') ?? '') || env.NODE_ENV === 'test') return { mode: 'development' };
    throw new BotAuthConfigError(
      'Refusing to start: no bot credentials (MicrosoftAppId/MicrosoftAppPassword) and BOT_DEV_MODE is not ' +
        'true. Set the credentials, or BOT_DEV_MODE=true to run unauthenticated for local development ' +
        '(npm start does).',
      ['MicrosoftAppId', 'MicrosoftAppPassword', 'BOT_DEV_MODE'],
    );
  }
  if (!appId) {
    throw new BotAuthConfigError('MicrosoftAppPassword is set but MicrosoftAppId is missing.', [
      'MicrosoftAppId',
    ]);
  }
  if (rawType === 'userassignedmsi') {
    const missing = tenantId ? [] : ['MicrosoftAppTenantId'];
    if (missing.length > 0) {
      throw new BotAuthConfigError(
        `MicrosoftAppType=UserAssignedMSI also needs: ${missing.join(', ')}.`,
        missing,
      );
    }
    if (password) {
      throw new BotAuthConfigError(
        'MicrosoftAppType=UserAssignedMSI must not have MicrosoftAppPassword set.',
        [],
      );
    }
    return { mode: 'authenticated', appId, appType: 'UserAssignedMSI' };
  }
  const missing = [
    ...(password ? [] : ['MicrosoftAppPassword']),
    ...(rawType === 'singletenant' && !tenantId ? ['MicrosoftAppTenantId'] : []),
  ];
  if (missing.length > 0) {
    throw new BotAuthConfigError(
      `MicrosoftAppId is set but these are missing: ${missing.join(', ')} (or use MicrosoftAppType=UserAssignedMSI).`,
      missing,
    );
  }
  return {
    mode: 'authenticated',
    appId,
    appType: rawType === 'singletenant' ? 'SingleTenant' : 'MultiTenant',
  };
}

const AUTHENTICATING_METHODS = new Set<PropertyKey>([
  'authenticateRequest',
  'authenticateStreamingRequest',
  'authenticateChannelRequest',
]);

/**
 * Fail closed: botbuilder answers 401 only for an AuthenticationError; any other failure while
 * validating a token (e.g. the OpenID metadata of login.botframework.com unreachable, a malformed
 * token) would become a 500. A request we could not authenticate is unauthenticated: 401. The
 * connector's own console.error lines during the check are dropped (quietConsole): the error thrown
 * after them says the same, and the endpoint logs it as one rate-limited line.
 */
export function failClosed<T extends object>(inner: T, onFailure: (error: unknown) => void = () => {}): T {
  return new Proxy(inner, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      if (!AUTHENTICATING_METHODS.has(property)) return value.bind(target);
      return async (...args: unknown[]) => {
        try {
          return await quietConsole(
            () => undefined,
            () => (value as (...a: unknown[]) => Promise<unknown>).apply(target, args),
          );
        } catch (error) {
          if (error instanceof AuthenticationError) throw error;
          onFailure(error);
          throw new AuthenticationError(
            `request could not be authenticated: ${error instanceof Error ? error.message : String(error)}`,
            StatusCodes.UNAUTHORIZED,
          );
        }
      };
    },
  });
}

/** The botbuilder authentication for the mode; only the credential variables are passed on. */
export function createBotFrameworkAuthentication(
  env: NodeJS.ProcessEnv,
  onAuthFailure?: (error: unknown) => void,
): {
  mode: BotAuthMode;
  auth: ConfigurationBotFrameworkAuthentication;
} {
  const mode = resolveBotAuth(env);
  const options: Record<string, string> = {};
  if (mode.mode === 'authenticated') {
    for (const key of CREDENTIAL_KEYS) {
      const v = value(env, key);
      if (v) options[key] = v;
    }
    options.MicrosoftAppType = mode.appType;
  }
  const auth = new ConfigurationBotFrameworkAuthentication(
    options as ConfigurationBotFrameworkAuthenticationOptions,
  );
  return { mode, auth: mode.mode === 'authenticated' ? failClosed(auth, onAuthFailure) : auth };
}

/** Clients kept per process; the keys are a handful of Teams service URLs, the bound is a guard. */
const MAX_REUSED_CLIENTS = 100;

/** The cached client for `key`, or a new one from `create`; a failed creation is not kept. */
function reuse<C>(cache: Map<string, Promise<C>>, key: string, create: () => Promise<C>): Promise<C> {
  const cached = cache.get(key);
  if (cached) return cached;
  if (cache.size >= MAX_REUSED_CLIENTS) cache.clear();
  const created = create();
  // E.g. credentials not available yet: the next turn tries again.
  created.catch(() => cache.delete(key));
  cache.set(key, created);
  return created;
}

/** The bot's app id as botbuilder derives it for a turn: the token's audience (or appid) claim. */
function turnAppId(claimsIdentity: ClaimsIdentity): string {
  return claimsIdentity.getClaimValue('aud') ?? claimsIdentity.getClaimValue('appid') ?? '';
}

/**
 * Reuse the connector and user-token clients of incoming turns. CloudAdapter builds a new
 * ConnectorClient and a new UserTokenClient, each with its own @azure/core-rest-pipeline, for every
 * request: about a fifth of a card vote's CPU in the bench profile. They hold no per-turn state (the
 * credentials cache their token per app id), so one per (app id, service URL, audience) serves every
 * turn, as botbuilder's own older BotFrameworkAdapter did with its connector client cache.
 *
 * Only `authenticateRequest` (incoming turns) is cached. `createConnectorFactory`, which
 * continueConversationAsync uses for proactive sends, stays fresh per call: the ProactiveSender
 * strips the retry policy from that client, and must not strip it from the clients replies use.
 */
export function reuseTurnClients<T extends BotFrameworkAuthentication>(inner: T): T {
  const connectorClients = new Map<string, Promise<ConnectorClient>>();
  const userTokenClients = new Map<string, Promise<UserTokenClient>>();
  const reusingFactory = (factory: ConnectorFactory): ConnectorFactory => {
    const appId = (factory as { appId?: unknown }).appId;
    return {
      create(serviceUrl: string, audience?: string): Promise<ConnectorClient> {
        const key = `${String(appId ?? '')}\n${serviceUrl}\n${audience ?? ''}`;
        return reuse(connectorClients, key, () => factory.create(serviceUrl, audience));
      },
    };
  };
  return new Proxy(inner, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (property === 'authenticateRequest' && typeof value === 'function') {
        return async (...args: unknown[]): Promise<AuthenticateRequestResult> => {
          const result = (await (value as (...a: unknown[]) => Promise<AuthenticateRequestResult>).apply(
            target,
            args,
          )) as AuthenticateRequestResult;
          return result.connectorFactory
            ? { ...result, connectorFactory: reusingFactory(result.connectorFactory) }
            : result;
        };
      }
      if (property === 'createUserTokenClient' && typeof value === 'function') {
        return (claimsIdentity: ClaimsIdentity): Promise<UserTokenClient> =>
          reuse(userTokenClients, turnAppId(claimsIdentity), () =>
            (value as (c: ClaimsIdentity) => Promise<UserTokenClient>).call(target, claimsIdentity),
          );
      }
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}
