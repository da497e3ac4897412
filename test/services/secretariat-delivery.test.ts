/**
 * Everything addressed to the secretariat goes through one route (issue 26.4): its channel when
 * bound, else each secretariat member in personal chat, never another group's channel.
 */
import type { ChannelBinding, ChannelMessenger, OutboundMessage } from '../../src/domain/ports';
import type { Membership } from '../../src/domain/model';
import {
  SecretariatMessenger,
  SecretariatUnreachableError,
  secretariatGroupIdOf,
  secretariatMemberIds,
} from '../../src/features/binding/secretariat-delivery';

class RecordingMessenger implements ChannelMessenger {
  readonly posts: Array<{ to: string; message: OutboundMessage }> = [];
  readonly updates: Array<{ to: string; activityId: string }> = [];
  failFor = new Set<string>();
  private next = 0;

  async postToGroup(to: string, message: OutboundMessage): Promise<{ activityId: string }> {
    if (this.failFor.has(to)) throw new Error(`cannot reach ${to}`);
    this.posts.push({ to, message });
    return { activityId: `a${++this.next}` };
  }

  async updateInGroup(to: string, activityId: string): Promise<void> {
    this.updates.push({ to, activityId });
  }
}

const binding: ChannelBinding = {
  groupId: 'secretariat',
  teamId: 'team',
  channelId: '19:sek',
  boundBy: 'x',
  boundAt: '2027-01-01T00:00:00.000Z',
};

function setUp(options: { bound?: boolean; members?: string[] } = {}) {
  const inner = new RecordingMessenger();
  const errors: string[] = [];
  const messenger = new SecretariatMessenger({
    inner,
    groups: { bindingOfGroup: async (id) => (options.bound && id === 'secretariat' ? binding : undefined) },
    secretariatGroupId: 'secretariat',
    members: async () => options.members ?? ['aad-sara', 'aad-sven'],
    onError: (_error, what) => errors.push(what),
  });
  return { inner, messenger, errors };
}

const card: OutboundMessage = { text: 'Nyt forslag til behandling' };

describe('the secretariat delivery', () => {
  it('posts to the secretariat channel when it is bound', async () => {
    const { inner, messenger } = setUp({ bound: true });
    expect(await messenger.postToGroup('secretariat', card)).toEqual({ activityId: 'a1' });
    expect(inner.posts.map((p) => p.to)).toEqual(['secretariat']);
  });

  it('without a channel, posts to each secretariat member in personal chat, never another channel', async () => {
    const { inner, messenger } = setUp();
    const { activityId } = await messenger.postToGroup('secretariat', card);
    expect(inner.posts.map((p) => p.to)).toEqual(['person:aad-sara', 'person:aad-sven']);
    expect(inner.posts.every((p) => p.message === card)).toBe(true);
    expect(activityId).toBe('personal:[["aad-sara","a1"],["aad-sven","a2"]]');
  });

  it('updates each personal copy of a card posted to the members', async () => {
    const { inner, messenger } = setUp();
    const { activityId } = await messenger.postToGroup('secretariat', card);
    await messenger.updateInGroup('secretariat', activityId, card);
    expect(inner.updates).toEqual([
      { to: 'person:aad-sara', activityId: 'a1' },
      { to: 'person:aad-sven', activityId: 'a2' },
    ]);
    await messenger.updateInGroup('secretariat', 'channel-activity', card);
    expect(inner.updates.at(-1)).toEqual({ to: 'secretariat', activityId: 'channel-activity' });
  });

  it('leaves posts to other groups and persons alone', async () => {
    const { inner, messenger } = setUp();
    await messenger.postToGroup('steering', card);
    await messenger.postToGroup('person:aad-anne', card);
    expect(inner.posts.map((p) => p.to)).toEqual(['steering', 'person:aad-anne']);
  });

  it('delivers to the members it can reach and reports the others', async () => {
    const { inner, messenger, errors } = setUp();
    inner.failFor.add('person:aad-sara');
    const { activityId } = await messenger.postToGroup('secretariat', card);
    expect(activityId).toBe('personal:[["aad-sven","a1"]]');
    expect(errors).toHaveLength(1);
  });

  it('fails (so the caller retries) when nobody in the secretariat can be reached', async () => {
    const none = setUp({ members: [] });
    await expect(none.messenger.postToGroup('secretariat', card)).rejects.toBeInstanceOf(
      SecretariatUnreachableError,
    );
    const unreachable = setUp({ members: ['aad-sara'] });
    unreachable.inner.failFor.add('person:aad-sara');
    await expect(unreachable.messenger.postToGroup('secretariat', card)).rejects.toThrow('cannot reach');
    expect(unreachable.inner.posts).toHaveLength(0);
  });
});

describe('the secretariat members', () => {
  const membership = (personId: string, termStart: string, endedOn?: string): Membership =>
    ({ personId, groupId: 'secretariat', role: 'staff', termStart, endedOn }) as Membership;

  it('are the bootstrap ids and the active memberships, each once', async () => {
    const register = {
      membersOf: async (groupId: string) =>
        groupId === 'secretariat'
          ? [
              membership('AAD-SARA', '2026-01-01'),
              membership('aad-ole', '2026-01-01', '2026-06-01'),
              membership('aad-sven', '2026-01-01'),
              membership('aad-new', '2027-02-01'),
            ]
          : [],
    };
    expect(await secretariatMemberIds(register, 'secretariat', ['aad-sara'], '2027-01-10')).toEqual([
      'aad-sara',
      'aad-sven',
    ]);
  });

  it('belong to the administering body (the body of kind administration)', () => {
    expect(
      secretariatGroupIdOf({
        bodies: [
          { id: 'styret', kind: 'board' },
          { id: 'sek', kind: 'administration' },
        ] as never,
      }),
    ).toBe('sek');
    expect(secretariatGroupIdOf({ bodies: [{ id: 'styret', kind: 'board' }] as never })).toBe('styret');
  });
});
