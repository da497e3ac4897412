/**
 * The confirmation card of a cancellation or a move (the consequences, Confirm and Keep) and the
 * texts that tell the proposers and the group's channel once it is done.
 */
import { bodyLanguage, type Governance } from '../../domain/governance';
import type { Group, Locale } from '../../domain/model';
import type { Moment } from '../../domain/timeline';
import { localDate, localTime } from '../../domain/time';
import {
  personalLanguage,
  translatorFor,
  type MessageKey,
  type PersonLanguages,
  type Translate,
} from '../../platform/i18n';
import { formatInstant } from '../../platform/cards/reminders';
import { markdownText } from '../../platform/cards/text';
import {
  adaptiveCard,
  executeAction,
  paragraph,
  title,
  type AdaptiveCard,
  type CardElement,
} from '../../platform/cards/builders';
import type {
  AffectedProposal,
  ChangeNotices,
  MeetingConsequences,
  ReminderChange,
  ReminderFate,
} from './meeting-changes';
import type { MeetingRecord } from './meetings-repository';
import { localText } from '../../domain/localized-text';

export const MEETING_CHANGE_VERBS = {
  confirmCancel: 'meeting.cancel.confirm',
  confirmMove: 'meeting.move.confirm',
  keep: 'meeting.keep',
} as const;

export interface ChangeCardContext {
  t: Translate;
  locale: Locale;
  timeZone: string;
  /** Group id -> name (the meeting's group and the reference groups of its reminders). */
  groupNames: ReadonlyMap<string, string>;
}

function when(context: ChangeCardContext, instant: string): string {
  return formatInstant(instant, context.locale, context.timeZone);
}

function titlesOf(proposals: readonly { title: string }[]): string {
  return proposals.map((proposal) => `"${markdownText(proposal.title)}"`).join(', ');
}

function reminderKey(moment: Moment): MessageKey {
  if (moment.kind === 'heads-up')
    return moment.about === 'status-report-deadline'
      ? 'meetings.reminderStatusHeadsUp'
      : 'meetings.factHeadsUp';
  if (moment.kind === 'proposal-deadline') return 'meetings.factProposalDeadline';
  if (moment.kind === 'status-report-deadline') return 'meetings.factStatusDeadline';
  return 'meetings.factDetailedAgenda';
}

function reminderText(context: ChangeCardContext, meetingGroupId: string, change: ReminderChange): string {
  const { t } = context;
  const label = t(reminderKey(change.moment));
  const named =
    change.moment.groupId === meetingGroupId
      ? label
      : t('meetings.reminderIn', {
          reminder: label,
          group: markdownText(context.groupNames.get(change.moment.groupId) ?? change.moment.groupId),
        });
  const at = when(context, change.moment.instant);
  return change.next && change.fate !== 'kept'
    ? `${named} ${at} → ${when(context, change.next.instant)}`
    : `${named} ${at}`;
}

const FATE_KEYS: Record<ReminderFate, MessageKey> = {
  stop: 'meetings.consequenceRemindersStop',
  move: 'meetings.consequenceRemindersMove',
  resend: 'meetings.consequenceRemindersResend',
  kept: 'meetings.consequenceRemindersKept',
};

/** The consequences as lines, in the order the secretariat weighs them. */
export function consequenceLines(context: ChangeCardContext, consequences: MeetingConsequences): string[] {
  const { t } = context;
  const lines: string[] = [];
  const { accepted, pending } = consequences;
  if (accepted.length > 0)
    lines.push(t('meetings.consequenceAccepted', { count: accepted.length, titles: titlesOf(accepted) }));
  if (pending.length > 0)
    lines.push(t('meetings.consequencePending', { count: pending.length, titles: titlesOf(pending) }));
  if (accepted.length + pending.length === 0) lines.push(t('meetings.consequenceNoProposals'));
  if (consequences.hearings.length > 0)
    lines.push(
      t('meetings.consequenceHearings', {
        count: consequences.hearings.length,
        titles: titlesOf(consequences.hearings),
      }),
    );
  if (consequences.material > 0)
    lines.push(t('meetings.consequenceMaterial', { count: consequences.material }));
  if (consequences.hasRecord) lines.push(t('meetings.consequenceRecord'));
  for (const fate of ['stop', 'move', 'resend', 'kept'] as const) {
    const changes = consequences.reminders.filter((change) => change.fate === fate);
    if (changes.length === 0) continue;
    const list = changes
      .map((change) => reminderText(context, consequences.meeting.groupId, change))
      .join('; ');
    lines.push(t(FATE_KEYS[fate], { count: changes.length, list }));
  }
  lines.push(
    consequences.proposerIds.length > 0
      ? t('meetings.consequenceNotify', { count: consequences.proposerIds.length })
      : t('meetings.consequenceNotifyChannel'),
  );
  return lines;
}

