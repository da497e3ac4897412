/**
 * The minutes from draft to approved: the draft posted to the group's channel as a card, the
 * members' comments while the comment period runs, the approval (the secretariat's button, or the
 * next meeting's "Godkendelse af referat") and corrections of approved minutes as new versions.
 * Each step is one etag-guarded write (commitMinutes); the version documents are created once.
 */
import { randomUUID } from 'node:crypto';
import { bodyLanguage } from '../../domain/governance';
import { translatorFor } from '../../platform/i18n';
import {
  addComment,
  approvalRefusal,
  approveMinutes,
  correctMinutes,
  hearingsForMeeting,
  postDraft,
  previousMeeting,
  recordingRefusal,
  type ApprovalRefusal,
  type CommentRefusal,
  type CorrectionRefusal,
  type DraftRefusal,
} from './domain/approval-rules';
import type { ApprovalVia, Minutes } from './domain/minutes';
import { minutesMessage } from './minutes-cards';
import { commitMinutes, todayOf, type RecordServiceDeps } from './record-deps';
import { mayEdit, type Editor, type OpenedMeeting, type RecordItems } from './record-items';
import { recordView, type RecordView } from './record-view';
import { personNames } from './record-names';

type NotOpen = Exclude<OpenedMeeting, { kind: 'open' }>;

export type DraftResult =
  { kind: 'posted'; view: RecordView; reposted: boolean } | { kind: DraftRefusal | 'not-editor' } | NotOpen;

export type CommentResult =
  { kind: 'commented'; added: boolean } | { kind: CommentRefusal | 'not-member' } | { kind: 'not-found' };

export type ApproveResult =
  | { kind: 'approved'; view: RecordView; cardUpdated: boolean }
  | { kind: 'refused'; refusal: ApprovalRefusal }
  | { kind: 'no-previous-meeting' }
  /** The approving meeting has not begun (or was cancelled): the body approves at the meeting. */
  | { kind: 'meeting-not-begun' }
  | { kind: 'not-found' };

export type CorrectResult =
  | { kind: 'corrected'; view: RecordView; version: number; cardUpdated: boolean }
  | { kind: 'refused'; refusal: CorrectionRefusal }
  | { kind: 'not-found' };

export interface CorrectionInput {
  itemId: string;
  expectedVersion: number;
  decision?: string;
  notes?: string;
  reason?: string;
}

export class MinutesApproval {
  constructor(
    private readonly deps: RecordServiceDeps,
    private readonly items: RecordItems,
  ) {}

  /** Posts the draft to the channel (again: refreshes the posted card, the comment period stays). */
  async postDraft(groupId: string, meetingId: string, editor: Editor): Promise<DraftResult> {
    const opened = await this.items.open(groupId, meetingId);
    if (opened.kind !== 'open') return opened;
    const at = this.deps.clock.now().toISOString();
    const post = {
      by: editor.actorId,
      at,
      today: todayOf(this.deps),
      commentDays: this.deps.governance.record.commentDays,
    };
    type Outcome = { kind: 'not-editor' | DraftRefusal } | { kind: 'ok'; first: boolean };
    const outcome = await commitMinutes<Outcome>(this.deps, groupId, meetingId, (current) => {
      if (!mayEdit(current, editor)) return { result: { kind: 'not-editor' as const } };
      const posted = postDraft(current, post);
      if (!posted.ok) return { result: { kind: posted.refusal } };
      return { write: { minutes: posted.minutes }, result: { kind: 'ok' as const, first: !current.draft } };
    });
    if (outcome.kind !== 'ok') return outcome;
    const view = await recordView(this.deps, opened.meeting);
    await this.publish(view);
    if (outcome.first)
      await this.deps.audit.append({
        at,
        actorId: editor.actorId,
        action: 'record.draft-posted',
        subject: `meeting:${groupId}:${meetingId}`,
        details: { commentsUntil: view.minutes.draft?.commentsUntil ?? '' },
      });
    return { kind: 'posted', view: await recordView(this.deps, opened.meeting), reposted: !outcome.first };
  }

  /** The minutes card in the group's channel: posted once, then updated in place. */
  private async publish(view: RecordView): Promise<boolean> {
    // The group's channel: its body's language (issue 26.5), unless overridden.
    const locale = this.deps.locale ?? bodyLanguage(this.deps.governance, view.minutes.groupId);
    const names = await personNames(this.deps.people, view, locale);
    const message = minutesMessage(translatorFor(locale), {
      locale,
      timeZone: this.deps.governance.timeZone,
      view,
      names,
      ...(this.deps.printLinks ? { print: this.deps.printLinks(view.meeting, locale) } : {}),
    });
    const { groupId, meetingId, draft } = view.minutes;
    if (draft?.activityId) {
      await this.deps.messenger.updateInGroup(groupId, draft.activityId, message);
      return true;
    }
    const { activityId } = await this.deps.messenger.postToGroup(groupId, message);
    await this.deps.repository.updateMinutes(groupId, meetingId, (current) =>
      current.draft && !current.draft.activityId
        ? { ...current, draft: { ...current.draft, activityId } }
        : undefined,
    );
    return true;
  }

