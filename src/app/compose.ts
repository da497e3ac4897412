/**
 * The composition root: reads the configuration, builds the store, repositories, services, the
 * bot and the HTTP server. `composeApp(env, overrides)` is also how tests and the E2E harness start
 * the whole app (on port 0 and a temporary DATA_DIR).
 */
import { CloudAdapter, type TurnContext } from 'botbuilder';
import { loadGovernance, defaultGovernancePath } from '../platform/governance/governance-loader';
import { systemClock, type Clock } from '../domain/clock';
import type { Governance } from '../domain/governance';
import { translate, localeOf } from '../platform/i18n';
import { createLogger, type Logger } from '../platform/ops/logger';
import type { DocumentStore } from '../platform/storage/port';
import { AuditRepository } from '../platform/audit/audit-repository';
import { GroupRepository } from '../features/binding/groups-repository';
import { PeopleRepository } from '../features/members/people-repository';
import { MeetingRepository } from '../features/meetings/meetings-repository';
import { ProposalRepository } from '../features/agenda/proposals-repository';
import { MeetingService } from '../features/meetings/meetings-service';
import { ProposalService } from '../features/agenda/proposals-service';
import { AgendaService } from '../features/agenda/agenda-service';
import { meetingCycle, publicBaseUrlFrom } from '../features/meetings/meetings-cycle';
import { createMeetingHooks, registerMeetingRoutes } from '../features/agenda/agenda-feature';
import {
  createPortfolioHooks,
  overviewRenderer,
  registerPortfolioRoutes,
} from '../features/portfolio/portfolio-feature';
import { createPortfolioServices } from '../features/portfolio/portfolio-services';
import { proposalServiceSink } from '../features/portfolio/portfolio-overview';
import { proposalMessages } from '../features/meetings/meetings-feature';
import type { MeetingHooks, MeetingSource } from '../features/meetings/meeting-moments';
import { MunicipalityRepository } from '../features/municipalities/municipalities-repository';
import { MembersService } from '../features/members/members-service';
import { MunicipalityService } from '../features/municipalities/municipalities-service';
import { HearingRepository } from '../features/hearings/hearings-repository';
import { WorkingGroupRepository } from '../features/working-groups/working-groups-repository';
import { HearingService } from '../features/hearings/hearings-service';
import { WorkingGroupService } from '../features/working-groups/working-groups-service';
import { createStore } from '../platform/storage/create-store';
import {
  createBotFrameworkAuthentication,
  reuseTurnClients,
  type BotAuthMode,
} from '../platform/teams/auth-config';
import type { BotFeature } from '../platform/teams/feature';
import { allFeatures } from './features';
import { FeatureRegistry } from '../platform/teams/registry';
import { createBotServer, type BotServer } from '../platform/teams/server';
import { FkiTeamsBot } from '../platform/teams/teams-bot';
import { ProactiveSender } from '../platform/teams/proactive';
import type { AppServices } from './app-services';
import { BindingService } from '../features/binding/binding-service';
import { ChannelDirectory } from '../features/binding/channel-directory';
import { syncPermanentGroups } from '../features/binding/group-sync';
import type { ChannelMessenger } from '../domain/ports';
import { RoleResolver, parseIdList } from '../domain/roles';
import { fromProjectRoot, projectRoot } from './paths';
import { createTab } from '../tab/compose';
import { createScheduler } from './scheduler';
import type { Scheduler } from '../platform/scheduler/scheduler';
import { hearingJobsOf } from '../features/hearings/hearings-service';
import { randomUUID } from 'node:crypto';
import { createStoreLedger } from '../platform/scheduler/ledger-repository';
import { triageCatchUpMomentSource } from '../features/agenda/triage-moments';
import { triageLedgerKey } from '../features/agenda/proposals-service';

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
  /** For the scheduler (createScheduler): `meetings: meetingJobs.source, meetingHooks: meetingJobs.hooks`. */
  meetingJobs: { source: MeetingSource; hooks: MeetingHooks };
  /** The reminder scheduler; `main` starts it (SCHEDULER_ENABLED), tests call `runScan(now)`. */
  scheduler: Scheduler;
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
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`PORT must be a port number, got "${env.PORT}"`);
  return {
    port,
    dataDir: fromProjectRoot(env.DATA_DIR?.trim() || 'data'),
    governancePath: env.GOVERNANCE_FILE?.trim()
      ? fromProjectRoot(env.GOVERNANCE_FILE.trim())
      : defaultGovernancePath(),
    tenantId: env.TEAMS_TENANT_ID?.trim() || undefined,
    secretariatIds: parseIdList(env.SECRETARIAT_AAD_IDS),
    auth,
  };
}

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
  // DATA_DIR resolved from the project root, so `npm start` and dist/ agree on ./data.
  const store = overrides.store ?? (await createStore({ ...env, DATA_DIR: config.dataDir }));

  const repositories = {
    groups: new GroupRepository(store),
    people: new PeopleRepository(store),
    audit: new AuditRepository(store),
  };
  await syncPermanentGroups(governance, repositories.groups, clock);

  // Incoming turns reuse their connector clients (see reuseTurnClients); proactive sends do not.
  const adapter = new CloudAdapter(reuseTurnClients(overrides.botFrameworkAuthentication ?? auth));
  const roles = new RoleResolver(repositories.people, clock, config.secretariatIds);
  const meetingRepository = new MeetingRepository(store);
  const meetingService = new MeetingService(meetingRepository, repositories.audit, clock, governance);
  const channels = new ChannelDirectory(repositories.groups);
  const services: AppServices = {
    clock,
    governance,
    groups: repositories.groups,
    members: repositories.people,
    audit: repositories.audit,
    messenger:
      overrides.messenger ??
      new ProactiveSender({
        adapter,
        botAppId: mode.mode === 'authenticated' ? mode.appId : '',
        references: repositories.groups,
        failures: repositories.audit,
        log: logger.child({ component: 'proactive' }),
        // Teams' rate limits count wall-clock time: the business clock (a ManualClock in tests, or the
        // operator's "scan at" time) must not make the limiter wait for a time that never comes.
        clock: systemClock,
      }),
    roles,
    meetings: meetingService,
    binding: new BindingService(
      repositories.groups,
      repositories.audit,
      clock,
      meetingService,
      channels,
      governance,
    ),
    channels,
  };
  // Written hearings and working groups (issue 6). The scheduler takes `hearingJobsOf(services.hearings)`.
  services.workingGroups = new WorkingGroupService(
    repositories.groups,
    new WorkingGroupRepository(store),
    repositories.audit,
    clock,
  );
  services.hearings = new HearingService({
    hearings: new HearingRepository(store),
    workingGroups: services.workingGroups,
    groups: repositories.groups,
    people: repositories.people,
    audit: repositories.audit,
    messenger: services.messenger,
    clock,
    governance,
    onError: (error, what) => log.warn({ err: String(error) }, `hearings: ${what} failed`),
  });

  // Members, terms and the municipality register (issue 9). The scheduler's MembershipSource is
  // `services.memberService` itself (listEndingMemberships).
  services.municipalities = new MunicipalityService(
    new MunicipalityRepository(store),
    repositories.audit,
    clock,
  );
  services.memberService = new MembersService({
    people: repositories.people,
    groups: repositories.groups,
    audit: repositories.audit,
    municipalities: services.municipalities,
    governance,
    clock,
  });

  // The meeting cycle (issue 5): schedule, proposals + triage, agenda, calendar/print links.
  const proposalRepository = new ProposalRepository(store);
  // One exactly-once ledger for the scheduler and the off-path triage post (they claim the same keys).
  const jobsLedger = createStoreLedger(store.collection('schedule'));
  const proposalService = new ProposalService(
    proposalRepository,
    meetingRepository,
    repositories.groups,
    services.messenger,
    repositories.audit,
    clock,
    governance,
    proposalMessages({ locale: 'da', timeZone: governance.timeZone, groups: repositories.groups }),
    roles,
    {
      ledger: jobsLedger,
      holderId: `proposals-${randomUUID()}`,
      onError: (error, what) =>
        log.warn({ err: String(error) }, `proposals: ${what} failed (the due-scan retries)`),
    },
  );
  services.meetingCycle = meetingCycle({
    meetings: meetingService,
    proposals: proposalService,
    agenda: new AgendaService(meetingRepository, proposalRepository, repositories.people, governance),
    timeZone: governance.timeZone,
    publicBaseUrl: publicBaseUrlFrom(env, config.port),
  });
  // Initiative portfolio, status reports, portfolio overview and buffet-price budget (issue 8).
  // Recommendations become decision proposals through the meeting cycle's proposal service.
  services.portfolio = createPortfolioServices({
    store,
    governance,
    clock,
    groups: repositories.groups,
    roles,
    audit: repositories.audit,
    messenger: services.messenger,
    meetings: meetingRepository,
    municipalities: services.municipalities,
    render: overviewRenderer(governance.timeZone, true),
    baseUrl: publicBaseUrlFrom(env, config.port),
    proposals: proposalServiceSink(services.meetingCycle.proposals),
  });
  const meetingJobs = {
    source: { listUpcoming: (from: Date, to: Date) => meetingRepository.listScheduledBetween(from, to) },
    hooks: {
      ...createMeetingHooks({
        cycle: services.meetingCycle,
        groups: repositories.groups,
        messenger: services.messenger,
        log,
      }),
      // The portfolio's request cards at the status-report heads-up and the overview at the deadline (issue 8).
      ...createPortfolioHooks({ portfolio: services.portfolio }),
    },
  };

  // The due-scan (issue 7): every reminder from the stored state, exactly once (ledger + lease).
  const scheduler = createScheduler({
    store,
    governance,
    messenger: services.messenger,
    groups: repositories.groups,
    meetings: meetingJobs.source,
    meetingHooks: meetingJobs.hooks,
    memberships: services.memberService,
    hearings: services.hearings ? hearingJobsOf(services.hearings) : undefined,
    ledger: jobsLedger,
    // Triage cards the off-path post did not deliver (failed, or the process died before it).
    extraSources: [
      triageCatchUpMomentSource({
        triage: {
          listAwaitingTriageCard: async () =>
            (await proposalService.listAwaitingTriageCard()).map((proposal) => ({
              groupId: proposal.groupId,
              proposalId: proposal.id,
              ledgerKey: triageLedgerKey(proposal.groupId, proposal.id),
              submittedAt: proposal.submittedAt,
              title: proposal.title,
            })),
          postTriageCard: (groupId, proposalId) => proposalService.postOwedTriageCard(groupId, proposalId),
        },
      }),
    ],
    logger: logger.child({ component: 'scheduler' }),
    timings: env.SCHEDULER_CRON?.trim() ? { cron: env.SCHEDULER_CRON.trim() } : undefined,
  });

  const registry = new FeatureRegistry(overrides.features ?? allFeatures());
  const bot = new FkiTeamsBot({ services, registry, allowedTenantId: config.tenantId, log });

  adapter.onTurnError = async (context: TurnContext, error: Error) => {
    log.error({ err: error, activityType: context.activity.type }, 'unhandled error in turn');
    // An invoke gets its error status from the adapter; a message gets a visible apology.
    if (context.activity.type === 'message') {
      await context
        .sendActivity(translate(localeOf(context.activity.locale), 'core.unknownError'))
        .catch(() => {});
    }
  };

  const server = createBotServer({
    adapter,
    handleTurn: (context) => bot.run(context),
    storeHealth: () => store.health(),
    log,
  });
  server.addRoutes(registerMeetingRoutes({ cycle: services.meetingCycle, groups: repositories.groups }));
  server.addRoutes(registerPortfolioRoutes({ overview: services.portfolio.overview }));
  // The Teams tab (issue 10): /tab/* (the built client) and /api/tab/* (SSO- or dev-token-authorised).
  const tab = createTab({
    env,
    projectRoot: projectRoot(),
    botDevelopmentMode: mode.mode === 'development',
    store,
    clock,
    governance,
    groups: repositories.groups,
    people: repositories.people,
    audit: repositories.audit,
    roles,
    meetings: services.meetingCycle.meetings,
    proposals: services.meetingCycle.proposals,
    log,
  });
  server.addRoutes(tab.routes);

  return {
    config,
    store,
    services,
    repositories,
    meetingJobs,
    scheduler,
    adapter,
    bot,
    registry,
    server,
    logger,
    start: (port = config.port, host) => server.listen(port, host),
    stop: async () => {
      await scheduler.stop();
      await server.close();
      // Shared vote-card updates still queued after the last vote (they run off the request path).
      await services.hearings?.idle();
      // Triage cards being posted off the request path (the due-scan would deliver them otherwise).
      await proposalService.idle();
      await store.close();
    },
  };
}
