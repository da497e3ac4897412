/**
 * Date helpers in the governance time zone (Europe/Copenhagen by default), over luxon.
 * Deadlines are calendar days in local time: a 10:00 meeting has its 4-week deadline at 10:00 local
 * time even when a DST change lies in between (so the UTC distance is then 28 days +/- 1 hour).
 *
 * Conventions: instants are ISO strings with `Z` and milliseconds (`2027-04-01T08:00:00.000Z`),
 * calendar dates are `YYYY-MM-DD` and carry no zone.
 */
import { DateTime } from 'luxon';
import type { Quarter } from './governance';

export type InstantInput = string | Date;

function parseInstant(instant: InstantInput): DateTime {
  const parsed =
    typeof instant === 'string' ? DateTime.fromISO(instant, { setZone: true }) : DateTime.fromJSDate(instant);
  if (!parsed.isValid) throw new RangeError(`not a valid instant: ${String(instant)}`);
  return parsed;
}

function parseDate(date: string): DateTime {
  const parsed = /^\d{4}-\d{2}-\d{2}$/.test(date)
    ? DateTime.fromISO(date, { zone: 'UTC' })
    : DateTime.invalid('format');
  if (!parsed.isValid) throw new RangeError(`not a valid calendar date (YYYY-MM-DD): ${date}`);
  return parsed;
}

/** The instant as luxon DateTime in the given zone. */
export function localDateTime(instant: InstantInput, zone: string): DateTime {
  return parseInstant(instant).setZone(zone);
}

/** The canonical instant string: UTC with milliseconds, e.g. `2027-03-04T09:00:00.000Z`. */
export function toInstantISO(instant: InstantInput | DateTime): string {
  const dateTime = DateTime.isDateTime(instant) ? instant : parseInstant(instant);
  return dateTime.toUTC().toISO({ suppressMilliseconds: false })!;
}

/** The local calendar date (YYYY-MM-DD) of an instant. */
export function localDate(instant: InstantInput, zone: string): string {
  return localDateTime(instant, zone).toISODate()!;
}

/** The local wall-clock time (HH:mm) of an instant. */
export function localTime(instant: InstantInput, zone: string): string {
  return localDateTime(instant, zone).toFormat('HH:mm');
}

/** The instant of a local date and wall-clock time (e.g. '2027-04-01', '10:00' -> 08:00Z in summer). */
export function instantOfLocal(date: string, time: string, zone: string): string {
  const dateTime = DateTime.fromISO(`${date}T${time}`, { zone });
  if (!dateTime.isValid) throw new RangeError(`not a valid local date/time: ${date} ${time}`);
  return toInstantISO(dateTime);
}

/** The calendar quarter (Q1..Q4) of the instant's local date: the annual wheel is chosen by it. */
export function quarterOf(instant: InstantInput, zone: string): Quarter {
  return `Q${localDateTime(instant, zone).quarter}` as Quarter;
}

/** Adds (or with a negative number subtracts) calendar days in local time, keeping the wall-clock time. */
export function addLocalDays(instant: InstantInput, days: number, zone: string): string {
  return toInstantISO(localDateTime(instant, zone).plus({ days }));
}

/** Adds minutes of elapsed time (agenda item times: a DST change shifts the wall clock, not the duration). */
export function addMinutes(instant: InstantInput, minutes: number): string {
  return toInstantISO(parseInstant(instant).plus({ minutes }));
}

/** Milliseconds since the epoch; for comparisons of instants in any ISO form. */
export function instantMillis(instant: InstantInput): number {
  return parseInstant(instant).toMillis();
}

/** Calendar date arithmetic: adds years (29 Feb + 1 year = 28 Feb). */
export function addYearsToDate(date: string, years: number): string {
  return parseDate(date).plus({ years }).toISODate()!;
}

export function addDaysToDate(date: string, days: number): string {
  return parseDate(date).plus({ days }).toISODate()!;
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetweenDates(from: string, to: string): number {
  return Math.round(parseDate(to).diff(parseDate(from), 'days').days);
}

/** Validates a YYYY-MM-DD date and returns it unchanged. */
export function assertDate(date: string): string {
  parseDate(date);
  return date;
}
