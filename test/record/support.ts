/**
 * A meeting record on a given store: the real record, meeting, people and audit repositories, a
 * fixed two-item agenda (the agenda feature's own composition is tested there), the steering
 * group's members p1, p2 (and p-old, whose term ended), and a capturing messenger.
 */
import { ManualClock } from '../../src/domain/clock';
import type { Governance } from '../../src/domain/governance';
import { loadGovernance } from '../../src/platform/governance/governance-loader';
import type { DocumentStore } from '../../src/platform/storage/port';
import { AuditRepository } from '../../src/platform/audit/audit-repository';
import { MeetingRepository, type MeetingRecord } from '../../src/features/meetings/meetings-repository';
import { PeopleRepository } from '../../src/features/members/people-repository';
import { RecordRepository } from '../../src/features/record/record-repository';
import { RecordService } from '../../src/features/record/record-service';
import type { RecordAgendaItem } from '../../src/features/record/domain/minutes';
import { isActiveOn } from '../../src/domain/terms';
import { localToday } from '../../src/domain/time';
import { CapturingMessenger } from '../services/hearings-fixture';
import { seedPerson } from '../support/people';

export const governance = loadGovernance();

export const AGENDA: RecordAgendaItem[] = [
  {
    id: 'approval-of-minutes',
    number: 1,
    title: { da: 'Godkendelse af referat', en: 'Approval of minutes' },
    kind: 'decision',
  },
  {
    id: 'p-arkitektur',
    number: 2,
    title: { da: 'Fælles arkitektur – æøå', en: 'Common architecture' },
    kind: 'decision',
  },
];

export const MEETING: MeetingRecord = {
  id: 'm-2027-03',
  groupId: 'steering',
  startsAt: '2027-03-04T09:00:00.000Z',
  durationMinutes: 240,
  status: 'scheduled',
  accessToken: 'token-token-token-token',
};

export interface RecordWorld {
  store: DocumentStore;
  clock: ManualClock;
  service: RecordService;
  repository: RecordRepository;
  people: PeopleRepository;
  meetings: MeetingRepository;
  messenger: CapturingMessenger;
  audit: AuditRepository;
}

export async function recordWorld(
  store: DocumentStore,
  now = '2027-03-04T11:00:00.000Z',
  options: { governance?: Governance } = {},
): Promise<RecordWorld> {
  const clock = new ManualClock(now);
  const people = new PeopleRepository(store);
  const meetings = new MeetingRepository(store);
  const repository = new RecordRepository(store);
  const audit = new AuditRepository(store);
  const messenger = new CapturingMessenger();
  const organisation = { kind: 'municipality', municipalityCode: '101', name: 'København' } as const;
  await seedPerson(people, { id: 'p1', name: 'Pia Ærø', organisation }, [
    { groupId: 'steering', role: 'member', termStart: '2025-01-01' },
  ]);
  await seedPerson(people, { id: 'p2', name: 'Per Østergaard', organisation }, [
    { groupId: 'steering', role: 'chair', termStart: '2025-01-01' },
  ]);
  await seedPerson(people, { id: 'p-old', name: 'Ole Gammel', organisation }, [
    { groupId: 'steering', role: 'member', termStart: '2020-01-01', endedOn: '2026-12-31' },
  ]);
  await meetings.create(MEETING);
  const service = new RecordService({
    repository,
    meetings,
    agenda: { itemsOf: async () => AGENDA },
    members: {
      activeMembers: async (groupId) => {
        const today = localToday(clock, governance.timeZone);
        const active = (await people.membersOf(groupId)).filter((m) => isActiveOn(m, today));
        const persons = await people.getPersons(active.map((m) => m.personId));
        return active.flatMap((membership) => {
          const person = persons.get(membership.personId);
          return person ? [{ person, membership }] : [];
        });
      },
    },
    people,
    messenger,
    audit,
    clock,
    governance: options.governance ?? governance,
  });
  return { store, clock, service, repository, people, meetings, messenger, audit };
}

export const SECRETARIAT = { actorId: 'sec', isSecretariat: true };
