/**
 * Exactly once through a crash during a send (issue 25, point 2), piece by piece, with the real
 * proactive sender and the Bot Connector stand-in: a post recorded before the crash is not sent
 * again by the take-over; a dead holder of this host is recognised and its claim and lease taken
 * over at once, a holder elsewhere waits for the grace and the TTL; a running scan renews its lease
 * and, once the lease is taken, sends nothing more. The kill -9 test of the whole bot is
 * kill-mid-fanout.test.ts.
 */
import { spawnSync } from 'node:child_process';
import { hostname } from 'node:os';
import { CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import { isDeadPredecessor, newInstanceId, parseInstanceId } from '../../src/platform/scheduler/instance';
import { createStoreLedger } from '../../src/platform/scheduler/ledger-repository';
import type { SchedulerLedger } from '../../src/platform/scheduler/ledger';
import { Scheduler, type SchedulerOptions } from '../../src/platform/scheduler/scheduler';
import type { MomentContext, ScheduledMoment } from '../../src/platform/scheduler/types';
import { ProactiveSender } from '../../src/platform/teams/proactive';
import { SqliteStore } from '../../src/platform/storage/sqlite/sqlite-store';
import { ConnectorStandIn } from '../support/connector-standin';

const T0 = new Date('2027-03-01T08:00:00.000Z');
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);
const crash = () => Object.assign(new Error('process killed'), { fatal: true });

let store: SqliteStore;
let ledger: SchedulerLedger;
let connector: ConnectorStandIn;
let sender: ProactiveSender;

beforeEach(async () => {
  store = SqliteStore.inMemory();
  ledger = createStoreLedger(store.collection('schedule'));
  connector = await new ConnectorStandIn().start();
  sender = new ProactiveSender({
    adapter: new CloudAdapter(new ConfigurationBotFrameworkAuthentication({})),
    botAppId: '',
    references: { conversationReferenceOfGroup: async (groupId) => connector.reference(`19:${groupId}`) },
    failures: { append: async () => undefined },
  });
});
afterEach(async () => {
  await connector.stop();
  await store.close();
});

function moment(key: string, perform: (context: MomentContext) => Promise<void>): ScheduledMoment {
  return { key, kind: 'test', groupId: 'secretariat', dueAt: T0, describe: key, perform };
}

function scheduler(moments: ScheduledMoment[], options: Partial<SchedulerOptions> = {}): Scheduler {
  return new Scheduler({
    ledger,
    sources: [{ name: 'test', moments: async () => moments }],
    leaseTtlMs: 60_000,
    ...options,
  });
}

const post = (groupId: string, text: string) => sender.postToGroup(groupId, { text });
const textsSent = () => connector.sent.map((body) => body.text);

/** An id of a process of this host that has exited (its pid no longer exists). */
function deadProcessOfThisHost(): string {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
  return `scheduler@${hostname()}/${child.stdout.toString()}/deadbeef/1`;
}

describe('a post recorded before the crash', () => {
  it('is not sent again when the claim is taken over', async () => {
    const single = (attemptsCrashing: number) =>
      moment('term-ending:secretariat:p1', async (context) => {
        await post('secretariat', 'Valgperioden slutter');
        if (context.attempt <= attemptsCrashing) throw crash();
      });
    await expect(scheduler([single(1)], { instanceId: 'dies' }).runScan(T0)).rejects.toThrow(
      'process killed',
    );
    expect(await ledger.get('term-ending:secretariat:p1')).toMatchObject({
      status: 'claimed',
      posts: [expect.objectContaining({ groupId: 'secretariat', activityId: 'activity-1' })],
    });

    const heir = scheduler([single(0)], { instanceId: 'heir', isHolderDead: (id) => id === 'dies' });
    const report = await heir.runScan(at(5));
    expect(report.performed).toEqual(['term-ending:secretariat:p1']);
    expect(textsSent()).toEqual(['Valgperioden slutter']);
    expect(connector.requests).toHaveLength(1);
    expect(await ledger.get('term-ending:secretariat:p1')).toMatchObject({
      status: 'sent',
      attempts: 2,
      recoveredFrom: 'dies',
    });
  });

  it('of a moment that posts twice: the take-over sends only the one not recorded, built for the same scan instant', async () => {
    const seen: Date[] = [];
    const twoPosts = moment('hearing-close:steering:h1', async (context) => {
      seen.push(context.now);
      await post('steering', `Resultat ${context.now.toISOString()}`);
      if (context.attempt === 1) throw crash();
      await post('ref-drift', `Resultat ${context.now.toISOString()}`);
    });
    await expect(scheduler([twoPosts], { instanceId: 'dies' }).runScan(T0)).rejects.toThrow();
    await scheduler([twoPosts], { instanceId: 'heir', isHolderDead: (id) => id === 'dies' }).runScan(at(30));
    // The second attempt is performed for the first one's instant, so its first post is recognised.
    expect(seen).toEqual([T0, T0]);
    expect(connector.delivered.map((request) => [request.conversationId, request.body.text])).toEqual([
      ['19:steering', `Resultat ${T0.toISOString()}`],
      ['19:ref-drift', `Resultat ${T0.toISOString()}`],
    ]);
  });

  it('is matched by content: a perform that skips a step does not get another message’s id', async () => {
    let firstStepDone = false;
    const outbox = moment('outbox:steering:h2', async () => {
      if (!firstStepDone) {
        await post('steering', 'first step');
        firstStepDone = true;
        throw crash();
      }
      await post('steering', 'second step');
    });
    await expect(scheduler([outbox], { instanceId: 'dies' }).runScan(T0)).rejects.toThrow();
    await scheduler([outbox], { instanceId: 'heir', isHolderDead: (id) => id === 'dies' }).runScan(at(1));
    expect(textsSent()).toEqual(['first step', 'second step']);
  });

  it('that could not be recorded (store failing) still returns the activity id, and is logged', async () => {
    const errors: string[] = [];
    const failingLedger: SchedulerLedger = {
      ...ledger,
      recordPost: async () => {
        throw new Error('store unavailable');
      },
    };
    let activityId: string | undefined;
    const report = await scheduler(
      [moment('m:1', async () => void (activityId = (await post('secretariat', 'x')).activityId))],
      {
        ledger: failingLedger,
        logger: {
          info: () => undefined,
          warn: () => undefined,
          error: (_d, message) => void errors.push(message),
        },
      },
    ).runScan(T0);
    expect(report.performed).toEqual(['m:1']);
    expect(activityId).toBe('activity-1');
    expect(errors).toEqual(['scheduler: a post reached the channel but could not be recorded']);
  });
});

