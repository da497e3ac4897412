/**
 * The budget commands' arguments and the commitment form's data as typed input. The form's fields
 * stay as typed: the budget service reads the year and the amount and says what is wrong.
 */
import { z } from 'zod';
import { cardString } from '../../platform/teams/define';

/** A commitment form field, read only as text: anything else is empty, as the form always has. */
const formText = cardString;

/** "economy [year]" / "commitment [year]": four digits name the year, anything else means this year. */
export const yearArgs = z.string().transform((text) => {
  const match = /^\s*(\d{4})\s*$/.exec(text);
  return match ? Number(match[1]) : undefined;
});

/**
 * The commitment form: its request id (carried by the card, so a re-sent commit books once) and
 * the fields, kept as typed so a refused form shows them again.
 */
export const commitInput = z
  .object({
    requestId: formText,
    initiative: formText,
    year: formText,
    amount: formText,
    meetingId: formText,
    note: formText,
  })
  .transform(({ requestId, ...values }) => ({ requestId, values }));

export type CommitValues = z.infer<typeof commitInput>['values'];

/** The price form: its request id (a re-sent card records the price once), the year and the price. */
export const priceInput = z
  .object({ requestId: formText, year: formText, price: formText })
  .transform(({ requestId, ...values }) => ({ requestId, values }));

export type PriceValues = z.infer<typeof priceInput>['values'];
