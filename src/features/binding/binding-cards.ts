import type { Group, Locale, Meeting } from '../../domain/model';
import type { ChannelBinding } from '../../domain/ports';
import type { MessageKey, Translate } from '../../platform/i18n';
import {
  adaptiveCard,
  factSet,
  paragraph,
  title,
  type AdaptiveCard,
  type CardElement,
} from '../../platform/cards/builders';
import { formatMeetingTime, groupName } from '../../platform/cards/core-cards';
import type { TimelineEntry } from './binding-service';

/** The catalogue label of each timeline moment on the status card. */
const TIMELINE_LABELS: Record<TimelineEntry['kind'], MessageKey> = {
  'heads-up': 'status.timelineHeadsUp',
  'proposal-deadline': 'status.timelineProposalDeadline',
  'status-report-deadline': 'status.timelineStatusReportDeadline',
  'detailed-agenda': 'status.timelineDetailedAgenda',
};

/**
 * The channel's group and next meeting, and the meeting's timeline (deadlines in the body's local
 * time, each one that has passed marked as such, so "is it too late to propose?" is answered here).
 */
export function statusCard(
  t: Translate,
  locale: Locale,
  timeZone: string,
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
        ? formatMeetingTime(status.nextMeeting.startsAt, locale, timeZone)
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
          const time = formatMeetingTime(entry.at, locale, timeZone);
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