  /** A current member of the body (or the secretariat) comments on the draft. */
  async comment(
    groupId: string,
    meetingId: string,
    author: Editor & { isMember: boolean },
    text: string,
  ): Promise<CommentResult> {
    if (!author.isMember && !author.isSecretariat) return { kind: 'not-member' };
    const meeting = await this.deps.meetings.get(groupId, meetingId);
    if (!meeting) return { kind: 'not-found' };
    const comment = {
      id: randomUUID(),
      authorId: author.actorId,
      at: this.deps.clock.now().toISOString(),
      text,
    };
    const today = todayOf(this.deps);
    return commitMinutes<CommentResult>(this.deps, groupId, meetingId, (current) => {
      const added = addComment(current, comment, today);
      if (!added.ok) return { result: { kind: added.refusal } };
      if (!added.added) return { result: { kind: 'commented' as const, added: false } };
      return { write: { minutes: added.minutes }, result: { kind: 'commented' as const, added: true } };
    });
  }

  /** Approves the minutes (the secretariat's button, or `via: 'meeting'` from the next meeting). */
  async approve(
    groupId: string,
    meetingId: string,
    actorId: string,
    via: ApprovalVia = 'administer',
    atMeetingId?: string,
  ): Promise<ApproveResult> {
    const meeting = await this.deps.meetings.get(groupId, meetingId);
    if (!meeting) return { kind: 'not-found' };
    const [meetings, outcomes] = await Promise.all([
      this.deps.meetings.all(groupId),
      this.deps.repository.hearingOutcomesOf(groupId),
    ]);
    const hearings = hearingsForMeeting(meeting, meetings, outcomes);
    const approval = {
      at: this.deps.clock.now().toISOString(),
      by: actorId,
      via,
      ...(atMeetingId ? { atMeetingId } : {}),
    };
    const today = todayOf(this.deps);
    const refusal = await commitMinutes<ApprovalRefusal | undefined>(
      this.deps,
      groupId,
      meetingId,
      async (current) => {
        const refused = approvalRefusal(current, today, via);
        if (refused) return { result: refused };
        const actions = await this.deps.repository.actionsOfMeeting(groupId, meetingId);
        const approved = approveMinutes(current, approval, actions, hearings);
        return { write: approved, result: undefined };
      },
    );
    if (refusal) return { kind: 'refused', refusal };
    await this.deps.audit.append({
      at: approval.at,
      actorId,
      action: 'record.minutes-approved',
      subject: `meeting:${groupId}:${meetingId}`,
      details: { version: 1, via, ...(atMeetingId ? { atMeetingId } : {}) },
    });
    const view = await recordView(this.deps, meeting);
    return { kind: 'approved', view, cardUpdated: await this.refreshPostedCard(view) };
  }

  /**
   * The standard item "Godkendelse af referat" of `meetingId`: approves the minutes of the group's
   * meeting before it (the body approves at the meeting, so the comment period does not apply).
   */
  async approveAtMeeting(input: {
    groupId: string;
    meetingId: string;
    actorId: string;
  }): Promise<ApproveResult> {
    const meeting = await this.deps.meetings.get(input.groupId, input.meetingId);
    if (!meeting) return { kind: 'not-found' };
    if (recordingRefusal(meeting, this.deps.clock.now())) return { kind: 'meeting-not-begun' };
    const previous = previousMeeting(meeting, await this.deps.meetings.all(input.groupId));
    if (!previous) return { kind: 'no-previous-meeting' };
    return this.approve(input.groupId, previous.id, input.actorId, 'meeting', input.meetingId);
  }

  /** A correction of approved minutes: the next version, with who (the actor) and why. */
  async correct(
    groupId: string,
    meetingId: string,
    input: CorrectionInput,
    actorId: string,
  ): Promise<CorrectResult> {
    const meeting = await this.deps.meetings.get(groupId, meetingId);
    if (!meeting) return { kind: 'not-found' };
    const at = this.deps.clock.now().toISOString();
    type Outcome = { kind: 'refused'; refusal: CorrectionRefusal } | { kind: 'ok'; version: number };
    const outcome = await commitMinutes<Outcome>(this.deps, groupId, meetingId, async (current: Minutes) => {
      const [actions, versions] = await Promise.all([
        this.deps.repository.actionsOfMeeting(groupId, meetingId),
        this.deps.repository.versionsOf(groupId, meetingId),
      ]);
      const hearings = versions.find((version) => version.version === current.version)?.hearings ?? [];
      const corrected = correctMinutes(current, { ...input, by: actorId, at }, actions, hearings);
      if (!corrected.ok) return { result: { kind: 'refused' as const, refusal: corrected.refusal } };
      const { minutes, version } = corrected;
      return { write: { minutes, version }, result: { kind: 'ok' as const, version: version.version } };
    });
    if (outcome.kind === 'refused') return outcome;
    await this.deps.audit.append({
      at,
      actorId,
      action: 'record.minutes-corrected',
      subject: `meeting:${groupId}:${meetingId}`,
      details: { version: outcome.version, itemId: input.itemId },
    });
    const view = await recordView(this.deps, meeting);
    return {
      kind: 'corrected',
      view,
      version: outcome.version,
      cardUpdated: await this.refreshPostedCard(view),
    };
  }

  /** After an approval or correction the posted card shows the version in force (best effort). */
  private async refreshPostedCard(view: RecordView): Promise<boolean> {
    if (!view.minutes.draft?.activityId) return false;
    try {
      return await this.publish(view);
    } catch {
      // The approval is stored either way; the card answering the click says the channel was not updated.
      return false;
    }
  }
}