describe('a dead holder', () => {
  it('is recognised only on this host, by a pid that is gone or is our own', () => {
    const self = { host: 'web-1', pid: 28, boot: 'aaaaaaaa' };
    const alive = (pid: number) => pid === 41;
    expect(isDeadPredecessor('scheduler@web-1/40/bbbbbbbb/1', self, alive)).toBe(true);
    expect(isDeadPredecessor('scheduler@web-1/28/bbbbbbbb/1', self, alive)).toBe(true); // restarted container
    expect(isDeadPredecessor('scheduler@web-1/41/bbbbbbbb/1', self, alive)).toBe(false); // pid in use
    expect(isDeadPredecessor('scheduler@web-1/28/aaaaaaaa/2', self, alive)).toBe(false); // this process
    expect(isDeadPredecessor('scheduler@web-2/40/bbbbbbbb/1', self, alive)).toBe(false); // another host
    expect(isDeadPredecessor('proposals-1234', self, alive)).toBe(false);
    const id = newInstanceId();
    expect(parseInstanceId(id)).toEqual({ host: hostname(), pid: process.pid, boot: expect.any(String) });
    expect(newInstanceId()).not.toBe(id);
  });

  it('of this host loses its claim and its lease at once; one elsewhere waits for the grace and the TTL', async () => {
    const dead = deadProcessOfThisHost();
    const elsewhere = 'scheduler@another-host/28/cccccccc/1';
    for (const [key, holderId] of [
      ['m:dead', dead],
      ['m:elsewhere', elsewhere],
    ] as const) {
      await ledger.claim({ key, kind: 'test', groupId: 'secretariat', dueAt: T0, holderId, now: T0 });
    }
    const moments = ['m:dead', 'm:elsewhere'].map((key) =>
      moment(key, () => post('secretariat', key).then()),
    );
    // The default liveness check: this host's process table.
    const heir = scheduler(moments);

    await ledger.acquireLease(elsewhere, 60_000, T0);
    expect((await heir.runScan(at(10))).ran).toBe(false);
    await ledger.releaseLease(elsewhere);
    await ledger.acquireLease(dead, 60_000, T0);
    const report = await heir.runScan(at(10));
    expect(report.ran).toBe(true);
    expect(report.performed).toEqual(['m:dead']);
    expect(report.skipped).toEqual(['m:elsewhere']);
    expect((await ledger.leaseHolder())?.holderId).toBe(heir.instanceId);
    // After the grace (10 minutes) the other holder's claim is taken over too.
    expect((await heir.runScan(at(601))).performed).toEqual(['m:elsewhere']);
    expect(textsSent()).toEqual(['m:dead', 'm:elsewhere']);
  });
});

/** Resolves when `condition` holds, checking after every event-loop turn (no timed assertion). */
async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 1));
}

describe('the lease during a scan', () => {
  it('is renewed while the scan runs; once taken, the runner sends nothing more and marks nothing', async () => {
    const renewals: boolean[] = [];
    const watched: SchedulerLedger = {
      ...ledger,
      renewLease: async (...args) => {
        const renewed = await ledger.renewLease(...args);
        renewals.push(renewed);
        return renewed;
      },
    };
    const moments: ScheduledMoment[] = [];
    const runner = scheduler(moments, { ledger: watched, leaseRenewEveryMs: 2 });
    const first = moment('m:1', async () => {
      await until(() => renewals.includes(true));
      await post('secretariat', 'first');
      // Another instance takes the lease (as if this runner had been paused past its TTL).
      await ledger.acquireLease('thief', 60_000, at(1), { replacing: runner.instanceId });
      await until(() => renewals.includes(false));
      await post('secretariat', 'second');
    });
    const second = moment('m:2', () => post('secretariat', 'third').then());
    moments.push(first, second);
    const report = await runner.runScan(T0);
    expect(report).toMatchObject({ ran: true, leaseLost: true, performed: [], failed: [] });
    expect(textsSent()).toEqual(['first']);
    // The claim stays as it was, with the post that did go out recorded, for the new runner.
    expect(await ledger.get('m:1')).toMatchObject({
      status: 'claimed',
      posts: [expect.objectContaining({ activityId: 'activity-1' })],
    });
    expect(await ledger.get('m:2')).toBeUndefined();
  });
});
