/**
 * The meeting commands' arguments and card actions' data as typed input. Dates and times stay as
 * typed: the meeting service resolves them and says on the card what is wrong with one.
 */
import { z } from 'zod';
import { cardText, commandText, commandWords } from '../../platform/teams/define';
import type { LocalSlot } from './meetings-service';

/** "schedule meeting [date time [location…]]": no date opens the form. */
export const scheduleArgs = commandWords.transform(([date, time, ...location]) => ({
  date,
  time,
  location: location.join(' '),
}));

/** "schedule year <year>": four digits, else the usage. */
export const scheduleYearArgs = commandText.pipe(z.string().regex(/^\d{4}$/)).transform(Number);

/** "move meeting <meeting> <new date> [time]". */
export const moveArgs = commandWords.pipe(
  z
    .tuple([z.string(), z.string()], z.string())
    .transform(([reference, date, time]) => ({ reference, date, time: time as string | undefined })),
);

export const scheduleInput = z.object({
  groupId: cardText,
  date: cardText,
  time: cardText,
  location: cardText,
});

/** The year form: `count` slots (4 by default, at most 12) named date1/time1 … dateN/timeN. */
export const scheduleYearInput = z
  .looseObject({
    groupId: cardText,
    year: z.coerce.number().catch(Number.NaN),
    count: z.coerce.number().catch(0),
  })
  .transform((data) => {
    const count = Math.min(data.count || 4, 12);
    const slots: LocalSlot[] = [];
    for (let number = 1; number <= count; number++)
      slots.push({
        date: cardText.parse(data[`date${number}`]),
        time: cardText.parse(data[`time${number}`]),
      });
    return { groupId: data.groupId, year: data.year, slots };
  });

export const moveInput = z.object({
  groupId: cardText,
  meetingId: cardText,
  newDate: cardText,
  newTime: cardText,
});

export const cancelInput = z.object({ groupId: cardText, meetingId: cardText });
