/**
 * Meeting moments: heads-up, the 4-week proposal and status-report deadlines, the 2-week detailed
 * agenda, in the meeting group's channel, plus each reference group's status-report moments for a
 * steering-group meeting. The instants and keys come from the domain timeline; this source only
 * decides what each moment does.
 */
import type { Governance } from '../../domain/governance';
import type { BodyKind, Group, Locale, Meeting } from '../../domain/model';
import { meetingTimeline, statusReportMoments, type Moment } from '../../domain/timeline';
import type { OutboundMessage, ChannelMessenger } from '../../domain/ports';
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
  MomentContext,
  MomentSource,
  MomentWindow,
  ScheduledMoment,
} from '../../platform/scheduler/types';

const DAY = 24 * 60 * 60_000;

/** Read side of the meeting schedule; the composition root wires the meetings repository. */
export interface MeetingSource {
  /** Meetings (any status) starting in [from, to]. */
  listUpcoming(from: Date, to: Date): Promise<Meeting[]>;
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
  /** The 4-week deadline: intake closed; e.g. the portfolio engineer compiles the overview. */
  onProposalDeadline?(meeting: Meeting): Promise<void>;
  /**
   * A reference group's status-report heads-up for a steering meeting: returns the request card to
   * post in that group's channel (the portfolio engineer asks for each initiative's report);
   * undefined falls back to the default reminder card.
   */
  onStatusReportHeadsUp?(
    meeting: Meeting,
    referenceGroupId: string,
    context: MomentContext,
  ): Promise<OutboundMessage | undefined>;
  /** The steering group's status-report deadline: the hook posts the portfolio overview (replacing the generic card). */
  onStatusReportDeadline?(meeting: Meeting): Promise<void>;
  /**
   * The 2-week moment: returns the detailed agenda message to post (the meetings engineer builds
   * it); undefined falls back to the default reminder card.
   */
  onDetailedAgendaDue?(meeting: Meeting, context: MomentContext): Promise<OutboundMessage | undefined>;
}

export interface MeetingMomentsOptions {
  governance: Governance;
  meetings: MeetingSource;
  groups: GroupSource;
  messenger: ChannelMessenger;
  hooks?: MeetingHooks;
  /** Channel language. Default Danish. */
  locale?: Locale;
}

function groupName(
  groups: Map<string, Group>,
  governance: Governance,
  groupId: string,
  locale: Locale,
): string {
  const name = groups.get(groupId)?.name ?? governance.bodies.find((body) => body.id === groupId)?.name;
  return name?.[locale] ?? groupId;
}

export function toOutbound(message: ReminderMessage): OutboundMessage {
  return { card: message.card, summary: message.summary };
}

export function meetingMomentSource(options: MeetingMomentsOptions): MomentSource {
  const { governance, messenger } = options;
  const hooks = options.hooks ?? {};
  const locale = options.locale ?? 'da';
  // The earliest moment of a meeting lies this far before it: look that far ahead for meetings.
  const { agendaProposalsDays, statusReportsDays, headsUpDaysBeforeDeadline } = governance.deadlines;
  const leadMs = (Math.max(agendaProposalsDays, statusReportsDays) + headsUpDaysBeforeDeadline + 2) * DAY;

  return {
    name: 'meetings',
    async moments(window: MomentWindow): Promise<ScheduledMoment[]> {
      const [meetings, groupList] = await Promise.all([
        options.meetings.listUpcoming(window.from, new Date(window.to.getTime() + leadMs)),
        options.groups.listGroups(),
      ]);
      const groups = new Map(groupList.map((group) => [group.id, group]));
      const activeReferenceGroupIds = groupList
        .filter((group) => group.kind === 'reference' && group.status === 'active')
        .map((group) => group.id)
        .sort();

      const result: ScheduledMoment[] = [];
      for (const meeting of meetings) {
        // Cancelled meetings have no moments (the timeline returns none); a moved one has new keys.
        if (meeting.status !== 'scheduled') continue;
        const group = groups.get(meeting.groupId);
        if (group?.status === 'dissolved') continue;
        const kind: BodyKind | undefined =
          group?.kind ?? governance.bodies.find((body) => body.id === meeting.groupId)?.kind;
        const candidates = meetingTimeline(meeting, governance, kind);
        if (kind === 'steering')
          candidates.push(...statusReportMoments(meeting, activeReferenceGroupIds, governance));
        for (const moment of candidates) {
          // The meeting moment itself is calendar information, not a reminder.
          if (moment.kind === 'meeting') continue;
          const dueAt = new Date(moment.instant);
          if (dueAt < window.from || dueAt > window.to) continue;
          result.push(toScheduled(moment, meeting, dueAt, groups));
        }
      }
      return result;
    },
  };

  function toScheduled(
    moment: Moment,
    meeting: Meeting,
    dueAt: Date,
    groups: Map<string, Group>,
  ): ScheduledMoment {
    const meetingStart = new Date(moment.meetingStartsAt);
    const ownMeeting = moment.groupId === meeting.groupId;
    const input = (context: MomentContext, deadline?: string): MeetingReminderInput => ({
      locale,
      timeZone: governance.timeZone,
      lateDueAt: context.late ? context.dueAt : undefined,
      meetingGroupName: groupName(groups, governance, meeting.groupId, locale),
      meetingStartsAt: moment.meetingStartsAt,
      deadline,
      days: Math.round(((deadline ? Date.parse(deadline) : meetingStart.getTime()) - dueAt.getTime()) / DAY),
    });
    const post = (message: ReminderMessage) => messenger.postToGroup(moment.groupId, toOutbound(message));

    let perform: (context: MomentContext) => Promise<void>;
    // A heads-up after its deadline is noise; everything else still helps until the meeting starts.
    let expiresAt = meetingStart;
    switch (moment.kind) {
      case 'heads-up':
        if (moment.deadline) expiresAt = new Date(moment.deadline);
        perform = async (context) => {
          // In a reference group's channel the portfolio feature may post its request card instead.
          const custom = ownMeeting
            ? undefined
            : await hooks.onStatusReportHeadsUp?.(meeting, moment.groupId, context);
          if (custom) {
            await messenger.postToGroup(moment.groupId, custom);
            return;
          }
          const card =
            ownMeeting && moment.about !== 'status-report-deadline'
              ? proposalHeadsUpCard
              : statusReportHeadsUpCard;
          await post(card(input(context, moment.deadline)));
        };
        break;
      case 'proposal-deadline':
        perform = async (context) => {
          await hooks.onProposalDeadline?.(meeting);
          await post(proposalDeadlineCard(input(context)));
        };
        break;
      case 'status-report-deadline':
        perform = async (context) => {
          if (ownMeeting) {
            // The portfolio feature posts the overview itself; the generic card only stands in for it.
            if (hooks.onStatusReportDeadline) await hooks.onStatusReportDeadline(meeting);
            else await post(statusReportsGatheredCard(input(context)));
          } else {
            await post(statusReportDeadlineCard(input(context)));
          }
        };
        break;
      default: // 'detailed-agenda'
        perform = async (context) => {
          const message =
            (await hooks.onDetailedAgendaDue?.(meeting, context)) ??
            toOutbound(detailedAgendaDueCard(input(context)));
          await messenger.postToGroup(moment.groupId, message);
        };
    }
    return {
      key: moment.key,
      kind: moment.kind,
      groupId: moment.groupId,
      dueAt,
      expiresAt,
      describe: `${moment.kind}${moment.about ? ` (${moment.about})` : ''} for ${meeting.groupId} meeting ${meeting.id} at ${moment.meetingStartsAt}`,
      perform,
    };
  }
}
