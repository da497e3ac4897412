/**
 * Follow-up actions over time: when the owner's reminder is due, when an action is overdue, and
 * closing one with a short note.
 *
 * Reminder: at 09:00 Copenhagen time `reminderDays` calendar days before the due date; an action
 * recorded later than that (a short deadline) is reminded when it is recorded. After the due date
 * the reminder is pointless (the secretariat's overdue list takes over). A closed action gets none.
 */
import { addDaysToDate, instantMillis, instantOfLocal } from '../../../domain/time';
import { charCount, optionalText, RECORD_LIMITS, type FollowUpAction } from './minutes';

/** The local time of day reminders go out, as the other date-based warnings. */
export const ACTION_REMINDER_LOCAL_TIME = '09:00';

export function reminderDueAt(
  action: Pick<FollowUpAction, 'dueDate' | 'createdAt'>,
  reminderDays: number,
  zone: string,
): Date {
  const planned = instantMillis(
    instantOfLocal(addDaysToDate(action.dueDate, -reminderDays), ACTION_REMINDER_LOCAL_TIME, zone),
  );
  return new Date(Math.max(planned, instantMillis(action.createdAt)));
}

/** After the due date (the start of the next local day) a reminder is not sent any more. */
export function reminderExpiresAt(action: Pick<FollowUpAction, 'dueDate'>, zone: string): Date {
  return new Date(instantOfLocal(addDaysToDate(action.dueDate, 1), '00:00', zone));
}

/** Open and its due date has passed (the due date itself still counts as on time). */
export function isOverdue(action: Pick<FollowUpAction, 'status' | 'dueDate'>, today: string): boolean {
  return action.status === 'open' && action.dueDate < today;
}

/** Open actions by due date, then by id (a stable order for lists and the agenda). */
export function byDueDate(a: FollowUpAction, b: FollowUpAction): number {
  return a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export type CloseRefusal = 'not-owner' | 'note-required' | 'note-too-long';

export type CloseOutcome =
  | { kind: 'closed'; action: FollowUpAction }
  | { kind: 'already-closed'; action: FollowUpAction }
  | { kind: 'refused'; refusal: CloseRefusal };

/** The owner (or the secretariat, for an owner who has left) closes an open action with a note. */
export function closeAction(
  action: FollowUpAction,
  close: { by: string; bySecretariat: boolean; note?: string; at: string },
): CloseOutcome {
  if (close.by !== action.ownerId && !close.bySecretariat) return { kind: 'refused', refusal: 'not-owner' };
  if (action.status === 'closed') return { kind: 'already-closed', action };
  const note = optionalText(close.note);
  if (note === undefined) return { kind: 'refused', refusal: 'note-required' };
  if (charCount(note) > RECORD_LIMITS.closeNoteMaxChars) return { kind: 'refused', refusal: 'note-too-long' };
  return {
    kind: 'closed',
    action: { ...action, status: 'closed', closedAt: close.at, closedBy: close.by, closeNote: note },
  };
}