/**
 * "Cancel the meeting …?" / "Move the meeting from … to …?" with the consequences; Confirm carries
 * the meeting's calendar sequence (and for a move the new date and time), Keep does nothing.
 */
export function confirmChangeCard(
  context: ChangeCardContext,
  consequences: MeetingConsequences,
  notice?: string,
): AdaptiveCard {
  const { t } = context;
  const { meeting, target } = consequences;
  const heading = target
    ? t('meetings.confirmMoveTitle', { from: when(context, meeting.startsAt), to: when(context, target) })
    : t('meetings.confirmCancelTitle', { meeting: when(context, meeting.startsAt) });
  const body: CardElement[] = [title(heading)];
  if (notice) body.push(paragraph(notice, { color: 'Warning', weight: 'Bolder' }));
  body.push(paragraph(t('meetings.confirmIntro'), { isSubtle: true }));
  for (const line of consequenceLines(context, consequences))
    body.push(paragraph(`- ${line}`, { spacing: 'Small' }));
  const ids = { groupId: meeting.groupId, meetingId: meeting.id, sequence: meeting.sequence ?? 0 };
  const confirm = target
    ? executeAction(
        t('meetings.confirmMoveButton'),
        MEETING_CHANGE_VERBS.confirmMove,
        { ...ids, date: localDate(target, context.timeZone), time: localTime(target, context.timeZone) },
        'positive',
      )
    : executeAction(
        t('meetings.confirmCancelButton'),
        MEETING_CHANGE_VERBS.confirmCancel,
        ids,
        'destructive',
      );
  return adaptiveCard(body, [
    confirm,
    executeAction(t('meetings.keepButton'), MEETING_CHANGE_VERBS.keep, {
      groupId: meeting.groupId,
      meetingId: meeting.id,
    }),
  ]);
}

/** The texts of a finished change in one language (the feature picks each reader's). */
export interface ChangeTexts {
  toProposer(consequences: MeetingConsequences, proposals: AffectedProposal[], after: MeetingRecord): string;
  toChannel(consequences: MeetingConsequences, after: MeetingRecord): string;
}

/** What the proposers and the group's channel are told, in the context's language. */
export function changeNotices(context: ChangeCardContext): ChangeTexts {
  const { t } = context;
  const group = (consequences: MeetingConsequences) =>
    markdownText(context.groupNames.get(consequences.meeting.groupId) ?? consequences.meeting.groupId);
  return {
    toProposer(consequences, proposals: AffectedProposal[], after: MeetingRecord) {
      const titles = titlesOf(proposals);
      return after.status === 'cancelled'
        ? t('meetings.personalCancelled', {
            group: group(consequences),
            meeting: when(context, consequences.meeting.startsAt),
            titles,
          })
        : t('meetings.personalMoved', {
            group: group(consequences),
            from: when(context, consequences.meeting.startsAt),
            to: when(context, after.startsAt),
            titles,
          });
    },
    toChannel(consequences, after) {
      return after.status === 'cancelled'
        ? t('meetings.channelCancelled', {
            group: group(consequences),
            meeting: when(context, consequences.meeting.startsAt),
          })
        : t('meetings.channelMoved', {
            group: group(consequences),
            from: when(context, consequences.meeting.startsAt),
            to: when(context, after.startsAt),
          });
    },
  };
}

/**
 * The group's channel is told in its body's language, each proposer in their own (their choice,
 * else the file's default), whoever confirmed and in whatever language (issue 26.5).
 */
export function readerNotices(sources: {
  governance: Pick<Governance, 'bodies' | 'language'>;
  languages?: PersonLanguages;
  timeZone: string;
  groups: { listGroups(): Promise<Group[]> };
}): ChangeNotices {
  const { governance, languages } = sources;
  const inLanguage = async (locale: Locale) => {
    const groups = await sources.groups.listGroups();
    return changeNotices({
      t: translatorFor(locale),
      locale,
      timeZone: sources.timeZone,
      groupNames: new Map(groups.map((group) => [group.id, localText(group.name, locale)])),
    });
  };
  return {
    toProposer: async (consequences, proposals, after, proposerId) =>
      (await inLanguage(await personalLanguage(governance.language, languages, proposerId))).toProposer(
        consequences,
        proposals,
        after,
      ),
    toChannel: async (consequences, after) =>
      (await inLanguage(bodyLanguage(governance, after.groupId))).toChannel(consequences, after),
  };
}
