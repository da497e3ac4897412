/**
 * Builds the tab (authenticator, read model, routes) from what the composition root already has.
 * src/app/compose.ts calls `createTab(...)` and mounts `tab.routes` on the bot server.
 */
import type { Clock } from '../domain/clock';
import type { Governance } from '../domain/governance';
import { AgendaService } from '../features/agenda/agenda-service';
import { MeetingService } from '../features/meetings/meetings-service';
import type { AuditLog } from '../domain/ports';
import type { DocumentStore } from '../platform/storage/port';
import type { GroupRepository } from '../features/binding/groups-repository';
import { HearingRepository } from '../features/hearings/hearings-repository';
import { InitiativeRepository } from '../features/portfolio/initiatives-repository';
import { MeetingRepository } from '../features/meetings/meetings-repository';
import type { PeopleRepository } from '../features/members/people-repository';
import { ProposalRepository } from '../features/agenda/proposals-repository';
import { StatusReportRepository } from '../features/portfolio/status-reports-repository';
import { DecisionLog, RecordRepository, agendaFollowUpsFromRecord } from '../features/record';
import { agendaMaterial } from '../features/printing';
import type { DevPersonView } from './api-types';
import { TabAuthenticator, remoteEntraKeys } from './auth';
import { readTabSettings, type TabSettings } from './config';
import { tabRoutes, type TabRouteDeps } from './routes';
import { TabViews } from './views';

export interface TabCompositionInput {
  env: NodeJS.ProcessEnv;
  projectRoot: string;
  /** The bot runs without credentials (development mode). */
  botDevelopmentMode: boolean;
  store: DocumentStore;
  clock: Clock;
  governance: Governance;
  groups: GroupRepository;
  people: PeopleRepository;
  audit: AuditLog;
  roles: TabRouteDeps['roles'];
  /** The app's meeting service when the composition root has one (else the tab builds its own). */
  meetings?: unknown;
  /** The app's proposal service (it posts the outcome card, so it comes from the composition root). */
  proposals?: TabRouteDeps['proposals'];
  /** The meeting record's service (the tab's record form writes through it). */
  record?: TabRouteDeps['record'];
  /** The members feature's people search, for the tab's person picker. */
  peopleSearch?: TabRouteDeps['peopleSearch'];
  log?: TabRouteDeps['log'];
}

export interface Tab {
  settings: TabSettings;
  auth: TabAuthenticator;
  views: TabViews;
  routes: ReturnType<typeof tabRoutes>;
}

/** Teams SSO when a tenant and an audience are configured, the dev sign-in when enabled. */
function authenticatorFor(settings: TabSettings): TabAuthenticator {
  return new TabAuthenticator({
    devSignIn: settings.devSignIn,
    ...(settings.tenantId && settings.audiences.length > 0
      ? {
          entra: {
            tenantId: settings.tenantId,
            audiences: settings.audiences,
            clientIds: settings.clientIds,
            keys: remoteEntraKeys(settings.tenantId, settings.jwksUri),
          },
        }
      : {}),
  });
}

/** The decision log over the record's minutes, each item's first material entry from its agenda. */
function decisionLogOf(input: TabCompositionInput, meetings: MeetingRepository, agenda: AgendaService) {
  return new DecisionLog({
    repository: new RecordRepository(input.store),
    meetings,
    materials: async (meeting) =>
      new Map(
        [...agendaMaterial(await agenda.draft(meeting)).entries()].map(([id, entries]) => [
          id,
          entries[0]!.url,
        ]),
      ),
    timeZone: input.governance.timeZone,
  });
}

/**
 * The tab's agenda, with the same "Opfølgning" as the bot's (src/app/services.ts gives the agenda
 * the record's open actions through the same port), read from the record's store.
 */
function agendaOf(input: TabCompositionInput, meetings: MeetingRepository, proposals: ProposalRepository) {
  return new AgendaService(
    meetings,
    proposals,
    input.people,
    input.governance,
    agendaFollowUpsFromRecord(new RecordRepository(input.store), input.people),
  );
}

export function createTab(input: TabCompositionInput): Tab {
  const settings = readTabSettings(input.env, input.botDevelopmentMode, input.projectRoot);
  const auth = authenticatorFor(settings);
  const meetingRepository = new MeetingRepository(input.store);
  const proposalRepository = new ProposalRepository(input.store);
  const agenda = agendaOf(input, meetingRepository, proposalRepository);
  const decisions = decisionLogOf(input, meetingRepository, agenda);
  const views = new TabViews({
    clock: input.clock,
    governance: input.governance,
    groups: input.groups,
    people: input.people,
    meetings: meetingRepository,
    proposals: proposalRepository,
    hearings: new HearingRepository(input.store),
    initiatives: new InitiativeRepository(input.store),
    statusReports: new StatusReportRepository(input.store),
    agenda,
  });
  const meetings =
    input.meetings instanceof MeetingService
      ? input.meetings
      : new MeetingService(meetingRepository, input.audit, input.clock, input.governance);

  /** Everyone with a membership in some group (one single-partition query per group): dev sign-in only. */
  const devPeople = async (): Promise<DevPersonView[]> => {
    const ids = new Set<string>();
    for (const group of await input.groups.listGroups()) {
      for (const membership of await input.people.membersOf(group.id)) ids.add(membership.personId);
    }
    const persons = await input.people.getPersons(ids);
    return [...persons.values()]
      .filter((person) => !person.anonymisedAt)
      .map((person) => ({ id: person.id, name: person.name }))
      .sort((a, b) => a.name.localeCompare(b.name, 'da'));
  };

  const routes = tabRoutes({
    auth,
    views,
    publicDir: settings.publicDir,
    groups: input.groups,
    people: input.people,
    roles: input.roles,
    meetings,
    ...(input.proposals ? { proposals: input.proposals } : {}),
    ...(input.peopleSearch ? { peopleSearch: input.peopleSearch } : {}),
    ...(input.record ? { record: input.record } : {}),
    devPeople,
    decisions,
    ...(input.log ? { log: input.log } : {}),
  });
  return { settings, auth, views, routes };
}
