/**
 * Working groups after approval on a given store: the real group, people, meeting, proposal and
 * audit repositories, the member register (MembersService with a small municipality register) as
 * the app wires it (working-group-services.ts), the extension and result services, the role
 * resolver on the register and a capturing messenger. The reference group ref-arkitektur has the
 * members r1, r2, r3 and the chair r4; s1 sits in the steering group; ref-arkitektur meets on
 * 2027-03-10.
 */
import { ManualClock } from '../../src/domain/clock';
import { governanceRoles, type Governance } from '../../src/domain/governance';
import { RoleResolver } from '../../src/domain/roles';
import { loadGovernance } from '../../src/platform/governance/governance-loader';
import type { DocumentStore } from '../../src/platform/storage/port';
import { AuditRepository } from '../../src/platform/audit/audit-repository';
import { syncPermanentGroups } from '../../src/features/binding/group-sync';
import { GroupRepository } from '../../src/features/binding/groups-repository';
import { MeetingRepository, type MeetingRecord } from '../../src/features/meetings/meetings-repository';
import { MembersService } from '../../src/features/members/members-service';
import { PeopleRepository } from '../../src/features/members/people-repository';
import { ProposalRepository } from '../../src/features/agenda/proposals-repository';
import { MunicipalityRepository } from '../../src/features/municipalities/municipalities-repository';
import { MunicipalityService } from '../../src/features/municipalities/municipalities-service';
import {
  ExtensionRepository,
  ExtensionService,
  ResultRepository,
  ResultService,
  type WorkingGroupProposal,
} from '../../src/features/working-groups';
import { WorkingGroupRepository } from '../../src/features/working-groups/working-groups-repository';
import {
  WorkingGroupService,
  type ActorInGroups,
} from '../../src/features/working-groups/working-groups-service';
import { membersReportTo, workingGroupMembersOf } from '../../src/app/working-group-services';
import { CapturingMessenger } from '../services/hearings-fixture';
import { seedPerson } from '../support/people';

export const governance = loadGovernance();

/** The same governance with these bodies speaking English (issue 26.5). */
export function withEnglish(...bodyIds: string[]): Governance {
  return {
    ...governance,
    bodies: governance.bodies.map((body) => (bodyIds.includes(body.id) ? { ...body, language: 'en' } : body)),
  };
}

export const PARENT_MEETING: MeetingRecord = {
  id: 'm-ark-2027-03',
  groupId: 'ref-arkitektur',
  startsAt: '2027-03-10T09:00:00.000Z',
  durationMinutes: 120,
  status: 'scheduled',
  accessToken: 'token-token-token-token',
};

export const GROUP_ID = 'wg-faelles-log-format';

export const PROPOSAL: WorkingGroupProposal = {
  title: 'Fælles log-format',
  problem: 'Kommunerne logger forskelligt, så fejl er svære at spore.',
  mandate: 'Foreslå et fælles log-format og en plan for indførelse.',
  parentGroupId: 'ref-arkitektur',
  members: [
    { name: 'Anna Jensen', organisation: 'Aarhus Kommune', personId: 'p-anna', email: 'anna@aarhus.example' },
    { name: 'Bo Hansen', organisation: 'KOMBIT', personId: 'p-bo' },
  ],
  chair: 'Anna Jensen',
  resources: [],
  costKr: 0,
  priority: 1,
  startDate: '2027-02-01',
  endDate: '2027-06-30',
};

export interface WorkingGroupWorld {
  store: DocumentStore;
  clock: ManualClock;
  governance: Governance;
  groups: GroupRepository;
  people: PeopleRepository;
  audit: AuditRepository;
  proposals: ProposalRepository;
  messenger: CapturingMessenger;
  members: MembersService;
  workingGroups: WorkingGroupService;
  extensions: ExtensionService;
  extensionRepository: ExtensionRepository;
  results: ResultService;
  resultRepository: ResultRepository;
}

