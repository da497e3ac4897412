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

/**
 * How the bot authenticates to the Bot Framework. With credentials, botbuilder validates the JWT on
 * every incoming request (an unauthenticated one gets 401) and signs outgoing calls. Without them
 * the bot only runs in explicit local development (NODE_ENV is not production): every request is
 * accepted, which is what the Agents Playground and the tests need, and never what production needs.
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

/** Decides the mode from the environment, or throws naming the missing variables. */
export function resolveBotAuth(env: NodeJS.ProcessEnv): BotAuthMode {
  const appId = value(env, 'MicrosoftAppId');
  const password = value(env, 'MicrosoftAppPassword');
  const tenantId = value(env, 'MicrosoftAppTenantId');
  const rawType = value(env, 'MicrosoftAppType')?.toLowerCase();
  const production = env.NODE_ENV === 'production';

  if (!appId && !password) {
    if (production) {
      throw new BotAuthConfigError(
        'Refusing to start: NODE_ENV=production but no bot credentials are set. Set MicrosoftAppId and ' +
          'MicrosoftAppPassword, or MicrosoftAppType=UserAssignedMSI with MicrosoftAppId and MicrosoftAppTenantId.',
        ['MicrosoftAppId', 'MicrosoftAppPassword'],
      );
    }
    return { mode: 'development' };
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
 * token) would become a 500. A request we could not authenticate is unauthenticated: 401.
 */
export function failClosed<T extends object>(inner: T, onFailure: (error: unknown) => void = () => {}): T {
  return new Proxy(inner, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      if (!AUTHENTICATING_METHODS.has(property)) return value.bind(target);
      return async (...args: unknown[]) => {
        try {
          return await (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
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
