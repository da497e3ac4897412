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

/** The zone of the FKI bodies; a body's governance file may name another. */
export const DEFAULT_TIME_ZONE = 'Europe/Copenhagen';

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

/**
 * The canonical form (`2027-03-04T09:00:00.000Z`) is what this module writes and what the store
 * holds, so it is by far the most common input. It is read with Date.parse, and checked by printing
 * it back (which also rejects impossible dates such as 31 February): luxon's ISO parser costs ~10x
 * more, and the reminder scan reads thousands of instants.
 */
const CANONICAL_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

function canonicalMillis(instant: string): number | undefined {
  if (!CANONICAL_INSTANT.test(instant)) return undefined;
  const millis = Date.parse(instant);
  return Number.isNaN(millis) || new Date(millis).toISOString() !== instant ? undefined : millis;
}

/** The instant as luxon DateTime in the given zone. */
export function localDateTime(instant: InstantInput, zone: string): DateTime {
  const millis = typeof instant === 'string' ? canonicalMillis(instant) : undefined;
  // The canonical form skips luxon's ISO parser (the same instant, put straight in the zone).
  if (millis !== undefined) return DateTime.fromMillis(millis, { zone });
  return parseInstant(instant).setZone(zone);
}

/** The canonical instant string: UTC with milliseconds, e.g. `2027-03-04T09:00:00.000Z`. */
export function toInstantISO(instant: InstantInput | DateTime): string {
  if (typeof instant === 'string' && canonicalMillis(instant) !== undefined) return instant;
  if (instant instanceof Date && !Number.isNaN(instant.getTime())) return instant.toISOString();
  const dateTime = DateTime.isDateTime(instant) ? instant : parseInstant(instant);
  // Date#toISOString prints exactly luxon's UTC ISO form for years 0000-9999, at a fraction of the cost.
  if (dateTime.isValid && dateTime.year >= 0 && dateTime.year <= 9999)
    return new Date(dateTime.toMillis()).toISOString();
  return dateTime.toUTC().toISO({ suppressMilliseconds: false })!;
}

/**
 * Today as the body counts it: the local calendar date of the clock's now. Every "today" in the
 * rules is this (between 00:00 and 01:00/02:00 Copenhagen time the UTC date is still yesterday).
 */
export function localToday(clock: { now(): Date }, zone: string): string {
  return localDate(clock.now(), zone);
}

/** The local calendar date (YYYY-MM-DD) of an instant. */
export function localDate(instant: InstantInput, zone: string): string {
  return localDateTime(instant, zone).toISODate()!;
}

/** The local wall-clock time (HH:mm) of an instant. */
export function localTime(instant: InstantInput, zone: string): string {
  return localDateTime(instant, zone).toFormat('HH:mm');
}

const CLOCK_WITH_POINT: ReadonlySet<string> = new Set(['da', 'nb']);

/**
 * The luxon pattern of a wall-clock time as each language writes it: Danish "10.00" (with a
 * point, Retskrivningsordbogen), Norwegian too (Språkrådet), English "10:00". Every time the users
 * read goes through it, so a card never says "kl. 10:00" beside "kl. 10.00" (issue 26.9).
 */
export function clockPattern(locale: string): string {
  return CLOCK_WITH_POINT.has(locale) ? 'HH.mm' : 'HH:mm';
}

/** The local wall-clock time of an instant as the language writes it ("10.00" / "10:00"). */
export function formatClock(instant: InstantInput, zone: string, locale: string): string {
  return localDateTime(instant, zone).toFormat(clockPattern(locale));
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

/**
 * Shifts one instant by whole calendar days in local time, many times: the instant is put in the
 * zone once and each shift keeps its wall-clock time (luxon's calendar math), e.g. a meeting at
 * 2027-04-01 10:00 (CEST) shifted by -28 gives 2027-03-04 10:00 (CET). Equal to addLocalDays for
 * every `days`, with one parse and one zone conversion for all of them.
 */
export function localDayShifter(instant: InstantInput, zone: string): (days: number) => string {
  const local = localDateTime(instant, zone);
  return (days) => toInstantISO(local.plus({ days }));
}

/** Adds minutes of elapsed time (agenda item times: a DST change shifts the wall clock, not the duration). */
export function addMinutes(instant: InstantInput, minutes: number): string {
  return toInstantISO(parseInstant(instant).plus({ minutes }));
}

/** Milliseconds since the epoch; for comparisons of instants in any ISO form. */
export function instantMillis(instant: InstantInput): number {
  if (typeof instant === 'string') {
    const millis = canonicalMillis(instant);
    if (millis !== undefined) return millis;
  } else if (instant instanceof Date && !Number.isNaN(instant.getTime())) {
    return instant.getTime();
  }
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
