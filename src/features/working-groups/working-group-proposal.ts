/**
 * Parsing and validating the working-group proposal card. Pure: the card's raw input values in,
 * either the proposal or one reason per refused field (catalogue keys, shown next to the field on
 * the card, which keeps what the user typed).
 */
import { DateTime } from 'luxon';
import type { ProposedMember, ResourceNeed, WorkingGroupProposal } from './domain/proposal';

/** The card's input ids (also the keys of the raw values, read by proposalInput). */
export const PROPOSAL_FIELDS = [
  'title',
  'problem',
  'mandate',
  'parentGroupId',
  'members',
  'chair',
  'resources',
  'costKr',
  'priority',
  'startDate',
  'endDate',
] as const;
export type ProposalField = (typeof PROPOSAL_FIELDS)[number];
export type ProposalValues = Partial<Record<ProposalField, string>>;

export type ProposalErrorKey =
  | 'required'
  | 'membersFormat'
  | 'resourcesFormat'
  | 'notInteger'
  | 'unknownGroup'
  | 'priorityRange'
  | 'notDate'
  | 'endBeforeStart'
  | 'tooLong';

export type ProposalValidation =
  | { ok: true; proposal: WorkingGroupProposal }
  | { ok: false; errors: Partial<Record<ProposalField, ProposalErrorKey>> };

const MAX_TEXT = 2000;

const EMAIL = /^[^\s@;]+@[^\s@;]+\.[^\s@;]+$/;

/**
 * "Name; Organisation; e-mail" per line (the e-mail may be left out): with it the member is
 * created in the register on approval (the feature looks the person up by it).
 */
export function parseMembers(text: string): ProposedMember[] | undefined {
  const lines = nonEmptyLines(text);
  const members: ProposedMember[] = [];
  for (const line of lines) {
    const [name, organisation, email, ...rest] = line.split(';').map((part) => part.trim());
    if (!name || !organisation || rest.length > 0) return undefined;
    if (email && !EMAIL.test(email)) return undefined;
    members.push(email ? { name, organisation, email: email.toLowerCase() } : { name, organisation });
  }
  return members;
}

/** "Organisation; hours" per line; empty text = no hours asked. */
export function parseResources(text: string): ResourceNeed[] | undefined {
  const resources: ResourceNeed[] = [];
  for (const line of nonEmptyLines(text)) {
    const [organisation, hours, ...rest] = line.split(';').map((part) => part.trim());
    if (!organisation || hours === undefined || rest.length > 0 || !/^\d+$/.test(hours)) return undefined;
    resources.push({ organisation, hours: Number(hours) });
  }
  return resources;
}

export function validateProposal(
  values: ProposalValues,
  context: { referenceGroupIds: readonly string[]; rankingLength: number },
): ProposalValidation {
  const errors: Partial<Record<ProposalField, ProposalErrorKey>> = {};
  const text = (field: ProposalField): string => (values[field] ?? '').trim();

  for (const field of ['title', 'problem', 'mandate', 'chair'] as const) {
    if (text(field) === '') errors[field] = 'required';
    else if (text(field).length > MAX_TEXT) errors[field] = 'tooLong';
  }
  if (!context.referenceGroupIds.includes(text('parentGroupId')))
    errors.parentGroupId = text('parentGroupId') ? 'unknownGroup' : 'required';

  const members = parseMembers(values.members ?? '');
  if (text('members') === '') errors.members = 'required';
  else if (!members) errors.members = 'membersFormat';

  const resources = parseResources(values.resources ?? '');
  if (!resources) errors.resources = 'resourcesFormat';

  const cost = text('costKr') === '' ? '0' : text('costKr');
  if (!/^\d+$/.test(cost) || !Number.isSafeInteger(Number(cost))) errors.costKr = 'notInteger';

  const priority = Number(text('priority'));
  if (text('priority') === '') errors.priority = 'required';
  else if (!Number.isInteger(priority) || priority < 1 || priority > context.rankingLength + 1)
    errors.priority = 'priorityRange';

  const start = parseDate(text('startDate'));
  const end = parseDate(text('endDate'));
  if (text('startDate') === '') errors.startDate = 'required';
  else if (!start) errors.startDate = 'notDate';
  if (text('endDate') === '') errors.endDate = 'required';
  else if (!end) errors.endDate = 'notDate';
  else if (start && end <= start) errors.endDate = 'endBeforeStart';

  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    proposal: {
      title: text('title'),
      problem: text('problem'),
      mandate: text('mandate'),
      parentGroupId: text('parentGroupId'),
      members: members!,
      chair: text('chair'),
      resources: resources!,
      costKr: Number(cost),
      priority,
      startDate: start!,
      endDate: end!,
    },
  };
}

function nonEmptyLines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

/** A real calendar date (YYYY-MM-DD); Input.Date sends exactly that. */
export function parseDate(text: string): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return undefined;
  return DateTime.fromISO(text, { zone: 'UTC' }).isValid ? text : undefined;
}

/** The card's values back from a proposal (to show the form again). */
export function valuesOf(proposal: WorkingGroupProposal): ProposalValues {
  return {
    title: proposal.title,
    problem: proposal.problem,
    mandate: proposal.mandate,
    parentGroupId: proposal.parentGroupId,
    members: proposal.members
      .map((m) => [m.name, m.organisation, ...(m.email ? [m.email] : [])].join('; '))
      .join('\n'),
    chair: proposal.chair,
    resources: proposal.resources.map((r) => `${r.organisation}; ${r.hours}`).join('\n'),
    costKr: String(proposal.costKr),
    priority: String(proposal.priority),
    startDate: proposal.startDate,
    endDate: proposal.endDate,
  };
}

/** `wg-` + a slug of the title: lower-case ascii letters, digits and dashes (storage and ledger keys). */
export function workingGroupSlug(title: string): string {
  const slug = title
    .toLowerCase()
    .replace(/æ/g, 'ae')
    .replace(/ø/g, 'oe')
    .replace(/å/g, 'aa')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/g, '');
  return `wg-${slug || 'gruppe'}`;
}
