/**
 * The meeting record's service: the one object the record's commands and cards use, and what the
 * agenda (open actions, "Godkendelse af referat") and the hearings (a hearing's outcome) call. Each
 * part lives in its own file: recording items (record-items.ts), the minutes from draft to approved
 * (minutes-approval.ts), the follow-up actions and hearings (follow-ups.ts).
 */
import type { Locale, Membership, Person } from '../../domain/model';
import { instantMillis, localDate } from '../../domain/time';
import { parseLocalDate, type MeetingRecord } from '../meetings';
import { previousMeeting } from './domain/approval-rules';
import type { FollowUpAction, MinutesVersion } from './domain/minutes';
import { FollowUps, type CloseResult, type HearingOutcomeInput } from './follow-ups';
import {
  MinutesApproval,
  type ApproveResult,
  type CommentResult,
  type CorrectionInput,
  type CorrectResult,
  type DraftResult,
} from './minutes-approval';
import type { RecordServiceDeps } from './record-deps';
import {
  RecordItems,
  type Editor,
  type ItemSaveInput,
  type ItemSaveResult,
  type OpenedMeeting,
} from './record-items';
import { namesOf, type PersonNames } from './record-names';
import { agendaActionLines, type AgendaActionLine } from './agenda-follow-ups';

/**
 * The id of the standard agenda item "Godkendelse af referat": recording its decision approves the
 * minutes of the group's meeting before, as approved at this one (approveAtMeeting).
 */
export const APPROVAL_OF_MINUTES_ITEM_ID = 'approval-of-minutes';

/** What recording "Godkendelse af referat" did to the previous meeting's minutes (told on the card). */
export interface PreviousMinutesApproval {
  /** When the previous meeting began (absent when there is none). */
  meetingStartsAt?: string;
  result: ApproveResult;
}

export type RecordedItemResult = ItemSaveResult & { previousMinutes?: PreviousMinutesApproval };

export class RecordService {
  private readonly items: RecordItems;
  private readonly approval: MinutesApproval;
  private readonly followUps: FollowUps;

  constructor(private readonly deps: RecordServiceDeps) {
    this.items = new RecordItems(deps);
    this.approval = new MinutesApproval(deps, this.items);
    this.followUps = new FollowUps(deps);
  }

  get timeZone(): string {
    return this.deps.governance.timeZone;
  }

  /**
   * The meeting a user means: its id, or its local date (YYYY-MM-DD / D.M.YYYY); without one, the
   * latest meeting of the group that has begun (the one whose record is being written).
   */
  async findMeeting(groupId: string, reference?: string): Promise<MeetingRecord | undefined> {
    const wanted = reference?.trim();
    if (wanted) {
      const byId = /^[A-Za-z0-9-]+$/.test(wanted) ? await this.deps.meetings.get(groupId, wanted) : undefined;
      if (byId) return byId;
      const date = parseLocalDate(wanted);
      if (!date) return undefined;
      return (await this.deps.meetings.all(groupId)).find(
        (meeting) => meeting.status !== 'cancelled' && localDate(meeting.startsAt, this.timeZone) === date,
      );
    }
    const now = this.deps.clock.now().getTime();
    return (await this.deps.meetings.all(groupId))
      .filter((meeting) => meeting.status !== 'cancelled' && instantMillis(meeting.startsAt) <= now)
      .sort((a, b) => instantMillis(b.startsAt) - instantMillis(a.startsAt))[0];
  }

  /** The meeting's record, when it can be written (the meeting began and was not cancelled). */
  open(groupId: string, meetingId: string): Promise<OpenedMeeting> {
    return this.items.open(groupId, meetingId);
  }

