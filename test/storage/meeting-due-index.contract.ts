/**
 * The due-scan's meeting index (issue 24.2) on every adapter (meeting-due-index-sqlite/-cosmos
 * .contract.test.ts): a write keeps each meeting's `nextDueAt` never later than its next reminder
 * (schedule, move, cancel), a scan through the index sends exactly the reminders the scan by start
 * sends, once, also with two instances scanning at once, and moves the entries on; an entry put
 * back (stale, too early) costs a look and sends nothing twice.
 */
import type { DocumentStore } from '../../src/platform/storage/port';
import { createScheduler } from '../../src/app/scheduler';
import type { Scheduler } from '../../src/platform/scheduler/scheduler';
import { MeetingRepository, type MeetingRecord } from '../../src/features/meetings/meetings-repository';
import { MeetingDueRepository } from '../../src/features/meetings/meeting-due-repository';
import { reminderLeadMs } from '../../src/features/meetings/meeting-due-index';
import type { MeetingSource } from '../../src/features/meetings/meeting-moments';
import { governance, permanentGroups, RecordingMessenger } from '../jobs/support';

export type StoreFactory = () => Promise<DocumentStore>;

const LEAD = reminderLeadMs(governance);
const INSTANTS = [
  '2027-02-24T09:00:00.000Z',
  '2027-02-25T09:00:00.000Z',
  '2027-03-03T09:00:00.000Z',
  '2027-03-04T09:00:00.000Z',
  '2027-03-17T09:00:00.000Z',
  '2027-03-18T09:00:00.000Z',
];

function record(id: string, groupId: string, startsAt: string): MeetingRecord {
  return {
    id,
    groupId,
    startsAt,
    durationMinutes: 240,
    status: 'scheduled',
    accessToken: `token-${id}-0123456789abcdef`,
  };
}

function scheduler(
  store: DocumentStore,
  messenger: RecordingMessenger,
  id: string,
  indexed = true,
): Scheduler {
  const meetings = new MeetingRepository(store, { reminderLeadMs: LEAD });
  const source: MeetingSource = {
    listUpcoming: (from, to) => meetings.listScheduledBetween(from, to),
    ...(indexed ? { dueIndex: new MeetingDueRepository(store, LEAD) } : {}),
  };
  return createScheduler({
    store,
    governance,
    messenger,
    groups: { listGroups: async () => permanentGroups() },
    meetings: source,
    instanceId: id,
  });
}

export function meetingDueIndexContract(name: string, open: StoreFactory): void {
  describe(`the due-scan's meeting index: ${name}`, () => {
    let store: DocumentStore;
    let meetings: MeetingRepository;
    beforeEach(async () => {
      store = await open();
      meetings = new MeetingRepository(store, { reminderLeadMs: LEAD });
      await meetings.create(record('m-apr', 'steering', '2027-04-01T08:00:00.000Z'));
      await meetings.create(record('r-mar', 'ref-drift', '2027-03-31T08:00:00.000Z'));
    });
    afterEach(async () => {
      await store.close();
    });

    it('enters a meeting at its earliest reminder, re-enters a moved one, drops a cancelled one', async () => {
      const earliest = (startsAt: string) => new Date(Date.parse(startsAt) - LEAD).toISOString();
      expect((await meetings.get('steering', 'm-apr'))?.nextDueAt).toBe(earliest('2027-04-01T08:00:00.000Z'));
      await meetings.update('steering', 'm-apr', (m) => ({ ...m, location: 'Aarhus' }));
      expect((await meetings.get('steering', 'm-apr'))?.nextDueAt).toBe(earliest('2027-04-01T08:00:00.000Z'));
      await meetings.update('steering', 'm-apr', (m) => ({ ...m, startsAt: '2027-05-06T08:00:00.000Z' }));
      expect((await meetings.get('steering', 'm-apr'))?.nextDueAt).toBe(earliest('2027-05-06T08:00:00.000Z'));
      await meetings.update('steering', 'm-apr', (m) => ({ ...m, status: 'cancelled' }));
      expect((await meetings.get('steering', 'm-apr'))?.nextDueAt).toBeUndefined();
      const due = await new MeetingDueRepository(store, LEAD).listDue(new Date('2028-01-01T00:00:00Z'));
      expect(due.map((entry) => entry.meeting.id)).toEqual(['r-mar']);
    });

    it('sends what the scan by start sends, once, with two instances scanning at once', async () => {
      const messenger = new RecordingMessenger();
      const a = scheduler(store, messenger, 'instance-a');
      const b = scheduler(store, messenger, 'instance-b');
      for (const instant of INSTANTS) {
        const now = new Date(instant);
        await Promise.all([a.runScan(now, { ignoreLease: true }), b.runScan(now, { ignoreLease: true })]);
      }
      // 10 moments of the steering meeting (incl. the reference groups'), 3 of the reference meeting.
      expect(messenger.posts).toHaveLength(13);
      // The scan by start, over the same ledger, finds every one of them sent.
      const unindexed = scheduler(store, messenger, 'instance-c', false);
      const last = await unindexed.runScan(new Date(INSTANTS[5]!), { ignoreLease: true });
      expect(last.performed).toEqual([]);
      const moments = await unindexed.upcoming(new Date('2027-02-01T00:00:00Z'), 60);
      expect(moments.every((moment) => moment.status === 'sent')).toBe(true);
      // The entries moved past what was sent: the next scan looks at nothing.
      const dueNow = await new MeetingDueRepository(store, LEAD).listDue(new Date(INSTANTS[5]!));
      expect(dueNow).toEqual([]);
    });

    it('an entry put back to its earliest reminder sends nothing twice', async () => {
      const messenger = new RecordingMessenger();
      const a = scheduler(store, messenger, 'instance-a');
      for (const instant of INSTANTS.slice(0, 4)) await a.runScan(new Date(instant), { ignoreLease: true });
      const sent = messenger.posts.length;
      expect(sent).toBeGreaterThan(0);
      const index = new MeetingDueRepository(store, LEAD);
      expect(await index.reindexFrom(new Date('2027-02-01T00:00:00Z'))).toBe(2);
      const again = await a.runScan(new Date(INSTANTS[3]!), { ignoreLease: true });
      expect(again.performed).toEqual([]);
      expect(messenger.posts).toHaveLength(sent);
    });

    it('a moved meeting is reminded at its new dates', async () => {
      const messenger = new RecordingMessenger();
      const a = scheduler(store, messenger, 'instance-a');
      await a.runScan(new Date(INSTANTS[1]!), { ignoreLease: true });
      const before = messenger.posts.length;
      await meetings.update('ref-drift', 'r-mar', (m) => ({ ...m, startsAt: '2027-04-28T08:00:00.000Z' }));
      const report = await a.runScan(new Date('2027-03-24T09:00:00.000Z'), { ignoreLease: true });
      expect(report.performed.some((key) => key.includes('r-mar'))).toBe(true);
      expect(messenger.posts.length).toBeGreaterThan(before);
    });
  });
}
