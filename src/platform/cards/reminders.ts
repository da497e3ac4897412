/**
 * Reminder cards the scheduler posts in group channels: each says what to do and by when, and
 * when it is sent late (after downtime) a line says so and when it was due. Pure builders: texts
 * come from the `scheduler` section of the catalogue, dates are shown in the governance time zone.
 */
import { DateTime } from 'luxon';
import type { Locale } from '../../domain/model';
import { clockPattern } from '../../domain/time';
import { formatTag, translate, type MessageKey, type MessageParams } from '../i18n';
import {
  adaptiveCard,
  factSet,
  paragraph,
  title,
  type AdaptiveCard,
  type CardElement,
  type Fact,
} from './builders';

export interface ReminderCommon {
  locale: Locale;
  timeZone: string;
  /** Present when the reminder is sent late: the instant it was due. */
  lateDueAt?: Date;
  /** When it is sent (the scan's instant): a late reminder counts the time left from it. */
  sentAt?: Date;
}

export interface ReminderMessage {
  card: AdaptiveCard;
  /** Notification preview text. */
  summary: string;
}

/**
 * Formatted dates are memoised (why: luxon's localised formatting goes through Intl and costs ~0.1 ms;
 * every vote card and reminder repeats the same few dates). Pure functions of their arguments, so a
 * bounded map that is simply emptied when full is enough.
 */
const formatted = new Map<string, string>();
const FORMAT_CACHE_SIZE = 2_000;

function memo(key: string, format: () => string): string {
  let text = formatted.get(key);
  if (text === undefined) {
    text = format();
    if (formatted.size >= FORMAT_CACHE_SIZE) formatted.clear();
    formatted.set(key, text);
  }
  return text;
}

/** "torsdag 4. marts 2027 kl. 10.00" / "Thursday 4 March 2027, 10:00", in the governance zone. */
export function formatInstant(instant: Date | string, locale: Locale, timeZone: string): string {
  const key = `i|${typeof instant === 'string' ? instant : instant.getTime()}|${locale}|${timeZone}`;
  return memo(key, () => formatInstantNow(instant, locale, timeZone));
}

function formatInstantNow(instant: Date | string, locale: Locale, timeZone: string): string {
  const dateTime = (typeof instant === 'string' ? DateTime.fromISO(instant) : DateTime.fromJSDate(instant))
    .setZone(timeZone)
    .setLocale(formatTag(locale));
  // Danish and Norwegian write "torsdag 4. marts 2027 kl. 10.00" alike.
  return locale === 'en'
    ? dateTime.toFormat(`cccc d LLLL yyyy, ${clockPattern(locale)}`)
    : dateTime.toFormat(`cccc d. LLLL yyyy 'kl.' ${clockPattern(locale)}`);
}

/** A calendar date (YYYY-MM-DD) as "4. marts 2027" / "4 March 2027". */
export function formatDate(date: string, locale: Locale): string {
  return memo(`d|${date}|${locale}`, () => formatDateNow(date, locale));
}

function formatDateNow(date: string, locale: Locale): string {
  const dateTime = DateTime.fromISO(date, { zone: 'UTC' }).setLocale(formatTag(locale));
  return locale === 'en' ? dateTime.toFormat('d LLLL yyyy') : dateTime.toFormat('d. LLLL yyyy');
}

function t(common: ReminderCommon, key: MessageKey, params?: MessageParams): string {
  return translate(common.locale, key, params);
}

/**
 * A reminder subject: its title and body live in the catalogue as `scheduler.<subject>Title` and
 * `scheduler.<subject>Body`; only subjects that have both keys type-check.
 */
type ReminderSubject = {
  [K in MessageKey]: K extends `scheduler.${infer S}Title`
    ? `scheduler.${S}Body` extends MessageKey
      ? S
      : never
    : never;
}[MessageKey];

/** The one reminder card shape: title, late line when sent late, body, then facts (if any). */
function reminderCard(
  common: ReminderCommon,
  subject: ReminderSubject,
  params: MessageParams,
  facts: Fact[],
): ReminderMessage {
  const heading = t(common, `scheduler.${subject}Title`, params);
  const elements: CardElement[] = [title(heading)];
  if (common.lateDueAt) {
    elements.push(
      paragraph(
        t(common, 'scheduler.lateLine', {
          dueAt: formatInstant(common.lateDueAt, common.locale, common.timeZone),
        }),
        {
          color: 'Warning',
          isSubtle: false,
          size: 'Small',
        },
      ),
    );
  }
  elements.push(paragraph(t(common, `scheduler.${subject}Body`, params)));
  if (facts.length > 0) elements.push(factSet(facts));
  return { card: adaptiveCard(elements), summary: heading };
}

const HOUR_MS = 60 * 60_000;
const DAY_MS = 24 * HOUR_MS;

