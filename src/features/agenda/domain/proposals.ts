/**
 * Agenda proposals: may a proposal still be taken for a meeting, and are its fields valid.
 *
 * Deadline rule (the deadline is `agendaProposalsDays` calendar days before the meeting, same local
 * wall-clock time): a proposal submitted at any instant up to and including the deadline instant
 * itself is accepted (on time); from one millisecond after it, members are refused. So for a 10:00
 * meeting, 10:00:00.000 on deadline day is on time and 10:00:00.001 is late. The secretariat may
 * still add a proposal after the deadline; it is accepted and marked late. Nobody can add a
 * proposal to a cancelled, held or already started meeting.
 */
import type { AgendaItemKind, Meeting } from '../../../domain/model';
import type { Governance } from '../../../domain/governance';
import { meetingDeadlines } from '../../../domain/timeline';
import { instantMillis } from '../../../domain/time';
import type { MaterialErrorCode } from './material';

export type IntakeRefusalReason =
  'deadline-passed' | 'meeting-cancelled' | 'meeting-held' | 'meeting-started';

export type ProposalIntakeDecision =
  | { outcome: 'accepted'; late: boolean; deadline: string }
  | { outcome: 'refused'; reason: IntakeRefusalReason; deadline: string };

export interface ProposalIntakeInput {
  meeting: Meeting;
  now: Date | string;
  actorIsSecretariat: boolean;
  governance: Governance;
}

export function decideProposalIntake({
  meeting,
  now,
  actorIsSecretariat,
  governance,
}: ProposalIntakeInput): ProposalIntakeDecision {
  const deadline = meetingDeadlines(meeting, governance).proposalDeadline;
  if (meeting.status === 'cancelled') return { outcome: 'refused', reason: 'meeting-cancelled', deadline };
  if (meeting.status === 'held') return { outcome: 'refused', reason: 'meeting-held', deadline };
  const nowMillis = instantMillis(now);
  if (nowMillis >= instantMillis(meeting.startsAt))
    return { outcome: 'refused', reason: 'meeting-started', deadline };
  const onTime = nowMillis <= instantMillis(deadline);
  if (onTime) return { outcome: 'accepted', late: false, deadline };
  if (actorIsSecretariat) return { outcome: 'accepted', late: true, deadline };
  return { outcome: 'refused', reason: 'deadline-passed', deadline };
}

export const PROPOSAL_LIMITS = {
  titleMinChars: 3,
  titleMaxChars: 200,
  descriptionMaxChars: 4000,
  minMinutes: 5,
  maxMinutes: 240,
  proposedDecisionMaxChars: 4000,
} as const;

export const AGENDA_ITEM_KINDS: readonly AgendaItemKind[] = ['orientation', 'discussion', 'decision'];

export type ProposalField =
  'title' | 'description' | 'kind' | 'requestedMinutes' | 'materialUrl' | 'material' | 'proposedDecision';

export type ProposalFieldErrorCode =
  | 'required'
  | 'too-short'
  | 'too-long'
  | 'invalid-kind'
  | 'not-whole-minutes'
  | 'out-of-range'
  | 'not-https-url'
  | 'required-for-decision'
  /** The material lines (domain/material.ts): one code per wrong line. */
  | `material-${MaterialErrorCode}`;

export interface ProposalFieldError {
  field: ProposalField;
  code: ProposalFieldErrorCode;
  /** Numbers for the message, e.g. { min: 3, max: 200, actual: 2 }. */
  params?: Record<string, number | string>;
}

/** What a card submits: everything may be missing or of the wrong type. */
export interface ProposalFieldsInput {
  title?: unknown;
  description?: unknown;
  kind?: unknown;
  requestedMinutes?: unknown;
  materialUrl?: unknown;
  /** The material lines ("title | url", one a line), checked by domain/material.ts. */
  material?: unknown;
  proposedDecision?: unknown;
}

export interface ProposalFields {
  title: string;
  description: string;
  kind: AgendaItemKind;
  requestedMinutes: number;
  materialUrl?: string;
  proposedDecision?: string;
}

export type ProposalValidation =
  { ok: true; value: ProposalFields } | { ok: false; errors: ProposalFieldError[] };

/** Characters as users count them (code points, so an emoji or "æ" is one). */
function charCount(text: string): number {
  return [...text].length;
}

