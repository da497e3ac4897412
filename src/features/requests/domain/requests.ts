/**
 * Requests for input ("igangsætte belysning"): the steering group, or FKI management, asks a
 * reference group for input on a topic (a question, background, material and a due date); the
 * reference group answers with text and material, and the answer becomes an item on the steering
 * group's next agenda.
 *
 * Rules:
 * - the topic, question and background have bounded lengths; the due date is a real date after
 *   today (Copenhagen): a request due today or earlier gives the group no time at all;
 * - a due date after the steering group's next detailed-agenda deadline is allowed, with a warning:
 *   the answer will then likely reach only the meeting after;
 * - only a member (chair included) of the asked reference group answers; a second answer is told
 *   the request was already answered (the first one counts); an answer after the due date is still
 *   taken, marked late (a late answer is better than none for the steering group);
 * - the reminder goes out at 09:00 Copenhagen time `reminderDays` before the due date (at once for
 *   a request filed later than that), and not after the due date or once answered.
 */
import { addDaysToDate, instantMillis, instantOfLocal, localDate } from '../../../domain/time';
import type { Governance } from '../../../domain/governance';

export const REQUEST_LIMITS = {
  topicMinChars: 3,
  topicMaxChars: 120,
  questionMaxChars: 2000,
  backgroundMaxChars: 4000,
  answerMaxChars: 4000,
} as const;

/** Days before the due date the reference group is reminded (the follow-up actions' default). */
export const REQUEST_REMINDER_DAYS = 3;

/** The local time of day reminders go out, as the other date-based warnings. */
export const REQUEST_REMINDER_LOCAL_TIME = '09:00';

/** Minutes the answer's item gets on the steering group's agenda. */
export const INPUT_ITEM_MINUTES = 15;

/** Who filed the request: the deciding body, the management or the administration (body-roles.ts). */
export type RequesterCapacity = 'decide' | 'management' | 'administer';

/** Material as the request stores it (the agenda's material entries, same shape). */
export interface RequestMaterial {
  title: string;
  kind: string;
  url: string;
  source: 'link' | 'teams-file';
  addedBy: string;
  addedAt: string;
}

export interface InputAnswer {
  text: string;
  material: RequestMaterial[];
  by: string;
  /** Display name at answering (shown on the agenda item; GDPR: replaced by the pseudonym). */
  byName?: string;
  at: string;
  late: boolean;
  /** The steering group's meeting whose agenda carries the answer, when there was one. */
  meetingId?: string;
  /** The agenda item (the agenda's proposal id) it became. */
  agendaItemId?: string;
}

export interface InputRequest {
  id: string;
  /** The steering group: the request, its answer and the agenda item share its partition. */
  steeringGroupId: string;
  referenceGroupId: string;
  topic: string;
  question: string;
  background: string;
  material: RequestMaterial[];
  /** YYYY-MM-DD (Copenhagen). */
  dueDate: string;
  requestedBy: string;
  requestedByName?: string;
  requestedAs: RequesterCapacity;
  requestedAt: string;
  status: 'open' | 'answered';
  answer?: InputAnswer;
}

export type RequestField = 'referenceGroupId' | 'topic' | 'question' | 'background' | 'dueDate';
export type RequestFieldErrorCode =
  'required' | 'too-short' | 'too-long' | 'not-a-date' | 'not-in-future' | 'unknown-group';

export interface RequestFieldError {
  field: RequestField;
  code: RequestFieldErrorCode;
  params?: Record<string, number | string>;
}

export interface RequestFieldsInput {
  referenceGroupId: string;
  topic: string;
  question: string;
  background: string;
  dueDate: string;
}

export interface RequestFields {
  referenceGroupId: string;
  topic: string;
  question: string;
  background: string;
  dueDate: string;
}

function charCount(text: string): number {
  return [...text].length;
}

function lengthError(
  field: RequestField,
  text: string,
  limits: { min?: number; max: number; required: boolean },
): RequestFieldError | undefined {
  const actual = charCount(text);
  if (actual === 0) return limits.required ? { field, code: 'required' } : undefined;
  if (limits.min !== undefined && actual < limits.min)
    return { field, code: 'too-short', params: { min: limits.min, actual } };
  if (actual > limits.max) return { field, code: 'too-long', params: { max: limits.max, actual } };
  return undefined;
}

/** A real calendar date YYYY-MM-DD (31 February is not one). */
export function isCalendarDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const [year, month, day] = text.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function dueDateError(dueDate: string, today: string): RequestFieldError | undefined {
  if (dueDate === '') return { field: 'dueDate', code: 'required' };
  if (!isCalendarDate(dueDate)) return { field: 'dueDate', code: 'not-a-date' };
  if (dueDate <= today) return { field: 'dueDate', code: 'not-in-future', params: { today } };
  return undefined;
}

