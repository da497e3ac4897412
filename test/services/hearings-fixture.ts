/** Fixtures for the hearing tests: the FKI config, a store with groups and steering members, a recording messenger. */
import { loadGovernance } from '../../src/platform/governance/governance-loader';
import { ManualClock } from '../../src/domain/clock';
import type { Governance } from '../../src/domain/governance';
import { syncPermanentGroups } from '../../src/features/binding/group-sync';
import { HearingService } from '../../src/features/hearings/hearings-service';
import type { ChannelMessenger, OutboundMessage } from '../../src/domain/ports';
import { WorkingGroupService } from '../../src/features/working-groups/working-groups-service';
import type { DocumentStore } from '../../src/platform/storage/port';
import { AuditRepository } from '../../src/platform/audit/audit-repository';
import { GroupRepository } from '../../src/features/binding/groups-repository';
import { HearingRepository } from '../../src/features/hearings/hearings-repository';
import type { WorkingGroupProposal } from '../../src/features/working-groups';
import { PeopleRepository } from '../../src/features/members/people-repository';
import { WorkingGroupRepository } from '../../src/features/working-groups/working-groups-repository';
import { seedPerson } from '../support/people';

export const baseGovernance: Governance = loadGovernance();

export function withRule(rule: Governance['hearing']['rule'], quorumShare = 0.5): Governance {
  return { ...baseGovernance, hearing: { ...baseGovernance.hearing, rule, quorumShare } };
}

export class CapturingMessenger implements ChannelMessenger {
  readonly posts: Array<{ groupId: string; message: OutboundMessage; activityId: string }> = [];
  readonly updates: Array<{ groupId: string; activityId: string; message: OutboundMessage }> = [];
  /** Groups without a channel: posting to them fails like the real sender would. */
  constructor(private readonly unbound: ReadonlySet<string> = new Set()) {}
  async postToGroup(groupId: string, message: OutboundMessage): Promise<{ activityId: string }> {
    if (this.unbound.has(groupId)) throw new Error(`group ${groupId} has no channel`);
    const activityId = `act-${this.posts.length + 1}`;
    this.posts.push({ groupId, message, activityId });
    return { activityId };
  }
  async updateInGroup(groupId: string, activityId: string, message: OutboundMessage): Promise<void> {
    this.updates.push({ groupId, activityId, message });
  }
  postsTo(groupId: string) {
    return this.posts.filter((post) => post.groupId === groupId);
  }
}

export const PROPOSAL: WorkingGroupProposal = {
  title: 'Fælles log-format',
  problem: 'Kommunerne logger forskelligt, så fejl er svære at spore.',
  mandate: 'Foreslå et fælles log-format og en plan for indførelse.',
  parentGroupId: 'ref-arkitektur',
  members: [
    { name: 'Anna Jensen', organisation: 'Aarhus Kommune' },
    { name: 'Bo Hansen', organisation: 'KOMBIT' },
  ],
  chair: 'Anna Jensen',
  resources: [{ organisation: 'Aarhus Kommune', hours: 40 }],
  costKr: 25000,
  priority: 1,
  startDate: '2027-02-01',
  endDate: '2027-06-30',
};

export interface HearingWorld {
  store: DocumentStore;
  clock: ManualClock;
  messenger: CapturingMessenger;
  service: HearingService;
  workingGroups: WorkingGroupService;
  groups: GroupRepository;
  people: PeopleRepository;
  audit: AuditRepository;
  voters: string[];
  governance: Governance;
}

/** A store with the permanent groups, `voterCount` steering members (v01, v02, ...) and a reference-group member `ref1`. */
export async function hearingWorld(
  store: DocumentStore,
  options: { voterCount?: number; governance?: Governance; start?: string; unbound?: string[] } = {},
): Promise<HearingWorld> {
  const governance = options.governance ?? baseGovernance;
  const clock = new ManualClock(options.start ?? '2027-01-11T09:00:00.000Z');
  const groups = new GroupRepository(store);
  const people = new PeopleRepository(store);
  const audit = new AuditRepository(store);
  await syncPermanentGroups(governance, groups, clock);
  const voters: string[] = [];
  const count = options.voterCount ?? 5;
  for (let i = 1; i <= count; i++) {
    const id = `v${String(i).padStart(2, '0')}`;
    voters.push(id);
    await seedPerson(
      people,
      {
        id,
        name: `Voter ${i}`,
        organisation: { kind: 'municipality', municipalityCode: '101', name: 'København' },
      },
      [{ groupId: 'steering', role: i === 1 ? 'chair' : 'member', termStart: '2025-01-01' }],
    );
  }
  // A former member (ended) and a reference-group member: neither may vote.
  await people.saveMembership({
    personId: 'former',
    groupId: 'steering',
    role: 'member',
    termStart: '2020-01-01',
    endedOn: '2024-12-31',
  });
  await seedPerson(
    people,
    {
      id: 'ref1',
      name: 'Rita Ref',
      organisation: { kind: 'municipality', municipalityCode: '751', name: 'Aarhus' },
    },
    [{ groupId: 'ref-arkitektur', role: 'member', termStart: '2025-01-01' }],
  );
  const messenger = new CapturingMessenger(new Set(options.unbound ?? []));
  const workingGroups = new WorkingGroupService(groups, new WorkingGroupRepository(store), audit, clock);
  const service = new HearingService({
    hearings: new HearingRepository(store),
    workingGroups,
    groups,
    people,
    audit,
    messenger,
    clock,
    governance,
  });
  return { store, clock, messenger, service, workingGroups, groups, people, audit, voters, governance };
}

export async function openHearing(world: HearingWorld, proposal: Partial<WorkingGroupProposal> = {}) {
  return world.service.open({
    proposal: { ...PROPOSAL, ...proposal },
    proposingGroupId: 'ref-arkitektur',
    proposer: { id: 'ref1', name: 'Rita Ref' },
  });
}
