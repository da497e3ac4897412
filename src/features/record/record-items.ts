/**
 * Recording the items of a meeting and naming its minute-taker. Who records: the secretariat, or
 * the minute-taker the secretariat named for that meeting. Every save is one etag-guarded write of
 * the minutes with the item's new action (commitMinutes), and is audited with ids only.
 */
import { createHash } from 'node:crypto';
import type { MeetingRecord } from '../meetings';
import { recordingRefusal, type RecordingRefusal } from './domain/approval-rules';
import {
  applyItemSave,
  validateItemSubmission,
  type ItemFieldError,
  type ItemSaveOutcome,
  type ItemSubmission,
} from './domain/item-rules';
import type { FollowUpAction, Minutes, MinutesItem } from './domain/minutes';
import { commitMinutes, todayOf, type RecordServiceDeps } from './record-deps';
import { recordView, type RecordEntry, type RecordView } from './record-view';

export interface Editor {
  actorId: string;
  isSecretariat: boolean;
}

type SaveOutcome = ItemSaveOutcome | { kind: 'not-editor' };

export function mayEdit(minutes: Minutes, editor: Editor): boolean {
  return (
    editor.isSecretariat || (minutes.minuteTakerId !== undefined && minutes.minuteTakerId === editor.actorId)
  );
}

export type OpenedMeeting =
  | { kind: 'open'; meeting: MeetingRecord; view: RecordView }
  | { kind: 'not-found' }
  | { kind: 'refused'; refusal: RecordingRefusal; meeting: MeetingRecord };

export type ItemSaveResult =
  | { kind: 'saved'; view: RecordView; item: MinutesItem; newAction?: FollowUpAction }
  | { kind: 'already-saved'; view: RecordView; item: MinutesItem }
  | { kind: 'invalid'; view: RecordView; entry: RecordEntry; errors: ItemFieldError[] }
  | { kind: 'conflict'; view: RecordView; entry: RecordEntry }
  | { kind: 'approved'; view: RecordView }
  | { kind: 'not-editor'; view: RecordView }
  | { kind: 'unknown-item'; view: RecordView }
  | Exclude<OpenedMeeting, { kind: 'open' }>;

export type MinuteTakerResult =
  | { kind: 'named'; view: RecordView }
  | { kind: 'not-a-member' }
  | { kind: 'approved' }
  | Exclude<OpenedMeeting, { kind: 'open' }>;

export interface ItemSaveInput {
  groupId: string;
  meetingId: string;
  itemId: string;
  expectedRevision: number;
  submission: ItemSubmission;
  editor: Editor;
}

/** The id of the action a save adds: the same save delivered twice names the same action. */
export function newActionId(groupId: string, meetingId: string, itemId: string, revision: number): string {
  const digest = createHash('sha256').update(`${groupId}\u0000${meetingId}\u0000${itemId}\u0000${revision}`);
  return `a-${digest.digest('hex').slice(0, 24)}`;
}

export class RecordItems {
  constructor(private readonly deps: RecordServiceDeps) {}

  /** The meeting's record, when decisions can be recorded for it (started, not cancelled). */
  async open(groupId: string, meetingId: string): Promise<OpenedMeeting> {
    const meeting = await this.deps.meetings.get(groupId, meetingId);
    if (!meeting) return { kind: 'not-found' };
    const refusal = recordingRefusal(meeting, this.deps.clock.now());
    if (refusal) return { kind: 'refused', refusal, meeting };
    return { kind: 'open', meeting, view: await recordView(this.deps, meeting) };
  }

  async save(input: ItemSaveInput): Promise<ItemSaveResult> {
    const opened = await this.open(input.groupId, input.meetingId);
    if (opened.kind !== 'open') return opened;
    const { view, meeting } = opened;
    const entry = view.entries.find((candidate) => candidate.item.id === input.itemId);
    if (!entry) return { kind: 'unknown-item', view };
    if (!mayEdit(view.minutes, input.editor)) return { kind: 'not-editor', view };
    const members = await this.deps.members.activeMembers(input.groupId);
    const validation = validateItemSubmission(input.submission, {
      today: todayOf(this.deps),
      memberIds: new Set(members.map((member) => member.person.id)),
      existingActions: entry.recorded?.actionIds.length ?? 0,
    });
    if (!validation.ok) return { kind: 'invalid', view, entry, errors: validation.errors };
    const at = this.deps.clock.now().toISOString();
    const outcome = await commitMinutes<SaveOutcome>(this.deps, input.groupId, input.meetingId, (current) => {
      if (!mayEdit(current, input.editor)) return { result: { kind: 'not-editor' as const } };
      const applied = applyItemSave(current, {
        agendaItem: entry.item,
        expectedRevision: input.expectedRevision,
        fields: validation.value,
        actorId: input.editor.actorId,
        at,
        newActionId: newActionId(input.groupId, input.meetingId, input.itemId, input.expectedRevision + 1),
        groupId: input.groupId,
        meetingId: input.meetingId,
      });
      if (applied.kind !== 'saved') return { result: applied };
      const newActions = applied.newAction ? [applied.newAction] : [];
      return { write: { minutes: applied.minutes, newActions }, result: applied };
    });
    return this.afterSave(meeting, input, outcome);
  }

  private async afterSave(
    meeting: MeetingRecord,
    input: ItemSaveInput,
    outcome: SaveOutcome,
  ): Promise<ItemSaveResult> {
    const view = await recordView(this.deps, meeting);
    const entry = view.entries.find((candidate) => candidate.item.id === input.itemId)!;
    switch (outcome.kind) {
      case 'saved':
        await this.deps.audit.append({
          at: outcome.item.changedAt,
          actorId: input.editor.actorId,
          action: 'record.item-saved',
          subject: `meeting:${input.groupId}:${input.meetingId}`,
          details: {
            itemId: input.itemId,
            revision: outcome.item.revision,
            ...(outcome.newAction
              ? { actionId: outcome.newAction.id, ownerId: outcome.newAction.ownerId }
              : {}),
          },
        });
        return {
          kind: 'saved',
          view,
          item: outcome.item,
          ...(outcome.newAction ? { newAction: outcome.newAction } : {}),
        };
      case 'already-saved':
        return { kind: 'already-saved', view, item: outcome.item };
      case 'conflict':
        return { kind: 'conflict', view, entry };
      case 'approved':
        return { kind: 'approved', view };
      case 'not-editor':
        return { kind: 'not-editor', view };
    }
  }

  /** The secretariat names a current member of the body to record the meeting. */
  async nameMinuteTaker(
    groupId: string,
    meetingId: string,
    personId: string,
    actorId: string,
  ): Promise<MinuteTakerResult> {
    const opened = await this.open(groupId, meetingId);
    if (opened.kind !== 'open') return opened;
    const members = await this.deps.members.activeMembers(groupId);
    if (!members.some((member) => member.person.id === personId)) return { kind: 'not-a-member' };
    const result = await commitMinutes(this.deps, groupId, meetingId, (current) => {
      if (current.status === 'approved') return { result: 'approved' as const };
      if (current.minuteTakerId === personId) return { result: 'named' as const };
      return { write: { minutes: { ...current, minuteTakerId: personId } }, result: 'named' as const };
    });
    if (result === 'approved') return { kind: 'approved' };
    await this.deps.audit.append({
      at: this.deps.clock.now().toISOString(),
      actorId,
      action: 'record.minute-taker-named',
      subject: `meeting:${groupId}:${meetingId}`,
      details: { personId },
    });
    return { kind: 'named', view: await recordView(this.deps, opened.meeting) };
  }
}
