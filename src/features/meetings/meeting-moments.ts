/**
 * Meeting moments: heads-up, the 4-week proposal and status-report deadlines, the 2-week detailed
 * agenda, in the meeting group's channel, plus each reference group's status-report moments for a
 * steering-group meeting. The instants and keys come from the domain timeline; this source only
 * decides what each moment does.
 */
import { bodyLanguage, type Governance } from '../../domain/governance';
import type { BodyKind, Group, Locale, Meeting } from '../../domain/model';
import { meetingTimeline, statusReportMoments, type Moment } from '../../domain/timeline';
import type { OutboundMessage, ChannelMessenger } from '../../domain/ports';
import { dueIndexBasis, nextDueAfterScan, reminderLeadMs } from './meeting-due-index';
import type { DueMeeting } from './meeting-due-repository';
import {
  detailedAgendaDueCard,
  proposalDeadlineCard,
  proposalHeadsUpCard,
  statusReportDeadlineCard,
  statusReportHeadsUpCard,
  statusReportsGatheredCard,
  type MeetingReminderInput,
  type ReminderMessage,
} from '../../platform/cards/reminders';
import type {
  DueMoments,
  MomentContext,
  MomentSource,
  MomentWindow,
  ScheduledMoment,
} from '../../platform/scheduler/types';
import { localText } from '../../domain/localized-text';

const DAY = 24 * 60 * 60_000;
/** Index entries of meetings with nothing due that one scan moves on (see indexedDueMoments). */
const TIDY_PER_SCAN = 50;

/** Read side of the meeting schedule; the composition root wires the meetings repository. */
export interface MeetingSource {
  /** Meetings (any status) starting in [from, to]. */
  listUpcoming(from: Date, to: Date): Promise<Meeting[]>;
  /** The due-scan's index (meeting-due-repository.ts); without it the scan reads by start. */
  dueIndex?: MeetingDueIndex;
}

/** What the scan needs of the index (MeetingDueRepository fits). */
export interface MeetingDueIndex {
  listDue(to: Date): Promise<DueMeeting[]>;
  advance(due: DueMeeting, next: Date | undefined): Promise<boolean>;
  reindexFrom(from: Date): Promise<number>;
  basis(): Promise<string | undefined>;
  saveBasis(basis: string): Promise<void>;
}

/** The bot's groups (for names, kinds, dissolved groups and the active reference groups). */
export interface GroupSource {
  listGroups(): Promise<Group[]>;
}

/**
 * What other features do at a meeting's moments. All optional; each may run again after a failed
 * post (retry), so it must be idempotent.
 */
export interface MeetingHooks {
  /** The 4-week deadline: intake closed; e.g. the portfolio compiles the overview. */
  onProposalDeadline?(meeting: Meeting): Promise<void>;
  /**
   * A reference group's status-report heads-up for a steering meeting: returns the request card to
   * post in that group's channel (the portfolio asks for each initiative's report);
   * undefined falls back to the default reminder card.
   */
  onStatusReportHeadsUp?(
    meeting: Meeting,
    referenceGroupId: string,
    context: MomentContext,
    /** The reference group's channel language (its body's, issue 26.5). */
    language: Locale,
  ): Promise<OutboundMessage | undefined>;
  /** The steering group's status-report deadline: the hook posts the portfolio overview (replacing the generic card). */
  onStatusReportDeadline?(meeting: Meeting): Promise<void>;
  /**
   * The 2-week moment: returns the detailed agenda message to post (the agenda builds
   * it); undefined falls back to the default reminder card.
   */
  onDetailedAgendaDue?(
    meeting: Meeting,
    context: MomentContext,
    /** The meeting group's channel language (its body's, issue 26.5). */
    language: Locale,
  ): Promise<OutboundMessage | undefined>;
}

export interface MeetingMomentsOptions {
  governance: Governance;
  meetings: MeetingSource;
  groups: GroupSource;
  messenger: ChannelMessenger;
  hooks?: MeetingHooks;
  /** Overrides every channel's language; default: each body's own (the governance file's). */
  locale?: Locale;
}

function groupName(
  groups: Map<string, Group>,
  governance: Governance,
  groupId: string,
  locale: Locale,
): string {
  const name = groups.get(groupId)?.name ?? governance.bodies.find((body) => body.id === groupId)?.name;
  return localText(name, locale) || groupId;
}

export function toOutbound(message: ReminderMessage): OutboundMessage {
  return { card: message.card, summary: message.summary };
}

/** The source's settings, resolved once. */
interface MomentSettings {
  governance: Governance;
  messenger: ChannelMessenger;
  hooks: MeetingHooks;
  locale?: Locale;
}

/** One moment of one meeting, with what its action needs to say and where to post. */
interface MeetingMoment {
  settings: MomentSettings;
  moment: Moment;
  meeting: Meeting;
  dueAt: Date;
  groups: Map<string, Group>;
}

/** Which group's meeting this is, in the domain's terms (groups first, then the governance bodies). */
function bodyKindOf(
  governance: Governance,
  groups: Map<string, Group>,
  groupId: string,
): BodyKind | undefined {
  return groups.get(groupId)?.kind ?? governance.bodies.find((body) => body.id === groupId)?.kind;
}

