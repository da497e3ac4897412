/**
 * Cards of agenda proposals: the proposal form (re-filled with the user's values and a reason next
 * to each wrong field when refused), the confirmation that replaces it, the refusal with the
 * deadline, the secretariat's triage card and the outcome posted to the proposer's group.
 *
 * The form carries a `cardInstanceId` in its action data: the proposal's id, so a re-sent submit
 * of the same card creates nothing new.
 *
 * Size: the cards that show a stored proposal (received, triage, triaged, outcome) take its user
 * texts (title, description of up to 4,000 characters, proposed decision of up to 4,000, the
 * proposer, the material link, the triage reason) through the card budget
 * (src/platform/cards/card-budget.ts), so even a proposal at the limits of every field fits in
 * Teams; a shortened card says how many texts were shortened.
 */
import type { AgendaItemKind, Locale } from '../../domain/model';
import {
  AGENDA_ITEM_KINDS,
  PROPOSAL_LIMITS,
  type ProposalField,
  type ProposalFieldError,
} from './domain/proposals';
import type { MessageKey, Translate } from '../../platform/i18n';
import type { MeetingRecord } from '../meetings';
import type { ProposalRecord } from './proposals-repository';
import { fitCard, fitNote, type TextFit } from '../../platform/cards/card-budget';
import { MATERIAL_LIMITS } from './domain/material';
import { materialSummary } from './material-cards';
import { formatInstant } from '../../platform/cards/reminders';
import { markdownText } from '../../platform/cards/text';
import {
  adaptiveCard,
  choiceSetInput,
  errorBanner,
  executeAction,
  factSet,
  paragraph,
  textInput,
  title,
  type AdaptiveCard,
  type CardElement,
} from '../../platform/cards/builders';

export const PROPOSAL_VERBS = { submit: 'proposal.submit', triage: 'proposal.triage' } as const;

export interface ProposalFormValues {
  title?: string;
  description?: string;
  kind?: string;
  requestedMinutes?: string;
  /** Cards sent before material lines existed still carry this one link. */
  materialUrl?: string;
  /** The material lines: "title | url", one a line. */
  material?: string;
  proposedDecision?: string;
}

export function fieldErrorText(t: Translate, error: ProposalFieldError): string {
  return t(`proposals.err_${error.code}` as MessageKey, error.params);
}

export function kindName(t: Translate, kind: AgendaItemKind): string {
  return t(`agenda.kind_${kind}`);
}

export interface ProposalFormInput {
  locale: Locale;
  timeZone: string;
  groupId: string;
  groupName: string;
  meeting: MeetingRecord;
  deadline: string;
  cardInstanceId: string;
  /** The secretariat adding after the deadline. */
  late?: boolean;
  values?: ProposalFormValues;
  errors?: ProposalFieldError[];
}

/** The form's heading: which meeting, which group, until when (and the late warning). */
function proposalFormIntro(t: Translate, input: ProposalFormInput): CardElement[] {
  const when = (instant: string) => formatInstant(instant, input.locale, input.timeZone);
  const intro: CardElement[] = [
    title(t('proposals.formTitle')),
    paragraph(
      t('proposals.formIntro', {
        meeting: when(input.meeting.startsAt),
        group: markdownText(input.groupName),
        deadline: when(input.deadline),
      }),
    ),
  ];
  if (input.late)
    intro.push(
      paragraph(t('proposals.formIntroLate', { deadline: when(input.deadline) }), { color: 'Warning' }),
    );
  if (input.errors && input.errors.length > 0) intro.push(errorBanner([t('proposals.errorIntro')]));
  return intro;
}

