/**
 * The open follow-up actions as the next meeting's agenda lists them under "Opfølgning", read from
 * the record's store: the shape of the agenda's follow-up port (AgendaFollowUps), so a composition
 * that has no RecordService of its own — the tab's AgendaService — shows the same section as the
 * bot's agenda. The owner's name is resolved when read, so an erased owner is the pseudonym.
 */
import type { Locale } from '../../domain/model';
import { byDueDate } from './domain/actions';
import type { FollowUpAction } from './domain/minutes';
import type { RecordPeople } from './record-deps';
import { actionOwnerNames, nameOf } from './record-names';
import type { RecordRepository } from './record-repository';

/** An open action on the next meeting's agenda (what the agenda's follow-up port carries). */
export interface AgendaActionLine {
  id: string;
  what: string;
  ownerName: string;
  dueDate: string;
  meetingId: string;
  createdAt: string;
}

/** The actions as agenda lines, the owners' names resolved in the locale. */
export async function agendaActionLines(
  people: RecordPeople,
  actions: readonly FollowUpAction[],
  locale: Locale,
): Promise<AgendaActionLine[]> {
  const names = await actionOwnerNames(people, actions, locale);
  return actions.map(({ id, what, ownerId, dueDate, meetingId, createdAt }) => ({
    id,
    what,
    ownerName: nameOf(names, ownerId),
    dueDate,
    meetingId,
    createdAt,
  }));
}

/** The agenda's follow-up port over the store: the group's open actions by due date. */
export function agendaFollowUpsFromRecord(
  repository: Pick<RecordRepository, 'openActionsOf'>,
  people: RecordPeople,
  locale: Locale = 'da',
): { openActions(groupId: string): Promise<AgendaActionLine[]> } {
  return {
    openActions: async (groupId) =>
      agendaActionLines(people, [...(await repository.openActionsOf(groupId))].sort(byDueDate), locale),
  };
}
