/**
 * Status reports and portfolio overviews.
 *
 * - `status-report:<meetingId>:<initiativeId>` in the reporting reference group's partition
 *   (collection `groups`, pk = reference group id): one report per (steering meeting, initiative),
 *   overwritten while editable. `meetingStartsAt` is kept so the previous meeting's status of an
 *   initiative is one single-partition query away.
 * - `portfolio-overview:<meetingId>` in the steering group's partition: the CSV link's unguessable
 *   token, the posted card's activity id (so a retried deadline hook updates instead of posting
 *   twice) and the decision proposals already created from recommendations.
 */
import { z } from 'zod';
import type { TrafficLight } from '../../domain/model';
import { AlreadyExistsError, type DocumentStore } from '../../platform/storage/port';
import {
  defineDocument,
  typedCollection,
  type TypedCollection,
  withoutEtag,
} from '../../platform/storage/repository';
import { isoInstant } from '../../platform/storage/schemas';

export interface StatusReport {
  meetingId: string;
  /** The steering group holding the meeting. */
  meetingGroupId: string;
  meetingStartsAt: string;
  /** The reporting reference group (owner of the initiative). */
  groupId: string;
  initiativeId: string;
  status: TrafficLight;
  reason?: string;
  progress: string;
  risks?: string;
  /** "indstilling" for the steering group: a proposed decision. */
  recommendation?: string;
  submittedBy: string;
  submittedByName?: string;
  submittedAt: string;
  /** Submitted (or last edited) after the deadline. */
  late: boolean;
  revision: number;
}

export interface PortfolioOverviewRecord {
  meetingId: string;
  meetingGroupId: string;
  /** Authorises the CSV link (no sign-in on that GET). */
  accessToken: string;
  createdAt: string;
  postedAt?: string;
  activityId?: string;
  /** Initiative ids whose recommendation became a decision proposal for the meeting. */
  proposalsFor: string[];
}

const text = (max: number) => z.string().trim().min(1).max(max);

export const statusReportSchema: z.ZodType<StatusReport> = z
  .object({
    meetingId: z.string().min(1),
    meetingGroupId: z.string().min(1),
    meetingStartsAt: isoInstant,
    groupId: z.string().min(1),
    initiativeId: z.string().min(1),
    status: z.enum(['green', 'yellow', 'red']),
    reason: text(2000).optional(),
    progress: text(4000),
    risks: text(4000).optional(),
    recommendation: text(4000).optional(),
    submittedBy: z.string().min(1),
    submittedByName: z.string().optional(),
    submittedAt: isoInstant,
    late: z.boolean(),
    revision: z.number().int().positive(),
  })
  .refine((r) => r.status === 'green' || r.reason !== undefined, {
    path: ['reason'],
    message: 'required when not green',
  });

const overviewSchema: z.ZodType<PortfolioOverviewRecord> = z.object({
  meetingId: z.string().min(1),
  meetingGroupId: z.string().min(1),
  accessToken: z.string().min(16),
  createdAt: isoInstant,
  postedAt: isoInstant.optional(),
  activityId: z.string().optional(),
  proposalsFor: z.array(z.string()),
});

export const statusReportDocument = defineDocument('status-report', statusReportSchema, {
  collection: 'groups',
  pk: (report) => report.groupId,
  id: (report) => `status-report:${report.meetingId}:${report.initiativeId}`,
});

export const portfolioOverviewDocument = defineDocument('portfolio-overview', overviewSchema, {
  collection: 'groups',
  pk: (record) => record.meetingGroupId,
  id: (record) => `portfolio-overview:${record.meetingId}`,
});

export class StatusReportRepository {
  private readonly reports: TypedCollection<StatusReport>;
  private readonly overviews: TypedCollection<PortfolioOverviewRecord>;

  constructor(store: DocumentStore) {
    this.reports = typedCollection(store, statusReportDocument);
    this.overviews = typedCollection(store, portfolioOverviewDocument);
  }

  async get(groupId: string, meetingId: string, initiativeId: string): Promise<StatusReport | undefined> {
    const found = await this.reports.get(groupId, `status-report:${meetingId}:${initiativeId}`);
    return found ? withoutEtag(found) : undefined;
  }

  /**
   * Writes the report, bumping the revision of an existing one. Etag-guarded, so two people editing
   * the same report at once both land (last write wins) and the revision counts both.
   */
  async save(report: Omit<StatusReport, 'revision'>): Promise<StatusReport> {
    const id = `status-report:${report.meetingId}:${report.initiativeId}`;
    try {
      return withoutEtag(await this.reports.create({ ...report, revision: 1 }));
    } catch (error) {
      if (!(error instanceof AlreadyExistsError)) throw error;
    }
    return withoutEtag(
      await this.reports.update(report.groupId, id, (current) => ({
        ...report,
        revision: current.revision + 1,
      })),
    );
  }

  /** The group's reports for one meeting. */
  async forMeeting(groupId: string, meetingId: string): Promise<StatusReport[]> {
    return (await this.reports.queryAll(groupId, { where: { meetingId } })).map(withoutEtag);
  }

  /** Every report of the group (all meetings): the previous-meeting comparison reads this once. */
  async allOfGroup(groupId: string): Promise<StatusReport[]> {
    return (
      await this.reports.queryAll(groupId, { orderBy: { field: 'meetingStartsAt', direction: 'DESC' } })
    ).map(withoutEtag);
  }

  /** Every report of the initiative, newest meeting first. */
  async ofInitiative(groupId: string, initiativeId: string): Promise<StatusReport[]> {
    return (
      await this.reports.queryAll(groupId, {
        where: { initiativeId },
        orderBy: { field: 'meetingStartsAt', direction: 'DESC' },
      })
    ).map(withoutEtag);
  }

  async overview(meetingGroupId: string, meetingId: string): Promise<PortfolioOverviewRecord | undefined> {
    const found = await this.overviews.get(meetingGroupId, `portfolio-overview:${meetingId}`);
    return found ? withoutEtag(found) : undefined;
  }

  /** Creates the overview record once; a second call returns the first (its token stays). */
  async ensureOverview(record: PortfolioOverviewRecord): Promise<PortfolioOverviewRecord> {
    try {
      return withoutEtag(await this.overviews.create(record));
    } catch (error) {
      if (!(error instanceof AlreadyExistsError)) throw error;
      const existing = await this.overview(record.meetingGroupId, record.meetingId);
      if (!existing) throw error;
      return existing;
    }
  }

  async updateOverview(
    meetingGroupId: string,
    meetingId: string,
    change: (current: PortfolioOverviewRecord) => PortfolioOverviewRecord | undefined,
  ): Promise<PortfolioOverviewRecord> {
    return withoutEtag(
      await this.overviews.update(meetingGroupId, `portfolio-overview:${meetingId}`, change),
    );
  }
}