/** The language of the channel a moment posts in: its body's (issue 26.5), unless overridden. */
function channelLanguage(at: MeetingMoment): Locale {
  return at.settings.locale ?? bodyLanguage(at.settings.governance, at.moment.groupId);
}

function reminderInput(at: MeetingMoment, context: MomentContext, deadline?: string): MeetingReminderInput {
  const { governance } = at.settings;
  const locale = channelLanguage(at);
  const from = deadline ? Date.parse(deadline) : Date.parse(at.moment.meetingStartsAt);
  return {
    locale,
    timeZone: governance.timeZone,
    lateDueAt: context.late ? context.dueAt : undefined,
    sentAt: context.now,
    meetingGroupName: groupName(at.groups, governance, at.meeting.groupId, locale),
    meetingStartsAt: at.moment.meetingStartsAt,
    deadline,
    days: Math.round((from - at.dueAt.getTime()) / DAY),
  };
}

async function postReminder(at: MeetingMoment, message: ReminderMessage): Promise<void> {
  await at.settings.messenger.postToGroup(at.moment.groupId, toOutbound(message));
}

function isOwnMeeting(at: MeetingMoment): boolean {
  return at.moment.groupId === at.meeting.groupId;
}

async function headsUp(at: MeetingMoment, context: MomentContext): Promise<void> {
  const { moment, meeting } = at;
  // In a reference group's channel the portfolio feature may post its request card instead.
  const custom = isOwnMeeting(at)
    ? undefined
    : await at.settings.hooks.onStatusReportHeadsUp?.(meeting, moment.groupId, context, channelLanguage(at));
  if (custom) {
    await at.settings.messenger.postToGroup(moment.groupId, custom);
    return;
  }
  const card =
    isOwnMeeting(at) && moment.about !== 'status-report-deadline'
      ? proposalHeadsUpCard
      : statusReportHeadsUpCard;
  await postReminder(at, card(reminderInput(at, context, moment.deadline)));
}

async function proposalDeadline(at: MeetingMoment, context: MomentContext): Promise<void> {
  await at.settings.hooks.onProposalDeadline?.(at.meeting);
  await postReminder(at, proposalDeadlineCard(reminderInput(at, context)));
}

async function statusReportDeadline(at: MeetingMoment, context: MomentContext): Promise<void> {
  const { hooks } = at.settings;
  if (!isOwnMeeting(at)) return postReminder(at, statusReportDeadlineCard(reminderInput(at, context)));
  // The portfolio feature posts the overview itself; the generic card only stands in for it.
  if (hooks.onStatusReportDeadline) await hooks.onStatusReportDeadline(at.meeting);
  else await postReminder(at, statusReportsGatheredCard(reminderInput(at, context)));
}

async function detailedAgenda(at: MeetingMoment, context: MomentContext): Promise<void> {
  const message =
    (await at.settings.hooks.onDetailedAgendaDue?.(at.meeting, context, channelLanguage(at))) ??
    toOutbound(detailedAgendaDueCard(reminderInput(at, context)));
  await at.settings.messenger.postToGroup(at.moment.groupId, message);
}

const PERFORM: Record<
  Exclude<Moment['kind'], 'meeting'>,
  (at: MeetingMoment, context: MomentContext) => Promise<void>
> = {
  'heads-up': headsUp,
  'proposal-deadline': proposalDeadline,
  'status-report-deadline': statusReportDeadline,
  'detailed-agenda': detailedAgenda,
};

function toScheduled(at: MeetingMoment): ScheduledMoment {
  const { moment, meeting } = at;
  const perform = PERFORM[moment.kind as keyof typeof PERFORM] ?? detailedAgenda;
  // A heads-up after its deadline is noise; everything else still helps until the meeting starts.
  const expiresAt =
    moment.kind === 'heads-up' && moment.deadline
      ? new Date(moment.deadline)
      : new Date(moment.meetingStartsAt);
  return {
    key: moment.key,
    kind: moment.kind,
    groupId: moment.groupId,
    dueAt: at.dueAt,
    expiresAt,
    describe: `${moment.kind}${moment.about ? ` (${moment.about})` : ''} for ${meeting.groupId} meeting ${meeting.id} at ${moment.meetingStartsAt}`,
    perform: (context) => perform(at, context),
  };
}

/**
 * A scheduled meeting's reminders (its own timeline without the meeting itself; a steering
 * meeting's include the active reference groups' status-report moments). The scan sends these,
 * and a cancel or move confirmation lists them (meeting-changes.ts).
 */
export function reminderMomentsOf(
  governance: Governance,
  meeting: Meeting,
  groups: Map<string, Group>,
  activeReferenceGroupIds: string[],
): Moment[] {
  const kind = bodyKindOf(governance, groups, meeting.groupId);
  const candidates = meetingTimeline(meeting, governance, kind);
  if (kind === 'board') candidates.push(...statusReportMoments(meeting, activeReferenceGroupIds, governance));
  // The meeting moment itself is calendar information, not a reminder.
  return candidates.filter((moment) => moment.kind !== 'meeting');
}

