/**
 * The endorsements' command arguments and card data as typed input. Ids are read as the cards sent
 * them; the typed fields stay as typed, so the rules (domain/endorsements.ts) name what is wrong on
 * the re-filled form.
 */
import { z } from 'zod';
import { cardString, cardValueText, commandText } from '../../platform/teams/define';
import { ENDORSEMENT_CHOICES } from './domain/endorsements';
import { endorsementIdOf } from './endorsements-repository';

/** "indstilling": nothing follows (the form asks for the rest). */
export const endorsementArgs = commandText;

export const submitEndorsementInput = z.object({
  // The endorsement's id comes from it: a card without a usable one is no form of ours.
  cardInstanceId: cardValueText.refine((value) => endorsementIdOf(value) !== ''),
  title: cardString,
  text: cardString,
  material: cardString,
});
export type SubmitEndorsementInput = z.infer<typeof submitEndorsementInput>;

export const voteEndorsementInput = z.object({
  steeringGroupId: cardValueText,
  endorsementId: cardValueText,
  choice: z.enum(ENDORSEMENT_CHOICES),
});
export type VoteEndorsementInput = z.infer<typeof voteEndorsementInput>;
