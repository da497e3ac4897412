/**
 * The minutes' life: recording opens when the meeting starts; the draft is posted to the group's
 * channel and members may comment on it through the posting date + `commentDays` (Copenhagen
 * dates, the last day included); the secretariat approves it from the day after that, or the next
 * meeting's standard item "Godkendelse af referat" does at that meeting (the body itself approves,
 * so the comment period does not hold it back). Approved minutes are immutable: every approval
 * and correction is a numbered version written once; a correction says who and why.
 */
import type { Meeting } from '../../../domain/model';
import { addDaysToDate, instantMillis } from '../../../domain/time';
import {
  charCount,
  optionalText,
  RECORD_LIMITS,
  type FollowUpAction,
  type HearingOrientation,
  type Minutes,
  type MinutesApproval,
  type MinutesComment,
  type MinutesVersion,
} from './minutes';

export type RecordingRefusal = 'meeting-cancelled' | 'meeting-not-started';

/** Decisions are recorded during or after the meeting, never for a cancelled one. */
export function recordingRefusal(meeting: Meeting, now: Date): RecordingRefusal | undefined {
  if (meeting.status === 'cancelled') return 'meeting-cancelled';
  if (now.getTime() < instantMillis(meeting.startsAt)) return 'meeting-not-started';
  return undefined;
}

export type DraftRefusal = 'nothing-recorded' | 'approved';

/** Posts the draft (or, posted already, keeps its comment period: a re-post only refreshes the card). */
export function postDraft(
  minutes: Minutes,
  post: { by: string; at: string; today: string; commentDays: number },
): { ok: true; minutes: Minutes } | { ok: false; refusal: DraftRefusal } {
  if (minutes.status === 'approved') return { ok: false, refusal: 'approved' };
  if (minutes.items.length === 0) return { ok: false, refusal: 'nothing-recorded' };
  if (minutes.draft) return { ok: true, minutes: { ...minutes, status: 'draft' } };
  const draft = {
    postedAt: post.at,
    postedBy: post.by,
    commentsUntil: addDaysToDate(post.today, post.commentDays),
  };
  return { ok: true, minutes: { ...minutes, status: 'draft', draft } };
}

export type CommentRefusal = 'not-drafted' | 'approved' | 'closed' | 'empty' | 'too-long' | 'too-many';

/** Adds a member's comment while the comment period runs; the same text from the same author once. */
export function addComment(
  minutes: Minutes,
  comment: MinutesComment,
  today: string,
): { ok: true; minutes: Minutes; added: boolean } | { ok: false; refusal: CommentRefusal } {
  if (minutes.status === 'approved') return { ok: false, refusal: 'approved' };
  if (!minutes.draft) return { ok: false, refusal: 'not-drafted' };
  if (today > minutes.draft.commentsUntil) return { ok: false, refusal: 'closed' };
  const text = optionalText(comment.text);
  if (text === undefined) return { ok: false, refusal: 'empty' };
  if (charCount(text) > RECORD_LIMITS.commentMaxChars) return { ok: false, refusal: 'too-long' };
  const repeat = minutes.comments.some((c) => c.authorId === comment.authorId && c.text === text);
  if (repeat) return { ok: true, minutes, added: false };
  if (minutes.comments.length >= RECORD_LIMITS.commentsPerMinutes) return { ok: false, refusal: 'too-many' };
  return {
    ok: true,
    minutes: { ...minutes, comments: [...minutes.comments, { ...comment, text }] },
    added: true,
  };
}

export type ApprovalRefusal =
  { code: 'not-drafted' } | { code: 'already-approved' } | { code: 'comment-period'; until: string };

export function approvalRefusal(
  minutes: Minutes,
  today: string,
  via: MinutesApproval['via'],
): ApprovalRefusal | undefined {
  if (minutes.status === 'approved') return { code: 'already-approved' };
  if (!minutes.draft) return { code: 'not-drafted' };
  if (via === 'administer' && today <= minutes.draft.commentsUntil)
    return { code: 'comment-period', until: minutes.draft.commentsUntil };
  return undefined;
}

/** The version the minutes are now: every item with its actions as recorded, and the hearings told. */
export function versionOf(
  minutes: Minutes,
  actions: readonly FollowUpAction[],
  hearings: readonly HearingOrientation[],
  meta: Pick<MinutesVersion, 'version' | 'kind' | 'createdAt' | 'createdBy'> & Partial<MinutesVersion>,
): MinutesVersion {
  const byId = new Map(actions.map((action) => [action.id, action]));
  const items = minutes.items.map((item) => ({
    itemId: item.itemId,
    number: item.number,
    title: item.title,
    kind: item.kind,
    decision: item.decision,
    ...(item.notes !== undefined ? { notes: item.notes } : {}),
    actions: item.actionIds.flatMap((id) => {
      const action = byId.get(id);
      return action ? [{ id, what: action.what, ownerId: action.ownerId, dueDate: action.dueDate }] : [];
    }),
  }));
  return { groupId: minutes.groupId, meetingId: minutes.meetingId, items, hearings: [...hearings], ...meta };
}

