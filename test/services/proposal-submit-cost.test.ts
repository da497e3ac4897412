/**
 * What a proposal costs the store (issue 24.1), and that the triage card's exactly-once claim rides
 * on the proposal's own create: the submit reads the meeting and the proposer's roles and creates
 * the proposal; the async triage post records the card with one replace at the create's etag; the
 * scheduler's ledger is not touched. The catch-up scan leaves a proposal alone while its claim is
 * held, and takes it over once the claim is released (a failed post) or its grace has passed.
 * Store calls are counted on the embedded store, per collection and method (each a Cosmos request).
 */
import { governanceRoles } from '../../src/domain/governance';
import { ManualClock } from '../../src/domain/clock';
import type { AuditEntry, ChannelMessenger, GroupRegistry, OutboundMessage } from '../../src/domain/ports';
import { RoleResolver } from '../../src/domain/roles';
import { proposalMessages } from '../../src/features/agenda/proposal-messages';
import { ProposalRepository } from '../../src/features/agenda/proposals-repository';
import { ProposalService, triageLedgerKey } from '../../src/features/agenda/proposals-service';
import { MeetingRepository } from '../../src/features/meetings/meetings-repository';
import { MeetingService } from '../../src/features/meetings/meetings-service';
import { PeopleRepository } from '../../src/features/members/people-repository';
import { loadGovernance } from '../../src/platform/governance/governance-loader';
import { createStoreLedger } from '../../src/platform/scheduler/ledger-repository';
import type { Collection, CollectionName, DocumentStore } from '../../src/platform/storage/port';
import { SqliteStore } from '../../src/platform/storage/sqlite/sqlite-store';

const governance = loadGovernance();
const MINUTE = 60_000;