async function seedRegister(people: PeopleRepository): Promise<void> {
  const municipality = { kind: 'municipality', municipalityCode: '101', name: 'København' } as const;
  const since = '2025-01-01';
  for (const [id, name, role] of [
    ['r1', 'Rikke Ærø', 'member'],
    ['r2', 'Rune Anden', 'member'],
    ['r3', 'Rita Tredje', 'member'],
    ['r4', 'Rasmus Formand', 'chair'],
  ] as const)
    await seedPerson(people, { id, name, organisation: municipality }, [
      { groupId: 'ref-arkitektur', role, termStart: since },
    ]);
  await seedPerson(people, { id: 's1', name: 'Søren Styr', organisation: municipality }, [
    { groupId: 'steering', role: 'member', termStart: since },
  ]);
}

export async function workingGroupWorld(
  store: DocumentStore,
  options: {
    now?: string;
    governance?: Governance;
    unbound?: string[];
    meeting?: boolean;
    languages?: { preferenceOf(personId: string): Promise<'da' | 'en' | undefined> };
  } = {},
): Promise<WorkingGroupWorld> {
  const gov = options.governance ?? governance;
  const clock = new ManualClock(options.now ?? '2027-01-11T09:00:00.000Z');
  const groups = new GroupRepository(store);
  const people = new PeopleRepository(store);
  const audit = new AuditRepository(store);
  const meetings = new MeetingRepository(store);
  await syncPermanentGroups(gov, groups, clock);
  await seedRegister(people);
  if (options.meeting !== false) await meetings.create(PARENT_MEETING);
  const municipalities = new MunicipalityService(new MunicipalityRepository(store), audit, clock);
  const imported = await municipalities.importCsv(
    'code,name,citizens,k98Group\n101,København,660000,Hovedstadskommuner\n751,Aarhus,367000,Storbykommuner\n',
    { dryRun: false, actorId: 'setup' },
  );
  if (!imported.ok) throw new Error(JSON.stringify(imported.errors));
  const members = new MembersService({ people, groups, audit, municipalities, governance: gov, clock });
  const messenger = new CapturingMessenger(new Set(options.unbound ?? []));
  const register = () => workingGroupMembersOf(members, municipalities, gov);
  const workingGroups = new WorkingGroupService(
    groups,
    new WorkingGroupRepository(store),
    audit,
    clock,
    gov.timeZone,
    { register, report: membersReportTo({ governance: gov, messenger }) },
  );
  const extensionRepository = new ExtensionRepository(store);
  const extensions = new ExtensionService({
    repository: extensionRepository,
    workingGroups,
    roles: new RoleResolver(people, clock, [], gov.timeZone, governanceRoles(gov)),
    messenger,
    audit,
    clock,
    governance: gov,
    ...(options.languages ? { languages: options.languages } : {}),
  });
  const resultRepository = new ResultRepository(store);
  const results = new ResultService({
    repository: resultRepository,
    workingGroups,
    members: register,
    agenda: { nextMeeting: async (groupId) => (await meetings.upcoming(groupId, clock.now()))[0] },
    clock,
    governance: gov,
  });
  const proposals = new ProposalRepository(store);
  return {
    ...{ store, clock, governance: gov, groups, people, audit, proposals, messenger, members },
    ...{ workingGroups, extensions, extensionRepository, results, resultRepository },
  };
}

/** The approved hearing's working group (as the hearing's close creates it), proposed by r1. */
export async function approved(w: WorkingGroupWorld, proposal: Partial<WorkingGroupProposal> = {}) {
  return w.workingGroups.createFromHearing({
    id: 'h-1',
    proposerId: 'r1',
    proposal: { ...PROPOSAL, ...proposal },
  });
}

/** A person as the working-group rules see them, with their memberships from the register. */
export async function actor(w: WorkingGroupWorld, id: string, secretariat = false): Promise<ActorInGroups> {
  return { id, secretariat, memberships: await w.people.membershipsOf(id) };
}
