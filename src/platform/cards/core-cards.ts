import { DateTime } from 'luxon';
import type { Group, Locale, Meeting } from '../../domain/model';
import type { MessageKey, Translate } from '../i18n';
import type { TimelineEntry } from '../../features/binding/binding-service';
import type { ChannelBinding } from '../../domain/ports';
import type { CommandSpec } from '../teams/feature';
import { adaptiveCard, factSet, paragraph, title, type AdaptiveCard, type CardElement } from './builders';

/** The greeting after install: what the bot does and how the secretariat binds a channel. */
export function welcomeCard(t: Translate): AdaptiveCard {
  return adaptiveCard([
    title(t('welcome.title')),
    paragraph(t('welcome.body')),
    paragraph(t('welcome.bindHint')),
    paragraph(t('welcome.helpHint'), { isSubtle: true }),
  ]);
}

/** Every command in the user's language: names (Danish or English first), usage and description. */
export function helpCard(
  t: Translate,
  locale: Locale,
  commands: readonly CommandSpec[],
  unknownCommand?: string,
): AdaptiveCard {
  const body: CardElement[] = [title(t('help.title'))];
  body.push(
    paragraph(
      unknownCommand !== undefined ? t('help.unknownCommand', { command: unknownCommand }) : t('help.intro'),
    ),
  );
  body.push(
    factSet(
      commands.map((command) => ({
        title: command.usage?.[locale] ?? preferredName(command, locale),
        value: t(command.helpKey),
      })),
    ),
  );
  return adaptiveCard(body);
}

/** Danish names come first in `names`; for English users the first name that looks English. */
function preferredName(command: CommandSpec, locale: Locale): string {
  if (locale === 'da' || command.names.length === 1) return command.names[0] ?? command.id;
  return command.names[command.names.length - 1] ?? command.id;
}

export function groupName(group: Group | undefined, fallbackId: string, locale: Locale): string {
  return group ? group.name[locale] : fallbackId;
}

export function formatMeetingTime(startsAt: string, locale: Locale): string {
  return DateTime.fromISO(startsAt, { zone: 'Europe/Copenhagen' })
    .setLocale(locale === 'da' ? 'da-DK' : 'en-GB')
    .toFormat(locale === 'da' ? "cccc d. LLLL yyyy 'kl.' HH:mm" : "cccc d LLLL yyyy 'at' HH:mm");
}

/** The catalogue label of each timeline moment on the status card. */
const TIMELINE_LABELS: Record<TimelineEntry['kind'], MessageKey> = {
  'heads-up': 'status.timelineHeadsUp',
  'proposal-deadline': 'status.timelineProposalDeadline',
  'status-report-deadline': 'status.timelineStatusReportDeadline',
  'detailed-agenda': 'status.timelineDetailedAgenda',
};

/**
 * The channel's group and next meeting, and the meeting's timeline (deadlines in local Copenhagen
 * time, each one that has passed marked as such, so "is it too late to propose?" is answered here).
 */
export function statusCard(
  t: Translate,
  locale: Locale,
  status: {
    binding: ChannelBinding;
    group: Group | undefined;
    nextMeeting: Meeting | undefined;
    timeline?: readonly TimelineEntry[];
  },
): AdaptiveCard {
  const name = groupName(status.group, status.binding.groupId, locale);
  const facts = [
    { title: t('status.group'), value: name },
    { title: t('status.channel'), value: status.binding.channelName ?? '' },
    {
      title: t('status.nextMeeting'),
      value: status.nextMeeting
        ? formatMeetingTime(status.nextMeeting.startsAt, locale)
        : t('status.noMeeting'),
    },
    { title: t('status.location'), value: status.nextMeeting?.location ?? '' },
  ];
  const body: CardElement[] = [title(t('status.title', { group: name })), factSet(facts)];
  const timeline = status.nextMeeting ? (status.timeline ?? []) : [];
  if (timeline.length > 0) {
    body.push(paragraph(t('status.timelineTitle'), { weight: 'Bolder', spacing: 'Medium' }));
    body.push(
      factSet(
        timeline.map((entry) => {
          const time = formatMeetingTime(entry.at, locale);
          return {
            title: t(TIMELINE_LABELS[entry.kind]),
            value: entry.passed ? t('status.timelinePassed', { time }) : time,
          };
        }),
      ),
    );
  }
  return adaptiveCard(body);
}
