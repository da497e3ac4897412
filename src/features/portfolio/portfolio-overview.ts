/**
 * The portfolio overview of a steering-group meeting: every reporting initiative grouped by
 * reference group, its report (or that it is missing / late), what changed since the previous
 * meeting, and the recommendations ("indstillinger") that need a decision.
 *
 * - `build` returns the overview as data (the tab shows it; `toCsv` exports it).
 * - `compileAtDeadline` is the scheduler's status-report-deadline hook: it posts the overview card
 *   in the steering group's channel and turns each recommendation into a decision proposal for the
 *   meeting. It may run again after a failure, so it is idempotent: the overview record remembers
 *   the posted card (a rerun updates it) and the proposals have deterministic ids (created once).
 */
import { safeCsvCell } from '../../platform/csv/csv-table';
import { randomBytes } from 'node:crypto';
import { stringify } from 'csv-stringify/sync';
import type { Clock } from '../../domain/clock';
import { bodyLanguage, type Governance } from '../../domain/governance';
import type { Group, Locale, Meeting, TrafficLight } from '../../domain/model';
import { translate } from '../../platform/i18n';
import { UNSIGNED_LINKS, linkHolds, type LinkSigning } from '../../platform/links/link-tokens';
import { csvSubject, overviewLinks, type OverviewLinks } from './overview-links';
import type { Initiative } from './initiatives-repository';
import type {
  PortfolioOverviewRecord,
  StatusReport,
  StatusReportRepository,
} from './status-reports-repository';
import type { ChannelMessenger, OutboundMessage } from '../../domain/ports';
import type { PortfolioService } from './portfolio-service';
import { isExpectedToReport, type StatusReportService } from './status-reports-service';
import { localText } from '../../domain/localized-text';

export { overviewLinks, type OverviewLinks } from './overview-links';

export type ReportState = 'on-time' | 'late' | 'missing';

export interface OverviewRow {
  initiative: Initiative;
  report?: StatusReport;
  state: ReportState;
  /** The status reported for the previous steering meeting, when there was a report. */
  previousStatus?: TrafficLight;
  /** previousStatus differs from this meeting's reported status. */
  statusChanged: boolean;
}

export interface OverviewGroup {
  group: Group;
  rows: OverviewRow[];
}

export interface OverviewRecommendation {
  groupId: string;
  initiativeId: string;
  initiativeTitle: string;
  recommendation: string;
  /** The agenda proposal's id (deterministic; see proposalIdFor). */
  proposalId: string;
}

export interface PortfolioOverview {
  meeting: Meeting;
  deadline: string;
  generatedAt: string;
  groups: OverviewGroup[];
  recommendations: OverviewRecommendation[];
  counts: { total: number; onTime: number; late: number; missing: number; changed: number };
}

/** Adds a decision proposal for the steering meeting, once per id (the agenda's proposals). */
export interface DecisionProposalSink {
  addDecisionProposal(proposal: {
    id: string;
    groupId: string;
    meetingId: string;
    title: string;
    description: string;
    proposedDecision: string;
    proposerId: string;
    proposerName?: string;
    submittedAt: string;
  }): Promise<{ created: boolean }>;
}

export type OverviewRenderer = (
  overview: PortfolioOverview,
  links: OverviewLinks,
  locale: Locale,
) => OutboundMessage;

export const PORTFOLIO_ACTOR = 'fki-bot:portfolio';

/** The agenda proposal made from an initiative's recommendation for a meeting. */
export function proposalIdFor(meetingId: string, initiativeId: string): string {
  return `portfolio-${meetingId}-${initiativeId}`;
}

export interface PortfolioOverviewOptions {
  portfolio: PortfolioService;
  statusReports: StatusReportService;
  reports: StatusReportRepository;
  messenger: ChannelMessenger;
  clock: Clock;
  render: OverviewRenderer;
  /** Public base URL of the bot's server (links on the card). */
  baseUrl: string;
  /** Absent: recommendations are listed on the overview only (and the card says so). */
  proposals?: DecisionProposalSink;
  /** Overrides the channel's language (default: the body's in the governance file, else Danish). */
  locale?: Locale;
  /** The bodies' languages: the overview is posted in the steering group's. */
  governance?: Pick<Governance, 'bodies' | 'language'>;
  /** How the CSV link is signed (default: the overview's stored token, 30 days after the meeting). */
  linkSigning?: LinkSigning;
}

export class PortfolioOverviewService {
  constructor(private readonly options: PortfolioOverviewOptions) {}

  private channelLanguage(groupId: string): Locale {
    const { locale, governance } = this.options;
    return locale ?? (governance ? bodyLanguage(governance, groupId) : 'da');
  }

  get proposalsWired(): boolean {
    return this.options.proposals !== undefined;
  }

  /** The overview of a steering meeting, from the live data (undefined for an unknown meeting). */
  async build(meetingId: string): Promise<PortfolioOverview | undefined> {
    const meeting = await this.options.statusReports.getMeeting(meetingId);
    return meeting ? this.buildFor(meeting) : undefined;
  }