  /**
   * Saves an item; the item "Godkendelse af referat" also approves the previous meeting's minutes
   * (idempotent: a repeated save or a second edit finds them approved and says so).
   */
  async saveItem(input: ItemSaveInput): Promise<RecordedItemResult> {
    const result = await this.items.save(input);
    if (input.itemId !== APPROVAL_OF_MINUTES_ITEM_ID) return result;
    if (result.kind !== 'saved' && result.kind !== 'already-saved') return result;
    const meeting = result.view.meeting;
    const previous = previousMeeting(meeting, await this.deps.meetings.all(meeting.groupId));
    const approval = await this.approval.approveAtMeeting({
      groupId: meeting.groupId,
      meetingId: meeting.id,
      actorId: input.editor.actorId,
    });
    return { ...result, previousMinutes: { meetingStartsAt: previous?.startsAt, result: approval } };
  }

  nameMinuteTaker(groupId: string, meetingId: string, personId: string, actorId: string) {
    return this.items.nameMinuteTaker(groupId, meetingId, personId, actorId);
  }

  postDraft(groupId: string, meetingId: string, editor: Editor): Promise<DraftResult> {
    return this.approval.postDraft(groupId, meetingId, editor);
  }

  comment(
    groupId: string,
    meetingId: string,
    author: Editor & { isMember: boolean },
    text: string,
  ): Promise<CommentResult> {
    return this.approval.comment(groupId, meetingId, author, text);
  }

  /** The secretariat's approval (from the day after the comment period). */
  approve(groupId: string, meetingId: string, actorId: string): Promise<ApproveResult> {
    return this.approval.approve(groupId, meetingId, actorId, 'administer');
  }

  /**
   * For the next meeting's standard item "Godkendelse af referat": approves the minutes of the
   * meeting before `meetingId` in the group, as approved at that meeting.
   */
  approveAtMeeting(input: { groupId: string; meetingId: string; actorId: string }): Promise<ApproveResult> {
    return this.approval.approveAtMeeting(input);
  }

  correct(
    groupId: string,
    meetingId: string,
    input: CorrectionInput,
    actorId: string,
  ): Promise<CorrectResult> {
    return this.approval.correct(groupId, meetingId, input, actorId);
  }

  versions(groupId: string, meetingId: string): Promise<MinutesVersion[]> {
    return this.deps.repository.versionsOf(groupId, meetingId);
  }

  closeAction(groupId: string, actionId: string, closer: Editor, note: string): Promise<CloseResult> {
    return this.followUps.close(groupId, actionId, closer, note);
  }

  getAction(groupId: string, actionId: string): Promise<FollowUpAction | undefined> {
    return this.followUps.getAction(groupId, actionId);
  }

  /** The group's open follow-up actions by due date: for the next meeting's agenda. */
  openActions(groupId: string): Promise<FollowUpAction[]> {
    return this.followUps.openActions(groupId);
  }

  /**
   * The open actions as the next meeting's agenda lists them under "Opfølgning" (the agenda's port,
   * filled by the composition root): the owner's name resolved now, so an erased owner is the pseudonym.
   */
  async openActionsForAgenda(groupId: string, locale: Locale = 'da'): Promise<AgendaActionLine[]> {
    return agendaActionLines(this.deps.people, await this.openActions(groupId), locale);
  }

  overdueActions(groupIds: readonly string[]): Promise<FollowUpAction[]> {
    return this.followUps.overdueActions(groupIds);
  }

  listOpenActions(): Promise<FollowUpAction[]> {
    return this.followUps.listOpenActions();
  }

  /** A written hearing's outcome, for the steering group's next meeting record (idempotent). */
  recordHearingOutcome(input: HearingOutcomeInput) {
    return this.followUps.recordHearingOutcome(input);
  }

  /** The body's current members (the owners an action may have, the minute-takers to name). */
  activeMembers(groupId: string): Promise<Array<{ person: Person; membership: Membership }>> {
    return this.deps.members.activeMembers(groupId);
  }

  async isActiveMember(groupId: string, personId: string): Promise<boolean> {
    return (await this.activeMembers(groupId)).some((member) => member.person.id === personId);
  }

  names(ids: Iterable<string>, locale: Locale): Promise<PersonNames> {
    return namesOf(this.deps.people, ids, locale);
  }
}
