/** A portfolio world for the tests: embedded store, real repositories, a ManualClock, a capturing messenger. */
import { loadGovernance } from '../../src/platform/governance/governance-loader';
import { ManualClock } from '../../src/domain/clock';
import type { Governance } from '../../src/domain/governance';
import { overviewRenderer } from '../../src/features/portfolio/portfolio-feature';
import { proposalMessages } from '../../src/features/agenda/proposal-messages';
import { createBudgetService } from '../../src/features/budget/budget-services';
import type { BudgetService } from '../../src/features/budget/budget-service';
import { syncPermanentGroups } from '../../src/features/binding/group-sync';
import {
  proposalServiceSink,
  type DecisionProposalSink,
} from '../../src/features/portfolio/portfolio-overview';
import {
  createPortfolioServices,
  type PortfolioServices,
} from '../../src/features/portfolio/portfolio-services';
import { ProposalService } from '../../src/features/agenda/proposals-service';
import type { ActorRole } from '../../src/domain/roles';
import { SqliteStore } from '../../src/platform/storage/sqlite/sqlite-store';
import { AuditRepository } from '../../src/platform/audit/audit-repository';
import { GroupRepository } from '../../src/features/binding/groups-repository';
import { MeetingRepository, type MeetingRecord } from '../../src/features/meetings/meetings-repository';
import {
  MunicipalityRepository,
  type Municipality,
} from '../../src/features/municipalities/municipalities-repository';
import { ProposalRepository } from '../../src/features/agenda/proposals-repository';
import { RecordingMessenger } from '../jobs/support';

export const BASE_URL = 'https://fki.example.org';

export interface PortfolioWorld {
  store: SqliteStore;
  governance: Governance;
  clock: ManualClock;
  messenger: RecordingMessenger;
  groups: GroupRepository;
  meetings: MeetingRepository;
  proposals: ProposalRepository;
  municipalities: MunicipalityRepository;
  /** The portfolio's services and the budget built on them. */
  portfolio: PortfolioServices & { budget: BudgetService };
  /** personId -> group ids they are a member of; "sec" is the secretariat. */
  memberships: Map<string, string[]>;
}

export async function portfolioWorld(
  options: {
    now?: string;
    store?: SqliteStore;
    wireProposals?: boolean;
    municipalities?: Municipality[];
  } = {},
): Promise<PortfolioWorld> {
  const store = options.store ?? SqliteStore.inMemory();
  const governance = loadGovernance();
  const clock = new ManualClock(options.now ?? '2027-04-01T08:00:00.000Z');
  const messenger = new RecordingMessenger();
  const groups = new GroupRepository(store);
  await syncPermanentGroups(governance, groups, clock);
  const audit = new AuditRepository(store);
  const meetings = new MeetingRepository(store);
  const proposals = new ProposalRepository(store);
  const municipalities = new MunicipalityRepository(store);
  if (options.municipalities) await municipalities.saveAll(options.municipalities);
  const memberships = new Map<string, string[]>([
    ['sec', []],
    ['anna', ['ref-forretning']],
    ['bo', ['ref-drift']],
  ]);
  const roles = {
    async rolesOf(personId: string | undefined, groupId?: string): Promise<ActorRole[]> {
      if (personId === 'sec') return ['administer'];
      return groupId && memberships.get(personId ?? '')?.includes(groupId) ? ['member'] : [];
    },
  };
  let sink: DecisionProposalSink | undefined;
  if (options.wireProposals !== false) {
    const proposalService = new ProposalService(
      proposals,
      meetings,
      groups,
      messenger,
      audit,
      clock,
      governance,
      proposalMessages({ governance, timeZone: governance.timeZone, groups }),
      roles,
    );
    sink = proposalServiceSink(proposalService);
  }
  const portfolioServices = createPortfolioServices({
    store,
    governance,
    clock,
    groups,
    roles,
    audit,
    messenger,
    meetings,
    render: overviewRenderer(governance.timeZone, sink !== undefined),
    baseUrl: BASE_URL,
    proposals: sink,
  });
  const budget = createBudgetService({
    store,
    governance,
    clock,
    audit,
    portfolio: portfolioServices.portfolio,
    municipalities,
  });
  const portfolio = { ...portfolioServices, budget };
  return {
    store,
    governance,
    clock,
    messenger,
    groups,
    meetings,
    proposals,
    municipalities,
    portfolio,
    memberships,
  };
}

export async function steeringMeeting(
  world: PortfolioWorld,
  id: string,
  startsAt: string,
): Promise<MeetingRecord> {
  return world.meetings.create({
    id,
    groupId: 'steering',
    startsAt,
    durationMinutes: 240,
    status: 'scheduled',
    accessToken: `token-${id}-0123456789abcdef`,
  });
}

export function initiativeInput(
  groupId: string,
  title: string,
  extra: Record<string, string> = {},
): Record<string, string> {
  return {
    groupId,
    title,
    responsible: 'Karen Kommune',
    status: 'green',
    phase: 'Gennemførelse',
    startDate: '2027-01-01',
    endDate: '2027-12-31',
    financing: 'buffet',
    budgetedKr: '1.500.000',
    spentKr: '250000',
    ...extra,
  };
}