  async buildFor(meeting: Meeting): Promise<PortfolioOverview> {
    const { portfolio, statusReports, reports, clock } = this.options;
    const deadline = statusReports.deadlineOf(meeting);
    const deadlineDate = deadline.slice(0, 10);
    const meetingStart = Date.parse(meeting.startsAt);
    const groups: OverviewGroup[] = [];
    const recommendations: OverviewRecommendation[] = [];
    const counts = { total: 0, onTime: 0, late: 0, missing: 0, changed: 0 };

    for (const group of await portfolio.referenceGroups()) {
      const [initiatives, groupReports] = await Promise.all([
        portfolio.list(group.id),
        reports.allOfGroup(group.id),
      ]);
      const rows: OverviewRow[] = [];
      for (const initiative of initiatives.filter((i) => isExpectedToReport(i, deadlineDate))) {
        const own = groupReports.filter((r) => r.initiativeId === initiative.id);
        const report = own.find((r) => r.meetingId === meeting.id);
        // Reports are newest meeting first: the first one before this meeting is the previous one.
        const previous = own.find(
          (r) => r.meetingId !== meeting.id && Date.parse(r.meetingStartsAt) < meetingStart,
        );
        const state: ReportState = !report ? 'missing' : report.late ? 'late' : 'on-time';
        const statusChanged =
          report !== undefined && previous !== undefined && previous.status !== report.status;
        rows.push({ initiative, report, state, previousStatus: previous?.status, statusChanged });
        counts.total += 1;
        counts[state === 'on-time' ? 'onTime' : state] += 1;
        if (statusChanged) counts.changed += 1;
        if (report?.recommendation) {
          recommendations.push({
            groupId: group.id,
            initiativeId: initiative.id,
            initiativeTitle: initiative.title,
            recommendation: report.recommendation,
            proposalId: proposalIdFor(meeting.id, initiative.id),
          });
        }
      }
      groups.push({ group, rows });
    }
    return { meeting, deadline, generatedAt: clock.now().toISOString(), groups, recommendations, counts };
  }

  /** The meeting's overview record (with the CSV token), created on first use. */
  async record(meeting: Meeting): Promise<PortfolioOverviewRecord> {
    return this.options.reports.ensureOverview({
      meetingId: meeting.id,
      meetingGroupId: meeting.groupId,
      accessToken: randomBytes(18).toString('base64url'),
      createdAt: this.options.clock.now().toISOString(),
      proposalsFor: [],
    });
  }

  async links(meeting: Meeting): Promise<OverviewLinks> {
    const { accessToken } = await this.record(meeting);
    return overviewLinks(this.options.baseUrl, meeting, accessToken, this.options.linkSigning);
  }

  /** The overview as a message (card) for the given locale. */
  async message(
    meeting: Meeting,
    locale: Locale = this.options.locale ?? this.options.governance?.language ?? 'da',
  ): Promise<{ overview: PortfolioOverview; message: OutboundMessage }> {
    const overview = await this.buildFor(meeting);
    return { overview, message: this.options.render(overview, await this.links(meeting), locale) };
  }

  /**
   * The CSV export when the link's token holds for the meeting's overview record (signed, not
   * expired); undefined otherwise (unknown meeting, no record yet, wrong or expired token): the route
   * answers 404.
   */
  async csvFor(
    meetingId: string,
    token: unknown,
    locale: Locale = this.options.locale ?? this.options.governance?.language ?? 'da',
  ): Promise<string | undefined> {
    if (typeof token !== 'string') return undefined;
    const meeting = await this.options.statusReports.getMeeting(meetingId);
    if (!meeting) return undefined;
    const record = await this.options.reports.overview(meeting.groupId, meeting.id);
    if (!record) return undefined;
    const signing = this.options.linkSigning ?? UNSIGNED_LINKS;
    const subject = csvSubject(meeting, record.accessToken);
    if (!linkHolds(signing, subject, token, this.options.clock.now())) return undefined;
    return toCsv(await this.buildFor(meeting), locale);
  }

