/**
 * The inspiration-talk swap's command arguments and card data as typed input. Ids arrive as the
 * card sent them (cardText); the request id must have the shape the form makes, else the request
 * is treated as unknown (nothing is read or written under a made-up key).
 */
import { z } from 'zod';
import { cardText, commandText } from '../../platform/teams/define';
import { SWAP_REQUEST_ID } from './presenter-swap-repository';

/** "byt oplæg [meeting id or date]": no reference means the first upcoming meeting whose talk is yours. */
export const swapArgs = commandText;

/** The agenda card's button: which meeting's talk. */
export const openInput = z.object({ groupId: cardText, meetingId: cardText });

const requestId = cardText.pipe(z.string().regex(SWAP_REQUEST_ID));

/** The form's submit: the meeting, the form's request id and the member chosen (empty when none was). */
export const askInput = z.object({
  groupId: cardText,
  meetingId: cardText,
  requestId,
  toPersonId: cardText,
});

/** An answer button on the request card. */
export const answerInput = z.object({
  groupId: cardText,
  requestId,
  answer: cardText.pipe(z.enum(['accept', 'decline'])),
});

export type OpenInput = z.infer<typeof openInput>;
export type AskInputData = z.infer<typeof askInput>;
export type AnswerInputData = z.infer<typeof answerInput>;
