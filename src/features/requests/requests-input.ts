/**
 * The requests' command arguments and card data as typed input. Ids are read as the cards sent
 * them; the typed fields stay as typed, so the rules (domain/requests.ts) name what is wrong on the
 * re-filled form. A due date typed as D.M.YYYY is read as the date it names.
 */
import { z } from 'zod';
import { cardString, cardText, cardValueText, commandText } from '../../platform/teams/define';
import { parseLocalDate } from '../meetings';
import { requestIdOf } from './requests-repository';

/** "anmod om belysning": nothing follows (the form asks for the rest). */
export const requestArgs = commandText;

export const submitRequestInput = z.object({
  // The request's id comes from it: a card without a usable one is no form of ours.
  cardInstanceId: cardValueText.refine((value) => requestIdOf(value) !== ''),
  referenceGroupId: cardValueText,
  topic: cardString,
  question: cardString,
  background: cardString,
  material: cardString,
  dueDate: cardText.transform((value) => parseLocalDate(value) ?? value),
});
export type SubmitRequestInput = z.infer<typeof submitRequestInput>;

export const answerRequestInput = z.object({
  steeringGroupId: cardValueText,
  requestId: cardValueText,
  answer: cardString,
  material: cardString,
});
export type AnswerRequestInput = z.infer<typeof answerRequestInput>;
