/**
 * The composition root: reads the configuration, builds the store, repositories, services, the
 * bot and the HTTP server. `composeApp(env, overrides)` is also how tests and the E2E harness start
 * the whole app (on port 0 and a temporary DATA_DIR).
 */
import { MeetingDueRepository } from '../features/meetings/meeting-due-repository';
import { reminderLeadMs } from '../features/meetings/meeting-due-index';
import { loadGovernance } from '../platform/governance/governance-loader';
import { systemClock, type Clock } from '../domain/clock';
import { governanceRoles, type Governance } from '../domain/governance';
import { createLogger, type Logger } from '../platform/ops/logger';
import type { DocumentStore } from '../platform/storage/port';
import { AuditRepository } from '../platform/audit/audit-repository';
import { GroupRepository } from '../features/binding/groups-repository';
import { PeopleRepository } from '../features/members/people-repository';
import { createMeetingHooks, registerMeetingRoutes } from '../features/agenda/agenda-feature';
import { createPortfolioHooks, registerPortfolioRoutes } from '../features/portfolio/portfolio-feature';
import { registerCalendarFeedRoutes } from '../features/calendar-feed';
import { registerPrintRoutes } from '../features/printing';
import type { MeetingHooks, MeetingSource } from '../features/meetings/meeting-moments';
import { createStore } from '../platform/storage/create-store';
import { linkSigningFrom } from '../platform/links/link-tokens';
import { createBotFrameworkAuthentication } from '../platform/teams/auth-config';
import {
  createTeamsAdapter,
  type BotFrameworkAuthentication,
  type TeamsAdapter,
} from '../platform/teams/adapter';
import type { BotFeature } from '../platform/teams/feature';
import type { Log } from '../platform/teams/log';
import { allFeatures } from './features';
import { FeatureRegistry, type CommandNaming } from '../platform/teams/registry';
import { createBotServer, type BotServer } from '../platform/teams/server';
import { FkiTeamsBot } from '../platform/teams/teams-bot';
import { graphPeopleDirectoryFrom } from '../platform/teams/graph-people';
import { ProactiveSender } from '../platform/teams/proactive';
import type { AppServices } from './app-services';
import { syncPermanentGroups } from '../features/binding/group-sync';
import {
  SecretariatMessenger,
  secretariatGroupIdOf,
  secretariatMemberIds,
} from '../features/binding/secretariat-delivery';
import { localToday } from '../domain/time';
import {
  loadMunicipalityRegister,
  MunicipalityRepository,
  seedMunicipalities,
} from '../features/municipalities';
import type { ChannelMessenger } from '../domain/ports';
import { RoleResolver } from '../domain/roles';
import { projectRoot } from './paths';
import { createTab } from '../tab/compose';
import type { Scheduler } from '../platform/scheduler/scheduler';
import { readConfig, publicBaseUrlFrom, type AppConfig } from './config';
import { readEnvironment, type Environment } from '../platform/config/environment';
import { buildServices, type BuiltServices } from './services';
import { startGovernance } from './governance-start';
import { createAppScheduler } from './jobs';
import {
  PersonalConversations,
  PersonalReferenceRepository,
} from '../platform/teams/proactive/personal-conversations';

export type { BotFrameworkAuthentication } from '../platform/teams/adapter';
export { readConfig, type AppConfig } from './config';

export interface ComposeOverrides {
  clock?: Clock;
  store?: DocumentStore;
  governance?: Governance;
  logger?: Logger;
  /** Replaces the Bot Framework authentication (and with it the connector used for replies). */
  botFrameworkAuthentication?: BotFrameworkAuthentication;
  messenger?: ChannelMessenger;
  features?: BotFeature[];
  /** Where the commands' names come from (a test's probe command is in no catalogue). */
  commandNaming?: CommandNaming;
}

export interface App {
  config: AppConfig;
  store: DocumentStore;
  services: AppServices;
  repositories: { groups: GroupRepository; people: PeopleRepository; audit: AuditRepository };
  /** For the scheduler (createScheduler): `meetings: meetingJobs.source, meetingHooks: meetingJobs.hooks`. */
  meetingJobs: { source: MeetingSource; hooks: MeetingHooks };
  /** The reminder scheduler; `main` starts it (SCHEDULER_ENABLED), tests call `runScan(now)`. */
  scheduler: Scheduler;
  adapter: TeamsAdapter;
  bot: FkiTeamsBot;
  registry: FeatureRegistry;
  server: BotServer;
  logger: Logger;
  /** Listens on `port` (default config.port; 0 = free port). */
  start(port?: number, host?: string): Promise<{ port: number; url: string }>;
  /**
   * Waits for everything still in flight after the server stopped taking requests: the due-scan,
   * the shared vote-card updates and hearing closes, the off-path triage posts, the proactive sends.
   */
  drain(): Promise<void>;
  /** Closes the server, drains, then closes the store. */
  stop(): Promise<void>;
}

