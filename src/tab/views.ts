/**
 * The tab's read model: everything one group page shows, assembled from the repositories and the
 * domain rules (timeline, agenda, hearing tally). Read-only; the secretariat's actions go through
 * the services (see routes.ts).
 */
import type { Clock } from '../domain/clock';
import { bodyAgenda, QUARTERS, decidingBody, type Governance } from '../domain/governance';
import { tallyVotes } from '../features/hearings/domain/hearing';
import type { Group, Locale } from '../domain/model';
import { localDateTime, localToday, quarterOf } from '../domain/time';
import { meetingTimeline } from '../domain/timeline';
import type { AgendaService } from '../features/agenda/agenda-service';
import { displayName } from '../features/members/members-service';
import type { GroupRepository } from '../features/binding/groups-repository';
import type { HearingRepository } from '../features/hearings/hearings-repository';
import type { InitiativeRepository } from '../features/portfolio/initiatives-repository';
import type { MeetingRecord, MeetingRepository } from '../features/meetings/meetings-repository';
import { toMeeting } from '../features/meetings/meetings-repository';
import type { PeopleRepository } from '../features/members/people-repository';
import type { ProposalRecord, ProposalRepository } from '../features/agenda/proposals-repository';
import type { StatusReportRepository } from '../features/portfolio/status-reports-repository';
import type {
  AgendaView,
  GroupPageView,
  HearingView,
  InitiativeView,
  MeetingView,
  ProposalView,
  StatusReportView,
  WheelQuarterView,
} from './api-types';
import { memberViews, replacementsView } from './member-views';
import { untranslated } from '../domain/local-text';

export interface TabReadDeps {
  clock: Clock;
  governance: Governance;
  groups: GroupRepository;
  people: PeopleRepository;
  meetings: MeetingRepository;
  proposals: ProposalRepository;
  hearings: HearingRepository;
  initiatives: InitiativeRepository;
  statusReports: StatusReportRepository;
  agenda: AgendaService;
}

export interface Viewer {
  personId: string;
  name: string;
  isSecretariat: boolean;
}

export class TabViews {
  constructor(private readonly deps: TabReadDeps) {}

  private get zone(): string {
    return this.deps.governance.timeZone;
  }

  today(): string {
    return localToday(this.deps.clock, this.zone);
  }

  async groupPage(
    group: Group,
    viewer: Viewer,
    locale: Locale,
    actions: GroupPageView['actions'],
  ): Promise<GroupPageView> {
    const now = this.deps.clock.now();
    const upcoming = await this.deps.meetings.upcoming(group.id, now);
    const next = upcoming[0];
    // The wheel shows the year of the next meeting: after a year's last meeting the planning is
    // about the next year, not an empty one (issue 26.9); without a next meeting, this year.
    const year = localDateTime(next?.startsAt ?? now, this.zone).year;
    const today = this.today();
    const [nextMeeting, hearings, portfolio, annualWheel, members, replacements] = await Promise.all([
      next ? this.meeting(group, next, locale) : Promise.resolve(undefined),
      this.openHearings(group),
      this.portfolio(group),
      this.annualWheel(group, year),
      memberViews(this.deps, group, locale, today),
      // Who must be replaced is the secretariat's to act on (the tab decides roles in access.ts).
      viewer.isSecretariat ? replacementsView(this.deps, group, locale, today) : Promise.resolve(undefined),
    ]);
    return {
      group: {
        id: group.id,
        name: group.name,
        kind: group.kind,
        status: group.status,
        ...(group.plannedEnd ? { plannedEnd: group.plannedEnd } : {}),
      },
      viewer,
      timeZone: this.zone,
      today,
      year,
      ...(nextMeeting ? { nextMeeting } : {}),
      upcomingMeetings: upcoming.map((m) => ({
        id: m.id,
        startsAt: m.startsAt,
        ...(m.location ? { location: m.location } : {}),
      })),
      hearings,
      portfolio,
      annualWheel,
      members,
      ...(replacements ? { replacements } : {}),
      actions,
    };
  }