/** The form's inputs, re-filled with the user's values and the reason next to each wrong field. */
function proposalFormFields(
  t: Translate,
  values: ProposalFormValues,
  errors: ProposalFieldError[] | undefined,
): CardElement[] {
  const errorOf = (field: ProposalField) => {
    const error = errors?.find((candidate) => candidate.field === field);
    return error ? fieldErrorText(t, error) : undefined;
  };
  const L = PROPOSAL_LIMITS;
  // Inputs are not marked required: the server validates every field and answers with the reasons on the card.
  return [
    ...textInput({
      id: 'title',
      label: t('proposals.fieldTitle'),
      value: values.title,
      maxLength: L.titleMaxChars,
      error: errorOf('title'),
    }),
    ...textInput({
      id: 'description',
      label: t('proposals.fieldDescription'),
      value: values.description,
      multiline: true,
      maxLength: L.descriptionMaxChars,
      error: errorOf('description'),
    }),
    ...choiceSetInput({
      id: 'kind',
      label: t('proposals.fieldKind'),
      choices: AGENDA_ITEM_KINDS.map((kind) => ({ title: kindName(t, kind), value: kind })),
      value: values.kind || 'discussion',
      error: errorOf('kind'),
    }),
    ...textInput({
      id: 'requestedMinutes',
      label: t('proposals.fieldMinutes'),
      value: values.requestedMinutes ?? '15',
      error: errorOf('requestedMinutes'),
    }),
    ...textInput({
      id: 'material',
      label: t('material.fieldLabel'),
      // A re-filled card from before the material lines keeps its one link as the first line.
      value: values.material || values.materialUrl,
      placeholder: t('material.placeholder'),
      multiline: true,
      maxLength: MATERIAL_FORM_MAX_CHARS,
      error: materialErrors(t, errors),
    }),
    ...textInput({
      id: 'proposedDecision',
      label: t('proposals.fieldDecision'),
      value: values.proposedDecision,
      multiline: true,
      maxLength: L.proposedDecisionMaxChars,
      error: errorOf('proposedDecision'),
    }),
  ];
}

/** Room for the governance maximum of lines at their longest (a phone types them one a line). */
const MATERIAL_FORM_MAX_CHARS = 10 * (MATERIAL_LIMITS.titleMaxChars + MATERIAL_LIMITS.urlMaxChars);

/** Every wrong material line's reason (one field, several lines), or the old single link's. */
function materialErrors(t: Translate, errors: ProposalFieldError[] | undefined): string | undefined {
  const wrong = (errors ?? []).filter((error) => error.field === 'material' || error.field === 'materialUrl');
  return wrong.length > 0 ? wrong.map((error) => fieldErrorText(t, error)).join(' ') : undefined;
}

export function proposalFormCard(t: Translate, input: ProposalFormInput): AdaptiveCard {
  const body = [...proposalFormIntro(t, input), ...proposalFormFields(t, input.values ?? {}, input.errors)];
  return adaptiveCard(body, [
    executeAction(
      t('proposals.submit'),
      PROPOSAL_VERBS.submit,
      { groupId: input.groupId, meetingId: input.meeting.id, cardInstanceId: input.cardInstanceId },
      'positive',
    ),
  ]);
}

function proposalFacts(
  t: Translate,
  fit: TextFit,
  proposal: ProposalRecord,
  meetingTime: string,
  groupName?: string,
) {
  return factSet([
    { title: t('proposals.factProposer'), value: fit.text(proposal.proposerName ?? proposal.proposerId) },
    { title: t('proposals.factGroup'), value: fit.text(groupName) },
    { title: t('proposals.factMeeting'), value: meetingTime },
    { title: t('proposals.factKind'), value: kindName(t, proposal.kind) },
    {
      title: t('proposals.factMinutes'),
      value: t('meetings.minutes', { minutes: proposal.requestedMinutes }),
    },
    { title: t('proposals.factMaterial'), value: fit.text(materialSummary(t, proposal)) },
    { title: t('proposals.factLate'), value: proposal.late ? t('proposals.lateValue') : '' },
  ]);
}

/** Ends the body of a card built through the budget: the note when texts were shortened. */
function fitted(t: Translate, fit: TextFit, body: CardElement[]): CardElement[] {
  const note = fitNote(t, fit);
  return note ? [...body, note] : body;
}

/** Replaces the form after a successful submit. */
export function proposalReceivedCard(
  t: Translate,
  input: { proposal: ProposalRecord; meetingTime: string; deadlineTime: string; triagePosted: boolean },
): AdaptiveCard {
  return fitCard((fit) => {
    const body: CardElement[] = [
      title(t('proposals.receivedTitle')),
      paragraph(
        t('proposals.receivedBody', { title: fit.text(input.proposal.title), meeting: input.meetingTime }),
      ),
    ];
    if (input.proposal.late)
      body.push(
        paragraph(t('proposals.receivedLate', { deadline: input.deadlineTime }), { color: 'Warning' }),
      );
    if (!input.triagePosted) body.push(paragraph(t('proposals.triageNotPosted'), { color: 'Attention' }));
    body.push(proposalFacts(t, fit, input.proposal, input.meetingTime));
    return adaptiveCard(fitted(t, fit, body));
  }).card;
}

