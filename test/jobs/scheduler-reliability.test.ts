/**
 * Exactly once under failure: downtime catch-up, a 429 then success, a give-up after the bounded
 * retries, a crash between claim and send, and the runner lease.
 */
import { cronIntervalMs } from '../../src/platform/scheduler/scheduler';
import { createStoreLedger } from '../../src/platform/scheduler/ledger-repository';
import { SqliteStore } from '../../src/platform/storage/sqlite/sqlite-store';
import { MeetingList, RecordingMessenger, http429, key, meeting, processCrash, schedulerOn } from './support';

const MINUTE = 60_000;
const at = (iso: string, plusMinutes = 0) => new Date(Date.parse(iso) + plusMinutes * MINUTE);

describe('scheduler reliability', () => {
  let store: SqliteStore;
  beforeEach(() => {
    store = SqliteStore.inMemory();
  });
  afterEach(async () => {
    await store.close();
  });
  const ledger = () => createStoreLedger(store.collection('schedule'));

  it('after a week of downtime catches up what still makes sense, marked late, and skips the rest', async () => {
    const meetings = new MeetingList([
      // A: ref-forretning, Wed 24 March 2027 13:00 CET (12:00Z). Deadline 24 Feb 12:00Z falls in the downtime.
      meeting('a', 'ref-forretning', '2027-03-24T12:00:00.000Z'),
      // B: ref-drift, Sat 27 March 2027 13:00 CET. Heads-up 20 Feb 12:00Z and deadline 27 Feb 12:00Z both
      // fall in the downtime: the heads-up about a passed deadline is pointless, the deadline is caught up.
      meeting('b', 'ref-drift', '2027-03-27T12:00:00.000Z'),
      // C: cancelled while the bot was down; its deadline (25 Feb) was in the downtime.
      meeting('c', 'ref-arkitektur', '2027-03-25T09:00:00.000Z'),
      // D: moved while the bot was down from 25 March to 22 April: the old deadline keys are gone.
      meeting('d', 'steering', '2027-03-25T09:00:00.000Z'),
    ]);
    const before = new RecordingMessenger();
    const first = schedulerOn(store, meetings, before, 'instance-before');
    const downFrom = at('2027-02-20T11:00:00.000Z');
    await first.runScan(downFrom);
    const sentBefore = before.posts.length;
    expect(sentBefore).toBeGreaterThan(0); // the heads-ups of A, C, D (17/18 Feb), caught up at first start

    // The bot is down for a week; meanwhile C is cancelled and D moved.
    meetings.update('c', { status: 'cancelled' });
    meetings.update('d', { startsAt: '2027-04-22T08:00:00.000Z' });

    const after = new RecordingMessenger();
    const restarted = schedulerOn(store, meetings, after, 'instance-after');
    const report = await restarted.runScan(at('2027-02-27T14:00:00.000Z'));
    expect(report.ran).toBe(true);
    expect(report.performed.sort()).toEqual(
      [
        key('proposal-deadline', 'ref-forretning', 'a', '2027-02-24T12:00:00.000Z'),
        key('proposal-deadline', 'ref-drift', 'b', '2027-02-27T12:00:00.000Z'),
      ].sort(),
    );
    expect(report.expired).toEqual([key('heads-up', 'ref-drift', 'b', '2027-02-20T12:00:00.000Z')]);
    expect(after.posts.map((post) => post.groupId).sort()).toEqual(['ref-drift', 'ref-forretning']);
    const lateA = after.posts.find((post) => post.groupId === 'ref-forretning')!;
    expect(after.text(lateA)).toContain(
      'Sendt for sent: skulle have været sendt onsdag 24. februar 2027 kl. 13.00.',
    );
    // Nothing for the cancelled meeting or for the moved meeting's old moments.
    expect(after.posts.some((post) => ['ref-arkitektur', 'steering'].includes(post.groupId))).toBe(false);

    // The expired heads-up is recorded as skipped once; later scans pass it over silently.
    expect(await ledger().get(key('heads-up', 'ref-drift', 'b', '2027-02-20T12:00:00.000Z'))).toMatchObject({
      status: 'skipped',
    });
    const next = await restarted.runScan(at('2027-02-27T14:05:00.000Z'));
    expect([next.performed, next.expired]).toEqual([[], []]);

    // The moved meeting's new deadline is reminded at its new moment (22 April 10:00 CEST -> 25 March 10:00 CET).
    const moved = await restarted.runScan(at('2027-03-25T09:00:00.000Z'));
    expect(moved.performed).toContain(key('proposal-deadline', 'steering', 'd', '2027-03-25T09:00:00.000Z'));
  });

  it('a send that fails with 429 is retried on a later scan and marked sent once', async () => {
    const meetings = new MeetingList([meeting('m', 'ref-drift', '2027-11-04T09:00:00.000Z')]);
    const messenger = new RecordingMessenger((call) => (call === 1 ? http429() : undefined));
    const scheduler = schedulerOn(store, meetings, messenger, 'one');
    const headsUp = '2027-09-30T08:00:00.000Z';
    const momentKey = key('heads-up', 'ref-drift', 'm', headsUp);

    const first = await scheduler.runScan(at(headsUp));
    expect(first.failed).toEqual([momentKey]);
    expect(await ledger().get(momentKey)).toMatchObject({
      status: 'retrying',
      attempts: 1,
      lastError: 'Too Many Requests',
    });
    expect(messenger.posts).toHaveLength(0);

    // The retry waits for its back-off (1 minute), then succeeds.
    expect((await scheduler.runScan(at(headsUp, 0.5))).performed).toEqual([]);
    const second = await scheduler.runScan(at(headsUp, 5));
    expect(second.performed).toEqual([momentKey]);
    expect(await ledger().get(momentKey)).toMatchObject({ status: 'sent', attempts: 2 });
    expect((await scheduler.runScan(at(headsUp, 10))).performed).toEqual([]);
    expect(messenger.posts).toHaveLength(1);
    expect(messenger.calls).toBe(2);
  });

  it('gives up after the bounded attempts, marks the entry failed and stops retrying', async () => {
    const meetings = new MeetingList([meeting('m', 'ref-drift', '2027-11-04T09:00:00.000Z')]);
    const messenger = new RecordingMessenger(() => new Error('channel not bound'));
    const errors: string[] = [];
    const scheduler = schedulerOn(store, meetings, messenger, 'one', {
      logger: {
        info: () => undefined,
        warn: () => undefined,
        error: (_details, message) => void errors.push(message),
      },
      timings: { maxAttempts: 3 },
    });
    const headsUp = '2027-09-30T08:00:00.000Z';
    for (let minutes = 0; minutes <= 120; minutes += 5) await scheduler.runScan(at(headsUp, minutes));
    expect(messenger.calls).toBe(3);
    expect(await ledger().get(key('heads-up', 'ref-drift', 'm', headsUp))).toMatchObject({
      status: 'failed',
      attempts: 3,
    });
    expect(errors).toEqual(['scheduler: moment failed, giving up']);
    expect(await ledger().listUnsent()).toEqual([]);
  });

  it('a crash between claim and send resends exactly once, by the instance that takes over', async () => {
    const meetings = new MeetingList([meeting('m', 'ref-drift', '2027-11-04T09:00:00.000Z')]);
    const headsUp = '2027-09-30T08:00:00.000Z';
    const momentKey = key('heads-up', 'ref-drift', 'm', headsUp);

    const dying = new RecordingMessenger(() => processCrash());
    await expect(schedulerOn(store, meetings, dying, 'dies').runScan(at(headsUp))).rejects.toThrow(
      'process killed',
    );
    expect(await ledger().get(momentKey)).toMatchObject({ status: 'claimed', holderId: 'dies', attempts: 1 });
    expect(dying.posts).toHaveLength(0);

    // Two survivors start. While the dead holder's lease and claim are fresh, nobody sends.
    const messenger = new RecordingMessenger();
    const b = schedulerOn(store, meetings, messenger, 'b');
    const c = schedulerOn(store, meetings, messenger, 'c');
    expect((await b.runScan(at(headsUp, 5))).ran).toBe(false); // lease of 'dies' still valid
    expect((await b.runScan(at(headsUp, 5), { ignoreLease: true })).skipped).toEqual([momentKey]); // claim within grace
    expect(messenger.posts).toHaveLength(0);

    // After the lease and the grace period, both try to take the claim over at once: one wins.
    const [rb, rc] = await Promise.all([
      b.runScan(at(headsUp, 11), { ignoreLease: true }),
      c.runScan(at(headsUp, 11), { ignoreLease: true }),
    ]);
    expect([...rb.performed, ...rc.performed]).toEqual([momentKey]);
    for (let minutes = 15; minutes <= 60; minutes += 5) {
      await b.runScan(at(headsUp, minutes));
      await c.runScan(at(headsUp, minutes));
    }
    expect(messenger.posts).toHaveLength(1);
    expect(await ledger().get(momentKey)).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('the lease elects one runner, is released on stop and expires when its holder dies', async () => {
    const meetings = new MeetingList();
    const a = schedulerOn(store, meetings, new RecordingMessenger(), 'a');
    const b = schedulerOn(store, meetings, new RecordingMessenger(), 'b');
    const t0 = '2027-01-04T08:00:00.000Z';
    expect((await a.runScan(at(t0))).ran).toBe(true);
    expect((await b.runScan(at(t0, 1))).ran).toBe(false);
    expect((await a.runScan(at(t0, 5))).ran).toBe(true); // renewed until t0 + 15
    expect((await b.runScan(at(t0, 12))).ran).toBe(false);

    await a.stop(); // graceful: releases the lease
    expect((await b.runScan(at(t0, 13))).ran).toBe(true);
    expect((await a.runScan(at(t0, 14))).ran).toBe(false);

    // b dies without releasing; a takes over once b's lease (ttl 10 min) has expired.
    expect((await a.runScan(at(t0, 22))).ran).toBe(false);
    expect((await a.runScan(at(t0, 23))).ran).toBe(true);
  });

  it('start() runs a scan at once and stop() ends the cron task and releases the lease', async () => {
    const meetings = new MeetingList([meeting('m', 'ref-drift', '2027-11-04T09:00:00.000Z')]);
    const messenger = new RecordingMessenger();
    const scheduler = schedulerOn(store, meetings, messenger, 'cron');
    scheduler.start(() => at('2027-09-30T08:00:00.000Z'));
    await scheduler.stop();
    expect(messenger.posts).toHaveLength(1);
    // Released: another instance may run right away.
    const other = schedulerOn(store, meetings, new RecordingMessenger(), 'other');
    expect((await other.runScan(at('2027-09-30T08:01:00.000Z'))).ran).toBe(true);
  });

  it('sizes the lease by the cron interval (2 × the scan interval)', () => {
    expect(cronIntervalMs('*/5 * * * *', 'Europe/Copenhagen')).toBe(5 * MINUTE);
    expect(cronIntervalMs('*/15 * * * *', 'Europe/Copenhagen')).toBe(15 * MINUTE);
    expect(() => cronIntervalMs('every five minutes', 'Europe/Copenhagen')).toThrow(
      'invalid cron expression',
    );
  });
});