/** Approves the minutes as version 1 (the caller checked approvalRefusal). */
export function approveMinutes(
  minutes: Minutes,
  approval: MinutesApproval,
  actions: readonly FollowUpAction[],
  hearings: readonly HearingOrientation[],
): { minutes: Minutes; version: MinutesVersion } {
  const number = minutes.version + 1;
  const version = versionOf(minutes, actions, hearings, {
    version: number,
    kind: 'approval',
    createdAt: approval.at,
    createdBy: approval.by,
    via: approval.via,
    ...(approval.atMeetingId ? { atMeetingId: approval.atMeetingId } : {}),
  });
  return { minutes: { ...minutes, status: 'approved', approval, version: number }, version };
}

export interface Correction {
  itemId: string;
  /** The version the correction card showed. */
  expectedVersion: number;
  decision?: string;
  notes?: string;
  reason?: string;
  by: string;
  at: string;
}

export type CorrectionRefusal =
  | 'not-approved'
  | 'conflict'
  | 'unknown-item'
  | 'decision-required'
  | 'decision-too-long'
  | 'notes-too-long'
  | 'reason-required'
  | 'reason-too-long'
  | 'unchanged';

function correctionFieldRefusal(
  decision: string | undefined,
  notes: string | undefined,
  reason: string | undefined,
): CorrectionRefusal | undefined {
  if (decision === undefined) return 'decision-required';
  if (charCount(decision) > RECORD_LIMITS.decisionMaxChars) return 'decision-too-long';
  if (notes !== undefined && charCount(notes) > RECORD_LIMITS.notesMaxChars) return 'notes-too-long';
  if (reason === undefined) return 'reason-required';
  if (charCount(reason) > RECORD_LIMITS.reasonMaxChars) return 'reason-too-long';
  return undefined;
}

/** A correction of approved minutes: the item's new text as the next version, with who and why. */
export function correctMinutes(
  minutes: Minutes,
  correction: Correction,
  actions: readonly FollowUpAction[],
  hearings: readonly HearingOrientation[],
): { ok: true; minutes: Minutes; version: MinutesVersion } | { ok: false; refusal: CorrectionRefusal } {
  if (minutes.status !== 'approved') return { ok: false, refusal: 'not-approved' };
  if (minutes.version !== correction.expectedVersion) return { ok: false, refusal: 'conflict' };
  const current = minutes.items.find((item) => item.itemId === correction.itemId);
  if (!current) return { ok: false, refusal: 'unknown-item' };
  const decision = optionalText(correction.decision);
  const notes = optionalText(correction.notes);
  const reason = optionalText(correction.reason);
  const refusal = correctionFieldRefusal(decision, notes, reason);
  if (refusal) return { ok: false, refusal };
  if (decision === current.decision && notes === current.notes) return { ok: false, refusal: 'unchanged' };
  const { notes: _old, ...kept } = current;
  const item = {
    ...kept,
    decision: decision!,
    ...(notes !== undefined ? { notes } : {}),
    revision: current.revision + 1,
    changedAt: correction.at,
    changedBy: correction.by,
  };
  const corrected: Minutes = {
    ...minutes,
    items: minutes.items.map((existing) => (existing.itemId === item.itemId ? item : existing)),
    version: minutes.version + 1,
  };
  const version = versionOf(corrected, actions, hearings, {
    version: corrected.version,
    kind: 'correction',
    createdAt: correction.at,
    createdBy: correction.by,
    correctedItemId: item.itemId,
    reason: reason!,
  });
  return { ok: true, minutes: corrected, version };
}

/** The meeting before this one (the latest earlier meeting that was not cancelled). */
export function previousMeeting<M extends Meeting>(meeting: Meeting, meetings: readonly M[]): M | undefined {
  const start = instantMillis(meeting.startsAt);
  return meetings
    .filter((other) => other.status !== 'cancelled' && instantMillis(other.startsAt) < start)
    .sort((a, b) => instantMillis(b.startsAt) - instantMillis(a.startsAt))[0];
}

/**
 * The hearings told at this meeting: decided after the previous meeting began and up to this
 * meeting's start, i.e. this is the body's next meeting after the decision.
 */
export function hearingsForMeeting(
  meeting: Meeting,
  meetings: readonly Meeting[],
  outcomes: readonly HearingOrientation[],
): HearingOrientation[] {
  if (meeting.status === 'cancelled') return [];
  const previous = previousMeeting(meeting, meetings);
  const from = previous ? instantMillis(previous.startsAt) : Number.NEGATIVE_INFINITY;
  const to = instantMillis(meeting.startsAt);
  return outcomes
    .filter((outcome) => {
      const at = instantMillis(outcome.decidedAt);
      return at > from && at <= to;
    })
    .sort(
      (a, b) =>
        instantMillis(a.decidedAt) - instantMillis(b.decidedAt) || (a.hearingId < b.hearingId ? -1 : 1),
    );
}
