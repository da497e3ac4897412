/**
 * The moments around a meeting (heads-up, deadlines, detailed agenda, the meeting itself) and which
 * of them are due in a scan window. The scheduler sends each due moment once, using `moment.key` as
 * its exactly-once ledger id, so the key must be stable: same meeting, same rules -> same key. When a
 * meeting is moved, its instants and therefore its keys change, which is what we want (the new
 * deadlines are announced again).
 */
import type { BodyKind, Group, Meeting } from './model';
import { bodyAgenda, bodyById, type BodyAgenda, type Governance } from './governance';
import { instantMillis, localDayShifter, toInstantISO } from './time';

export type MomentKind =
  'heads-up' | 'proposal-deadline' | 'status-report-deadline' | 'detailed-agenda' | 'meeting';
export type DeadlineKind = 'proposal-deadline' | 'status-report-deadline';

export interface Moment {
  /** `${kind}:${groupId}:${meetingId}:${instant}`: the scheduler's exactly-once ledger id. */
  key: string;
  kind: MomentKind;
  /** The group whose channel the moment is posted in (a reference group for status-report moments). */
  groupId: string;
  meetingId: string;
  /** The group that holds the meeting. */
  meetingGroupId: string;
  /** When the moment happens (UTC ISO with milliseconds). */
  instant: string;
  meetingStartsAt: string;
  /** For a heads-up: the deadline it warns about, and when that deadline is. */
  about?: DeadlineKind;
  deadline?: string;
}

export interface MeetingDeadlines {
  headsUp: string;
  proposalDeadline: string;
  statusReportDeadline: string;
  statusReportHeadsUp: string;
  detailedAgenda: string;
}

/** Order of moments at the same instant: deadlines are announced before the agenda built on them. */
const KIND_ORDER: Record<MomentKind, number> = {
  'heads-up': 0,
  'proposal-deadline': 1,
  'status-report-deadline': 2,
  'detailed-agenda': 3,
  meeting: 4,
};

export function momentKey(kind: MomentKind, groupId: string, meetingId: string, instant: string): string {
  return `${kind}:${groupId}:${meetingId}:${instant}`;
}

/**
 * The deadline instants of a meeting: calendar days before it in local time, same wall-clock time,
 * with the offsets of the meeting's group (its own, its kind's or the default: bodyAgenda; a group
 * the file does not list is a working group unless `groupKind` says otherwise; no `groupId`: the
 * default offsets). All of them come from one zoned date of the meeting (why: the scan computes
 * this for every meeting in its look-ahead, and each zone conversion costs an Intl time-zone lookup).
 */
export function meetingDeadlines(
  meeting: Pick<Meeting, 'startsAt'> & Partial<Pick<Meeting, 'groupId'>>,
  governance: Governance,
  groupKind?: BodyKind,
): MeetingDeadlines {
  // Memoised per group settings (one object per governance and group) and start, a pure function
  // of both: every proposal for a meeting asks for its deadline, and the zoned date arithmetic was
  // a tenth of a proposal's cost in a burst.
  const settings = bodyAgenda(governance, meeting.groupId, groupKind);
  let byStart = deadlineMemo.get(settings);
  if (!byStart) {
    byStart = new Map();
    deadlineMemo.set(settings, byStart);
  }
  let deadlines = byStart.get(meeting.startsAt);
  if (!deadlines) {
    // Bounded: a scan looks at a few thousand meetings; clearing now and then costs a recomputation.
    if (byStart.size >= DEADLINE_MEMO_SIZE) byStart.clear();
    deadlines = Object.freeze(computeMeetingDeadlines(meeting.startsAt, settings, governance.timeZone));
    byStart.set(meeting.startsAt, deadlines);
  }
  return deadlines;
}

const DEADLINE_MEMO_SIZE = 10_000;
const deadlineMemo = new WeakMap<BodyAgenda, Map<string, Readonly<MeetingDeadlines>>>();

function computeMeetingDeadlines(startsAt: string, settings: BodyAgenda, timeZone: string): MeetingDeadlines {
  const { agendaProposalsDays, statusReportsDays, detailedAgendaDays, headsUpDaysBeforeDeadline } =
    settings.deadlines;
  const shift = localDayShifter(startsAt, timeZone);
  const daysBefore = new Map<number, string>();
  const before = (days: number): string => {
    let instant = daysBefore.get(days);
    if (instant === undefined) {
      instant = shift(-days);
      daysBefore.set(days, instant);
    }
    return instant;
  };
  return {
    headsUp: before(agendaProposalsDays + headsUpDaysBeforeDeadline),
    proposalDeadline: before(agendaProposalsDays),
    statusReportHeadsUp: before(statusReportsDays + headsUpDaysBeforeDeadline),
    statusReportDeadline: before(statusReportsDays),
    detailedAgenda: before(detailedAgendaDays),
  };
}

function moment(
  kind: MomentKind,
  groupId: string,
  meeting: Meeting,
  meetingStartsAt: string,
  instant: string,
  extra: Pick<Moment, 'about' | 'deadline'> = {},
): Moment {
  return {
    key: momentKey(kind, groupId, meeting.id, instant),
    kind,
    groupId,
    meetingId: meeting.id,
    meetingGroupId: meeting.groupId,
    instant,
    meetingStartsAt,
    ...extra,
  };
}

/** Time order; each instant is read once, not once per comparison. */
function sortMoments(moments: Moment[]): Moment[] {
  const keyed = moments.map((m) => ({ m, at: instantMillis(m.instant) }));
  keyed.sort(
    (a, b) => a.at - b.at || KIND_ORDER[a.m.kind] - KIND_ORDER[b.m.kind] || a.m.key.localeCompare(b.m.key),
  );
  for (let i = 0; i < keyed.length; i++) moments[i] = keyed[i]!.m;
  return moments;
}