/** The active reference groups, sorted (whose channels get a steering meeting's status-report moments). */
export function activeReferenceGroupIdsOf(groupList: readonly Group[]): string[] {
  return groupList
    .filter((group) => group.kind === 'reference' && group.status === 'active')
    .map((group) => group.id)
    .sort();
}

/** A scheduled meeting's moments due in the window. */
function dueMomentsOf(
  settings: MomentSettings,
  meeting: Meeting,
  groups: Map<string, Group>,
  activeReferenceGroupIds: string[],
  window: MomentWindow,
): ScheduledMoment[] {
  const due: ScheduledMoment[] = [];
  for (const moment of reminderMomentsOf(settings.governance, meeting, groups, activeReferenceGroupIds)) {
    const dueAt = new Date(moment.instant);
    if (dueAt < window.from || dueAt > window.to) continue;
    due.push(toScheduled({ settings, moment, meeting, dueAt, groups }));
  }
  return due;
}

export function meetingMomentSource(options: MeetingMomentsOptions): MomentSource {
  const settings: MomentSettings = {
    governance: options.governance,
    messenger: options.messenger,
    hooks: options.hooks ?? {},
    locale: options.locale,
  };
  // The earliest moment of a meeting lies this far before it (the longest of any body's offsets):
  // look that far ahead for meetings.
  const leadMs = reminderLeadMs(options.governance);
  const index = options.meetings.dueIndex;

  return {
    name: 'meetings',
    async moments(window: MomentWindow): Promise<ScheduledMoment[]> {
      const [meetings, groupList] = await Promise.all([
        options.meetings.listUpcoming(window.from, new Date(window.to.getTime() + leadMs)),
        options.groups.listGroups(),
      ]);
      const groups = new Map(groupList.map((group) => [group.id, group]));
      const activeReferenceGroupIds = activeReferenceGroupIdsOf(groupList);
      return meetings
        .filter(
          // Cancelled meetings have no moments (the timeline returns none); a moved one has new keys.
          (meeting) => meeting.status === 'scheduled' && groups.get(meeting.groupId)?.status !== 'dissolved',
        )
        .flatMap((meeting) => dueMomentsOf(settings, meeting, groups, activeReferenceGroupIds, window));
    },
    ...(index
      ? { due: (window: MomentWindow) => indexedDueMoments(settings, options.groups, index, window) }
      : {}),
  };
}

/** One meeting the index pointed at: its reminder instants and the moments handed to the scan. */
interface LookedAt {
  due: DueMeeting;
  instants: number[];
  moments: ScheduledMoment[];
}

/**
 * The scan through the index: the meetings whose entry has come, their moments from the entry on
 * (earlier ones are settled), claimed without a ledger read first; then each entry moved to the
 * next moment not settled. A changed basis first puts every meeting still to come back.
 */
async function indexedDueMoments(
  settings: MomentSettings,
  groupSource: GroupSource,
  index: MeetingDueIndex,
  window: MomentWindow,
): Promise<DueMoments> {
  const groupList = await groupSource.listGroups();
  const groups = new Map(groupList.map((group) => [group.id, group]));
  const activeReferenceGroupIds = activeReferenceGroupIdsOf(groupList);
  const basis = dueIndexBasis(settings.governance, activeReferenceGroupIds);
  if ((await index.basis()) !== basis) {
    await index.reindexFrom(window.from);
    await index.saveBasis(basis);
  }
  const lookedAt: LookedAt[] = [];
  for (const due of await index.listDue(window.to)) {
    const { meeting } = due;
    const dissolved = groups.get(meeting.groupId)?.status === 'dissolved';
    const reminders = dissolved
      ? []
      : reminderMomentsOf(settings.governance, meeting, groups, activeReferenceGroupIds);
    const from = Math.max(window.from.getTime(), Date.parse(due.nextDueAt));
    const moments: ScheduledMoment[] = [];
    for (const moment of reminders) {
      const dueAt = new Date(moment.instant);
      if (dueAt.getTime() < from || dueAt > window.to) continue;
      moments.push({ ...toScheduled({ settings, moment, meeting, dueAt, groups }), unclaimed: true });
    }
    lookedAt.push({ due, instants: reminders.map((moment) => Date.parse(moment.instant)), moments });
  }
  return {
    moments: lookedAt.flatMap((entry) => entry.moments),
    async settle(settledKeys) {
      // An entry whose meeting had nothing due is correct where it is (it is only early): tidying
      // those is capped per scan, so a scan after long downtime does not pay for all of them at once.
      let tidy = TIDY_PER_SCAN;
      for (const { due, instants, moments } of lookedAt) {
        const unsettled = moments.filter((m) => !settledKeys.has(m.key)).map((m) => m.dueAt.getTime());
        const next = nextDueAfterScan(instants, unsettled, window.to.getTime());
        if (next !== undefined && next === Date.parse(due.nextDueAt)) continue;
        if (moments.length === 0 && tidy-- <= 0) continue;
        await index.advance(due, next === undefined ? undefined : new Date(next));
      }
    },
  };
}