/**
 * "7 dage", "1 dag", "3 timer", "under en time": the time left until `target`, for a title such as
 * "Frist for dagsordenspunkter om …".
 *
 * Honest late reminders: a reminder sent on time says the planned whole days (rounded, so a daylight
 * saving change between the moment and the deadline does not turn 7 days into 6). A reminder sent
 * late (after downtime) counts from when it is sent, rounded down, in days, else hours, else "less
 * than an hour": after a day of downtime the week's heads-up says "om 6 dage", and 3.5 hours before
 * the deadline it says "om 3 timer", never "om 7 dage". It is sent rather than dropped while the
 * deadline is still ahead (why: it is the last call for proposals that would otherwise miss the
 * meeting, and the title says how little time is left); after the deadline it is dropped (the
 * moment's expiresAt), and the deadline's own card says that intake has closed.
 */
export function timeLeftText(
  common: ReminderCommon,
  target: string | undefined,
  plannedDays?: number,
): string {
  const days = (count: number) =>
    t(common, count === 1 ? 'scheduler.left_day' : 'scheduler.left_days', { count });
  if (!common.lateDueAt || !common.sentAt || target === undefined) return days(plannedDays ?? 0);
  const left = Date.parse(target) - common.sentAt.getTime();
  if (left >= DAY_MS) return days(Math.floor(left / DAY_MS));
  if (left >= HOUR_MS) {
    const hours = Math.floor(left / HOUR_MS);
    return t(common, hours === 1 ? 'scheduler.left_hour' : 'scheduler.left_hours', { count: hours });
  }
  return t(common, 'scheduler.left_underHour');
}

export interface MeetingReminderInput extends ReminderCommon {
  /** The group that holds the meeting (its display name). */
  meetingGroupName: string;
  meetingStartsAt: string;
  /** The deadline the reminder is about (for heads-ups and deadlines). */
  deadline?: string;
  /** Whole days from the reminder's planned moment to the deadline (heads-ups) or meeting. */
  days?: number;
}

function meetingFacts(input: MeetingReminderInput): Fact[] {
  const facts: Fact[] = [
    {
      title: t(input, 'scheduler.factMeeting'),
      value: `${input.meetingGroupName}, ${formatInstant(input.meetingStartsAt, input.locale, input.timeZone)}`,
    },
  ];
  if (input.deadline) {
    facts.push({
      title: t(input, 'scheduler.factDeadline'),
      value: formatInstant(input.deadline, input.locale, input.timeZone),
    });
  }
  return facts;
}

function meetingParams(input: MeetingReminderInput): MessageParams {
  return {
    group: input.meetingGroupName,
    meetingGroup: input.meetingGroupName,
    meeting: formatInstant(input.meetingStartsAt, input.locale, input.timeZone),
    deadline: input.deadline ? formatInstant(input.deadline, input.locale, input.timeZone) : '',
    days: input.days ?? '',
    // Until the deadline (heads-ups) or the meeting (the detailed agenda), as `days` counts.
    left: timeLeftText(input, input.deadline ?? input.meetingStartsAt, input.days),
  };
}

/** A meeting reminder: the meeting's texts and facts (meeting, and deadline when there is one). */
function meetingReminder(subject: ReminderSubject): (input: MeetingReminderInput) => ReminderMessage {
  return (input) => reminderCard(input, subject, meetingParams(input), meetingFacts(input));
}

/** To the meeting's own group: agenda proposals are due in a week. */
export const proposalHeadsUpCard = meetingReminder('proposalHeadsUp');

/** To a reference group: status reports for the steering group's meeting are due in a week. */
export const statusReportHeadsUpCard = meetingReminder('statusHeadsUp');

/** To the meeting's group: intake of agenda proposals is closed. */
export const proposalDeadlineCard = meetingReminder('proposalDeadline');

/** To a reference group: the status-report deadline for the steering group's meeting is now. */
export const statusReportDeadlineCard = meetingReminder('statusDeadline');

/** To the steering group: the reference groups' reports are in and go into the portfolio overview. */
export const statusReportsGatheredCard = meetingReminder('statusGathered');

/** Default when no detailed-agenda handler is wired: the detailed agenda and material are due. */
export const detailedAgendaDueCard = meetingReminder('detailedAgenda');

export interface TermEndingInput extends ReminderCommon {
  personName: string;
  groupName: string;
  endDate: string;
  days: number;
}

/** To the secretariat: a municipal member's term ends within the warning period. */
export function termEndingCard(input: TermEndingInput): ReminderMessage {
  const params = {
    person: input.personName,
    group: input.groupName,
    endDate: formatDate(input.endDate, input.locale),
    days: input.days,
  };
  return reminderCard(input, 'termEnding', params, [
    { title: t(input, 'scheduler.factGroup'), value: input.groupName },
    { title: t(input, 'scheduler.factEndDate'), value: formatDate(input.endDate, input.locale) },
  ]);
}

export interface WorkingGroupEndingInput extends ReminderCommon {
  groupName: string;
  endDate: string;
  days: number;
}

/** To a working group and its parent reference group: the planned end date is near. */
export function workingGroupEndingCard(input: WorkingGroupEndingInput): ReminderMessage {
  const params = {
    group: input.groupName,
    endDate: formatDate(input.endDate, input.locale),
    days: input.days,
  };
  return reminderCard(input, 'workingGroupEnding', params, [
    { title: t(input, 'scheduler.factEndDate'), value: formatDate(input.endDate, input.locale) },
  ]);
}