  /** One meeting of the group (the `#meeting=` and `#portfolio=` links), or undefined. */
  async meetingById(group: Group, meetingId: string, locale: Locale): Promise<MeetingView | undefined> {
    const record = await this.deps.meetings.get(group.id, meetingId);
    return record ? this.meeting(group, record, locale) : undefined;
  }

  async meeting(group: Group, record: MeetingRecord, locale: Locale): Promise<MeetingView> {
    const now = this.deps.clock.now().getTime();
    const timeline = meetingTimeline(toMeeting(record), this.deps.governance, group.kind).map((moment) => ({
      kind: moment.kind,
      instant: moment.instant,
      past: Date.parse(moment.instant) <= now,
    }));
    const proposals = await this.deps.proposals.forMeeting(group.id, record.id);
    const names = await this.namesOf(
      proposals.map((p) => p.proposerId),
      locale,
    );
    const agenda =
      record.status === 'cancelled' ? undefined : await this.agenda(record, proposals, names, locale);
    return {
      id: record.id,
      groupId: record.groupId,
      startsAt: record.startsAt,
      durationMinutes: record.durationMinutes,
      ...(record.location ? { location: record.location } : {}),
      status: record.status,
      timeline,
      ...(agenda ? { agenda } : {}),
      proposals: proposals.map((p) => proposalView(p, names)),
      statusReports: group.kind === 'board' ? await this.statusReports(record) : null,
    };
  }

  private async agenda(
    record: MeetingRecord,
    proposals: ProposalRecord[],
    names: Map<string, string>,
    locale: Locale,
  ): Promise<AgendaView> {
    const view = await this.deps.agenda.draft(record);
    const presenterName = view.presenter
      ? displayName(await this.deps.people.getPerson(view.presenter.personId), locale, view.presenter.name)
      : undefined;
    const byId = new Map(proposals.map((p) => [p.id, p]));
    return {
      items: view.agenda.items.map((item) => {
        const proposal = item.proposal ? byId.get(item.proposal.id) : undefined;
        return {
          id: item.id,
          number: item.number,
          title: item.title,
          kind: item.kind,
          source: item.source,
          minutes: item.minutes,
          startsAt: item.startsAt,
          ...(item.role === 'inspiration' && presenterName ? { presenterName } : {}),
          ...(proposal
            ? { proposerName: proposal.proposerName ?? names.get(proposal.proposerId) ?? '?' }
            : {}),
          ...(item.proposal?.proposedDecision ? { proposedDecision: item.proposal.proposedDecision } : {}),
          ...(item.proposal?.materialUrl ? { materialUrl: item.proposal.materialUrl } : {}),
          ...(item.proposal?.late ? { late: true } : {}),
        };
      }),
      totalMinutes: view.agenda.totalMinutes,
      meetingMinutes: view.agenda.meetingMinutes,
      overrunMinutes: view.agenda.overrunMinutes,
      followUp: (view.followUp ?? []).map(({ what, ownerName, dueDate, overdue }) => ({
        what,
        ownerName,
        dueDate,
        overdue,
      })),
    };
  }

  /** The status reports the reference groups gave for a steering meeting. */
  private async statusReports(record: MeetingRecord): Promise<StatusReportView[]> {
    const referenceGroups = this.deps.governance.bodies.filter((body) => body.kind === 'reference');
    const result: StatusReportView[] = [];
    for (const body of referenceGroups) {
      const reports = await this.deps.statusReports.forMeeting(body.id, record.id);
      if (reports.length === 0) continue;
      const initiatives = new Map((await this.deps.initiatives.ofGroup(body.id)).map((i) => [i.id, i]));
      for (const report of reports) {
        result.push({
          groupId: body.id,
          groupName: body.name,
          initiativeId: report.initiativeId,
          initiativeTitle: initiatives.get(report.initiativeId)?.title ?? report.initiativeId,
          status: report.status,
          ...(report.reason ? { reason: report.reason } : {}),
          progress: report.progress,
          ...(report.recommendation ? { recommendation: report.recommendation } : {}),
          late: report.late,
          ...(report.submittedByName ? { submittedByName: report.submittedByName } : {}),
        });
      }
    }
    return result;
  }

