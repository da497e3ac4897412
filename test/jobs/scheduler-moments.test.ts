/**
 * Every reminder at its moment, in the right channel, DST weeks included. The expected instants
 * are written out by hand: a 10:00 meeting has its deadlines at 10:00 local time, so across a DST
 * change the UTC hour of the deadline differs from the meeting's.
 */
import { ManualClock } from '../../src/domain/clock';
import { assertValidCard } from '../../src/platform/cards/validate';
import { SqliteStore } from '../../src/platform/storage/sqlite/sqlite-store';
import { MeetingList, REFERENCE_GROUPS, RecordingMessenger, key, meeting, schedulerOn } from './support';

const MINUTE = 60_000;

async function expectMomentsAt(
  clock: ManualClock,
  scan: (now: Date) => Promise<{ performed: string[] }>,
  instant: string,
  expectedKeys: string[],
) {
  clock.set(new Date(Date.parse(instant) - MINUTE));
  expect((await scan(clock.now())).performed).toEqual([]);
  clock.set(instant);
  expect((await scan(clock.now())).performed.sort()).toEqual([...expectedKeys].sort());
}

describe('scheduler: every reminder at its moment', () => {
  let store: SqliteStore;
  beforeEach(() => {
    store = SqliteStore.inMemory();
  });
  afterEach(async () => {
    await store.close();
  });

  it('steering meeting in the week after DST starts (last Sunday of March): all moments, all channels, once', async () => {
    // Thursday 1 April 2027 10:00 CEST = 08:00Z; the deadlines fall in winter time (CET): 10:00 = 09:00Z.
    const meetings = new MeetingList([meeting('m-apr', 'steering', '2027-04-01T08:00:00.000Z')]);
    const messenger = new RecordingMessenger();
    const scheduler = schedulerOn(store, meetings, messenger, 'only');
    const clock = new ManualClock('2027-02-01T00:00:00Z');
    const scan = (now: Date) => scheduler.runScan(now);

    const headsUp = '2027-02-25T09:00:00.000Z';
    const deadline = '2027-03-04T09:00:00.000Z';
    const agenda = '2027-03-18T09:00:00.000Z';
    await expectMomentsAt(clock, scan, headsUp, [
      key('heads-up', 'steering', 'm-apr', headsUp),
      ...REFERENCE_GROUPS.map((group) => key('heads-up', group, 'm-apr', headsUp)),
    ]);
    await expectMomentsAt(clock, scan, deadline, [
      key('proposal-deadline', 'steering', 'm-apr', deadline),
      key('status-report-deadline', 'steering', 'm-apr', deadline),
      ...REFERENCE_GROUPS.map((group) => key('status-report-deadline', group, 'm-apr', deadline)),
    ]);
    await expectMomentsAt(clock, scan, agenda, [key('detailed-agenda', 'steering', 'm-apr', agenda)]);

    // Scans every 5 minutes up to and past the meeting: nothing more, nothing twice.
    for (let at = Date.parse(agenda); at < Date.parse('2027-04-02T00:00:00Z'); at += 6 * 60 * MINUTE) {
      expect((await scheduler.runScan(new Date(at))).performed).toEqual([]);
    }
    expect(messenger.posts).toHaveLength(10);
    const byGroup = (groupId: string) => messenger.posts.filter((post) => post.groupId === groupId).length;
    expect(byGroup('steering')).toBe(4); // heads-up, intake closed, reports gathered, detailed agenda
    for (const group of REFERENCE_GROUPS) expect(byGroup(group)).toBe(2); // status heads-up and deadline
    for (const post of messenger.posts) {
      assertValidCard(post.message.card);
      expect(messenger.text(post)).not.toContain('Sendt for sent'); // all on time
    }
    // The reference groups' cards name the steering group's meeting and the deadline in local time.
    const refHeadsUp = messenger.posts.find((post) => post.groupId === 'ref-drift')!;
    expect(messenger.text(refHeadsUp)).toContain('Kommunestyregruppen');
    expect(messenger.text(refHeadsUp)).toContain('torsdag 4. marts 2027 kl. 10.00');
  });

  it('reference-group meeting in the week after DST ends (last Sunday of October): moments in summer time', async () => {
    // Thursday 4 November 2027 10:00 CET = 09:00Z; its moments fall in summer time (CEST): 10:00 = 08:00Z.
    const meetings = new MeetingList([meeting('m-nov', 'ref-forretning', '2027-11-04T09:00:00.000Z')]);
    const messenger = new RecordingMessenger();
    const scheduler = schedulerOn(store, meetings, messenger, 'only');
    const clock = new ManualClock('2027-09-01T00:00:00Z');
    const scan = (now: Date) => scheduler.runScan(now);

    await expectMomentsAt(clock, scan, '2027-09-30T08:00:00.000Z', [
      key('heads-up', 'ref-forretning', 'm-nov', '2027-09-30T08:00:00.000Z'),
    ]);
    await expectMomentsAt(clock, scan, '2027-10-07T08:00:00.000Z', [
      key('proposal-deadline', 'ref-forretning', 'm-nov', '2027-10-07T08:00:00.000Z'),
    ]);
    await expectMomentsAt(clock, scan, '2027-10-21T08:00:00.000Z', [
      key('detailed-agenda', 'ref-forretning', 'm-nov', '2027-10-21T08:00:00.000Z'),
    ]);
    expect(messenger.posts.map((post) => post.groupId)).toEqual([
      'ref-forretning',
      'ref-forretning',
      'ref-forretning',
    ]);
    // No status-report moments: only a steering-group meeting gathers status reports.
    expect(messenger.posts.some((post) => messenger.text(post).includes('Statusrapport'))).toBe(false);
  });

  it('uses the injected handlers at the 4-week and 2-week moments', async () => {
    const meetings = new MeetingList([meeting('m-apr', 'steering', '2027-04-01T08:00:00.000Z')]);
    const messenger = new RecordingMessenger();
    const compiled: string[] = [];
    const scheduler = schedulerOn(store, meetings, messenger, 'only', {
      meetingHooks: {
        onProposalDeadline: async (m) => void compiled.push(`proposals:${m.id}`),
        onStatusReportDeadline: async (m) => void compiled.push(`portfolio:${m.id}`),
        onDetailedAgendaDue: async (m) => ({ text: `Detailed agenda for ${m.id}` }),
      },
    });
    await scheduler.runScan(new Date('2027-03-04T09:00:00.000Z'));
    expect(compiled.sort()).toEqual(['portfolio:m-apr', 'proposals:m-apr']);
    await scheduler.runScan(new Date('2027-03-18T09:00:00.000Z'));
    expect(messenger.posts.at(-1)).toEqual({
      groupId: 'steering',
      message: { text: 'Detailed agenda for m-apr' },
    });
  });

  it('lists upcoming moments with their ledger state', async () => {
    const meetings = new MeetingList([meeting('m-apr', 'steering', '2027-04-01T08:00:00.000Z')]);
    const scheduler = schedulerOn(store, meetings, new RecordingMessenger(), 'only');
    await scheduler.runScan(new Date('2027-02-25T09:00:00.000Z'));
    const upcoming = await scheduler.upcoming(new Date('2027-02-20T00:00:00Z'), 60);
    expect(upcoming).toHaveLength(10);
    expect(upcoming[0]).toMatchObject({ kind: 'heads-up', status: 'sent' });
    expect(upcoming.at(-1)).toMatchObject({
      kind: 'detailed-agenda',
      status: undefined,
      dueAt: new Date('2027-03-18T09:00:00.000Z'),
    });
  });
});
