/**
 * The 2-week heads-up of proposals not yet triaged (issue 22.5): when the detailed agenda goes out,
 * the secretariat gets one card listing that meeting's proposals still awaiting triage (not the
 * accepted or rejected ones, nor another meeting's), exactly once through the scheduler's ledger
 * (a later scan and a second instance send nothing more); no card when every proposal is triaged.
 */
import { createScheduler } from '../../src/app/scheduler';
import { ManualClock } from '../../src/domain/clock';
import type { Group } from '../../src/domain/model';
import type { ActorRole } from '../../src/domain/roles';
import type { AuditEntry, GroupRegistry } from '../../src/domain/ports';
import { AgendaService } from '../../src/features/agenda/agenda-service';
import { createMeetingHooks } from '../../src/features/agenda/agenda-feature';
import { meetingCycle } from '../../src/features/agenda/meeting-cycle';
import { proposalMessages } from '../../src/features/agenda/proposal-messages';
import { ProposalRepository } from '../../src/features/agenda/proposals-repository';
import { ProposalService } from '../../src/features/agenda/proposals-service';
import { MeetingRepository, type MeetingRecord } from '../../src/features/meetings/meetings-repository';
import { MeetingService } from '../../src/features/meetings/meetings-service';
import { PeopleRepository } from '../../src/features/members/people-repository';
import { assertValidCard } from '../../src/platform/cards/validate';
import { loadGovernance } from '../../src/platform/governance/governance-loader';
import { SqliteStore } from '../../src/platform/storage/sqlite/sqlite-store';
import { CapturingMessenger } from './hearings-fixture';

const governance = loadGovernance();
const groups: Group[] = governance.bodies.map((body) => ({
  id: body.id,
  kind: body.kind,
  name: body.name,
  status: 'active',
  createdAt: '2026-01-01T00:00:00.000Z',
}));
const registry: GroupRegistry = {
  getGroup: async (id) => groups.find((g) => g.id === id),
  listGroups: async () => groups,
  bindingOfGroup: async (id) => ({
    groupId: id,
    teamId: 't',
    channelId: `c-${id}`,
    boundBy: 'x',
    boundAt: '2026-01-01T00:00:00.000Z',
  }),
  bindingOfChannel: async () => undefined,
  bind: async () => {
    throw new Error('unused');
  },
  unbind: async () => false,
  recordInstallation: async () => {},
};

function setup() {
  const store = SqliteStore.inMemory();
  const clock = new ManualClock('2027-01-10T09:00:00.000Z');
  const audit = { append: async (_entry: AuditEntry) => {} };
  const meetingsRepo = new MeetingRepository(store);
  const proposalsRepo = new ProposalRepository(store);
  const messenger = new CapturingMessenger();
  const roles = { rolesOf: async () => ['member'] as ActorRole[] };
  const proposals = new ProposalService(
    proposalsRepo,
    meetingsRepo,
    registry,
    messenger,
    audit,
    clock,
    governance,
    proposalMessages({ governance, timeZone: governance.timeZone, groups: registry }),
    roles,
  );
  const meetings = new MeetingService(meetingsRepo, audit, clock, governance);
  const cycle = meetingCycle({
    meetings,
    proposals,
    agenda: new AgendaService(meetingsRepo, proposalsRepo, new PeopleRepository(store), governance),
    timeZone: governance.timeZone,
    publicBaseUrl: 'https://fki.example.org',
  });
  const scheduler = (instanceId: string) =>
    createScheduler({
      store,
      governance,
      messenger,
      groups: registry,
      meetings: { listUpcoming: (from, to) => meetingsRepo.listScheduledBetween(from, to) },
      meetingHooks: createMeetingHooks({ cycle, groups: registry, messenger }),
      instanceId,
    });
  return { store, clock, messenger, meetings, proposals, scheduler };
}

let s: ReturnType<typeof setup>;
let meeting: MeetingRecord;
let later: MeetingRecord;
beforeEach(async () => {
  s = setup();
  const schedule = async (date: string) => {
    const result = await s.meetings.schedule({ groupId: 'steering', date, time: '10:00', actorId: 'sec' });
    if (result.kind !== 'scheduled') throw new Error(result.kind);
    return result.meeting;
  };
  meeting = await schedule('2027-04-01');
  later = await schedule('2027-06-10');
});
afterEach(() => s.store.close());

async function propose(target: MeetingRecord, title: string, decision?: 'accept' | 'reject') {
  const result = await s.proposals.submit({
    groupId: 'steering',
    meetingId: target.id,
    cardInstanceId: `ci-${title.replace(/\W/g, '')}`,
    fields: { title, description: '', kind: 'discussion', requestedMinutes: '15' },
    actor: { id: 'aad-anne', name: 'Anne Ærø', isSecretariat: false },
  });
  if (result.kind !== 'accepted') throw new Error(result.kind);
  if (decision)
    await s.proposals.triage({
      groupId: 'steering',
      proposalId: result.proposal.id,
      decision,
      reason: decision === 'reject' ? 'Nej' : undefined,
      actorId: 'sec',
    });
}

/** 1 April 10:00 CEST minus 14 days: 18 March 10:00 CET = 09:00Z. */
const DETAILED_AGENDA = new Date('2027-03-18T09:00:00.000Z');

const untriagedCards = () =>
  s.messenger
    .postsTo('secretariat')
    .filter((post) => JSON.stringify(post.message.card ?? '').includes('Forslag uden afgørelse'));

it('lists the meeting’s untriaged proposals to the secretariat once, at the detailed agenda', async () => {
  await propose(meeting, 'Venter på afgørelse');
  await propose(meeting, 'Også uafgjort æøå');
  await propose(meeting, 'Optaget punkt', 'accept');
  await propose(meeting, 'Afvist punkt', 'reject');
  await propose(later, 'Til et senere møde');
  await s.scheduler('one').runScan(DETAILED_AGENDA);
  const cards = untriagedCards();
  expect(cards).toHaveLength(1);
  const card = cards[0]!.message.card!;
  assertValidCard(card);
  const text = JSON.stringify(card);
  expect(text).toContain('2 forslag er endnu ikke afgjort');
  expect(text).toContain('Venter på afgørelse (forslag fra Anne Ærø');
  expect(text).toContain('Også uafgjort æøå');
  expect(text).not.toContain('Optaget punkt');
  expect(text).not.toContain('Afvist punkt');
  expect(text).not.toContain('Til et senere møde');

  await s.scheduler('one').runScan(new Date(DETAILED_AGENDA.getTime() + 5 * 60_000));
  await s.scheduler('two').runScan(new Date(DETAILED_AGENDA.getTime() + 60 * 60_000));
  expect(untriagedCards()).toHaveLength(1);
});

it('sends no heads-up when every proposal of the meeting is triaged', async () => {
  await propose(meeting, 'Optaget punkt', 'accept');
  await s.scheduler('one').runScan(DETAILED_AGENDA);
  expect(untriagedCards()).toEqual([]);
  // The detailed agenda itself did go out.
  expect(s.messenger.postsTo('steering').length).toBeGreaterThan(0);
});
