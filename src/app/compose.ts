/**
 * The composition root: reads the configuration, builds the store, repositories, services, the
 * bot and the HTTP server. `composeApp(env, overrides)` is also how tests and the E2E harness start
 * the whole app (on port 0 and a temporary DATA_DIR).
 */
import { CloudAdapter, type TurnContext } from 'botbuilder';
import { loadGovernance, defaultGovernancePath } from '../config/governance-loader';
import { systemClock, type Clock } from '../domain/clock';
import type { Governance } from '../domain/governance';
import { translate, localeOf } from '../i18n';
import { createLogger, type Logger } from '../ops/logger';
import type { DocumentStore } from '../storage/port';
import { AuditRepository } from '../storage/repositories/audit';
import { GroupRepository } from '../storage/repositories/groups';
import { PeopleRepository } from '../storage/repositories/people';
import { SqliteStore } from '../storage/sqlite/sqlite-store';
import { createBotFrameworkAuthentication, type BotAuthMode } from '../bot/auth-config';
import type { BotFeature } from '../bot/feature';
import { allFeatures } from '../bot/features';
import { FeatureRegistry } from '../bot/registry';
import { createBotServer, type BotServer } from '../bot/server';
import { FkiTeamsBot } from '../bot/teams-bot';
import type { AppServices } from '../services/app-services';
import { BindingService } from '../services/binding-service';
import { syncPermanentGroups } from '../services/group-sync';
import type { ChannelMessenger } from '../services/ports';
import { RoleResolver, parseIdList } from '../services/roles';
import { fromProjectRoot } from './paths';

/** botbuilder's BotFrameworkAuthentication (botframework-connector is not a direct dependency). */
export type BotFrameworkAuthentication = NonNullable<ConstructorParameters<typeof CloudAdapter>[0]>;

export interface AppConfig {
  port: number;
  dataDir: string;
  governancePath: string;
  /** Only this tenant is served (TEAMS_TENANT_ID); undefined = any. */
  tenantId?: string;
  /** Bootstrap secretariat (SECRETARIAT_AAD_IDS). */
  secretariatIds: string[];
  auth: BotAuthMode;
}

export interface ComposeOverrides {
  clock?: Clock;
  store?: DocumentStore;
  governance?: Governance;
  logger?: Logger;
  /** Replaces the Bot Framework authentication (and with it the connector used for replies). */
  botFrameworkAuthentication?: BotFrameworkAuthentication;
  messenger?: ChannelMessenger;
  features?: BotFeature[];
}

export interface App {
  config: AppConfig;
  store: DocumentStore;
  services: AppServices;
  repositories: { groups: GroupRepository; people: PeopleRepository; audit: AuditRepository };
  adapter: CloudAdapter;
  bot: FkiTeamsBot;
  registry: FeatureRegistry;
  server: BotServer;
  logger: Logger;
  /** Listens on `port` (default config.port; 0 = free port). */
  start(port?: number, host?: string): Promise<{ port: number; url: string }>;
  /** Closes the server and the store. */
  stop(): Promise<void>;
}

export function readConfig(env: NodeJS.ProcessEnv, auth: BotAuthMode): AppConfig {
  const port = env.PORT ? Number(env.PORT) : 3978;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, got "${env.PORT}"`);
  return {
    port,
    dataDir: fromProjectRoot(env.DATA_DIR?.trim() || 'data'),
    governancePath: env.GOVERNANCE_FILE?.trim() ? fromProjectRoot(env.GOVERNANCE_FILE.trim()) : defaultGovernancePath(),
    tenantId: env.TEAMS_TENANT_ID?.trim() || undefined,
    secretariatIds: parseIdList(env.SECRETARIAT_AAD_IDS),
    auth,
  };
}

/** Until the proactive sender is wired, posting fails loudly instead of pretending to succeed. */
const unwiredMessenger: ChannelMessenger = {
  postToGroup: () => Promise.reject(new Error('ChannelMessenger is not wired (src/bot/proactive)')),
  updateInGroup: () => Promise.reject(new Error('ChannelMessenger is not wired (src/bot/proactive)')),
};

export async function composeApp(env: NodeJS.ProcessEnv, overrides: ComposeOverrides = {}): Promise<App> {
  const logger = overrides.logger ?? createLogger({ env });
  const log = logger.child({ component: 'bot' });
  const { mode, auth } = createBotFrameworkAuthentication(env, (error) =>
    log.warn({ err: error }, 'token validation failed for a non-token reason (answered 401)'),
  );
  const config = readConfig(env, mode);
  if (mode.mode === 'development') {
    log.warn(
      { mode: 'development' },
      'DEVELOPMENT MODE: no bot credentials (MicrosoftAppId/MicrosoftAppPassword), incoming requests are NOT authenticated. Never expose this instance.',
    );
  }
  const clock = overrides.clock ?? systemClock;
  const governance = overrides.governance ?? loadGovernance(config.governancePath);
  const store = overrides.store ?? SqliteStore.open(config.dataDir);

  const repositories = {
    groups: new GroupRepository(store),
    people: new PeopleRepository(store),
    audit: new AuditRepository(store),
  };
  await syncPermanentGroups(governance, repositories.groups, clock);

  const adapter = new CloudAdapter(overrides.botFrameworkAuthentication ?? auth);
  const roles = new RoleResolver(repositories.people, clock, config.secretariatIds);
  const services: AppServices = {
    clock,
    governance,
    groups: repositories.groups,
    members: repositories.people,
    audit: repositories.audit,
    messenger: overrides.messenger ?? unwiredMessenger,
    roles,
    binding: new BindingService(repositories.groups, repositories.audit, clock),
  };

  const registry = new FeatureRegistry(overrides.features ?? allFeatures());
  const bot = new FkiTeamsBot({ services, registry, allowedTenantId: config.tenantId, log });

  adapter.onTurnError = async (context: TurnContext, error: Error) => {
    log.error({ err: error, activityType: context.activity.type }, 'unhandled error in turn');
    // An invoke gets its error status from the adapter; a message gets a visible apology.
    if (context.activity.type === 'message') {
      await context.sendActivity(translate(localeOf(context.activity.locale), 'core.unknownError')).catch(() => {});
    }
  };

  const server = createBotServer({
    adapter,
    handleTurn: (context) => bot.run(context),
    storeHealth: () => store.health(),
    log,
  });

  return {
    config,
    store,
    services,
    repositories,
    adapter,
    bot,
    registry,
    server,
    logger,
    start: (port = config.port, host) => server.listen(port, host),
    stop: async () => {
      await server.close();
      await store.close();
    },
  };
}
