/**
 * Dates and times as people in the Danish municipalities write them, read into the bot's forms
 * (YYYY-MM-DD and HH:mm, wall-clock time in the governance time zone). One place for every card
 * form and command that takes a date or a time, so "10.03.2027 kl. 10" means the same everywhere.
 *
 * Dates: 2027-03-10, 10.03.2027, 10.3.2027, 10/3-2027, 10/3/2027, 10-03-2027 (day first; a
 * four-digit year, because "10.3.27" is ambiguous across a century and nobody needs it).
 * Times: 10, 10.00, 10:00, kl. 10, kl. 10.30, kl 10:30, kl.10 (24-hour clock; 24.00 is refused:
 * the day's end is the next day's 00.00).
 *
 * A refusal names its problem, so the card can say what is wrong with the field instead of only
 * "invalid": the features turn a problem into a catalogue text (dateProblemText in
 * src/platform/teams/define.ts).
 */
import { DateTime } from 'luxon';

export type DateProblem = 'empty' | 'date-format' | 'no-such-date';
export type TimeProblem = 'empty' | 'time-format' | 'hour-range' | 'minute-range';
/** The wall-clock time does not exist that day (the spring DST change skips 02:00-03:00). */
export type InstantProblem = 'dst-gap';
export type DateTimeProblem = DateProblem | TimeProblem | InstantProblem;

export type Parsed<Value, Problem> = { ok: true; value: Value } | { ok: false; problem: Problem };

const ISO_DATE = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;
/** Day first, any of . - / between the parts (10/3-2027 mixes them, as Danes write it). */
const DANISH_DATE = /^(\d{1,2})[./-](\d{1,2})[./-](\d{4})$/;
/** An optional "kl." or "kl" (with or without a space), hours, and optionally . or : with two-digit minutes. */
const TIME = /^(?:kl\.?\s*)?(\d{1,2})(?:[:.](\d{2}))?$/i;

function refused<Problem>(problem: Problem): { ok: false; problem: Problem } {
  return { ok: false, problem };
}

/** A typed date as YYYY-MM-DD; 31.02.2027 and 2027-13-01 are `no-such-date`. */
export function parseDanishDate(text: string): Parsed<string, DateProblem> {
  const trimmed = text.trim();
  if (trimmed === '') return refused('empty');
  const iso = ISO_DATE.exec(trimmed);
  const danish = iso ? undefined : DANISH_DATE.exec(trimmed);
  if (!iso && !danish) return refused('date-format');
  const [year, month, day] = iso
    ? [Number(iso[1]), Number(iso[2]), Number(iso[3])]
    : [Number(danish![3]), Number(danish![2]), Number(danish![1])];
  const date = DateTime.fromObject({ year, month, day }, { zone: 'UTC' });
  return date.isValid ? { ok: true, value: date.toISODate()! } : refused('no-such-date');
}

/** A typed time as HH:mm; 24.00 is `hour-range`, 10.60 `minute-range`. */
export function parseDanishTime(text: string): Parsed<string, TimeProblem> {
  const trimmed = text.trim();
  if (trimmed === '') return refused('empty');
  const match = TIME.exec(trimmed);
  if (!match) return refused('time-format');
  const hours = Number(match[1]);
  const minutes = match[2] === undefined ? 0 : Number(match[2]);
  if (hours > 23) return refused('hour-range');
  if (minutes > 59) return refused('minute-range');
  return { ok: true, value: `${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}` };
}

/** The date as YYYY-MM-DD, or undefined when it is no date (for look-ups by date, e.g. "aflys møde 1.4.2027"). */
export function danishDateOrUndefined(text: string): string | undefined {
  const parsed = parseDanishDate(text);
  return parsed.ok ? parsed.value : undefined;
}

/**
 * The instant of a parsed local date and time in `zone` (UTC ISO with milliseconds). A time the
 * clock skips (2027-03-28 02:30 in Copenhagen) is refused rather than silently moved an hour on;
 * a time the autumn change repeats (2027-10-31 02:30) is the second of the two, winter time
 * (luxon's choice; a meeting is never held then).
 */
export function localInstant(date: string, time: string, zone: string): Parsed<string, InstantProblem> {
  const [hour, minute] = time.split(':').map(Number) as [number, number];
  const local = DateTime.fromISO(`${date}T${time}`, { zone });
  if (!local.isValid || local.hour !== hour || local.minute !== minute || local.toISODate() !== date)
    return refused('dst-gap');
  return { ok: true, value: new Date(local.toMillis()).toISOString() };
}

/** Whether a word starts a time: "10", "10.30", "kl.", "kl", "kl.10" (not a word such as "Kolding"). */
function startsTime(word: string | undefined): boolean {
  return word !== undefined && (/^\d/.test(word) || /^kl\.?(\d|$)/i.test(word));
}

/**
 * A command's "<date> [kl.] [time] [rest…]" words: the date, the time as typed ("kl. 10" kept
 * whole, so "kl." never ends up in what follows) and the remaining words. The word after the date
 * is a time only when it looks like one (a digit or "kl"); otherwise there is no time and it is
 * part of the rest.
 */
export function splitDateTimeWords(words: readonly string[]): {
  date?: string;
  time?: string;
  rest: string[];
} {
  const [date, ...after] = words;
  if (!startsTime(after[0])) return { date, rest: after };
  // "kl." or "kl" alone takes the next word as the hours ("kl. 10").
  if (/^kl\.?$/i.test(after[0]!)) {
    const time = after[1] === undefined ? after[0] : `${after[0]} ${after[1]}`;
    return { date, time, rest: after.slice(2) };
  }
  return { date, time: after[0], rest: after.slice(1) };
}
