/**
 * Builds every service once, in dependency order, into one complete `AppServices`; the parts the
 * scheduler and the shutdown need besides (the proposal service, the jobs ledger) are returned too.
 */
import { reminderLeadMs } from '../features/meetings/meeting-due-index';
import { bodyLanguage, decidingBody } from '../domain/governance';
import { jobsLedgerOf } from './governance-start';
import { newInstanceId } from '../platform/scheduler/instance';
import type { SchedulerLedger } from '../platform/scheduler/ledger';
import { AgendaService } from '../features/agenda/agenda-service';
import { meetingCycle } from '../features/agenda/meeting-cycle';
import type { AgendaFollowUps } from '../features/agenda/follow-up-section';
import { proposalMessages } from '../features/agenda/proposal-messages';
import { ProposalRepository } from '../features/agenda/proposals-repository';
import { ProposalService } from '../features/agenda/proposals-service';
import { ChannelDirectory } from '../features/binding/channel-directory';
import { createBudgetService } from '../features/budget/budget-services';
import { HearingRepository } from '../features/hearings/hearings-repository';
import { HearingService } from '../features/hearings/hearings-service';
import type { HearingOutcomeSink } from '../features/hearings/hearing-scope';
import { MeetingRepository } from '../features/meetings/meetings-repository';
import { MeetingService } from '../features/meetings/meetings-service';
import { MembersService } from '../features/members/members-service';
import { PeopleFinder } from '../features/members';
import { overviewRenderer } from '../features/portfolio/portfolio-feature';
import { proposalServiceSink } from '../features/portfolio/portfolio-overview';
import { createPortfolioServices } from '../features/portfolio/portfolio-services';
import { RecordRepository } from '../features/record/record-repository';
import { RecordService } from '../features/record/record-service';
import { printLinks } from '../features/printing';
import { CalendarFeedRepository, CalendarFeedService } from '../features/calendar-feed';
import { LanguagePreferences } from '../features/language';
import { endorsedItemWrite, requestedInputItemWrite, type MeetingCycle } from '../features/agenda';
import { RequestRepository, RequestService } from '../features/requests';
import { EndorsementRepository, EndorsementService } from '../features/endorsements';
import { RecruitmentRepository, RecruitmentService } from '../features/recruitment';
import type { MunicipalityService } from '../features/municipalities';
import type { AppServices } from './app-services';
import type { ServiceParts } from './service-parts';
import { compactionOf, personDataHolders } from './person-data';
import type { WorkingGroupService } from '../features/working-groups/working-groups-service';
import { buildBinding, buildRegisters, buildWorkingGroupProcess } from './working-group-services';
import { buildMeetingChanges } from './meeting-changes';

export type { ServiceParts } from './service-parts';

export interface BuiltServices {
  services: AppServices;
  meetingRepository: MeetingRepository;
  proposalService: ProposalService;
  /** One exactly-once ledger for the scheduler and the off-path triage post (they claim the same keys). */
  jobsLedger: SchedulerLedger;
}

export function buildServices(parts: ServiceParts): BuiltServices {
  const { store, governance, clock, repositories } = parts;
  const jobsLedger = jobsLedgerOf(parts);
  const record = (): RecordService => services.record;
  const cycle = buildMeetingCycle(parts, jobsLedger, followUpsOf(record));
  const channels = new ChannelDirectory(repositories.groups);
  // The users' own languages: what the bot sends a person personally is in theirs (issue 26.5).
  const languages = new LanguagePreferences(store);
  const { municipalities, workingGroups } = buildRegisters(parts, () => services.memberService);
  const portfolio = buildPortfolio(parts, cycle);
  const memberService = new MembersService({
    ...repositories,
    municipalities,
    governance,
    clock,
    personData: personDataHolders(store, clock),
    compactStore: compactionOf(store),
  });
  const services: AppServices = {
    clock,
    governance,
    groups: repositories.groups,
    members: repositories.people,
    audit: repositories.audit,
    messenger: parts.messenger,
    roles: parts.roles,
    meetings: cycle.meetings,
    meetingScheduling: cycle,
    meetingCycle: cycle,
    meetingChanges: meetingChangesOf(parts, cycle, jobsLedger, () => services.hearings),
    binding: buildBinding(parts, cycle, channels, workingGroups),
    channels,
    municipalities,
    memberService,
    peopleSearch: buildPeopleSearch(parts, memberService),
    ...buildWorkingGroupProcess(parts, cycle, workingGroups, () => services.memberService),
    hearings: buildHearings(parts, workingGroups, (outcome) => record().recordHearingOutcome(outcome)),
    portfolio,
    budget: createBudgetService({
      ...parts,
      audit: repositories.audit,
      portfolio: portfolio.portfolio,
      municipalities,
    }),
    record: buildRecord(parts, cycle, (groupId) => services.memberService.activeMembers(groupId)),
    calendarFeed: buildCalendarFeed(parts, cycle.repository),
    ...buildBodyVoices(parts, { cycle, members: memberService, municipalities, languages }),
    languages,
  };
  return { services, meetingRepository: cycle.repository, proposalService: cycle.proposals, jobsLedger };
}