/** The store with every collection call recorded as "<collection> <method>". */
function countingStore(inner: DocumentStore, calls: string[]): DocumentStore {
  const wrap = (name: CollectionName): Collection => {
    const collection = inner.collection(name);
    return new Proxy(collection, {
      get(target, property, receiver) {
        const value = Reflect.get(target, property, receiver) as unknown;
        if (typeof value !== 'function' || property === 'name') return value;
        return (...args: unknown[]) => {
          calls.push(`${name} ${String(property)}`);
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      },
    });
  };
  return new Proxy(inner, {
    get(target, property, receiver) {
      if (property === 'collection') return wrap;
      return Reflect.get(target, property, receiver) as unknown;
    },
  });
}

/** Posts wait for `behaviour` (block, fail or go on). */
class Messenger implements ChannelMessenger {
  posts: OutboundMessage[] = [];
  behaviour: () => Promise<void> = async () => undefined;
  async postToGroup(_groupId: string, message: OutboundMessage) {
    await this.behaviour();
    this.posts.push(message);
    return { activityId: `a-${this.posts.length}` };
  }
  async updateInGroup() {}
}

function gate(): { promise: Promise<void>; open: () => void } {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}

async function setup() {
  const sqlite = SqliteStore.inMemory();
  const calls: string[] = [];
  const store = countingStore(sqlite, calls);
  const clock = new ManualClock('2027-01-10T09:00:00.000Z');
  const audit: AuditEntry[] = [];
  const auditLog = { append: async (entry: AuditEntry) => void audit.push(entry) };
  const meetingsRepo = new MeetingRepository(store);
  const proposalsRepo = new ProposalRepository(store);
  const people = new PeopleRepository(store);
  const groupReads: string[] = [];
  const channelReads: string[] = [];
  const groups = {
    getGroup: async (id: string) => {
      groupReads.push(id);
      return undefined;
    },
    bindingOfChannel: async (channelId: string) => {
      channelReads.push(channelId);
      return channelId === '19:steering'
        ? { groupId: 'steering', teamId: 't', channelId, boundBy: 'x', boundAt: '2026-01-01T00:00:00.000Z' }
        : undefined;
    },
  } as unknown as GroupRegistry;
  const messenger = new Messenger();
  const ledger = createStoreLedger(store.collection('schedule'));
  const proposals = new ProposalService(
    proposalsRepo,
    meetingsRepo,
    groups,
    messenger,
    auditLog,
    clock,
    governance,
    proposalMessages({ governance, timeZone: governance.timeZone, groups }),
    new RoleResolver(people, clock, [], governance.timeZone, governanceRoles(governance)),
    { ledger, holderId: 'process-1' },
  );
  await people.savePerson({
    id: 'aad-anne',
    name: 'Anne',
    organisation: { kind: 'municipality', municipalityCode: '101', name: 'København' },
  });
  await people.saveMembership({
    personId: 'aad-anne',
    groupId: 'steering',
    role: 'member',
    termStart: '2025-01-01',
  });
  const scheduled = await new MeetingService(meetingsRepo, auditLog, clock, governance).schedule({
    groupId: 'steering',
    date: '2027-04-01',
    time: '10:00',
    actorId: 'sec',
  });
  if (scheduled.kind !== 'scheduled') throw new Error(scheduled.kind);
  const submit = (cardInstanceId: string, conversation?: { channelId?: string }, actorId = 'aad-anne') =>
    proposals.submit({
      groupId: 'steering',
      meetingId: scheduled.meeting.id,
      cardInstanceId,
      actor: { id: actorId, name: 'Anne', isSecretariat: false },
      fields: { title: 'Cloud', description: 'd', kind: 'discussion', requestedMinutes: '20' },
      ...(conversation ? { conversation } : {}),
    });
  calls.length = 0;
  audit.length = 0;
  return {
    sqlite,
    store,
    calls,
    clock,
    audit,
    proposals,
    proposalsRepo,
    messenger,
    ledger,
    groupReads,
    channelReads,
    submit,
  };
}

describe('a proposal on the store', () => {
  let s: Awaited<ReturnType<typeof setup>>;
  beforeEach(async () => (s = await setup()));
  afterEach(() => s.sqlite.close());

  it('submits with a meeting read, a roles read and a create, and records the triage post with one replace', async () => {
    const blocked = gate();
    s.messenger.behaviour = () => blocked.promise;
    const result = await s.submit('card-1');
    expect(result).toMatchObject({ kind: 'accepted', created: true, triagePosted: true });
    expect([...s.calls].sort()).toEqual(['directory queryAll', 'groups create', 'groups read']);
    expect(s.audit.map((entry) => entry.action)).toEqual(['proposal.submit']);

    s.calls.length = 0;
    blocked.open();
    await s.proposals.idle();
    expect(s.calls).toEqual(['groups replace']);
    expect(s.messenger.posts).toHaveLength(1);
    // The steering group's name is the governance file's: no register read for it.
    expect(s.groupReads).toEqual([]);
    const stored = await s.proposals.get('steering', 'card-1');
    expect(stored).toMatchObject({ triageActivityId: 'a-1', triageGroupId: 'secretariat' });
    expect(stored!.triageClaim).toBeUndefined();
    expect(await s.ledger.get(triageLedgerKey('steering', 'card-1'))).toBeUndefined();
  });

  it('keeps a change written while the card was being posted (the replace at a stale etag reads again)', async () => {
    const blocked = gate();
    s.messenger.behaviour = () => blocked.promise;
    await s.submit('card-2');
    await s.proposalsRepo.update('steering', 'card-2', (current) => ({ ...current, title: 'Cloud, rettet' }));
    blocked.open();
    await s.proposals.idle();
    expect(await s.proposals.get('steering', 'card-2')).toMatchObject({
      title: 'Cloud, rettet',
      triageActivityId: 'a-1',
    });
  });

  it('leaves a claimed card to its poster until the claim grace has passed', async () => {
    const blocked = gate();
    s.messenger.behaviour = () => blocked.promise;
    await s.submit('card-3');
    expect(await s.proposals.listAwaitingTriageCard()).toEqual([]);
    s.clock.advance(9 * MINUTE);
    expect(await s.proposals.listAwaitingTriageCard()).toEqual([]);
    // The holder died (or hangs): past the grace, the scan takes it over.
    s.clock.advance(2 * MINUTE);
    expect((await s.proposals.listAwaitingTriageCard()).map((p) => p.id)).toEqual(['card-3']);
    blocked.open();
    await s.proposals.idle();
  });

  it('releases the claim when the post fails, so the next scan takes the card over at once', async () => {
    s.messenger.behaviour = async () => {
      throw new Error('Teams is down');
    };
    expect(await s.submit('card-4')).toMatchObject({ kind: 'accepted', triagePosted: true });
    await s.proposals.idle();
    const owed = await s.proposals.listAwaitingTriageCard();
    expect(owed.map((p) => p.id)).toEqual(['card-4']);
    expect(owed[0]!.triageClaim).toBeUndefined();

    s.messenger.behaviour = async () => undefined;
    await s.proposals.postOwedTriageCard('steering', 'card-4');
    expect(s.messenger.posts).toHaveLength(1);
    expect(await s.proposals.listAwaitingTriageCard()).toEqual([]);
  });

  it('answers a re-sent submit as the first one, after the deadline too, without a second card', async () => {
    await s.submit('card-5');
    await s.proposals.idle();
    s.clock.set('2027-03-30T09:00:00.000Z');
    expect(await s.submit('card-5')).toMatchObject({ kind: 'accepted', created: false });
    await s.proposals.idle();
    expect(s.messenger.posts).toHaveLength(1);
    expect(s.audit.filter((entry) => entry.action === 'proposal.submit')).toHaveLength(1);
  });

  it("lets a member propose in the group's channel only, reading the channel's binding once a minute", async () => {
    expect(await s.submit('card-6', {})).toEqual({ kind: 'not-member' });
    expect(await s.submit('card-7', { channelId: '19:other' })).toEqual({ kind: 'not-member' });
    expect(await s.submit('card-8', { channelId: '19:steering' })).toMatchObject({ kind: 'accepted' });
    s.clock.advance(30_000);
    expect(await s.submit('card-9', { channelId: '19:steering' })).toMatchObject({ kind: 'accepted' });
    expect(s.channelReads).toEqual(['19:other', '19:steering']);
    s.clock.advance(31_000);
    await s.submit('card-10', { channelId: '19:steering' });
    expect(s.channelReads).toEqual(['19:other', '19:steering', '19:steering']);
    await s.proposals.idle();
  });

  it('lets the secretariat propose from anywhere', async () => {
    await new PeopleRepository(s.store).saveMembership({
      personId: 'aad-sara',
      groupId: 'secretariat',
      role: 'member',
      termStart: '2025-01-01',
    });
    expect(await s.submit('card-11', {}, 'aad-sara')).toMatchObject({ kind: 'accepted' });
    await s.proposals.idle();
  });
});
