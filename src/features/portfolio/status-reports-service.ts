/**
 * Status reports from the reference groups to a steering-group meeting: one per (meeting,
 * initiative), editable any time; one sent (or edited) after the meeting's status-report deadline
 * is accepted and marked late. Validation returns a catalogue key per field, so the card shows the
 * reason and keeps the input.
 */
import type { Clock } from '../../domain/clock';
import { decidingBody, type Governance } from '../../domain/governance';
import type { Meeting, TrafficLight } from '../../domain/model';
import { meetingDeadlines } from '../../domain/timeline';
import type { Initiative } from './initiatives-repository';
import type { StatusReport, StatusReportRepository } from './status-reports-repository';
import type { AuditLog } from '../../domain/ports';
import {
  TRAFFIC_LIGHTS,
  type FieldErrors,
  type PortfolioActor,
  type PortfolioService,
} from './portfolio-service';

export type { StatusReport } from './status-reports-repository';

/** The meetings a report can be for (MeetingRepository fits). */
export interface MeetingLookup {
  get(groupId: string, meetingId: string): Promise<Meeting | undefined>;
  /** The group's meetings (any status), in start order. */
  all(groupId: string): Promise<Meeting[]>;
}

export interface StatusReportInput {
  status?: unknown;
  reason?: unknown;
  progress?: unknown;
  risks?: unknown;
  recommendation?: unknown;
}

export type SubmitReportResult =
  | { kind: 'saved'; report: StatusReport; initiative: Initiative }
  | { kind: 'invalid'; errors: FieldErrors }
  | { kind: 'forbidden' }
  | { kind: 'unknown-initiative' }
  | { kind: 'unknown-meeting' };

export interface ReportRequestItem {
  initiative: Initiative;
  report?: StatusReport;
}

/** What a reference group is asked for one steering meeting. */
export interface ReportRequest {
  meeting: Meeting;
  groupId: string;
  deadline: string;
  items: ReportRequestItem[];
}

function textOf(value: unknown): string {
  return typeof value === 'string' ? value.trim() : '';
}

/** Initiatives that must report to a meeting: started by the deadline and not closed before it. */
export function isExpectedToReport(initiative: Initiative, deadlineDate: string): boolean {
  return (
    initiative.startDate <= deadlineDate &&
    (initiative.closedOn === undefined || initiative.closedOn > deadlineDate)
  );
}

/** Pure: the report's fields, or the reason per field (added to `errors`). */
export function parseReportFields(input: StatusReportInput, errors: FieldErrors = {}) {
  const status = textOf(input.status) as TrafficLight;
  if (!TRAFFIC_LIGHTS.includes(status)) errors.status = 'portfolio.errorStatus';
  const reason = textOf(input.reason);
  if (status !== 'green' && reason === '') errors.reason = 'portfolio.errorReasonRequired';
  const progress = textOf(input.progress);
  if (progress === '') errors.progress = 'portfolio.errorRequired';
  const risks = textOf(input.risks);
  const recommendation = textOf(input.recommendation);
  for (const [field, value, max] of [
    ['reason', reason, 2000],
    ['progress', progress, 4000],
    ['risks', risks, 4000],
    ['recommendation', recommendation, 4000],
  ] as const) {
    if (value.length > max) errors[field] = 'portfolio.errorTooLong';
  }
  if (Object.keys(errors).length > 0) return undefined;
  return {
    status,
    progress,
    ...(status !== 'green' ? { reason } : {}),
    ...(risks !== '' ? { risks } : {}),
    ...(recommendation !== '' ? { recommendation } : {}),
  };
}

