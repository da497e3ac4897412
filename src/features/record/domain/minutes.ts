/**
 * The meeting record's vocabulary: per agenda item the decision (beslutning), optional notes and
 * the follow-up actions; the minutes (referat) of a meeting with their draft, the members' comments
 * and the approval; the immutable approved versions; a written hearing's outcome as an orientation
 * item of the steering group's next meeting.
 *
 * GDPR: people are person ids only (the minute-taker, an action's owner, who commented, approved
 * or corrected). Names are resolved when a card is drawn, so an erased person reads as the
 * pseudonym everywhere and no record has to be rewritten; the decisions themselves stay.
 */
import type { AgendaItemKind, HearingOrientation } from '../../../domain/model';
import type { LocalizedText } from '../../../domain/localized-text';

/** Lengths as people count characters (code points); the cards' inputs carry the same maxima. */
export const RECORD_LIMITS = {
  decisionMaxChars: 1000,
  notesMaxChars: 2000,
  actionWhatMaxChars: 300,
  actionsPerItem: 20,
  closeNoteMaxChars: 500,
  commentMaxChars: 1000,
  commentsPerMinutes: 300,
  reasonMaxChars: 500,
} as const;

/** An item's title by language (the governance file's, or a proposal's as written). */
export type ItemTitle = LocalizedText;

/** An item of the meeting's composed agenda, as the record needs it. */
export interface RecordAgendaItem {
  id: string;
  number: number;
  title: ItemTitle;
  kind: AgendaItemKind;
}

/** What was recorded for one agenda item. */
export interface MinutesItem {
  itemId: string;
  /** The item's number and title when it was recorded (the minutes must not change with the agenda). */
  number: number;
  title: ItemTitle;
  kind: AgendaItemKind;
  decision: string;
  notes?: string;
  /** The follow-up actions recorded with this item, in the order they were added. */
  actionIds: string[];
  /**
   * +1 on every save. The item card carries the revision it showed, so a save made over someone
   * else's newer save is caught (the later writer is told to reload) instead of silently replacing it.
   */
  revision: number;
  changedAt: string;
  changedBy: string;
}

export interface MinutesComment {
  id: string;
  authorId: string;
  at: string;
  text: string;
}

/** recording: items are being written; draft: posted, members may comment; approved: immutable. */
export type MinutesStatus = 'recording' | 'draft' | 'approved';

export interface MinutesDraft {
  postedAt: string;
  postedBy: string;
  /** The last Copenhagen date members may comment (the posting date + the governance's commentDays). */
  commentsUntil: string;
  /** The draft card in the group's channel (updated when the minutes are approved). */
  activityId?: string;
}

export type ApprovalVia = 'administer' | 'meeting';

export interface MinutesApproval {
  at: string;
  by: string;
  /** The secretariat's button, or the standard item "Godkendelse af referat" of the next meeting. */
  via: ApprovalVia;
  atMeetingId?: string;
}

/** The minutes of one meeting (one document, so every change to them is one etag-guarded write). */
export interface Minutes {
  groupId: string;
  meetingId: string;
  /** A person the secretariat named to record this meeting (besides the secretariat itself). */
  minuteTakerId?: string;
  status: MinutesStatus;
  items: MinutesItem[];
  comments: MinutesComment[];
  draft?: MinutesDraft;
  approval?: MinutesApproval;
  /** The approved version in force; 0 until the minutes are approved. */
  version: number;
}

export type ActionStatus = 'open' | 'closed';

/** A follow-up action (its own document: closing one never touches the approved minutes). */
export interface FollowUpAction {
  id: string;
  groupId: string;
  meetingId: string;
  itemId: string;
  what: string;
  ownerId: string;
  /** YYYY-MM-DD (Copenhagen). */
  dueDate: string;
  createdAt: string;
  createdBy: string;
  status: ActionStatus;
  closedAt?: string;
  closedBy?: string;
  closeNote?: string;
}

/** A written hearing's outcome, told to the steering group at its next meeting (an orientation item). */
export type { HearingOrientation };

/** An action as the approved minutes fix it (its later closing is not part of the minutes). */
export interface VersionAction {
  id: string;
  what: string;
  ownerId: string;
  dueDate: string;
}

export interface VersionItem {
  itemId: string;
  number: number;
  title: ItemTitle;
  kind: AgendaItemKind;
  decision: string;
  notes?: string;
  actions: VersionAction[];
}

/** One approved version of the minutes: written once, never changed (a correction is the next one). */
export interface MinutesVersion {
  groupId: string;
  meetingId: string;
  version: number;
  kind: 'approval' | 'correction';
  items: VersionItem[];
  hearings: HearingOrientation[];
  createdAt: string;
  createdBy: string;
  via?: ApprovalVia;
  atMeetingId?: string;
  /** A correction: which item, and why (the who is createdBy). */
  correctedItemId?: string;
  reason?: string;
}

/** Characters as users count them (code points, so an emoji or "æ" is one). */
export function charCount(text: string): number {
  return [...text].length;
}

/** Trimmed text, or undefined when the value is no text or only blanks. */
export function optionalText(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

/** Empty minutes of a meeting (nothing recorded yet). */
export function emptyMinutes(groupId: string, meetingId: string): Minutes {
  return { groupId, meetingId, status: 'recording', items: [], comments: [], version: 0 };
}