  /**
   * Open hearings that concern the group: all of them for the steering group (it votes), the
   * reference group's own proposals for a reference group; none for other groups.
   */
  private async openHearings(group: Group): Promise<HearingView[]> {
    if (group.kind !== 'board' && group.kind !== 'reference' && group.kind !== 'administration') return [];
    const steeringId = decidingBody(this.deps.governance).id;
    const open = (await this.deps.hearings.listOpen(steeringId)).filter(
      (hearing) => group.kind !== 'reference' || hearing.proposingGroupId === group.id,
    );
    const views: HearingView[] = [];
    for (const hearing of open) {
      const eligible = new Set(hearing.eligibleVoterIds);
      const tally = tallyVotes(
        (await this.deps.hearings.votesOf(steeringId, hearing.id)).filter((v) => eligible.has(v.voterId)),
      );
      const proposing = await this.deps.groups.getGroup(hearing.proposingGroupId);
      views.push({
        id: hearing.id,
        title: hearing.proposal.title,
        proposingGroupName: proposing?.name ?? untranslated(hearing.proposingGroupId),
        openedAt: hearing.openedAt,
        closesAt: hearing.closesAt,
        approve: tally.approve,
        reject: tally.reject,
        abstain: tally.abstain,
        cast: tally.cast,
        eligibleCount: hearing.eligibleVoterIds.length,
      });
    }
    return views.sort((a, b) => a.closesAt.localeCompare(b.closesAt));
  }

  /** A reference group's initiatives; every reference group's for the steering group and the secretariat. */
  private async portfolio(group: Group): Promise<InitiativeView[]> {
    const owners =
      group.kind === 'reference'
        ? [group.id]
        : group.kind === 'board' || group.kind === 'administration'
          ? this.deps.governance.bodies.filter((body) => body.kind === 'reference').map((body) => body.id)
          : [];
    const result: InitiativeView[] = [];
    for (const owner of owners) {
      for (const i of await this.deps.initiatives.ofGroup(owner)) {
        result.push({
          id: i.id,
          groupId: i.groupId,
          title: i.title,
          responsible: i.responsible,
          status: i.status,
          ...(i.statusReason ? { statusReason: i.statusReason } : {}),
          phase: i.phase,
          startDate: i.startDate,
          endDate: i.endDate,
          financing: i.financing,
          budgetedKr: i.budgetedKr,
          spentKr: i.spentKr,
          ...(i.closedOn ? { closedOn: i.closedOn } : {}),
        });
      }
    }
    return result;
  }

  /** The governance's annual wheel with the group's meetings of the year placed in their quarter. */
  private async annualWheel(group: Group, year: number): Promise<WheelQuarterView[]> {
    const meetings = (await this.deps.meetings.all(group.id)).filter(
      (m) => m.status !== 'cancelled' && localDateTime(m.startsAt, this.zone).year === year,
    );
    // The group's own wheel (a reference group's is empty in the default governance file).
    const wheel = bodyAgenda(this.deps.governance, group.id, group.kind).annualWheel;
    return QUARTERS.map((quarter) => ({
      quarter,
      items: wheel[quarter].map((item) => ({
        id: item.id,
        title: item.title,
        minutes: item.minutes,
        kind: item.kind,
      })),
      meetings: meetings
        .filter((m) => quarterOf(m.startsAt, this.zone) === quarter)
        .sort((a, b) => a.startsAt.localeCompare(b.startsAt))
        .map((m) => ({ id: m.id, startsAt: m.startsAt, status: m.status })),
    }));
  }

  private async namesOf(personIds: string[], locale: Locale): Promise<Map<string, string>> {
    const persons = await this.deps.people.getPersons(personIds);
    return new Map([...persons].map(([id, person]) => [id, displayName(person, locale)]));
  }
}

function proposalView(p: ProposalRecord, names: Map<string, string>): ProposalView {
  return {
    id: p.id,
    title: p.title,
    kind: p.kind,
    requestedMinutes: p.requestedMinutes,
    status: p.status,
    late: p.late,
    proposerName: p.proposerName ?? names.get(p.proposerId) ?? '?',
    submittedAt: p.submittedAt,
    ...(p.triage?.reason ? { triageReason: p.triage.reason } : {}),
  };
}
