/** Records the security tests act on: fresh per use, so one cell never depends on another. */
import { randomUUID } from 'node:crypto';
import type { App } from '../../../src/app/compose';
import type { CollectionName, DocumentStore } from '../../../src/platform/storage/port';
import { PROPOSAL } from '../../services/hearings-fixture';
import { REFERENCE_GROUP } from './secure-bot';
import { MeetingRepository } from '../../../src/features/meetings/meetings-repository';

let serial = 0;
const next = () => ++serial;

/** A meeting of the group on its own day (2027-03-01 + n days), so same-day rules never collide. */
export async function freshMeeting(app: App, groupId = REFERENCE_GROUP): Promise<string> {
  const day = new Date(Date.UTC(2027, 2, 1 + next() * 2)).toISOString().slice(0, 10);
  const result = await app.services.meetingCycle!.meetings.schedule({
    groupId,
    date: day,
    time: '10:00',
    location: 'KOMBIT',
    actorId: 'p-sec',
  });
  if (result.kind !== 'scheduled') throw new Error(`fixture meeting not scheduled: ${result.kind}`);
  return result.meeting.id;
}

/** An unused future date for moving a meeting. */
export function freshDate(): string {
  return new Date(Date.UTC(2028, 0, 1 + next() * 2)).toISOString().slice(0, 10);
}

/** An agenda proposal, submitted by the member, waiting for triage. */
export async function freshProposal(app: App, meetingId: string, groupId = REFERENCE_GROUP): Promise<string> {
  const result = await app.services.meetingCycle!.proposals.submit({
    groupId,
    meetingId,
    cardInstanceId: randomUUID(),
    fields: validAgendaFields(),
    actor: { id: 'p-member', name: 'Medlem Mikkel', isSecretariat: false },
  });
  if (result.kind !== 'accepted') throw new Error(`fixture proposal not accepted: ${result.kind}`);
  // Its triage card is posted off the request path: let that finish, so the store is settled
  // before a test snapshots it.
  await app.services.meetingCycle!.proposals.idle();
  return result.proposal.id;
}

export function validAgendaFields() {
  return {
    title: 'Fælles logning',
    description: 'Kort om fælles logning',
    kind: 'discussion',
    requestedMinutes: '20',
    materialUrl: '',
    proposedDecision: '',
  };
}

/** A written hearing proposed by the member persona (who is then the proposer). */
export async function freshHearing(app: App): Promise<string> {
  const hearing = await app.services.hearings!.open({
    proposal: { ...PROPOSAL, title: `Arbejdsgruppe ${next()}` },
    proposingGroupId: REFERENCE_GROUP,
    proposer: { id: 'p-member', name: 'Medlem Mikkel' },
  });
  return hearing.id;
}

/** An active working group reporting to the reference group. */
export async function freshWorkingGroup(app: App, parentGroupId = REFERENCE_GROUP): Promise<string> {
  const id = `wg-sec-${next()}`;
  await app.repositories.groups.saveGroup({
    id,
    kind: 'working',
    name: { da: `Arbejdsgruppe ${id}`, en: `Working group ${id}` },
    parentGroupId,
    status: 'active',
    plannedEnd: '2027-12-31',
    createdAt: '2027-01-01T00:00:00.000Z',
  });
  return id;
}

/** A person who is in no group (for appoint/erase). */
export async function freshPerson(app: App): Promise<string> {
  const id = `p-fresh-${next()}`;
  await app.repositories.people.savePerson({
    id,
    name: `Ny Person ${id}`,
    organisation: { kind: 'municipality', municipalityCode: '101', name: 'København' },
  });
  return id;
}

/** A valid working-group proposal form (workingGroup.propose data). */
export function validWorkingGroupForm(): Record<string, string> {
  return {
    title: `Fælles log-format ${next()}`,
    problem: 'Kommunerne logger forskelligt.',
    mandate: 'Foreslå et fælles format.',
    parentGroupId: REFERENCE_GROUP,
    members: 'Anna Jensen; Aarhus Kommune\nBo Hansen; KOMBIT',
    chair: 'Anna Jensen',
    resources: 'Aarhus Kommune; 40',
    costKr: '25000',
    priority: '1',
    startDate: '2027-02-01',
    endDate: '2027-06-30',
  };
}

/** A meeting of the reference group held a week before the bot's clock: its record can be written. */
export async function heldMeeting(app: App): Promise<{ groupId: string; meetingId: string }> {
  const meetingId = `m-held-${next()}`;
  await new MeetingRepository(app.store).create({
    id: meetingId,
    groupId: REFERENCE_GROUP,
    startsAt: new Date(app.services.clock.now().getTime() - 7 * 86_400_000).toISOString(),
    durationMinutes: 120,
    status: 'scheduled',
    accessToken: randomUUID(),
  });
  return { groupId: REFERENCE_GROUP, meetingId };
}

/**
 * A held meeting whose first item the secretariat recorded (a decision and a follow-up action owned
 * by the member persona) and whose draft minutes are posted (the comment period runs).
 */
export async function recordedMeeting(
  app: App,
): Promise<{ groupId: string; meetingId: string; itemId: string; actionId: string }> {
  const { groupId, meetingId } = await heldMeeting(app);
  const record = app.services.record;
  const opened = await record.open(groupId, meetingId);
  if (opened.kind !== 'open') throw new Error(`fixture record not open: ${opened.kind}`);
  const itemId = opened.view.entries[0]!.item.id;
  const editor = { actorId: 'p-sec', isSecretariat: true };
  const saved = await record.saveItem({
    groupId,
    meetingId,
    itemId,
    expectedRevision: 0,
    submission: {
      decision: 'Godkendt',
      notes: '',
      actionWhat: 'Send analysen rundt',
      actionOwner: 'p-member',
      actionDue: '2027-02-01',
    },
    editor,
  });
  if (saved.kind !== 'saved' || !saved.newAction) throw new Error(`fixture item not saved: ${saved.kind}`);
  const drafted = await record.postDraft(groupId, meetingId, editor);
  if (drafted.kind !== 'posted') throw new Error(`fixture draft not posted: ${drafted.kind}`);
  return { groupId, meetingId, itemId, actionId: saved.newAction.id };
}

const COLLECTIONS: CollectionName[] = ['groups', 'directory', 'schedule', 'audit'];

/** Every document of the store (with its etag, so a rewrite with the same content shows too), sorted. */
export async function snapshotStore(store: DocumentStore): Promise<string[]> {
  const lines: string[] = [];
  for (const name of COLLECTIONS) {
    for await (const doc of store.collection(name).scan({}))
      lines.push(`${name}|${doc.pk}|${doc.id}|${JSON.stringify(doc)}`);
  }
  return lines.sort();
}