function optionalText(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

function titleError(title: string | undefined): ProposalFieldError | undefined {
  const L = PROPOSAL_LIMITS;
  if (title === undefined) return { field: 'title', code: 'required' };
  const actual = charCount(title);
  if (actual < L.titleMinChars)
    return { field: 'title', code: 'too-short', params: { min: L.titleMinChars, actual } };
  if (actual > L.titleMaxChars)
    return { field: 'title', code: 'too-long', params: { max: L.titleMaxChars, actual } };
  return undefined;
}

function descriptionError(description: string): ProposalFieldError | undefined {
  const max = PROPOSAL_LIMITS.descriptionMaxChars;
  const actual = charCount(description);
  return actual > max ? { field: 'description', code: 'too-long', params: { max, actual } } : undefined;
}

function kindError(raw: unknown, kind: AgendaItemKind | undefined): ProposalFieldError | undefined {
  if (raw === undefined || raw === null || raw === '') return { field: 'kind', code: 'required' };
  if (!kind) return { field: 'kind', code: 'invalid-kind', params: { allowed: AGENDA_ITEM_KINDS.join(',') } };
  return undefined;
}

/** The requested minutes as given: a card sends digits as a string, trimmed here. */
function minutesOf(raw: unknown): unknown {
  const trimmed = typeof raw === 'string' ? raw.trim() : raw;
  return typeof trimmed === 'string' && trimmed !== '' ? Number(trimmed) : trimmed;
}

function minutesError(minutes: unknown): ProposalFieldError | undefined {
  const L = PROPOSAL_LIMITS;
  if (minutes === undefined || minutes === null || minutes === '')
    return { field: 'requestedMinutes', code: 'required' };
  if (typeof minutes !== 'number' || !Number.isInteger(minutes))
    return { field: 'requestedMinutes', code: 'not-whole-minutes' };
  if (minutes < L.minMinutes || minutes > L.maxMinutes)
    return {
      field: 'requestedMinutes',
      code: 'out-of-range',
      params: { min: L.minMinutes, max: L.maxMinutes, actual: minutes },
    };
  return undefined;
}

function materialUrlError(materialUrl: string | undefined): ProposalFieldError | undefined {
  return materialUrl !== undefined && !isHttpsUrl(materialUrl)
    ? { field: 'materialUrl', code: 'not-https-url' }
    : undefined;
}

function proposedDecisionError(
  kind: AgendaItemKind | undefined,
  proposedDecision: string | undefined,
): ProposalFieldError | undefined {
  const max = PROPOSAL_LIMITS.proposedDecisionMaxChars;
  if (kind === 'decision' && proposedDecision === undefined)
    return { field: 'proposedDecision', code: 'required-for-decision' };
  if (proposedDecision !== undefined && charCount(proposedDecision) > max)
    return {
      field: 'proposedDecision',
      code: 'too-long',
      params: { max, actual: charCount(proposedDecision) },
    };
  return undefined;
}

/**
 * Validates a proposal's fields and returns every field error at once (texts are trimmed; a card
 * may send numbers as strings). Codes are stable so the card can show a translated message per field.
 */
export function validateProposalFields(input: ProposalFieldsInput): ProposalValidation {
  const title = optionalText(input.title);
  const description = optionalText(input.description) ?? '';
  const kind = AGENDA_ITEM_KINDS.find((candidate) => candidate === input.kind);
  const minutes = minutesOf(input.requestedMinutes);
  const materialUrl = optionalText(input.materialUrl);
  const proposedDecision = optionalText(input.proposedDecision);
  // In the form's field order, so the card lists the reasons top to bottom.
  const errors = [
    titleError(title),
    descriptionError(description),
    kindError(input.kind, kind),
    minutesError(minutes),
    materialUrlError(materialUrl),
    proposedDecisionError(kind, proposedDecision),
  ].filter((error): error is ProposalFieldError => error !== undefined);

  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    value: {
      title: title!,
      description,
      kind: kind!,
      requestedMinutes: minutes as number,
      ...(materialUrl !== undefined ? { materialUrl } : {}),
      ...(proposedDecision !== undefined ? { proposedDecision } : {}),
    },
  };
}

/** Material must be a link people can open safely from Teams: https with a host. */
export function isHttpsUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === 'https:' && url.hostname !== '' && !/\s/.test(text);
  } catch {
    return false;
  }
}
