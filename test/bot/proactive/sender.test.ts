import { CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import { ManualClock } from '../../../src/domain/clock';
import type { AuditEntry } from '../../../src/domain/ports';
import {
  DELIVERY_FAILED_ACTION,
  ProactiveDeliveryError,
  ProactiveSender,
  TEAMS_CONVERSATION_WINDOWS,
  TEAMS_TENANT_WINDOWS,
  type RateWindow,
} from '../../../src/platform/teams/proactive';
import {
  ConnectorStandIn,
  failAlways,
  failFirst,
  failShare,
  type ConnectorRequest,
} from '../../support/connector-standin';

/** Virtual time: sleeping advances the manual clock instead of waiting. */
function virtualTime() {
  const clock = new ManualClock('2027-03-01T08:00:00.000Z');
  const sleeps: number[] = [];
  const sleep = async (ms: number) => {
    sleeps.push(ms);
    clock.advance(ms);
  };
  return { clock, sleeps, sleep };
}

/** Every window respected: no interval of windowMs holds more than limit requests. */
function assertWithinWindows(times: number[], windows: readonly RateWindow[]): void {
  const sorted = [...times].sort((a, b) => a - b);
  for (const { limit, windowMs } of windows) {
    let start = 0;
    for (let end = 0; end < sorted.length; end++) {
      while ((sorted[start] as number) <= (sorted[end] as number) - windowMs) start++;
      expect({ windowMs, inWindow: end - start + 1 }).toEqual({
        windowMs,
        inWindow: Math.min(end - start + 1, limit),
      });
    }
  }
}

describe('ProactiveSender against a Bot Connector stand-in', () => {
  let connector: ConnectorStandIn;
  let time: ReturnType<typeof virtualTime>;
  let failures: AuditEntry[];
  let errors: object[];
  const references = new Map<string, Record<string, unknown>>();

  beforeEach(async () => {
    time = virtualTime();
    connector = await new ConnectorStandIn(time.clock).start();
    failures = [];
    errors = [];
    references.clear();
    references.set('steering', connector.reference('19:steering@thread.tacv2'));
    for (let i = 0; i < 10; i++) references.set(`wg-${i}`, connector.reference(`19:wg-${i}@thread.tacv2`));
  });
  afterEach(async () => {
    await connector.stop();
  });

  function sender(retry: Partial<ConstructorParameters<typeof ProactiveSender>[0]['retry']> = {}) {
    return new ProactiveSender({
      adapter: new CloudAdapter(new ConfigurationBotFrameworkAuthentication({})),
      botAppId: '',
      references: { conversationReferenceOfGroup: async (groupId) => references.get(groupId) },
      failures: { append: async (entry) => void failures.push(entry) },
      log: { info: () => {}, warn: () => {}, error: (details) => void errors.push(details) },
      clock: time.clock,
      sleep: time.sleep,
      retry: { random: () => 0.5, ...retry },
    });
  }

  it('posts text with an Adaptive Card and updates it in place', async () => {
    const s = sender();
    const card = { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: 'Høring' }] };
    const { activityId } = await s.postToGroup('steering', { text: 'Ny høring', card, summary: 'Høring' });
    expect(connector.messages.get(activityId)?.conversationId).toBe('19:steering@thread.tacv2');
    const posted = connector.messages.get(activityId)?.body as {
      text: string;
      summary: string;
      attachments: unknown[];
    };
    expect(posted.text).toBe('Ny høring');
    expect(posted.summary).toBe('Høring');
    expect(posted.attachments).toEqual([
      { contentType: 'application/vnd.microsoft.card.adaptive', content: card },
    ]);

    await s.updateInGroup('steering', activityId, { text: 'Høring afsluttet' });
    const stored = connector.messages.get(activityId);
    expect(stored?.versions).toBe(2);
    expect((stored?.body as { text: string }).text).toBe('Høring afsluttet');
    expect(connector.requests.map((r) => [r.method, r.status])).toEqual([
      ['POST', 201],
      ['PUT', 200],
    ]);
  });

  it('delivers every message exactly once while the connector answers 429 and 500 to a share of calls', async () => {
    const s = sender({ maxAttempts: 12 });
    const throttled = failShare(0.3, { status: 429, retryAfter: '2' }, 7);
    const broken = failShare(0.15, { status: 500 }, 99);
    connector.faults = (request, index) => throttled(request, index) ?? broken(request, index);

    const texts = Array.from({ length: 40 }, (_, i) => `besked ${i}`);
    const results = await Promise.all(
      texts.map((text, i) => s.postToGroup(i % 2 ? 'steering' : 'wg-1', { text })),
    );

    const deliveredTexts = connector.delivered.map((r) => r.body.text as string);
    expect([...deliveredTexts].sort()).toEqual([...texts].sort());
    expect(new Set(results.map((r) => r.activityId)).size).toBe(40);
    expect(connector.requests.some((r) => r.status === 429)).toBe(true);
    expect(connector.requests.some((r) => r.status === 500)).toBe(true);
    expect(failures).toEqual([]);
    // Within one conversation posts keep their call order, retries included.
    const steering = connector.delivered
      .filter((r) => r.conversationId === '19:steering@thread.tacv2')
      .map((r) => r.body.text);
    expect(steering).toEqual(texts.filter((_, i) => i % 2));
    // After a 429 the next request to that conversation waited at least Retry-After (2 s).
    const byConversation = new Map<string, ConnectorRequest[]>();
    for (const r of connector.requests)
      byConversation.set(r.conversationId, [...(byConversation.get(r.conversationId) ?? []), r]);
    for (const requests of byConversation.values()) {
      requests.forEach((r, i) => {
        const next = requests[i + 1];
        if (r.status === 429 && next) expect(next.at - r.at).toBeGreaterThanOrEqual(2000);
      });
    }
  });

  it('keeps one conversation within every Teams window (7/1 s, 8/2 s, 60/30 s), delaying and never dropping', async () => {
    const s = sender();
    const texts = Array.from({ length: 130 }, (_, i) => `påmindelse ${i}`);
    await Promise.all(texts.map((text) => s.postToGroup('steering', { text })));

    expect(connector.delivered.map((r) => r.body.text)).toEqual(texts);
    const times = connector.delivered.map((r) => r.at);
    assertWithinWindows(times, TEAMS_CONVERSATION_WINDOWS);
    // 130 posts at 60 per 30 s cannot finish inside a minute of (virtual) time: the limiter waited.
    expect(times[times.length - 1]! - times[0]!).toBeGreaterThanOrEqual(60_000);
    expect(time.sleeps.length).toBeGreaterThan(0);
  });

  it('holds the whole tenant to 50 requests per second across conversations', async () => {
    const s = sender();
    const posts: Promise<unknown>[] = [];
    for (let i = 0; i < 7; i++)
      for (let g = 0; g < 10; g++) posts.push(s.postToGroup(`wg-${g}`, { text: `wg-${g} #${i}` }));
    await Promise.all(posts);

    expect(connector.delivered).toHaveLength(70);
    assertWithinWindows(
      connector.delivered.map((r) => r.at),
      TEAMS_TENANT_WINDOWS,
    );
    for (let g = 0; g < 10; g++) {
      assertWithinWindows(
        connector.delivered.filter((r) => r.conversationId === `19:wg-${g}@thread.tacv2`).map((r) => r.at),
        TEAMS_CONVERSATION_WINDOWS,
      );
    }
  });

  it('honours Retry-After before the next attempt', async () => {
    const s = sender();
    connector.faults = failFirst(1, { status: 429, retryAfter: '7' });
    await s.postToGroup('steering', { text: 'efter pause' });
    const [first, second] = connector.requests;
    expect([first?.status, second?.status]).toEqual([429, 201]);
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(7000);
  });

  it('gives up a permanently failing send after the bound, makes one HTTP request per attempt, and records the failure', async () => {
    const s = sender({ maxAttempts: 4 });
    connector.faults = failAlways({ status: 500 });

    const error = await s.postToGroup('steering', { text: 'kommer aldrig frem' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProactiveDeliveryError);
    expect(error).toMatchObject({ reason: 'gave-up', attempts: 4, groupId: 'steering' });
    // Exactly maxAttempts requests: the connector's own retry policy is disabled, not stacked.
    expect(connector.requests).toHaveLength(4);
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatchObject({
      action: DELIVERY_FAILED_ACTION,
      subject: 'group:steering',
      actorId: 'bot',
      details: {
        operation: 'post',
        reason: 'gave-up',
        attempts: 4,
        status: 500,
        conversationId: '19:steering@thread.tacv2',
      },
    });
    expect(errors).toHaveLength(1);
    // Backoff grows between attempts.
    const gaps = connector.requests.slice(1).map((r, i) => r.at - connector.requests[i]!.at);
    expect(gaps[1]!).toBeGreaterThan(gaps[0]!);
    expect(gaps[2]!).toBeGreaterThan(gaps[1]!);
  });

  it('does not retry a 4xx other than 429 and records it', async () => {
    const s = sender();
    connector.faults = failAlways({ status: 403 });
    await expect(s.updateInGroup('steering', 'act-9', { text: 'x' })).rejects.toMatchObject({
      reason: 'permanent',
      attempts: 1,
    });
    expect(connector.requests).toHaveLength(1);
    expect(failures[0]).toMatchObject({ details: { operation: 'update', status: 403, activityId: 'act-9' } });
  });

  it('records a post to a group without a bound channel instead of dropping it', async () => {
    const s = sender();
    await expect(s.postToGroup('ref-unbound', { text: 'hej' })).rejects.toMatchObject({
      reason: 'not-bound',
    });
    expect(connector.requests).toHaveLength(0);
    expect(failures[0]).toMatchObject({ subject: 'group:ref-unbound', details: { reason: 'not-bound' } });
  });
});
