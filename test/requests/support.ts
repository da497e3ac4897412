/**
 * Requests for input on a given store: the real request, meeting, proposal, people, group and
 * audit repositories, the agenda's own item step, the role resolver on the register; the steering
 * group's member s1, the reference group ref-arkitektur's member r1 and chair r2, FKI management's
 * member m1 and the outsider o1; a steering meeting on 2027-03-04 and a capturing messenger.
 */
import { governanceRoles, type Governance } from '../../src/domain/governance';
import { ManualClock } from '../../src/domain/clock';
import { RoleResolver } from '../../src/domain/roles';
import { isActiveOn } from '../../src/domain/terms';
import { localToday } from '../../src/domain/time';
import { loadGovernance } from '../../src/platform/governance/governance-loader';
import type { DocumentStore } from '../../src/platform/storage/port';
import { AuditRepository } from '../../src/platform/audit/audit-repository';
import { GroupRepository } from '../../src/features/binding/groups-repository';
import { MeetingRepository, type MeetingRecord } from '../../src/features/meetings/meetings-repository';
import { PeopleRepository } from '../../src/features/members/people-repository';
import { ProposalRepository } from '../../src/features/agenda/proposals-repository';
import { requestedInputItemWrite } from '../../src/features/agenda';
import { RequestRepository, RequestService } from '../../src/features/requests';
import { CapturingMessenger } from '../services/hearings-fixture';
import { seedPerson } from '../support/people';

export const governance = loadGovernance();

export const STEERING_MEETING: MeetingRecord = {
  id: 'm-2027-03',
  groupId: 'steering',
  startsAt: '2027-03-04T09:00:00.000Z',
  durationMinutes: 240,
  status: 'scheduled',
  accessToken: 'token-token-token-token',
};

export interface RequestWorld {
  store: DocumentStore;
  clock: ManualClock;
  service: RequestService;
  repository: RequestRepository;
  proposals: ProposalRepository;
  meetings: MeetingRepository;
  groups: GroupRepository;
  people: PeopleRepository;
  messenger: CapturingMessenger;
  audit: AuditRepository;
}

async function seedRegister(people: PeopleRepository): Promise<void> {
  const municipality = { kind: 'municipality', municipalityCode: '101', name: 'København' } as const;
  const kombit = { kind: 'KOMBIT', name: 'KOMBIT' } as const;
  const since = '2025-01-01';
  await seedPerson(people, { id: 's1', name: 'Søren Styr', organisation: municipality }, [
    { groupId: 'steering', role: 'member', termStart: since },
  ]);
  await seedPerson(people, { id: 'r1', name: 'Rikke Ærø', organisation: municipality }, [
    { groupId: 'ref-arkitektur', role: 'member', termStart: since },
  ]);
  await seedPerson(people, { id: 'r2', name: 'Rasmus Formand', organisation: municipality }, [
    { groupId: 'ref-arkitektur', role: 'chair', termStart: since },
  ]);
  await seedPerson(people, { id: 'm1', name: 'Mette Ledelse', organisation: kombit }, [
    { groupId: 'management', role: 'member', termStart: since },
  ]);
  await seedPerson(people, { id: 'o1', name: 'Ole Udenfor', organisation: municipality }, [
    { groupId: 'ref-drift', role: 'member', termStart: since },
  ]);
}

export async function requestWorld(
  store: DocumentStore,
  now = '2027-01-11T10:00:00.000Z',
  options: {
    governance?: Governance;
    languages?: { preferenceOf(personId: string): Promise<'da' | 'en' | undefined> };
  } = {},
): Promise<RequestWorld> {
  const clock = new ManualClock(now);
  const people = new PeopleRepository(store);
  const meetings = new MeetingRepository(store);
  const groups = new GroupRepository(store);
  const repository = new RequestRepository(store);
  const audit = new AuditRepository(store);
  const messenger = new CapturingMessenger();
  await seedRegister(people);
  await meetings.create(STEERING_MEETING);
  const service = new RequestService({
    repository,
    agenda: {
      nextMeeting: async (groupId) => (await meetings.upcoming(groupId, clock.now()))[0],
      itemWrite: requestedInputItemWrite,
    },
    groups,
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
    roles: new RoleResolver(people, clock, [], governance.timeZone, governanceRoles(governance)),
    messenger,
    audit,
    clock,
    governance: options.governance ?? governance,
    ...(options.languages ? { languages: options.languages } : {}),
  });
  const proposals = new ProposalRepository(store);
  return { store, clock, service, repository, proposals, meetings, groups, people, messenger, audit };
}

export const VALID_FIELDS = {
  referenceGroupId: 'ref-arkitektur',
  topic: 'Fælles identitetsløsning',
  question: 'Hvilke arkitekturprincipper bør gælde for en fælles identitetsløsning?',
  background: 'KOMBIT overvejer en fælles løsning for æøå-kommunerne.',
  dueDate: '2027-02-10',
};

/** Files a valid request as the steering member s1 (card instance `ci`). */
export async function fileRequest(
  w: RequestWorld,
  ci = 'ci-1',
  overrides: Partial<typeof VALID_FIELDS> = {},
) {
  const result = await w.service.submit({
    cardInstanceId: ci,
    fields: { ...VALID_FIELDS, ...overrides },
    materialText: 'Notat | https://example.org/notat.pdf',
    actor: { id: 's1', name: 'Søren Styr', capacity: 'decide' },
  });
  if (result.kind !== 'accepted') throw new Error(`request not accepted: ${result.kind}`);
  return result;
}
