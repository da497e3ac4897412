import { ConfigurationBotFrameworkAuthentication, type ConfigurationBotFrameworkAuthenticationOptions } from 'botbuilder';

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

const CREDENTIAL_KEYS = ['MicrosoftAppId', 'MicrosoftAppPassword', 'MicrosoftAppType', 'MicrosoftAppTenantId'] as const;

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
    throw new BotAuthConfigError('MicrosoftAppPassword is set but MicrosoftAppId is missing.', ['MicrosoftAppId']);
  }
  if (rawType === 'userassignedmsi') {
    const missing = tenantId ? [] : ['MicrosoftAppTenantId'];
    if (missing.length > 0) {
      throw new BotAuthConfigError(`MicrosoftAppType=UserAssignedMSI also needs: ${missing.join(', ')}.`, missing);
    }
    if (password) {
      throw new BotAuthConfigError('MicrosoftAppType=UserAssignedMSI must not have MicrosoftAppPassword set.', []);
    }
    return { mode: 'authenticated', appId, appType: 'UserAssignedMSI' };
  }
  const missing = [...(password ? [] : ['MicrosoftAppPassword']), ...(rawType === 'singletenant' && !tenantId ? ['MicrosoftAppTenantId'] : [])];
  if (missing.length > 0) {
    throw new BotAuthConfigError(
      `MicrosoftAppId is set but these are missing: ${missing.join(', ')} (or use MicrosoftAppType=UserAssignedMSI).`,
      missing,
    );
  }
  return { mode: 'authenticated', appId, appType: rawType === 'singletenant' ? 'SingleTenant' : 'MultiTenant' };
}

/** The botbuilder authentication for the mode; only the credential variables are passed on. */
export function createBotFrameworkAuthentication(env: NodeJS.ProcessEnv): {
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
  return {
    mode,
    auth: new ConfigurationBotFrameworkAuthentication(options as ConfigurationBotFrameworkAuthenticationOptions),
  };
}
