/**
 * Recording one agenda item: is the submission valid, and what does saving it do to the minutes.
 *
 * Valid: a decision of 1..1000 characters (an orientation item is recorded too, e.g. "Taget til
 * efterretning"); notes up to 2000; at most one new follow-up action per save, which then needs
 * all three of what, owner and due date: the owner a current member of the body, the due date a
 * real date not before today (Copenhagen). Leaving all three action fields empty adds no action.
 *
 * Saving: refused once the minutes are approved (a correction is a new version instead), and
 * refused as a conflict when the item was saved by someone else since the card was drawn (its
 * revision moved on); a repeated delivery of the same save is recognised and changes nothing.
 */
import { DateTime } from 'luxon';
import {
  charCount,
  optionalText,
  RECORD_LIMITS,
  type FollowUpAction,
  type Minutes,
  type MinutesItem,
  type RecordAgendaItem,
} from './minutes';

export type ItemField = 'decision' | 'notes' | 'actionWhat' | 'actionOwner' | 'actionDue';

export type ItemErrorCode = 'required' | 'too-long' | 'not-a-member' | 'bad-date' | 'in-past' | 'too-many';

export interface ItemFieldError {
  field: ItemField;
  code: ItemErrorCode;
  params?: Record<string, number | string>;
}

/** What the item card submits (anything may be missing). */
export interface ItemSubmission {
  decision?: string;
  notes?: string;
  actionWhat?: string;
  actionOwner?: string;
  actionDue?: string;
}

export interface NewActionFields {
  what: string;
  ownerId: string;
  dueDate: string;
}

export interface ItemFields {
  decision: string;
  notes?: string;
  action?: NewActionFields;
}

export type ItemValidation = { ok: true; value: ItemFields } | { ok: false; errors: ItemFieldError[] };

export interface ItemRuleContext {
  /** Today's Copenhagen date. */
  today: string;
  /** The body's current members (person ids). */
  memberIds: ReadonlySet<string>;
  /** How many actions the item already has. */
  existingActions: number;
}

/** A real calendar date written YYYY-MM-DD. */
export function isIsoDate(text: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(text) && DateTime.fromISO(text).isValid;
}

function lengthError(field: ItemField, text: string | undefined, max: number): ItemFieldError | undefined {
  if (text === undefined) return undefined;
  const actual = charCount(text);
  return actual > max ? { field, code: 'too-long', params: { max, actual } } : undefined;
}

function actionErrors(
  what: string | undefined,
  ownerId: string | undefined,
  dueDate: string | undefined,
  context: ItemRuleContext,
): ItemFieldError[] {
  if (what === undefined && ownerId === undefined && dueDate === undefined) return [];
  const errors: ItemFieldError[] = [];
  if (context.existingActions >= RECORD_LIMITS.actionsPerItem)
    errors.push({ field: 'actionWhat', code: 'too-many', params: { max: RECORD_LIMITS.actionsPerItem } });
  if (what === undefined) errors.push({ field: 'actionWhat', code: 'required' });
  else {
    const tooLong = lengthError('actionWhat', what, RECORD_LIMITS.actionWhatMaxChars);
    if (tooLong) errors.push(tooLong);
  }
  if (ownerId === undefined) errors.push({ field: 'actionOwner', code: 'required' });
  else if (!context.memberIds.has(ownerId)) errors.push({ field: 'actionOwner', code: 'not-a-member' });
  if (dueDate === undefined) errors.push({ field: 'actionDue', code: 'required' });
  else if (!isIsoDate(dueDate)) errors.push({ field: 'actionDue', code: 'bad-date' });
  else if (dueDate < context.today)
    errors.push({ field: 'actionDue', code: 'in-past', params: { today: context.today } });
  return errors;
}

/** Every field error at once, in the card's field order (texts trimmed). */
export function validateItemSubmission(input: ItemSubmission, context: ItemRuleContext): ItemValidation {
  const decision = optionalText(input.decision);
  const notes = optionalText(input.notes);
  const what = optionalText(input.actionWhat);
  const ownerId = optionalText(input.actionOwner);
  const dueDate = optionalText(input.actionDue);
  const errors = [
    decision === undefined
      ? ({ field: 'decision', code: 'required' } as const)
      : lengthError('decision', decision, RECORD_LIMITS.decisionMaxChars),
    lengthError('notes', notes, RECORD_LIMITS.notesMaxChars),
    ...actionErrors(what, ownerId, dueDate, context),
  ].filter((error): error is ItemFieldError => error !== undefined);
  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    value: {
      decision: decision!,
      ...(notes !== undefined ? { notes } : {}),
      ...(what !== undefined ? { action: { what, ownerId: ownerId!, dueDate: dueDate! } } : {}),
    },
  };
}

export interface ItemSave {
  agendaItem: RecordAgendaItem;
  /** The revision the card showed (0: the item had nothing recorded). */
  expectedRevision: number;
  fields: ItemFields;
  actorId: string;
  at: string;
  /** The id the new action gets (derived from the save, so a repeated delivery finds it). */
  newActionId: string;
  groupId: string;
  meetingId: string;
}

export type ItemSaveOutcome =
  | { kind: 'saved'; minutes: Minutes; item: MinutesItem; newAction?: FollowUpAction }
  | { kind: 'already-saved'; item: MinutesItem }
  | { kind: 'approved' }
  | { kind: 'conflict'; current: MinutesItem };

/** The same save delivered again: this actor's save at the next revision with the same content. */
function isRepeat(current: MinutesItem, save: ItemSave): boolean {
  const { fields } = save;
  return (
    current.revision === save.expectedRevision + 1 &&
    current.changedBy === save.actorId &&
    current.decision === fields.decision &&
    current.notes === fields.notes &&
    (fields.action === undefined || current.actionIds.includes(save.newActionId))
  );
}

function newActionOf(save: ItemSave, action: NewActionFields): FollowUpAction {
  return {
    id: save.newActionId,
    groupId: save.groupId,
    meetingId: save.meetingId,
    itemId: save.agendaItem.id,
    what: action.what,
    ownerId: action.ownerId,
    dueDate: action.dueDate,
    createdAt: save.at,
    createdBy: save.actorId,
    status: 'open',
  };
}

/** Applies a valid save to the minutes (pure: the caller writes the result at the etag it read). */
export function applyItemSave(minutes: Minutes, save: ItemSave): ItemSaveOutcome {
  if (minutes.status === 'approved') return { kind: 'approved' };
  const current = minutes.items.find((item) => item.itemId === save.agendaItem.id);
  if (current && isRepeat(current, save)) return { kind: 'already-saved', item: current };
  if (current && current.revision !== save.expectedRevision) return { kind: 'conflict', current };
  const newAction = save.fields.action ? newActionOf(save, save.fields.action) : undefined;
  const item: MinutesItem = {
    itemId: save.agendaItem.id,
    number: save.agendaItem.number,
    title: save.agendaItem.title,
    kind: save.agendaItem.kind,
    decision: save.fields.decision,
    ...(save.fields.notes !== undefined ? { notes: save.fields.notes } : {}),
    actionIds: [...(current?.actionIds ?? []), ...(newAction ? [newAction.id] : [])],
    revision: (current?.revision ?? 0) + 1,
    changedAt: save.at,
    changedBy: save.actorId,
  };
  const items = current
    ? minutes.items.map((existing) => (existing.itemId === item.itemId ? item : existing))
    : [...minutes.items, item].sort((a, b) => a.number - b.number);
  return { kind: 'saved', minutes: { ...minutes, items }, item, ...(newAction ? { newAction } : {}) };
}
