/**
 * The hearing commands' arguments and card actions' data as typed input. The hearing id is read as
 * the cards always sent it (whatever came, as text); the vote's choice must be one of the three,
 * and its comment counts only as text.
 */
import { z } from 'zod';
import { cardValueText, commandText } from '../../platform/teams/define';

/** A hearing id from a card: anything sent as its text, nothing as empty. */
const hearingId = cardValueText;

export const voteInput = z.object({
  hearingId,
  choice: z.enum(['approve', 'reject', 'abstain']),
  comment: z.string().optional().catch(undefined),
});
export type VoteInput = z.infer<typeof voteInput>;

/** The refresh (a voter's own view) and the withdraw button carry only the hearing. */
export const hearingInput = z.object({ hearingId });

/** "withdraw hearing <id>": the id as typed. */
export const withdrawArgs = commandText;
