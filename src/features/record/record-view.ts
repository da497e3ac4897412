/**
 * The record of one meeting as the cards show it: the meeting's agenda items in order, each with
 * what was recorded for it and its follow-up actions, and the written hearings told at it.
 *
 * Until the minutes are approved the items are the meeting's composed agenda now (an item recorded
 * and since dropped from the agenda stays, after the others); approved minutes show exactly what
 * was approved (the items as recorded, the hearings of the version in force).
 */
import { withoutEtag } from '../../platform/storage/repository';
import type { MeetingRecord } from '../meetings';
import { hearingsForMeeting } from './domain/approval-rules';
import type {
  FollowUpAction,
  HearingOrientation,
  Minutes,
  MinutesItem,
  RecordAgendaItem,
} from './domain/minutes';
import { emptyMinutes } from './domain/minutes';
import type { RecordServiceDeps } from './record-deps';

export interface RecordEntry {
  item: RecordAgendaItem;
  recorded?: MinutesItem;
  actions: FollowUpAction[];
}

export interface RecordView {
  meeting: MeetingRecord;
  minutes: Minutes;
  entries: RecordEntry[];
  hearings: HearingOrientation[];
}

function entriesOf(
  agendaItems: RecordAgendaItem[],
  minutes: Minutes,
  actions: FollowUpAction[],
): RecordEntry[] {
  const recorded = new Map(minutes.items.map((item) => [item.itemId, item]));
  const actionsOf = (item?: MinutesItem) =>
    (item?.actionIds ?? []).flatMap((id) => actions.filter((action) => action.id === id));
  const onAgenda = agendaItems.map((item) => ({
    item,
    recorded: recorded.get(item.id),
    actions: actionsOf(recorded.get(item.id)),
  }));
  const agendaIds = new Set(agendaItems.map((item) => item.id));
  const dropped = minutes.items
    .filter((item) => !agendaIds.has(item.itemId))
    .map((item) => ({
      item: { id: item.itemId, number: item.number, title: item.title, kind: item.kind },
      recorded: item,
      actions: actionsOf(item),
    }));
  return [...onAgenda, ...dropped];
}

/** The view of a meeting's record (the minutes as stored, or empty ones when nothing is recorded). */
export async function recordView(deps: RecordServiceDeps, meeting: MeetingRecord): Promise<RecordView> {
  const { groupId, id } = meeting;
  const [stored, actions] = await Promise.all([
    deps.repository.getMinutes(groupId, id),
    deps.repository.actionsOfMeeting(groupId, id),
  ]);
  const minutes = stored ? withoutEtag(stored) : emptyMinutes(groupId, id);
  if (minutes.status === 'approved') {
    const versions = await deps.repository.versionsOf(groupId, id);
    const inForce = versions.find((version) => version.version === minutes.version);
    return { meeting, minutes, entries: entriesOf([], minutes, actions), hearings: inForce?.hearings ?? [] };
  }
  const [agendaItems, meetings, outcomes] = await Promise.all([
    deps.agenda.itemsOf(meeting),
    deps.meetings.all(groupId),
    deps.repository.hearingOutcomesOf(groupId),
  ]);
  return {
    meeting,
    minutes,
    entries: entriesOf(agendaItems, minutes, actions),
    hearings: hearingsForMeeting(meeting, meetings, outcomes),
  };
}
