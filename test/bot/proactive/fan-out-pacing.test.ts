/**
 * How the ProactiveSender paces a fan-out (issue 24.5): a 429 delays only its own conversation,
 * a repeated 429 waits exactly its Retry-After, and only a few requests of a tenant are in flight at
 * once. Virtual time throughout (sleeping advances a manual clock); no timed assertions.
 */
import { CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import { ManualClock } from '../../../src/domain/clock';
import { ProactiveSender } from '../../../src/platform/teams/proactive';
import { ConnectorStandIn, type Fault } from '../../support/connector-standin';

const conversation = (i: number) => `19:fan-${i}@thread.tacv2`;

describe('ProactiveSender fan-out pacing', () => {
  let connector: ConnectorStandIn;
  let clock: ManualClock;

  beforeEach(async () => {
    clock = new ManualClock('2027-03-01T08:00:00.000Z');
    connector = await new ConnectorStandIn(clock).start();
  });
  afterEach(async () => {
    await connector.stop();
  });

  /** Sleeps the test ends by hand (advancing the clock), so it can act while one conversation waits. */
  function heldSleeps() {
    const held: Array<{ ms: number; end: () => void }> = [];
    let notify: (() => void) | undefined;
    const sleep = (ms: number) =>
      new Promise<void>((resolve) => {
        held.push({ ms, end: () => (clock.advance(ms), resolve()) });
        notify?.();
      });
    const next = async () => {
      if (held.length === 0) await new Promise<void>((resolve) => (notify = resolve));
      return held.shift()!;
    };
    return { sleep, next };
  }

  function sender(options: { tenantMaxInFlight?: number; sleep?: (ms: number) => Promise<void> } = {}) {
    return new ProactiveSender({
      adapter: new CloudAdapter(new ConfigurationBotFrameworkAuthentication({})),
      botAppId: '',
      references: {
        conversationReferenceOfGroup: async (groupId) => connector.reference(conversation(Number(groupId))),
      },
      failures: { append: async () => undefined },
      clock,
      sleep: options.sleep ?? (async (ms) => clock.advance(ms)),
      // The highest jitter: a back-off stacked on Retry-After would show.
      retry: { random: () => 0.999, maxAttempts: 5 },
      ...(options.tenantMaxInFlight ? { tenantMaxInFlight: options.tenantMaxInFlight } : {}),
    });
  }

  it('delays only the throttled conversation, by exactly Retry-After each time', async () => {
    const throttle: Fault = { status: 429, retryAfter: '1' };
    let throttledSoFar = 0;
    connector.faults = (request) =>
      request.conversationId === conversation(0) && throttledSoFar++ < 2 ? throttle : undefined;
    const sleeps = heldSleeps();
    const s = sender({ sleep: sleeps.sleep });

    const first = s.postToGroup('0', { text: 'påmindelse 0' });
    const retryWait = await sleeps.next();
    // While conversation 0 waits out its 429, the others go through (a global pause would hang here).
    await Promise.all([1, 2, 3, 4, 5].map((i) => s.postToGroup(String(i), { text: `påmindelse ${i}` })));
    expect(connector.delivered).toHaveLength(5);
    retryWait.end();
    const secondWait = await sleeps.next();
    secondWait.end();
    await first;

    expect([retryWait.ms, secondWait.ms]).toEqual([1000, 1000]);
    expect(
      connector.requests.filter((r) => r.conversationId === conversation(0)).map((r) => r.status),
    ).toEqual([429, 429, 201]);
  });

  it('keeps at most tenantMaxInFlight requests of the tenant in flight, and uses them all', async () => {
    let inFlight = 0;
    let peak = 0;
    connector.beforeAnswer = async () => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      // Hold the answer long enough for every request the sender would start to arrive.
      for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve));
      inFlight--;
    };
    const s = sender({ tenantMaxInFlight: 3 });
    await Promise.all(
      Array.from({ length: 12 }, (_, i) => s.postToGroup(String(i), { text: `påmindelse ${i}` })),
    );
    expect(connector.delivered).toHaveLength(12);
    expect(peak).toBe(3);
  });
});
