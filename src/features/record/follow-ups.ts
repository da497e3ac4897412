/**
 * Follow-up actions after the meeting, and the written hearings told at the next one: the owner
 * closes an action with a short note, the secretariat lists the overdue ones, the next meeting's
 * agenda lists the open ones, and a hearing's outcome is kept for the steering group's next
 * meeting (recordView puts it on the record of the first meeting after the decision).
 */
import { decidingBody } from '../../domain/governance';
import { byDueDate, closeAction, isOverdue, type CloseRefusal } from './domain/actions';
import type { FollowUpAction, HearingOrientation } from './domain/minutes';
import { todayOf, type RecordServiceDeps } from './record-deps';
import type { Editor } from './record-items';

export type CloseResult =
  | { kind: 'closed' | 'already-closed'; action: FollowUpAction }
  | { kind: 'refused'; refusal: CloseRefusal; action: FollowUpAction }
  | { kind: 'not-found' };

/** A written hearing's result, as the hearing feature has it when it closes; the group defaults to the steering group. */
export type HearingOutcomeInput = Omit<HearingOrientation, 'groupId'> & { groupId?: string };

export class FollowUps {
  constructor(private readonly deps: RecordServiceDeps) {}

  async close(groupId: string, actionId: string, closer: Editor, note: string): Promise<CloseResult> {
    const found = await this.deps.repository.getAction(groupId, actionId);
    if (!found) return { kind: 'not-found' };
    const at = this.deps.clock.now().toISOString();
    let outcome = { kind: 'not-found' } as CloseResult;
    const close = { by: closer.actorId, bySecretariat: closer.isSecretariat, note, at };
    await this.deps.repository.updateAction(groupId, actionId, (current) => {
      const decided = closeAction(current, close);
      outcome = decided.kind === 'refused' ? { ...decided, action: current } : decided;
      return decided.kind === 'closed' ? decided.action : undefined;
    });
    if (outcome.kind === 'closed')
      await this.deps.audit.append({
        at,
        actorId: closer.actorId,
        action: 'record.action-closed',
        subject: `meeting:${groupId}:${found.meetingId}`,
        details: { actionId },
      });
    return outcome;
  }

  async getAction(groupId: string, actionId: string): Promise<FollowUpAction | undefined> {
    return this.deps.repository.getAction(groupId, actionId);
  }

  /** The group's open actions, by due date (for the next meeting's agenda under follow-up). */
  async openActions(groupId: string): Promise<FollowUpAction[]> {
    return (await this.deps.repository.openActionsOf(groupId)).sort(byDueDate);
  }

  /** Open actions whose due date has passed, of the given groups (one partition query each). */
  async overdueActions(groupIds: readonly string[]): Promise<FollowUpAction[]> {
    const today = todayOf(this.deps);
    const lists = await Promise.all(groupIds.map((groupId) => this.deps.repository.openActionsOf(groupId)));
    return lists
      .flat()
      .filter((action) => isOverdue(action, today))
      .sort(byDueDate);
  }

  /** Every open action of every group (the reminder scan's cross-partition read). */
  listOpenActions(): Promise<FollowUpAction[]> {
    return this.deps.repository.listOpenActions();
  }

  /**
   * Keeps a written hearing's outcome for the body's next meeting record (an orientation item:
   * what was decided in writing, the tally, the date). Idempotent: a retried close records it once.
   */
  async recordHearingOutcome(
    input: HearingOutcomeInput,
  ): Promise<{ recorded: boolean; orientation: HearingOrientation }> {
    const { groupId, ...rest } = input;
    const orientation: HearingOrientation = {
      ...rest,
      groupId: groupId ?? decidingBody(this.deps.governance).id,
    };
    const recorded = await this.deps.repository.saveHearingOutcome(orientation);
    if (recorded)
      await this.deps.audit.append({
        at: this.deps.clock.now().toISOString(),
        actorId: 'system',
        action: 'record.hearing-outcome',
        subject: `hearing:${input.hearingId}`,
        details: { groupId: orientation.groupId, outcome: input.outcome },
      });
    return { recorded, orientation };
  }
}
