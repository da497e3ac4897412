/**
 * When a written hearing closes (issue 26.9: it closed 14 days to the minute after it opened, so a
 * hearing opened a Sunday at 14:34 closed a Sunday at 14:34). The members answer in their working
 * day, so the hearing closes at the end of a working day in the body's zone: the first working
 * day's 16:00 that is at least `closingDays` calendar days after the opening. Weekends and Danish
 * public holidays are not working days (src/domain/holidays.ts). 16:00 is the end of a municipal
 * working day; the days come from the governance file (`hearing.closingDays`).
 */
import {
  addDaysToDate,
  instantMillis,
  instantOfLocal,
  localDate,
  localDayShifter,
} from '../../../domain/time';
import { workingDayOnOrAfter } from '../../../domain/holidays';

/** The local wall-clock time a hearing closes on its last day. */
export const HEARING_CLOSING_TIME = '16:00';

export function hearingClosesAt(openedAt: Date | string, closingDays: number, zone: string): string {
  // The full period in local calendar days (a DST change in between keeps the wall-clock time).
  const fullPeriod = localDayShifter(openedAt, zone)(closingDays);
  let day = workingDayOnOrAfter(localDate(fullPeriod, zone));
  let closes = instantOfLocal(day, HEARING_CLOSING_TIME, zone);
  // Opened after 16:00: that day's end would cut the period short, so the next working day's.
  if (instantMillis(closes) < instantMillis(fullPeriod)) {
    day = workingDayOnOrAfter(addDaysToDate(day, 1));
    closes = instantOfLocal(day, HEARING_CLOSING_TIME, zone);
  }
  return closes;
}
