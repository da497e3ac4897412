/**
 * When a body meets, as its governance file says: the months of the year, the weekday and which of
 * that weekday in the month, and the time. "Plan the year" proposes these dates (the secretariat
 * can still edit each one on the card). FKI meets quarterly on the first Thursday at 10:00; another
 * body may meet monthly, on the last Tuesday, at 18:00.
 */
import { DateTime } from 'luxon';
import { z } from 'zod';

const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;

export const meetingCadenceSchema = z.strictObject({
  /** 1–12; the default is one meeting a quarter. */
  months: z
    .array(z.number().int().min(1).max(12), { error: 'expected a list of months 1–12' })
    .min(1, { error: 'expected at least one month' })
    .refine((months) => new Set(months).size === months.length, { error: 'expected each month once' })
    .default([3, 6, 9, 12]),
  weekday: z.enum(WEEKDAYS, { error: `expected one of ${WEEKDAYS.join(', ')}` }).default('thursday'),
  /** 1 = the first such weekday of the month … 4, or last. */
  week: z.union([z.number().int().min(1).max(4), z.literal('last')]).default(1),
  time: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: 'expected a time HH:mm, e.g. 10:00' })
    .default('10:00'),
});
export type MeetingCadence = z.output<typeof meetingCadenceSchema>;

export const DEFAULT_CADENCE: MeetingCadence = meetingCadenceSchema.parse({});

/** The local dates (YYYY-MM-DD) and time of a year's meetings under the cadence, in month order. */
export function cadenceSlots(
  cadence: MeetingCadence,
  year: number,
  timeZone: string,
): { date: string; time: string }[] {
  const weekday = WEEKDAYS.indexOf(cadence.weekday) + 1;
  return [...cadence.months]
    .sort((a, b) => a - b)
    .map((month) => ({ date: nthWeekday(year, month, weekday, cadence.week, timeZone), time: cadence.time }));
}

function nthWeekday(
  year: number,
  month: number,
  weekday: number,
  week: number | 'last',
  zone: string,
): string {
  if (week === 'last') {
    let day = DateTime.fromObject({ year, month, day: 1 }, { zone }).endOf('month').startOf('day');
    while (day.weekday !== weekday) day = day.minus({ days: 1 });
    return day.toISODate()!;
  }
  let day = DateTime.fromObject({ year, month, day: 1 }, { zone });
  while (day.weekday !== weekday) day = day.plus({ days: 1 });
  return day.plus({ weeks: week - 1 }).toISODate()!;
}