export function proposalRefusedCard(
  t: Translate,
  input: { reason: string; meetingTime: string; deadlineTime: string },
): AdaptiveCard {
  return adaptiveCard([
    title(t('proposals.refusedTitle')),
    paragraph(
      t(`proposals.refused_${input.reason}` as MessageKey, {
        meeting: input.meetingTime,
        deadline: input.deadlineTime,
      }),
      { color: 'Attention' },
    ),
  ]);
}

/** Posted to the secretariat: accept / reject / defer with a reason. */
export function triageCard(
  t: Translate,
  input: {
    proposal: ProposalRecord;
    groupName: string;
    meetingTime: string;
    error?: string;
    reason?: string;
  },
): AdaptiveCard {
  return fitCard((fit) => buildTriageCard(t, input, fit)).card;
}

function buildTriageCard(t: Translate, input: Parameters<typeof triageCard>[1], fit: TextFit): AdaptiveCard {
  const { proposal } = input;
  const body: CardElement[] = [title(t('proposals.triageTitle', { title: fit.text(proposal.title) }))];
  if (input.error) body.push(errorBanner([input.error]));
  if (proposal.description) body.push(paragraph(fit.text(proposal.description)));
  if (proposal.proposedDecision)
    body.push(paragraph(`**${t('proposals.factDecision')}:** ${fit.text(proposal.proposedDecision)}`));
  body.push(proposalFacts(t, fit, proposal, input.meetingTime, input.groupName));
  body.push(
    ...textInput({
      id: 'reason',
      label: t('proposals.reasonLabel'),
      value: input.reason,
      multiline: true,
      maxLength: 1000,
      error: input.error,
    }),
  );
  const ids = { groupId: proposal.groupId, proposalId: proposal.id };
  return adaptiveCard(fitted(t, fit, body), [
    executeAction(t('proposals.accept'), PROPOSAL_VERBS.triage, { ...ids, decision: 'accept' }, 'positive'),
    executeAction(
      t('proposals.reject'),
      PROPOSAL_VERBS.triage,
      { ...ids, decision: 'reject' },
      'destructive',
    ),
    executeAction(t('proposals.defer'), PROPOSAL_VERBS.triage, { ...ids, decision: 'defer' }),
  ]);
}

/** Replaces the triage card once decided (no buttons left). */
export function triagedCard(
  t: Translate,
  input: {
    proposal: ProposalRecord;
    groupName: string;
    meetingTime: string;
    decidedAt: string;
    note?: string;
  },
): AdaptiveCard {
  const { proposal } = input;
  const status = t(`proposals.status_${proposal.status}`);
  return fitCard((fit) => {
    const body: CardElement[] = [
      title(t('proposals.triagedTitle', { title: fit.text(proposal.title), status })),
    ];
    if (input.note) body.push(paragraph(input.note, { color: 'Warning' }));
    body.push(paragraph(t('proposals.triagedBy', { at: input.decidedAt }), { isSubtle: true }));
    if (proposal.triage?.reason)
      body.push(paragraph(t('proposals.outcomeReason', { reason: fit.text(proposal.triage.reason) })));
    body.push(proposalFacts(t, fit, proposal, input.meetingTime, input.groupName));
    return adaptiveCard(fitted(t, fit, body));
  }).card;
}

/** Posted in the proposal's group channel: tells the proposer (by name) the outcome. */
export function proposalOutcomeCard(
  t: Translate,
  input: { proposal: ProposalRecord; meetingTime: string; deferredToTime?: string },
): AdaptiveCard {
  const { proposal } = input;
  const status = t(`proposals.status_${proposal.status}`);
  return fitCard((fit) => {
    const body: CardElement[] = [
      title(t('proposals.outcomeTitle', { status })),
      paragraph(
        t('proposals.outcomeBody', {
          name: fit.text(proposal.proposerName ?? proposal.proposerId),
          title: fit.text(proposal.title),
          meeting: input.meetingTime,
          status,
        }),
      ),
    ];
    if (proposal.triage?.reason)
      body.push(paragraph(t('proposals.outcomeReason', { reason: fit.text(proposal.triage.reason) })));
    if (input.deferredToTime)
      body.push(paragraph(t('proposals.outcomeDeferred', { meeting: input.deferredToTime })));
    return adaptiveCard(fitted(t, fit, body));
  }).card;
}
