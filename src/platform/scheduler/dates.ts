import { addDaysToDate, instantOfLocal } from '../../domain/time';

/** Date-based warnings (terms, working groups) go out at this local time on their warning day. */
export const WARNING_LOCAL_TIME = '09:00';

/** The instant a warning `days` before `endDate` is due: 09:00 local time on that day. */
export function warningInstant(endDate: string, days: number, zone: string): Date {
  return new Date(instantOfLocal(addDaysToDate(endDate, -days), WARNING_LOCAL_TIME, zone));
}

/** The end of a calendar date in local time: after it a warning about that date is pointless. */
export function endOfLocalDate(date: string, zone: string): Date {
  return new Date(instantOfLocal(addDaysToDate(date, 1), '00:00', zone));
}