/** Who acts in which role: the register, the bootstrap secretariat ids and the file's `roles`. */
function roleResolverOf({ repositories, clock, config, governance }: Foundations): RoleResolver {
  const bootstrap = config.secretariatIds;
  return new RoleResolver(
    repositories.people,
    clock,
    bootstrap,
    governance.timeZone,
    governanceRoles(governance),
  );
}

export async function composeApp(
  source: Readonly<Record<string, string | undefined>>,
  overrides: ComposeOverrides = {},
): Promise<App> {
  const base = await foundations(source, overrides);
  const { env, logger, log, mode, config, clock, governance, store, repositories } = base;
  const adapter = createTeamsAdapter(overrides.botFrameworkAuthentication ?? base.auth, log);
  const sender = overrides.messenger ? undefined : proactiveSender(base, adapter);
  const built = buildServices({
    store,
    governance,
    clock,
    repositories,
    roles: roleResolverOf(base),
    messenger: secretariatMessenger(base, overrides.messenger ?? sender!),
    publicBaseUrl: publicBaseUrlFrom(env, config.port),
    linkSigning: linkSigningFrom(env),
    peopleDirectory: graphPeopleDirectoryFrom(source),
    log,
  });
  const meetingJobs = meetingJobsOf(built, repositories.groups, log);
  const scheduler = createAppScheduler({
    env,
    store,
    governance,
    built,
    meetingJobs,
    logger,
    groups: repositories.groups,
  });
  const registry = new FeatureRegistry(overrides.features ?? allFeatures(), overrides.commandNaming);
  const bot = new FkiTeamsBot({
    services: built.services,
    registry,
    allowedTenantId: config.tenantId,
    log,
    personalChats: base.personalChats,
  });
  const server = botServer(base, adapter, bot);
  mountRoutes(server, { ...base, built, development: mode.mode === 'development' });
  const drain = async () => {
    await scheduler.stop();
    await built.services.hearings.idle();
    await built.proposalService.idle();
    await sender?.idle();
  };
  return {
    ...{ config, store, services: built.services, repositories, meetingJobs, scheduler },
    ...{ adapter, bot, registry, server, logger, drain },
    start: (port = config.port, host) => server.listen(port, host),
    stop: async () => {
      await server.close();
      await drain();
      await store.close();
    },
  };
}

/** What everything else is built on: the validated environment, logging, auth mode, clock, rules, store. */
async function foundations(
  source: Readonly<Record<string, string | undefined>>,
  overrides: ComposeOverrides,
) {
  // Validated before anything is built: a bad value stops start-up naming the variable.
  const env = readEnvironment(source);
  const logger = overrides.logger ?? createLogger({ env });
  const log = logger.child({ component: 'bot' });
  // A failed token check is logged by the /api/messages endpoint, one rate-limited line.
  const { mode, auth } = createBotFrameworkAuthentication(env);
  const config = readConfig(env, mode);
  if (mode.mode === 'development') {
    log.warn(
      { mode: 'development' },
      'DEVELOPMENT MODE (BOT_DEV_MODE): no bot credentials (MicrosoftAppId/MicrosoftAppPassword), incoming requests are NOT authenticated. Never expose this instance.',
    );
  }
  const clock = overrides.clock ?? systemClock;
  const governance = overrides.governance ?? loadGovernance(config.governancePath);
  const store = overrides.store ?? (await createStore({ ...env, DATA_DIR: config.dataDir }));
  // Before the groups are synced: a file contradicting the store stops the start, every reason named.
  const sourceName = overrides.governance ? 'governance' : config.governancePath;
  const version = await startGovernance({ store, governance, clock, sourceName });
  const repositories = {
    groups: new GroupRepository(store),
    people: new PeopleRepository(store),
    audit: new AuditRepository(store, { governanceVersion: version.id }),
  };
  await syncPermanentGroups(governance, repositories.groups, clock);
  // The 98 municipalities ship with the app: a fresh install can appoint municipal members at once.
  await seedMunicipalities(new MunicipalityRepository(store), loadMunicipalityRegister(projectRoot()));
  const personalChats = new PersonalReferenceRepository(store);
  return { env, logger, log, mode, auth, config, clock, governance, store, repositories, personalChats };
}

type Foundations = Awaited<ReturnType<typeof foundations>>;

