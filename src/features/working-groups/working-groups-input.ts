/**
 * The working-group commands' arguments and card actions' data as typed input. The proposal form's
 * fields are read as Teams sends them (text, or a number as its digits; anything else as not
 * filled in) and validated by validateProposal, which names each refused field on the card. The
 * list card's inline forms name their inputs by group (workingGroupInputIds); those fields count
 * only as text, anything else as empty.
 */
import { z } from 'zod';
import { clipText } from '../../platform/cards/text';
import { cardString, commandWords } from '../../platform/teams/define';
import { DISSOLVE_CONFIRMED, REASON_MAX_CHARS, workingGroupInputIds } from './working-group-cards';
import { PROPOSAL_FIELDS, type ProposalField, type ProposalValues } from './working-group-proposal';

/** A proposal field: absent unless sent as text or a number. */
const proposalField = z
  .union([z.string(), z.number().transform(String)])
  .optional()
  .catch(undefined);

/** The form's values, only the fields filled in (the form shows the others empty or as default). */
export const proposalInput: z.ZodType<ProposalValues> = z
  .object(
    Object.fromEntries(PROPOSAL_FIELDS.map((field) => [field, proposalField])) as Record<
      ProposalField,
      typeof proposalField
    >,
  )
  .transform(
    (read) =>
      Object.fromEntries(Object.entries(read).filter(([, value]) => value !== undefined)) as ProposalValues,
  );

/** A field of the list card's forms: the text as typed, anything else empty. */
const formText = cardString;

/** "dissolve working group [id]": without an id, the group of the channel. */
export const dissolveArgs = commandWords.transform(([id]) => id ?? '');

/** "extend working group <id> <YYYY-MM-DD> <reason…>". */
export const extendArgs = commandWords.transform(([id = '', date = '', ...reason]) => ({
  id,
  date,
  reason: reason.join(' '),
}));

/** The dissolve button: `confirm` once the user confirmed, and the reason typed in the group's form. */
export const dissolveInput = z
  .looseObject({ groupId: formText, confirm: z.unknown().optional() })
  .transform((data) => ({
    groupId: data.groupId,
    confirmed: data.confirm === DISSOLVE_CONFIRMED,
    reason: clipText(
      formText.parse(data[workingGroupInputIds(data.groupId).dissolveReason]),
      REASON_MAX_CHARS,
    ),
  }));

/** The extend button: the new end date and the reason typed in the group's form. */
export const extendInput = z.looseObject({ groupId: formText }).transform((data) => {
  const ids = workingGroupInputIds(data.groupId);
  return {
    groupId: data.groupId,
    end: formText.parse(data[ids.extendEnd]).trim(),
    reason: clipText(formText.parse(data[ids.extendReason]), REASON_MAX_CHARS),
  };
});