/** Cancelling and moving with confirmation: the port to what the other features hold about a meeting. */
function meetingChangesOf(
  parts: ServiceParts,
  cycle: MeetingCycle & { repository: MeetingRepository },
  ledger: SchedulerLedger,
  hearings: () => HearingService,
) {
  return buildMeetingChanges({
    ...parts,
    groups: parts.repositories.groups,
    ledger,
    meetings: cycle.meetings,
    meetingRepository: cycle.repository,
    proposals: cycle.proposals,
    hearings,
  });
}

/**
 * Requests for input: an answer reaches the steering group's next agenda through the agenda's
 * item step (written in one batch with the answer), its members come from the member register.
 */
function buildRequests(parts: ServiceParts, using: BodyVoicePorts): RequestService {
  const { cycle, members, languages } = using;
  return new RequestService({
    repository: new RequestRepository(parts.store),
    agenda: {
      nextMeeting: (groupId) => cycle.meetings.nextMeetingRecord(groupId),
      itemWrite: requestedInputItemWrite,
    },
    groups: parts.repositories.groups,
    members: { activeMembers: (groupId) => members.activeMembers(groupId) },
    people: parts.repositories.people,
    roles: parts.roles,
    messenger: parts.messenger,
    audit: parts.repositories.audit,
    clock: parts.clock,
    governance: parts.governance,
    languages,
  });
}

/**
 * Endorsements: an endorsed proposal reaches the steering group's next agenda through the agenda's
 * item step (written in one batch with the closed endorsement).
 */
function buildEndorsements(parts: ServiceParts, { cycle, languages }: BodyVoicePorts): EndorsementService {
  return new EndorsementService({
    repository: new EndorsementRepository(parts.store),
    agenda: {
      nextMeeting: (groupId) => cycle.meetings.nextMeetingRecord(groupId),
      itemWrite: endorsedItemWrite,
    },
    groups: parts.repositories.groups,
    roles: parts.roles,
    messenger: parts.messenger,
    audit: parts.repositories.audit,
    clock: parts.clock,
    governance: parts.governance,
    languages,
  });
}

/** What the bodies ask and are asked (issue 22): input, endorsements, the recruitment of members. */
function buildBodyVoices(parts: ServiceParts, using: BodyVoicePorts) {
  const { store, repositories } = parts;
  return {
    requests: buildRequests(parts, using),
    endorsements: buildEndorsements(parts, using),
    recruitment: new RecruitmentService({
      ...parts,
      ...using,
      repository: new RecruitmentRepository(store),
      people: repositories.people,
      groups: repositories.groups,
      audit: repositories.audit,
    }),
  };
}
interface BodyVoicePorts {
  cycle: MeetingCycle;
  members: MembersService;
  municipalities: MunicipalityService;
  languages: LanguagePreferences;
}

/** The person pickers' search: the register (reused a minute), and the directory when configured. */
function buildPeopleSearch(parts: ServiceParts, members: MembersService): PeopleFinder {
  return new PeopleFinder({
    members,
    people: parts.repositories.people,
    clock: parts.clock,
    ...(parts.peopleDirectory ? { directory: parts.peopleDirectory } : {}),
  });
}

/** The bodies' calendar feeds: their meetings and deadlines behind a secret per body. */
function buildCalendarFeed(parts: ServiceParts, meetings: MeetingRepository): CalendarFeedService {
  return new CalendarFeedService({
    repository: new CalendarFeedRepository(parts.store),
    groups: parts.repositories.groups,
    meetings,
    audit: parts.repositories.audit,
    clock: parts.clock,
    governance: parts.governance,
    publicBaseUrl: parts.publicBaseUrl,
  });
}

/**
 * The detailed agenda lists the record's open actions under "Opfølgning" through a port (the agenda
 * never imports the record; the record reads the agenda's composed items).
 */
