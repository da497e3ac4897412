/**
 * Endorsements on a given store: the real endorsement, meeting, proposal, people, group and audit
 * repositories, the agenda's own item step, the role resolver on the register; the reference group
 * ref-arkitektur's members r1, r3, r4 and chair r2, the steering member s1 and the outsider o1 (of
 * ref-drift); a steering meeting on 2027-03-04 and a capturing messenger.
 */
import { ManualClock } from '../../src/domain/clock';
import { governanceRoles, type Governance } from '../../src/domain/governance';
import { RoleResolver } from '../../src/domain/roles';
import { loadGovernance } from '../../src/platform/governance/governance-loader';
import type { DocumentStore } from '../../src/platform/storage/port';
import { AuditRepository } from '../../src/platform/audit/audit-repository';
import { GroupRepository } from '../../src/features/binding/groups-repository';
import { MeetingRepository, type MeetingRecord } from '../../src/features/meetings/meetings-repository';
import { PeopleRepository } from '../../src/features/members/people-repository';
import { ProposalRepository } from '../../src/features/agenda/proposals-repository';
import { endorsedItemWrite } from '../../src/features/agenda';
import { EndorsementRepository, EndorsementService } from '../../src/features/endorsements';
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

export interface EndorsementWorld {
  store: DocumentStore;
  clock: ManualClock;
  service: EndorsementService;
  repository: EndorsementRepository;
  proposals: ProposalRepository;
  messenger: CapturingMessenger;
  audit: AuditRepository;
}

async function seedRegister(people: PeopleRepository): Promise<void> {
  const municipality = { kind: 'municipality', municipalityCode: '101', name: 'København' } as const;
  const since = '2025-01-01';
  const ref = (id: string, name: string, role: 'member' | 'chair' = 'member') =>
    seedPerson(people, { id, name, organisation: municipality }, [
      { groupId: 'ref-arkitektur', role, termStart: since },
    ]);
  await ref('r1', 'Rikke Ærø');
  await ref('r2', 'Rasmus Formand', 'chair');
  await ref('r3', 'Rune Tredje');
  await ref('r4', 'Rita Fjerde');
  await seedPerson(people, { id: 's1', name: 'Søren Styr', organisation: municipality }, [
    { groupId: 'steering', role: 'member', termStart: since },
  ]);
  await seedPerson(people, { id: 'o1', name: 'Ole Udenfor', organisation: municipality }, [
    { groupId: 'ref-drift', role: 'member', termStart: since },
  ]);
}

export async function endorsementWorld(
  store: DocumentStore,
  options: {
    now?: string;
    meeting?: boolean;
    governance?: Governance;
    languages?: { preferenceOf(personId: string): Promise<'da' | 'en' | undefined> };
  } = {},
): Promise<EndorsementWorld> {
  const clock = new ManualClock(options.now ?? '2027-01-11T10:00:00.000Z');
  const people = new PeopleRepository(store);
  const meetings = new MeetingRepository(store);
  const repository = new EndorsementRepository(store);
  const audit = new AuditRepository(store);
  const messenger = new CapturingMessenger();
  await seedRegister(people);
  if (options.meeting !== false) await meetings.create(STEERING_MEETING);
  const service = new EndorsementService({
    repository,
    agenda: {
      nextMeeting: async (groupId) => (await meetings.upcoming(groupId, clock.now()))[0],
      itemWrite: endorsedItemWrite,
    },
    groups: new GroupRepository(store),
    roles: new RoleResolver(people, clock, [], governance.timeZone, governanceRoles(governance)),
    messenger,
    audit,
    clock,
    governance: options.governance ?? governance,
    ...(options.languages ? { languages: options.languages } : {}),
  });
  return { store, clock, service, repository, proposals: new ProposalRepository(store), messenger, audit };
}

/** Drafts a valid endorsement as the member r1 (card instance `ci`). */
export async function draft(w: EndorsementWorld, ci = 'ci-1', materialText = '') {
  const result = await w.service.submit({
    cardInstanceId: ci,
    referenceGroupId: 'ref-arkitektur',
    fields: { title: 'Fælles log-format', text: 'Vi indstiller, at kommunerne bruger ét fælles log-format.' },
    materialText,
    actor: { id: 'r1', name: 'Rikke Ærø' },
  });
  if (result.kind !== 'accepted') throw new Error(`endorsement not accepted: ${result.kind}`);
  return result.endorsement;
}

export const vote = (
  w: EndorsementWorld,
  voterId: string,
  choice: 'for' | 'against' | 'abstain',
  id = 'ci-1',
) =>
  w.service.vote({
    steeringGroupId: 'steering',
    endorsementId: id,
    choice,
    actor: { id: voterId, name: `Navn ${voterId}` },
  });