export class StatusReportService {
  constructor(
    private readonly reports: StatusReportRepository,
    private readonly portfolio: PortfolioService,
    private readonly meetings: MeetingLookup,
    private readonly governance: Governance,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  get steeringGroupId(): string {
    return decidingBody(this.governance).id;
  }

  /** The status-report deadline of a steering meeting (ISO instant). */
  deadlineOf(meeting: Pick<Meeting, 'startsAt'>): string {
    // At the steering group's own offsets.
    return meetingDeadlines({ startsAt: meeting.startsAt, groupId: this.steeringGroupId }, this.governance)
      .statusReportDeadline;
  }

  /** The next scheduled steering meeting after now (what reports are for by default). */
  async nextSteeringMeeting(): Promise<Meeting | undefined> {
    const now = this.clock.now().getTime();
    return (await this.meetings.all(this.steeringGroupId)).find(
      (m) => m.status === 'scheduled' && Date.parse(m.startsAt) > now,
    );
  }

  getMeeting(meetingId: string): Promise<Meeting | undefined> {
    return this.meetings.get(this.steeringGroupId, meetingId);
  }

  /** The reference group's initiatives that report to the meeting, each with its report so far. */
  async request(meeting: Meeting, groupId: string): Promise<ReportRequest> {
    const deadline = this.deadlineOf(meeting);
    const deadlineDate = deadline.slice(0, 10);
    const [initiatives, reports] = await Promise.all([
      this.portfolio.list(groupId),
      this.reports.forMeeting(groupId, meeting.id),
    ]);
    const byInitiative = new Map(reports.map((report) => [report.initiativeId, report]));
    return {
      meeting,
      groupId,
      deadline,
      items: initiatives
        .filter((initiative) => isExpectedToReport(initiative, deadlineDate))
        .map((initiative) => ({ initiative, report: byInitiative.get(initiative.id) })),
    };
  }

  /** The initiative's report for the steering meeting before `meeting`, if any. */
  async previousReport(
    groupId: string,
    initiativeId: string,
    meeting: Meeting,
  ): Promise<StatusReport | undefined> {
    const start = Date.parse(meeting.startsAt);
    return (await this.reports.ofInitiative(groupId, initiativeId)).find(
      (r) => r.meetingId !== meeting.id && Date.parse(r.meetingStartsAt) < start,
    );
  }

  async existing(
    groupId: string,
    meetingId: string,
    initiativeId: string,
  ): Promise<StatusReport | undefined> {
    return this.reports.get(groupId, meetingId, initiativeId);
  }

  async submit(
    actor: PortfolioActor,
    target: { meetingId: string; groupId: string; initiativeId: string },
    input: StatusReportInput,
  ): Promise<SubmitReportResult> {
    const meeting = await this.getMeeting(target.meetingId);
    if (!meeting) return { kind: 'unknown-meeting' };
    const initiative = await this.portfolio.get(target.groupId, target.initiativeId);
    if (!initiative) return { kind: 'unknown-initiative' };
    if (!(await this.portfolio.mayEdit(actor.id, initiative.groupId))) return { kind: 'forbidden' };
    const errors: FieldErrors = {};
    const fields = parseReportFields(input, errors);
    if (!fields) return { kind: 'invalid', errors };

    const now = this.clock.now();
    const late = now.getTime() > Date.parse(this.deadlineOf(meeting));
    const report = await this.reports.save({
      meetingId: meeting.id,
      meetingGroupId: meeting.groupId,
      meetingStartsAt: new Date(meeting.startsAt).toISOString(),
      groupId: initiative.groupId,
      initiativeId: initiative.id,
      ...fields,
      submittedBy: actor.id,
      ...(actor.name ? { submittedByName: actor.name } : {}),
      submittedAt: now.toISOString(),
      late,
    });
    await this.portfolio.recordReportedStatus(
      initiative.groupId,
      initiative.id,
      report.status,
      report.reason,
      actor.id,
    );
    await this.audit.append({
      at: now.toISOString(),
      actorId: actor.id,
      action: 'status-report.submitted',
      subject: `initiative:${initiative.groupId}/${initiative.id}`,
      details: { meetingId: meeting.id, status: report.status, late, revision: report.revision },
    });
    return { kind: 'saved', report, initiative: { ...initiative, status: report.status } };
  }
}
