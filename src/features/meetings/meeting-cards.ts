/**
 * Cards of the meeting schedule: schedule one meeting, schedule a year's quarterly meetings (dates
 * pre-filled, editable), a meeting with its timeline (deadlines follow from the governance config)
 * and the upcoming-meetings list. Inputs keep what the user typed when a card comes back refused.
 */
import type { Locale } from '../../domain/model';
import type { MeetingDeadlines } from '../../domain/timeline';
import type { Translate } from '../../platform/i18n';
import type { MeetingLinks } from './meeting-links';
import type { LocalSlot, SlotError } from './meetings-service';
import type { MeetingRecord } from './meetings-repository';
import { formatInstant } from '../../platform/cards/reminders';
import {
  adaptiveCard,
  errorBanner,
  executeAction,
  factSet,
  paragraph,
  textInput,
  title,
  type AdaptiveCard,
  type CardAction,
  type CardElement,
} from '../../platform/cards/builders';

export const MEETING_VERBS = {
  schedule: 'meeting.schedule',
  scheduleYear: 'meeting.scheduleYear',
  move: 'meeting.move',
  cancel: 'meeting.cancel',
} as const;

export function slotErrorText(t: Translate, error: SlotError, slot: LocalSlot): string {
  if (error === 'bad-date') return t('meetings.errBadDate', { value: slot.date });
  if (error === 'bad-time') return t('meetings.errBadTime', { value: slot.time });
  return t('meetings.errInPast');
}

export function scheduleMeetingCard(
  t: Translate,
  input: {
    groupId: string;
    groupName: string;
    values?: Partial<LocalSlot & { location: string }>;
    error?: { field: 'date' | 'time'; text: string };
  },
): AdaptiveCard {
  const error = input.error;
  return adaptiveCard(
    [
      title(t('meetings.scheduleTitle', { group: input.groupName })),
      ...(error ? [errorBanner([error.text])] : []),
      ...textInput({
        id: 'date',
        label: t('meetings.fieldDate'),
        value: input.values?.date,
        placeholder: '2027-04-01',
        error: error?.field === 'date' ? error.text : undefined,
      }),
      ...textInput({
        id: 'time',
        label: t('meetings.fieldTime'),
        value: input.values?.time ?? '10:00',
        placeholder: '10:00',
        error: error?.field === 'time' ? error.text : undefined,
      }),
      ...textInput({
        id: 'location',
        label: t('meetings.fieldLocation'),
        value: input.values?.location,
        maxLength: 300,
      }),
    ],
    [
      executeAction(
        t('meetings.scheduleButton'),
        MEETING_VERBS.schedule,
        { groupId: input.groupId },
        'positive',
      ),
    ],
  );
}

export function scheduleYearCard(
  t: Translate,
  input: {
    groupId: string;
    groupName: string;
    year: number;
    slots: LocalSlot[];
    errors?: Array<string | undefined>;
  },
): AdaptiveCard {
  const body: CardElement[] = [
    title(t('meetings.scheduleYearTitle', { year: input.year, group: input.groupName })),
    paragraph(t('meetings.scheduleYearIntro'), { isSubtle: true }),
  ];
  input.slots.forEach((slot, index) => {
    const number = index + 1;
    body.push(
      ...textInput({
        id: `date${number}`,
        label: t('meetings.fieldQuarterDate', { number }),
        value: slot.date,
        error: input.errors?.[index],
      }),
    );
    body.push(
      ...textInput({
        id: `time${number}`,
        label: t('meetings.fieldQuarterTime', { number }),
        value: slot.time,
      }),
    );
  });
  return adaptiveCard(body, [
    executeAction(
      t('meetings.scheduleYearButton'),
      MEETING_VERBS.scheduleYear,
      { groupId: input.groupId, year: input.year, count: input.slots.length },
      'positive',
    ),
  ]);
}

/** A meeting with its timeline; the secretariat variant adds move/cancel. */
export function meetingCard(
  t: Translate,
  input: {
    locale: Locale;
    timeZone: string;
    groupName: string;
    meeting: MeetingRecord;
    deadlines: MeetingDeadlines;
    /** Steering-group meetings also have the status-report deadline. */
    withStatusReports: boolean;
    links?: MeetingLinks;
    notice?: string;
    manage?: boolean;
  },
): AdaptiveCard {
  const when = (instant: string) => formatInstant(instant, input.locale, input.timeZone);
  const { meeting, deadlines } = input;
  const body: CardElement[] = [title(t('meetings.meetingTitle', { group: input.groupName }))];
  if (input.notice) body.push(paragraph(input.notice, { color: 'Good', weight: 'Bolder' }));
  body.push(
    factSet([
      { title: t('meetings.factMeeting'), value: when(meeting.startsAt) },
      { title: t('meetings.factLocation'), value: meeting.location ?? '' },
      {
        title: t('meetings.factDuration'),
        value: t('meetings.minutes', { minutes: meeting.durationMinutes }),
      },
      { title: t('meetings.factHeadsUp'), value: when(deadlines.headsUp) },
      { title: t('meetings.factProposalDeadline'), value: when(deadlines.proposalDeadline) },
      {
        title: t('meetings.factStatusDeadline'),
        value: input.withStatusReports ? when(deadlines.statusReportDeadline) : '',
      },
      { title: t('meetings.factDetailedAgenda'), value: when(deadlines.detailedAgenda) },
      { title: t('meetings.factId'), value: meeting.id },
    ]),
  );
  const actions: CardAction[] = [];
  if (input.links)
    actions.push({ type: 'Action.OpenUrl', title: t('meetings.openCalendar'), url: input.links.ics });
  if (input.manage && meeting.status === 'scheduled') {
    body.push(...textInput({ id: 'newDate', label: t('meetings.newDate') }));
    body.push(...textInput({ id: 'newTime', label: t('meetings.newTime') }));
    const ids = { groupId: meeting.groupId, meetingId: meeting.id };
    actions.push(executeAction(t('meetings.moveButton'), MEETING_VERBS.move, ids));
    actions.push(executeAction(t('meetings.cancelButton'), MEETING_VERBS.cancel, ids, 'destructive'));
  }
  return adaptiveCard(body, actions);
}

export function meetingListCard(
  t: Translate,
  input: {
    locale: Locale;
    timeZone: string;
    groupName: string;
    meetings: Array<{ meeting: MeetingRecord; deadlines: MeetingDeadlines }>;
  },
): AdaptiveCard {
  const body: CardElement[] = [title(t('meetings.listTitle', { group: input.groupName }))];
  if (input.meetings.length === 0) body.push(paragraph(t('meetings.noUpcoming')));
  for (const { meeting, deadlines } of input.meetings) {
    body.push(
      factSet([
        {
          title: t('meetings.factMeeting'),
          value: formatInstant(meeting.startsAt, input.locale, input.timeZone),
        },
        {
          title: t('meetings.factProposalDeadline'),
          value: formatInstant(deadlines.proposalDeadline, input.locale, input.timeZone),
        },
        {
          title: t('meetings.factDetailedAgenda'),
          value: formatInstant(deadlines.detailedAgenda, input.locale, input.timeZone),
        },
        { title: t('meetings.factId'), value: meeting.id },
      ]),
    );
  }
  return adaptiveCard(body);
}

/** The outcome of a year's scheduling: one line per meeting. */
export function yearResultCard(t: Translate, input: { year: number; lines: string[] }): AdaptiveCard {
  return adaptiveCard([
    title(t('meetings.yearResultTitle', { year: input.year })),
    ...input.lines.map((line) => paragraph(line)),
  ]);
}
