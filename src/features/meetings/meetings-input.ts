/**
 * The meeting commands' arguments and card actions' data as typed input. A command's date and time
 * stay as typed (the meeting service resolves them and says what is wrong with each); a form's are
 * read by cardDate/cardTime, so one refusal names every bad field at once.
 */
import { z } from 'zod';
import { splitDateTimeWords } from '../../domain/danish-dates';
import {
  cardDate,
  cardText,
  cardTime,
  commandText,
  commandWords,
  optionalCardTime,
} from '../../platform/teams/define';
import type { LocalSlot } from './meetings-service';

/**
 * "schedule meeting [date [kl.] [time] [location…]]": no date opens the form. "kl. 10" is the time
 * (never part of the location); a word after the date that is no time starts the location.
 */
export const scheduleArgs = commandWords.transform((words) => {
  const { date, time, rest } = splitDateTimeWords(words);
  return { date, time, location: rest.join(' ') };
});

/** "schedule year <year>": four digits, else the usage. */
export const scheduleYearArgs = commandText.pipe(z.string().regex(/^\d{4}$/)).transform(Number);

/** "move meeting <meeting> <new date> [kl.] [time]". */
export const moveArgs = commandWords.pipe(
  z.tuple([z.string(), z.string()], z.string()).transform(([reference, ...rest]) => {
    const { date, time } = splitDateTimeWords(rest);
    return { reference, date: date!, time };
  }),
);

/** The schedule form: each field checked on its own, so every bad one is reported together. */
export const scheduleInput = z.object({
  groupId: cardText.pipe(z.string().min(1)),
  date: cardDate,
  time: cardTime,
  location: cardText.pipe(z.string().trim().max(300)),
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

/** The meeting card's move: a new date, and a new time or none (the meeting keeps its time). */
export const moveInput = z.object({
  groupId: cardText,
  meetingId: cardText,
  newDate: cardDate,
  newTime: optionalCardTime,
});

export const cancelInput = z.object({ groupId: cardText, meetingId: cardText });

/** Confirm on a cancellation card: the meeting as it was when the card was made (its sequence). */
export const confirmCancelInput = z.object({
  groupId: cardText,
  meetingId: cardText,
  sequence: z.coerce.number().int().nonnegative().catch(-1),
});

/** Confirm on a move card: as confirmCancelInput, plus where to (normalised by the card). */
export const confirmMoveInput = confirmCancelInput.extend({ date: cardText, time: cardText });
