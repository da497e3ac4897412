/**
 * The other moment producers: terms ending (secretariat), working groups nearing their end (the
 * working group and its parent reference group), hearings (closing reminder and close), and a
 * feature's own source plugged in without touching the scan loop.
 */
import { assertValidCard } from '../../src/platform/cards/validate';
import { membershipSourceFrom } from '../../src/app/scheduler';
import type { HearingJobs } from '../../src/features/hearings/hearing-moments';
import type { MomentSource } from '../../src/platform/scheduler/types';
import type { Group, Membership, Person } from '../../src/domain/model';
import { SqliteStore } from '../../src/platform/storage/sqlite/sqlite-store';
import { MeetingList, RecordingMessenger, governance, key, permanentGroups, schedulerOn } from './support';
import { createScheduler } from '../../src/app/scheduler';

const workingGroup: Group = {
  id: 'wg-cloud',
  kind: 'working',
  name: { da: 'Arbejdsgruppe Cloud', en: 'Working group Cloud' },
  parentGroupId: 'ref-arkitektur',
  status: 'active',
  plannedEnd: '2027-06-30',
  createdAt: '2027-01-01T00:00:00.000Z',
};

describe('scheduler: other moment sources', () => {
  let store: SqliteStore;
  beforeEach(() => {
    store = SqliteStore.inMemory();
  });
  afterEach(async () => {
    await store.close();
  });

  it('warns the secretariat 90 days before a municipal term ends, not for KL members', async () => {
    const people: Record<string, Person> = {
      p1: {
        id: 'p1',
        name: 'Anne Jensen',
        organisation: { kind: 'municipality', municipalityCode: '101', name: 'København' },
      },
      p2: { id: 'p2', name: 'Bo Larsen', organisation: { kind: 'KL', name: 'KL' } },
    };
    const memberships: Membership[] = [
      {
        personId: 'p1',
        groupId: 'steering',
        role: 'member',
        termStart: '2022-09-01',
        plannedEnd: '2027-08-31',
      },
      {
        personId: 'p2',
        groupId: 'steering',
        role: 'member',
        termStart: '2022-09-01',
        plannedEnd: '2027-08-31',
      },
    ];
    const groups = { listGroups: async () => permanentGroups() };
    const messenger = new RecordingMessenger();
    const scheduler = schedulerOn(store, new MeetingList(), messenger, 'one', {
      memberships: membershipSourceFrom(groups, {
        membersOf: async (groupId) => memberships.filter((m) => m.groupId === groupId),
        getPerson: async (id) => people[id],
      }),
    });
    // 31 Aug 2027 - 90 days = 2 June 2027, 09:00 CEST = 07:00Z.
    expect((await scheduler.runScan(new Date('2027-06-02T06:59:00Z'))).performed).toEqual([]);
    const report = await scheduler.runScan(new Date('2027-06-02T07:00:00Z'));
    expect(report.performed).toEqual([
      key('term-ending', 'secretariat', 'steering.p1', '2027-06-02T07:00:00.000Z'),
    ]);
    expect(messenger.posts).toHaveLength(1);
    expect(messenger.posts[0]!.groupId).toBe('secretariat');
    expect(messenger.text(messenger.posts[0]!)).toContain('Anne Jensen');
    expect(messenger.text(messenger.posts[0]!)).toContain('31. august 2027');
    assertValidCard(messenger.posts[0]!.message.card);
  });

  it('warns a working group and its parent reference group before its end date, in English when configured', async () => {
    const messenger = new RecordingMessenger();
    const scheduler = createScheduler({
      store,
      governance,
      messenger,
      groups: { listGroups: async () => [...permanentGroups(), workingGroup] },
      meetings: new MeetingList(),
      locale: 'en',
      instanceId: 'one',
    });
    // 30 June 2027 - 30 days = 31 May 2027, 09:00 CEST = 07:00Z.
    const report = await scheduler.runScan(new Date('2027-05-31T07:00:00Z'));
    expect(report.performed.sort()).toEqual([
      key('working-group-ending', 'ref-arkitektur', 'wg-cloud', '2027-05-31T07:00:00.000Z'),
      key('working-group-ending', 'wg-cloud', 'wg-cloud', '2027-05-31T07:00:00.000Z'),
    ]);
    expect(messenger.posts.map((post) => post.groupId).sort()).toEqual(['ref-arkitektur', 'wg-cloud']);
    expect(messenger.text(messenger.posts[0]!)).toContain(
      'Working group Cloud ends on 30 June 2027 (in 30 days)',
    );
    for (const post of messenger.posts) assertValidCard(post.message.card);
  });

  it('reminds non-voters before a hearing closes and closes it once, even when the close is late', async () => {
    const calls: string[] = [];
    let open = true;
    const hearings: HearingJobs = {
      listOpen: async () =>
        open
          ? [{ id: 'h1', groupId: 'steering', closesAt: '2027-05-14T10:00:00.000Z', title: 'WG Cloud' }]
          : [],
      remindNonVoters: async (id, context) => void calls.push(`remind:${id}:${context.late}`),
      close: async (id, context) => {
        calls.push(`close:${id}:${context.late}`);
        open = false;
      },
    };
    const scheduler = schedulerOn(store, new MeetingList(), new RecordingMessenger(), 'one', { hearings });
    await scheduler.runScan(new Date('2027-05-12T10:00:00.000Z'));
    await scheduler.runScan(new Date('2027-05-12T10:05:00.000Z'));
    // Down at closing time; back an hour later: the close happens (late), once.
    await scheduler.runScan(new Date('2027-05-14T11:00:00.000Z'));
    await scheduler.runScan(new Date('2027-05-14T11:05:00.000Z'));
    expect(calls).toEqual(['remind:h1:false', 'close:h1:true']);
  });

  it('runs a plugged-in feature source next to the built-in ones', async () => {
    const done: string[] = [];
    const custom: MomentSource = {
      name: 'budget',
      moments: async (window) => {
        const dueAt = new Date('2027-01-10T08:00:00.000Z');
        if (dueAt < window.from || dueAt > window.to) return [];
        return [
          {
            key: 'budget-report:secretariat:2027:x',
            kind: 'budget-report',
            groupId: 'secretariat',
            dueAt,
            describe: 'budget',
            perform: async () => void done.push('budget'),
          },
        ];
      },
    };
    const scheduler = schedulerOn(store, new MeetingList(), new RecordingMessenger(), 'one', {
      extraSources: [custom],
    });
    await scheduler.runScan(new Date('2027-01-10T08:00:00.000Z'));
    await scheduler.runScan(new Date('2027-01-10T08:05:00.000Z'));
    expect(done).toEqual(['budget']);
  });
});