function followUpsOf(record: () => RecordService): AgendaFollowUps {
  return { openActions: (groupId) => record().openActionsForAgenda(groupId) };
}

/** The meeting cycle: schedule, proposals and their triage, agenda, calendar and print links. */
function buildMeetingCycle(parts: ServiceParts, jobsLedger: SchedulerLedger, followUps: AgendaFollowUps) {
  const { store, governance, clock, repositories, log } = parts;
  // Every write puts a new or moved meeting into the due-scan's index at its earliest reminder.
  const meetingRepository = new MeetingRepository(store, { reminderLeadMs: reminderLeadMs(governance) });
  const proposalRepository = new ProposalRepository(store);
  const proposals = new ProposalService(
    proposalRepository,
    meetingRepository,
    repositories.groups,
    parts.messenger,
    repositories.audit,
    clock,
    governance,
    proposalMessages({
      governance,
      timeZone: governance.timeZone,
      groups: repositories.groups,
    }),
    parts.roles,
    {
      ledger: jobsLedger,
      // A scheduler-shaped id: a restarted process can tell its dead predecessor's claims are free.
      holderId: newInstanceId(),
      onError: (error, what) =>
        log.warn({ err: String(error) }, `proposals: ${what} failed (the due-scan retries)`),
    },
  );
  const cycle = meetingCycle({
    meetings: new MeetingService(meetingRepository, repositories.audit, clock, governance),
    proposals,
    agenda: new AgendaService(
      meetingRepository,
      proposalRepository,
      repositories.people,
      governance,
      followUps,
    ),
    timeZone: governance.timeZone,
    publicBaseUrl: parts.publicBaseUrl,
    linkSigning: parts.linkSigning,
    clock,
  });
  return Object.assign(cycle, { repository: meetingRepository });
}

function buildHearings(
  parts: ServiceParts,
  workingGroups: WorkingGroupService,
  /** A closed hearing's outcome onto the steering group's next meeting record (an orientation item). */
  hearingClosed: HearingOutcomeSink['hearingClosed'],
): HearingService {
  const { repositories, log } = parts;
  return new HearingService({
    hearings: new HearingRepository(parts.store),
    outcomes: { hearingClosed },
    workingGroups,
    groups: repositories.groups,
    people: repositories.people,
    audit: repositories.audit,
    messenger: parts.messenger,
    clock: parts.clock,
    governance: parts.governance,
    // The shared hearing card lives in the steering channel: its body's language, whoever votes.
    locale: bodyLanguage(parts.governance, decidingBody(parts.governance).id),
    // A card shortened to fit Teams links to the tab for the full text.
    publicBaseUrl: parts.publicBaseUrl,
    onError: (error, what) => log.warn({ err: String(error) }, `hearings: ${what} failed`),
  });
}

/**
 * The meeting record: its agenda items are the meeting's composed agenda (the agenda feature's
 * public cycle), its people the member register; names are looked up when a card is drawn.
 */
function buildRecord(
  parts: ServiceParts,
  cycle: MeetingCycle & { repository: MeetingRepository },
  activeMembers: RecordService['activeMembers'],
): RecordService {
  return new RecordService({
    repository: new RecordRepository(parts.store),
    meetings: cycle.repository,
    agenda: {
      itemsOf: async (meeting) =>
        (await cycle.agenda.draft(meeting)).agenda.items.map(({ id, number, title, kind }) => ({
          id,
          number,
          title,
          kind,
        })),
    },
    members: { activeMembers },
    people: parts.repositories.people,
    messenger: parts.messenger,
    audit: parts.repositories.audit,
    clock: parts.clock,
    governance: parts.governance,
    // The minutes card's print buttons: the printing feature's links on the public base URL.
    printLinks: (meeting, locale) => printLinks(cycle, meeting, locale),
  });
}

/** Recommendations on the overview become decision proposals through the meeting cycle's proposal service. */
function buildPortfolio(
  parts: ServiceParts,
  cycle: { proposals: ProposalService; repository: MeetingRepository },
) {
  return createPortfolioServices({
    store: parts.store,
    governance: parts.governance,
    clock: parts.clock,
    groups: parts.repositories.groups,
    roles: parts.roles,
    audit: parts.repositories.audit,
    messenger: parts.messenger,
    meetings: cycle.repository,
    render: overviewRenderer(parts.governance.timeZone, true),
    baseUrl: parts.publicBaseUrl,
    linkSigning: parts.linkSigning,
    proposals: proposalServiceSink(cycle.proposals),
  });
}
