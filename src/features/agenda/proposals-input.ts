/**
 * The proposal commands' arguments and card actions' data as typed input. The form's fields stay as
 * typed: the proposal rules (domain/proposals) name what is wrong with one, on the re-filled form.
 */
import { z } from 'zod';
import { cardText, commandText } from '../../platform/teams/define';
import type { ProposalFormValues } from './proposal-cards';

/** "agenda [meeting id or date]": no reference means the next meeting. */
export const agendaArgs = commandText;

/** The proposal form's submit: which card (its instance id is the proposal's id) and the fields. */
export const submitInput = z
  .object({
    groupId: cardText,
    meetingId: cardText,
    cardInstanceId: cardText,
    title: cardText,
    description: cardText,
    kind: cardText,
    requestedMinutes: cardText,
    materialUrl: cardText,
    material: cardText,
    proposedDecision: cardText,
  })
  .transform(({ groupId, meetingId, cardInstanceId, ...fields }) => ({
    groupId,
    meetingId,
    cardInstanceId,
    values: fields satisfies ProposalFormValues,
  }));

/** A triage button: the decision is one of three, else the proposal is treated as not found. */
export const triageInput = z.object({
  groupId: cardText,
  proposalId: cardText,
  decision: cardText.pipe(z.enum(['accept', 'reject', 'defer'])),
  reason: cardText,
});

export type SubmitInput = z.infer<typeof submitInput>;
export type TriageInput = z.infer<typeof triageInput>;
