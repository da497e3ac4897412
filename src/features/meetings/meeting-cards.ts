/**
 * Cards of the meeting schedule: schedule one meeting, schedule a year's quarterly meetings (dates
 * pre-filled, editable), a meeting with its timeline (deadlines follow from the governance config)
 * and the upcoming-meetings list. Inputs keep what the user typed when a card comes back refused,
 * every bad field is said at once (above the form and under its input), and required inputs are
 * marked (isRequired with a catalogue message; the client shows the label with a '*').
 */
import type { Locale } from '../../domain/model';
import type { MeetingDeadlines } from '../../domain/timeline';
import type { Translate } from '../../platform/i18n';
import type { MeetingLinks } from './meeting-links';
import type { LocalSlot, SlotProblems } from './meetings-service';
import { dateTimeProblemText } from '../../platform/teams/define';
import type { MeetingRecord } from './meetings-repository';
import { formatInstant } from '../../platform/cards/reminders';
import {
  adaptiveCard,
  errorBanner,
  executeAction,
  factSet,
  paragraph,
  showCardAction,
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

/** What is wrong with each field of a typed slot, in the user's language. */
export function slotErrorTexts(
  t: Translate,
  problems: SlotProblems,
  slot: LocalSlot,
): { date?: string; time?: string } {
  const texts: { date?: string; time?: string } = {};
  if (problems.date === 'in-past') texts.date = t('meetings.errInPast');
  else if (problems.date) texts.date = dateTimeProblemText(t, 'date', problems.date, slot.date);
  if (problems.time) texts.time = dateTimeProblemText(t, 'time', problems.time, slot.time);
  return texts;
}

/** Every bad field of a form, once each, for the banner above it. */
function bannerOf(errors: Partial<Record<string, string | undefined>> | undefined): CardElement[] {
  const texts = Object.values(errors ?? {}).filter((text): text is string => !!text);
  return texts.length > 0 ? [errorBanner(texts)] : [];
}

export type ScheduleFormErrors = Partial<Record<'date' | 'time' | 'location' | 'groupId', string>>;

export function scheduleMeetingCard(
  t: Translate,
  input: {
    groupId: string;
    groupName: string;
    values?: Partial<LocalSlot & { location: string }>;
    errors?: ScheduleFormErrors;
  },
): AdaptiveCard {
  const errors = input.errors ?? {};
  return adaptiveCard(
    [
      title(t('meetings.scheduleTitle', { group: input.groupName })),
      ...bannerOf(errors),
      ...textInput({
        id: 'date',
        label: t('meetings.fieldDate'),
        value: input.values?.date,
        placeholder: '10.03.2027',
        required: true,
        requiredMessage: t('meetings.fieldDateRequired'),
        error: errors.date,
      }),
      ...textInput({
        id: 'time',
        label: t('meetings.fieldTime'),
        value: input.values?.time ?? '10:00',
        placeholder: '10.00',
        required: true,
        requiredMessage: t('meetings.fieldTimeRequired'),
        error: errors.time,
      }),
      ...textInput({
        id: 'location',
        label: t('meetings.fieldLocation'),
        value: input.values?.location,
        maxLength: 300,
        error: errors.location,
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
    errors?: Array<{ date?: string; time?: string } | undefined>;
  },
): AdaptiveCard {
  const body: CardElement[] = [
    title(t('meetings.scheduleYearTitle', { year: input.year, group: input.groupName })),
    paragraph(t('meetings.scheduleYearIntro', { count: input.slots.length }), { isSubtle: true }),
    ...bannerOf(
      Object.fromEntries(
        (input.errors ?? []).flatMap((e, i) => [
          [`d${i}`, e?.date],
          [`t${i}`, e?.time],
        ]),
      ),
    ),
  ];
  input.slots.forEach((slot, index) => {
    const number = index + 1;
    const errors = input.errors?.[index];
    body.push(
      ...textInput({
        id: `date${number}`,
        label: t('meetings.fieldQuarterDate', { number }),
        value: slot.date,
        required: true,
        requiredMessage: t('meetings.fieldDateRequired'),
        error: errors?.date,
      }),
      ...textInput({
        id: `time${number}`,
        label: t('meetings.fieldQuarterTime', { number }),
        value: slot.time,
        required: true,
        requiredMessage: t('meetings.fieldTimeRequired'),
        error: errors?.time,
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

/** The secretariat's part of the meeting card: Move (its inputs in their own card) and Cancel. */
function manageParts(
  t: Translate,
  input: Pick<Parameters<typeof meetingCard>[1], 'meeting' | 'moveValues' | 'moveErrors'>,
  body: CardElement[],
  actions: CardAction[],
): void {
  const { meeting } = input;
  const ids = { groupId: meeting.groupId, meetingId: meeting.id };
  const errors = input.moveErrors ?? {};
  body.push(...bannerOf(errors));
  // The move's inputs sit in their own card, so Cancel (which asks for confirmation) needs none.
  const moveForm: CardElement[] = [
    ...textInput({
      id: 'newDate',
      label: t('meetings.newDate'),
      value: input.moveValues?.newDate,
      placeholder: '10.03.2027',
      required: true,
      requiredMessage: t('meetings.fieldDateRequired'),
      error: errors.newDate,
    }),
    ...textInput({
      id: 'newTime',
      label: t('meetings.newTime'),
      value: input.moveValues?.newTime,
      placeholder: '10.00',
      error: errors.newTime,
    }),
  ];
  actions.push(
    showCardAction(t('meetings.moveButton'), moveForm, [
      executeAction(t('meetings.moveButton'), MEETING_VERBS.move, ids, 'positive'),
    ]),
  );
  actions.push(executeAction(t('meetings.cancelButton'), MEETING_VERBS.cancel, ids, 'destructive'));
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
    /** A refused move: what was typed and what is wrong with it. */
    moveValues?: { newDate?: string; newTime?: string };
    moveErrors?: Partial<Record<'newDate' | 'newTime', string>>;
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
  if (input.manage && meeting.status === 'scheduled') manageParts(t, input, body, actions);
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
