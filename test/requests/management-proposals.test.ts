/**
 * FKI management puts proposals on the steering group's agenda: a member of the management body
 * (member register) may propose for the steering group's meetings, and an accepted one is listed
 * under "Rådgivning om indstillinger fra FKI"; for a reference group's meeting they may not, nor
 * may someone outside both.
 */
import { governanceRoles } from '../../src/domain/governance';
import { ManualClock } from '../../src/domain/clock';
import { RoleResolver } from '../../src/domain/roles';
import type { GroupRegistry } from '../../src/domain/ports';
import { AgendaService } from '../../src/features/agenda/agenda-service';
import { proposalMessages } from '../../src/features/agenda/proposal-messages';
import { ProposalRepository } from '../../src/features/agenda/proposals-repository';
import { ProposalService } from '../../src/features/agenda/proposals-service';
import { SqliteStore } from '../../src/platform/storage/sqlite/sqlite-store';
import { GroupRepository } from '../../src/features/binding/groups-repository';
import { CapturingMessenger } from '../services/hearings-fixture';
import { governance, requestWorld, STEERING_MEETING, type RequestWorld } from './support';

let w: RequestWorld;
let proposals: ProposalService;
const REFERENCE_MEETING = { ...STEERING_MEETING, id: 'm-ref', groupId: 'ref-arkitektur' };

beforeEach(async () => {
  w = await requestWorld(SqliteStore.inMemory());
  await w.meetings.create(REFERENCE_MEETING);
  const clock = new ManualClock('2027-01-11T10:00:00.000Z');
  const groups: GroupRegistry = new GroupRepository(w.store);
  proposals = new ProposalService(
    new ProposalRepository(w.store),
    w.meetings,
    groups,
    new CapturingMessenger(),
    w.audit,
    clock,
    governance,
    proposalMessages({ governance, timeZone: governance.timeZone, groups }),
    new RoleResolver(w.people, clock, [], governance.timeZone, governanceRoles(governance)),
  );
});
afterEach(async () => w.store.close());

const submit = (actorId: string, meeting = STEERING_MEETING) =>
  proposals.submit({
    groupId: meeting.groupId,
    meetingId: meeting.id,
    cardInstanceId: `ci-${actorId}-${meeting.id}`,
    fields: {
      title: 'Indstilling om fælles log',
      description: 'FKI-ledelsens indstilling',
      kind: 'decision',
      requestedMinutes: '20',
      proposedDecision: 'Kommunestyregruppen tiltræder.',
    },
    actor: { id: actorId, isSecretariat: false },
  });

test('a management member proposes for the steering group; accepted, it follows the FKI item', async () => {
  const result = await submit('m1');
  expect(result.kind).toBe('accepted');
  if (result.kind !== 'accepted') return;
  await proposals.triage({
    groupId: 'steering',
    proposalId: result.proposal.id,
    decision: 'accept',
    actorId: 'sec',
  });
  const agenda = new AgendaService(w.meetings, new ProposalRepository(w.store), w.people, governance);
  const items = (await agenda.draft(STEERING_MEETING)).agenda.items.map((item) => item.id);
  expect(items[items.indexOf('fki-proposals') + 1]).toBe(result.proposal.id);
});

test("management may not propose for a reference group's meeting, nor may an outsider for the steering group", async () => {
  expect((await submit('m1', REFERENCE_MEETING)).kind).toBe('not-member');
  expect((await submit('o1')).kind).toBe('not-member');
  expect(await proposals.forMeeting('steering', STEERING_MEETING.id)).toEqual([]);
});
