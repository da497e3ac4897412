/**
 * Danish public holidays (helligdage) and working days, for deadlines that must end on a day the
 * municipalities work (a hearing's close). Pure: calendar dates (YYYY-MM-DD) in, no zone.
 *
 * The holidays: nytårsdag (1 January), skærtorsdag, langfredag, påskedag, 2. påskedag, Kristi
 * himmelfartsdag, pinsedag, 2. pinsedag, juledag and 2. juledag (25-26 December); store bededag
 * (4th Friday after Easter) only until 2023, when it was abolished. Grundlovsdag, juleaftensdag and
 * nytårsaftensdag are not public holidays and are left out.
 */
import { DateTime } from 'luxon';

/** Easter Sunday of a Gregorian year (the anonymous Gregorian algorithm, Meeus/Jones/Butcher). */
export function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return DateTime.utc(year, month, day).toISODate()!;
}

/** Days from Easter Sunday of the movable holidays. */
const EASTER_OFFSETS = {
  skaertorsdag: -3,
  langfredag: -2,
  paaskedag: 0,
  andenPaaskedag: 1,
  kristiHimmelfart: 39,
  pinsedag: 49,
  andenPinsedag: 50,
};
const STORE_BEDEDAG_OFFSET = 26;
const LAST_STORE_BEDEDAG_YEAR = 2023;

const byYear = new Map<number, ReadonlySet<string>>();

/** The public holidays of a year, as calendar dates. */
export function danishPublicHolidays(year: number): ReadonlySet<string> {
  const known = byYear.get(year);
  if (known) return known;
  const easter = DateTime.fromISO(easterSunday(year), { zone: 'UTC' });
  const offsets: number[] = Object.values(EASTER_OFFSETS);
  if (year <= LAST_STORE_BEDEDAG_YEAR) offsets.push(STORE_BEDEDAG_OFFSET);
  const dates = new Set<string>([`${year}-01-01`, `${year}-12-25`, `${year}-12-26`]);
  for (const days of offsets) dates.add(easter.plus({ days }).toISODate()!);
  byYear.set(year, dates);
  return dates;
}

/** Monday to Friday and not a public holiday. */
export function isDanishWorkingDay(date: string): boolean {
  const day = DateTime.fromISO(date, { zone: 'UTC' });
  if (!day.isValid) throw new RangeError(`not a valid calendar date (YYYY-MM-DD): ${date}`);
  return day.weekday <= 5 && !danishPublicHolidays(day.year).has(date);
}

/** The date itself when it is a working day, else the next working day after it. */
export function workingDayOnOrAfter(date: string): string {
  let day = DateTime.fromISO(date, { zone: 'UTC' });
  while (!isDanishWorkingDay(day.toISODate()!)) day = day.plus({ days: 1 });
  return day.toISODate()!;
}