/**
 * Every moment of a meeting in its own group's channel, in time order. A steering-group meeting
 * also has its status-report deadline (when the portfolio overview is gathered). The group kind
 * comes from `groupKind` or, for a permanent group, from the governance config.
 * A cancelled meeting has no moments.
 */
export function meetingTimeline(meeting: Meeting, governance: Governance, groupKind?: BodyKind): Moment[] {
  if (meeting.status === 'cancelled') return [];
  const kind = groupKind ?? bodyById(governance, meeting.groupId)?.kind;
  return sortMoments(
    ownMoments(meeting, kind, meetingDeadlines(meeting, governance, kind), toInstantISO(meeting.startsAt)),
  );
}

function ownMoments(
  meeting: Meeting,
  kind: BodyKind | undefined,
  deadlines: MeetingDeadlines,
  startsAt: string,
): Moment[] {
  const moments = [
    moment('heads-up', meeting.groupId, meeting, startsAt, deadlines.headsUp, {
      about: 'proposal-deadline',
      deadline: deadlines.proposalDeadline,
    }),
    moment('proposal-deadline', meeting.groupId, meeting, startsAt, deadlines.proposalDeadline),
    moment('detailed-agenda', meeting.groupId, meeting, startsAt, deadlines.detailedAgenda),
    moment('meeting', meeting.groupId, meeting, startsAt, startsAt),
  ];
  if (kind === 'board') {
    moments.push(
      moment('status-report-deadline', meeting.groupId, meeting, startsAt, deadlines.statusReportDeadline),
    );
  }
  return moments;
}

/**
 * The status-report moments a steering-group meeting causes in each reference group's channel:
 * a heads-up and the deadline itself (at the steering group's offsets).
 */
export function statusReportMoments(
  meeting: Meeting,
  referenceGroupIds: string[],
  governance: Governance,
): Moment[] {
  if (meeting.status === 'cancelled') return [];
  return sortMoments(
    referenceMoments(
      meeting,
      referenceGroupIds,
      meetingDeadlines(meeting, governance, 'board'),
      toInstantISO(meeting.startsAt),
    ),
  );
}

function referenceMoments(
  meeting: Meeting,
  referenceGroupIds: string[],
  deadlines: MeetingDeadlines,
  startsAt: string,
): Moment[] {
  return referenceGroupIds.flatMap((groupId) => [
    moment('heads-up', groupId, meeting, startsAt, deadlines.statusReportHeadsUp, {
      about: 'status-report-deadline',
      deadline: deadlines.statusReportDeadline,
    }),
    moment('status-report-deadline', groupId, meeting, startsAt, deadlines.statusReportDeadline),
  ]);
}

/**
 * A moment still makes sense to post at `at` only before its meeting starts; the 'meeting' moment
 * itself while the meeting is running. After that a late reminder is noise, so the scheduler skips it.
 */
export function isMomentStillMeaningful(
  m: Moment,
  at: string | Date,
  meetingDurationMinutes: number,
): boolean {
  const now = instantMillis(at);
  const start = instantMillis(m.meetingStartsAt);
  // Elapsed minutes (as addMinutes): a DST change during the meeting does not lengthen it.
  if (m.kind === 'meeting') return now < start + meetingDurationMinutes * 60_000;
  return now < start;
}

export interface ScanWindow {
  /** Exclusive: the end of the previous scan. */
  from: string | Date;
  /** Inclusive: now. */
  to: string | Date;
}

export interface DueMomentsInput {
  meetings: Array<Meeting & { groupKind?: BodyKind }>;
  /** The bot's groups; only active ones get moments. Reference groups here receive status-report moments. */
  groups: Group[];
  window: ScanWindow;
  governance: Governance;
}

/**
 * The moments with `from < instant <= to` that are still meaningful at `to`, in time order. A
 * scheduler that was down passes the whole missed window and catches up; the ledger (by `key`)
 * makes a second scan or a second instance harmless.
 */
export function dueMoments({ meetings, groups, window, governance }: DueMomentsInput): Moment[] {
  const from = instantMillis(window.from);
  const to = instantMillis(window.to);
  if (from > to) throw new RangeError('scan window: from is after to');
  const groupById = new Map(groups.map((group) => [group.id, group]));
  const activeReferenceGroupIds = groups
    .filter((group) => group.kind === 'reference' && group.status === 'active')
    .map((group) => group.id)
    .sort();

  const due: Moment[] = [];
  for (const meeting of meetings) {
    if (meeting.status === 'cancelled') continue;
    const group = groupById.get(meeting.groupId);
    if (group?.status === 'dissolved') continue;
    const kind = meeting.groupKind ?? group?.kind ?? bodyById(governance, meeting.groupId)?.kind;
    // One parse and one set of deadlines per meeting, shared by its own and the reference groups' moments.
    const startsAt = toInstantISO(meeting.startsAt);
    const start = instantMillis(startsAt);
    const end = start + meeting.durationMinutes * 60_000;
    const deadlines = meetingDeadlines(meeting, governance, kind);
    const candidates = ownMoments(meeting, kind, deadlines, startsAt);
    if (kind === 'board')
      candidates.push(...referenceMoments(meeting, activeReferenceGroupIds, deadlines, startsAt));
    for (const candidate of candidates) {
      const instant = instantMillis(candidate.instant);
      if (instant <= from || instant > to) continue;
      // Still meaningful at `to` (isMomentStillMeaningful, with the meeting's instants already read).
      if (to >= (candidate.kind === 'meeting' ? end : start)) continue;
      due.push(candidate);
    }
  }
  return sortMoments(due);
}