function botServer(base: Foundations, adapter: TeamsAdapter, bot: FkiTeamsBot): BotServer {
  return createBotServer({
    adapter,
    handleTurn: (context) => bot.run(context),
    storeHealth: () => base.store.health(),
    log: base.log,
    // Without credentials (BOT_DEV_MODE) the Playground sends no token; with them, one is required.
    requireToken: base.mode.mode === 'authenticated',
  });
}

function proactiveSender(base: Foundations, adapter: TeamsAdapter): ProactiveSender {
  const botAppId = base.mode.mode === 'authenticated' ? base.mode.appId : '';
  const { groups } = base.repositories;
  return new ProactiveSender({
    adapter,
    botAppId,
    // Group ids and `person:<id>` addresses (personal chats) alike.
    references: new PersonalConversations({
      groups,
      references: base.personalChats,
      creator: adapter,
      botAppId,
      tenantHome: async () => {
        const home = (await groups.listInstallations()).find((team) => team.serviceUrl && team.tenantId);
        return home?.serviceUrl && home.tenantId
          ? { serviceUrl: home.serviceUrl, tenantId: home.tenantId }
          : undefined;
      },
    }),
    failures: base.repositories.audit,
    log: base.logger.child({ component: 'proactive' }),
    // Teams' rate limits count wall-clock time: the business clock (a ManualClock in tests, or the
    // operator's "scan at" time) must not make the limiter wait for a time that never comes.
    clock: systemClock,
  });
}

/**
 * Every post to the secretariat through one route: its channel when bound, else each of its members
 * in personal chat (never another group's channel), issue 26.4.
 */
function secretariatMessenger(base: Foundations, inner: ChannelMessenger): ChannelMessenger {
  const { governance, repositories, clock, config } = base;
  const secretariatGroupId = secretariatGroupIdOf(governance);
  return new SecretariatMessenger({
    inner,
    groups: repositories.groups,
    secretariatGroupId,
    members: () =>
      secretariatMemberIds(
        repositories.people,
        secretariatGroupId,
        config.secretariatIds,
        localToday(clock, governance.timeZone),
      ),
    onError: (error, what) => base.log.warn({ err: String(error) }, `secretariat delivery: ${what} failed`),
  });
}

/** The 2-week agenda post and the portfolio's request cards and overview, as scheduler hooks. */
function meetingJobsOf(built: BuiltServices, groups: GroupRepository, log: Log) {
  const { services, meetingRepository } = built;
  return {
    source: {
      listUpcoming: (from: Date, to: Date) => meetingRepository.listScheduledBetween(from, to),
      // The due-scan reads the meetings whose next reminder has come (issue 24.2).
      dueIndex: new MeetingDueRepository(meetingRepository.store, reminderLeadMs(services.governance)),
    },
    hooks: {
      ...createMeetingHooks({
        cycle: services.meetingCycle,
        groups,
        messenger: services.messenger,
        log,
        // The agenda's channel speaks its body's language, the secretariat's alerts the
        // secretariat's, a proposer's notice the proposer's own (issue 26.5).
        governance: services.governance,
        languages: services.languages,
      }),
      ...createPortfolioHooks({ portfolio: services.portfolio }),
    },
  };
}

/** The meeting links (.ics, print), the portfolio's routes and the Teams tab on the bot's server. */
function mountRoutes(
  server: BotServer,
  parts: {
    env: Environment;
    store: DocumentStore;
    clock: Clock;
    governance: Governance;
    repositories: App['repositories'];
    built: BuiltServices;
    development: boolean;
    log: Log;
  },
): void {
  const { services } = parts.built;
  server.addRoutes(
    registerMeetingRoutes({ cycle: services.meetingCycle, groups: parts.repositories.groups }),
  );
  server.addRoutes(registerPortfolioRoutes({ overview: services.portfolio.overview }));
  server.addRoutes(registerCalendarFeedRoutes({ feeds: services.calendarFeed }));
  server.addRoutes(
    registerPrintRoutes({
      cycle: services.meetingCycle,
      record: services.record,
      groups: parts.repositories.groups,
      clock: parts.clock,
    }),
  );
  const tab = createTab({
    env: parts.env,
    projectRoot: projectRoot(),
    botDevelopmentMode: parts.development,
    store: parts.store,
    clock: parts.clock,
    governance: parts.governance,
    ...parts.repositories,
    roles: services.roles,
    meetings: services.meetingCycle.meetings,
    proposals: services.meetingCycle.proposals,
    peopleSearch: services.peopleSearch,
    record: services.record,
    log: parts.log,
  });
  server.addRoutes(tab.routes);
}