/** Every field error at once, in the form's order; the texts trimmed. */
export function validateRequestFields(
  input: RequestFieldsInput,
  context: { today: string; referenceGroupIds: readonly string[] },
): { ok: true; value: RequestFields } | { ok: false; errors: RequestFieldError[] } {
  const L = REQUEST_LIMITS;
  const value: RequestFields = {
    referenceGroupId: input.referenceGroupId.trim(),
    topic: input.topic.trim(),
    question: input.question.trim(),
    background: input.background.trim(),
    dueDate: input.dueDate.trim(),
  };
  const groupError: RequestFieldError | undefined =
    value.referenceGroupId === ''
      ? { field: 'referenceGroupId', code: 'required' }
      : context.referenceGroupIds.includes(value.referenceGroupId)
        ? undefined
        : { field: 'referenceGroupId', code: 'unknown-group' };
  const errors = [
    groupError,
    lengthError('topic', value.topic, { min: L.topicMinChars, max: L.topicMaxChars, required: true }),
    lengthError('question', value.question, { max: L.questionMaxChars, required: true }),
    lengthError('background', value.background, { max: L.backgroundMaxChars, required: false }),
    dueDateError(value.dueDate, context.today),
  ].filter((error): error is RequestFieldError => error !== undefined);
  return errors.length > 0 ? { ok: false, errors } : { ok: true, value };
}

/**
 * The warning for a due date after the steering group's next detailed-agenda deadline (the day the
 * agenda and its material go out): the answer then likely misses that meeting. Undefined: no
 * warning (no next meeting, or the due date lies on or before that day).
 */
export function agendaDeadlineWarning(
  dueDate: string,
  nextDetailedAgenda: string | undefined,
  zone: string,
): { agendaDate: string } | undefined {
  if (!nextDetailedAgenda) return undefined;
  const agendaDate = localDate(nextDetailedAgenda, zone);
  return dueDate > agendaDate ? { agendaDate } : undefined;
}

export type AnswerDecision =
  | { kind: 'not-member' }
  | { kind: 'already-answered'; answer: InputAnswer }
  | { kind: 'invalid'; code: 'required' | 'too-long'; params?: Record<string, number> }
  | { kind: 'accepted'; text: string; late: boolean };

/** May this answer be taken, and is it late (the due date itself is still on time)? */
export function decideAnswer(
  request: InputRequest,
  answer: { isReferenceMember: boolean; text: string; today: string },
): AnswerDecision {
  if (!answer.isReferenceMember) return { kind: 'not-member' };
  if (request.status === 'answered' && request.answer)
    return { kind: 'already-answered', answer: request.answer };
  const text = answer.text.trim();
  if (text === '') return { kind: 'invalid', code: 'required' };
  const max = REQUEST_LIMITS.answerMaxChars;
  if (charCount(text) > max) return { kind: 'invalid', code: 'too-long', params: { max } };
  return { kind: 'accepted', text, late: answer.today > request.dueDate };
}

/** When the reference group is reminded: 09:00 `days` before the due date, never before filing. */
export function requestReminderDueAt(
  request: Pick<InputRequest, 'dueDate' | 'requestedAt'>,
  days: number,
  zone: string,
): Date {
  const planned = instantMillis(
    instantOfLocal(addDaysToDate(request.dueDate, -days), REQUEST_REMINDER_LOCAL_TIME, zone),
  );
  return new Date(Math.max(planned, instantMillis(request.requestedAt)));
}

/** After the due date (the start of the next local day) a reminder is not sent any more. */
export function requestReminderExpiresAt(request: Pick<InputRequest, 'dueDate'>, zone: string): Date {
  return new Date(instantOfLocal(addDaysToDate(request.dueDate, 1), '00:00', zone));
}

/**
 * A reference group's name as the agenda item says it ("Belysning fra referencegruppen Forretning"):
 * the body's name without its leading "Referencegruppe"/"Reference group".
 */
export function shortReferenceName(name: string): string {
  const short = name.replace(/^\s*(referencegruppen?|reference group)\s+/i, '').trim();
  return short === '' ? name : short;
}

/** The ids of the bodies of a kind in the governance file (the reference groups). */
export function bodyIdsOfKind(governance: Governance, kind: 'reference'): string[] {
  return governance.bodies.filter((body) => body.kind === kind).map((body) => body.id);
}