  /**
   * The scheduler's hook at the steering meeting's status-report deadline: decision proposals for
   * the recommendations (once each), then the overview card, posted once (a rerun updates it).
   */
  async compileAtDeadline(
    meeting: Meeting,
  ): Promise<{ overview: PortfolioOverview; activityId: string; proposalsCreated: string[] }> {
    const { reports, messenger, proposals, clock } = this.options;
    const record = await this.record(meeting);
    const overview = await this.buildFor(meeting);
    // The steering group's channel and agenda: its body's language (issue 26.5).
    const locale = this.channelLanguage(meeting.groupId);
    const proposalsCreated: string[] = [];
    if (proposals) {
      for (const recommendation of overview.recommendations) {
        const { created } = await proposals.addDecisionProposal({
          id: recommendation.proposalId,
          groupId: meeting.groupId,
          meetingId: meeting.id,
          title: recommendation.initiativeTitle,
          description: translate(locale, 'portfolio.proposalDescription', {
            initiative: recommendation.initiativeTitle,
            group:
              localText(
                overview.groups.find((g) => g.group.id === recommendation.groupId)?.group.name,
                locale,
              ) || recommendation.groupId,
          }),
          proposedDecision: recommendation.recommendation,
          proposerId: PORTFOLIO_ACTOR,
          submittedAt: overview.deadline,
        });
        if (created) proposalsCreated.push(recommendation.proposalId);
      }
    }
    const message = this.options.render(
      overview,
      overviewLinks(this.options.baseUrl, meeting, record.accessToken, this.options.linkSigning),
      locale,
    );
    let activityId = record.activityId;
    if (activityId) {
      await messenger.updateInGroup(meeting.groupId, activityId, message);
    } else {
      activityId = (await messenger.postToGroup(meeting.groupId, message)).activityId;
    }
    const postedId = activityId;
    const made = overview.recommendations.map((r) => r.initiativeId);
    await reports.updateOverview(meeting.groupId, meeting.id, (current) => ({
      ...current,
      activityId: postedId,
      postedAt: current.postedAt ?? clock.now().toISOString(),
      proposalsFor: proposals
        ? [...new Set([...current.proposalsFor, ...made])].sort()
        : current.proposalsFor,
    }));
    return { overview, activityId: postedId, proposalsCreated };
  }
}

const CSV_HEADERS = [
  'group',
  'initiative',
  'responsible',
  'phase',
  'financing',
  'budgetedKr',
  'spentKr',
  'status',
  'previousStatus',
  'statusChanged',
  'reason',
  'progress',
  'risks',
  'recommendation',
  'report',
  'submittedAt',
  'submittedBy',
] as const;

/** The overview as CSV (one row per initiative; header names in the locale; amounts as integers). */
export function toCsv(overview: PortfolioOverview, locale: Locale): string {
  const t = (key: Parameters<typeof translate>[1]) => translate(locale, key);
  const header = CSV_HEADERS.map((column) => translate(locale, `portfolio.csv_${column}`));
  const rows = overview.groups.flatMap(({ group, rows: groupRows }) =>
    groupRows.map((row) => [
      localText(group.name, locale),
      row.initiative.title,
      row.initiative.responsible,
      row.initiative.phase,
      t(row.initiative.financing === 'buffet' ? 'portfolio.financing_buffet' : 'portfolio.financing_other'),
      String(row.initiative.budgetedKr),
      String(row.initiative.spentKr),
      row.report ? t(`portfolio.light_${row.report.status}`) : '',
      row.previousStatus ? t(`portfolio.light_${row.previousStatus}`) : '',
      row.statusChanged ? t('portfolio.yes') : t('portfolio.no'),
      row.report?.reason ?? '',
      row.report?.progress ?? '',
      row.report?.risks ?? '',
      row.report?.recommendation ?? '',
      t(`portfolio.state_${row.state}`),
      row.report?.submittedAt ?? '',
      row.report?.submittedByName ?? row.report?.submittedBy ?? '',
    ]),
  );
  // A BOM so Excel (the secretariat's tool) opens Danish letters correctly.
  return '\ufeff' + stringify([header, ...rows.map((row) => row.map(safeCsvCell))]);
}

/** What the adapter needs of the agenda's ProposalService (src/features/agenda/proposals-service.ts). */
export interface ProposalSubmitter {
  submit(input: {
    groupId: string;
    meetingId: string;
    cardInstanceId: string;
    fields: {
      title?: unknown;
      description?: unknown;
      kind?: unknown;
      requestedMinutes?: unknown;
      proposedDecision?: unknown;
    };
    actor: { id: string; name?: string; isSecretariat: boolean };
  }): Promise<{ kind: string; created?: boolean; errors?: unknown }>;
}

/**
 * Recommendations become decision proposals through the proposals service, so they are triaged
 * like any other item. Submitted as the secretariat (the overview is compiled at the deadline, when
 * members can no longer propose); the deterministic id makes a rerun a no-op.
 */
export function proposalServiceSink(service: ProposalSubmitter, minutes = 15): DecisionProposalSink {
  return {
    async addDecisionProposal(proposal) {
      const result = await service.submit({
        groupId: proposal.groupId,
        meetingId: proposal.meetingId,
        cardInstanceId: proposal.id,
        fields: {
          title: proposal.title.length >= 3 ? proposal.title.slice(0, 200) : `${proposal.title} (FKI)`,
          description: proposal.description.slice(0, 4000),
          kind: 'decision',
          requestedMinutes: minutes,
          proposedDecision: proposal.proposedDecision.slice(0, 4000),
        },
        actor: { id: proposal.proposerId, name: proposal.proposerName, isSecretariat: true },
      });
      if (result.kind !== 'accepted')
        throw new Error(
          `portfolio: decision proposal ${proposal.id} not accepted (${result.kind}): ${JSON.stringify(result.errors ?? '')}`,
        );
      return { created: result.created === true };
    },
  };
}
