/**
 * The proactive sender reuses a group's conversation reference for a short while (issue 24.1: the
 * binding and the channel were two store reads per post), reads it again once that has passed or
 * after a permanent failure, and never remembers a group it found unbound.
 */
import { CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import { ManualClock } from '../../../src/domain/clock';
import { ProactiveDeliveryError, ProactiveSender } from '../../../src/platform/teams/proactive';
import { ConnectorStandIn, failFirst } from '../../support/connector-standin';

describe('ProactiveSender conversation references', () => {
  let connector: ConnectorStandIn;
  let clock: ManualClock;
  let lookups: string[];
  const references = new Map<string, Record<string, unknown>>();

  beforeEach(async () => {
    clock = new ManualClock('2027-03-01T08:00:00.000Z');
    connector = await new ConnectorStandIn(clock).start();
    lookups = [];
    references.clear();
    references.set('secretariat', connector.reference('19:secretariat@thread.tacv2'));
  });
  afterEach(async () => {
    await connector.stop();
  });

  function sender(referenceTtlMs?: number) {
    return new ProactiveSender({
      adapter: new CloudAdapter(new ConfigurationBotFrameworkAuthentication({})),
      botAppId: '',
      references: {
        conversationReferenceOfGroup: async (groupId) => {
          lookups.push(groupId);
          return references.get(groupId);
        },
      },
      failures: { append: async () => undefined },
      clock,
      sleep: async (ms) => clock.advance(ms),
      retry: { random: () => 0.5, maxAttempts: 1 },
      ...(referenceTtlMs === undefined ? {} : { referenceTtlMs }),
    });
  }

  it('reads the reference once for posts within the reuse time, and again after it', async () => {
    const s = sender();
    await s.postToGroup('secretariat', { text: 'Forslag 1' });
    clock.advance(1_000);
    await s.postToGroup('secretariat', { text: 'Forslag 2' });
    expect(lookups).toEqual(['secretariat']);

    // Rebound meanwhile: once the reuse time has passed, the new channel gets the post.
    references.set('secretariat', connector.reference('19:new-secretariat@thread.tacv2'));
    clock.advance(5_000);
    const { activityId } = await s.postToGroup('secretariat', { text: 'Forslag 3' });
    expect(lookups).toEqual(['secretariat', 'secretariat']);
    expect(connector.messages.get(activityId)?.conversationId).toBe('19:new-secretariat@thread.tacv2');
  });

  it('shares one lookup between simultaneous posts to a group', async () => {
    const s = sender();
    await Promise.all([1, 2, 3].map((n) => s.postToGroup('secretariat', { text: `Forslag ${n}` })));
    expect(lookups).toEqual(['secretariat']);
    expect(connector.requests.filter((r) => r.method === 'POST')).toHaveLength(3);
  });

  it('does not remember a group found unbound, and reads every time with a reuse time of 0', async () => {
    const s = sender();
    await expect(s.postToGroup('steering', { text: 'x' })).rejects.toBeInstanceOf(ProactiveDeliveryError);
    references.set('steering', connector.reference('19:steering@thread.tacv2'));
    await s.postToGroup('steering', { text: 'y' });
    expect(lookups).toEqual(['steering', 'steering']);

    const uncached = sender(0);
    lookups = [];
    await uncached.postToGroup('secretariat', { text: 'a' });
    await uncached.postToGroup('secretariat', { text: 'b' });
    expect(lookups).toEqual(['secretariat', 'secretariat']);
  });

  it('reads the reference again after a permanent failure', async () => {
    const s = sender();
    connector.faults = failFirst(1, { status: 403 });
    await expect(s.postToGroup('secretariat', { text: 'x' })).rejects.toMatchObject({ reason: 'permanent' });
    await s.postToGroup('secretariat', { text: 'y' });
    expect(lookups).toEqual(['secretariat', 'secretariat']);
  });
});
