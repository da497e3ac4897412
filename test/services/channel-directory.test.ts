import { ChannelDirectory } from '../../src/features/binding/channel-directory';
import { GroupRepository } from '../../src/features/binding/groups-repository';
import { SqliteStore } from '../../src/platform/storage/sqlite/sqlite-store';

const team = { teamId: 'team-1', teamName: 'FKI', tenantId: 't', installedAt: '2027-01-01T00:00:00.000Z' };
const channel = (id: string, name?: string) => ({
  teamId: 'team-1',
  channelId: id,
  channelName: name,
  conversationReference: { serviceUrl: 'https://smba.example', conversation: { id } },
});

describe('ChannelDirectory', () => {
  test('adding one channel keeps the channels recorded at install, and is idempotent', async () => {
    const store = SqliteStore.inMemory();
    const groups = new GroupRepository(store);
    const directory = new ChannelDirectory(groups);
    await directory.recordInstallation(team, [channel('19:general', 'General'), channel('19:a', 'A')]);
    await directory.recordChannel({ ...team, teamName: undefined }, channel('19:new', 'Ny'));
    await directory.recordChannel(team, channel('19:new', 'Ny'));
    const [installed] = await groups.listInstallations();
    expect(installed?.channelIds.sort()).toEqual(['19:a', '19:general', '19:new']);
    expect(installed?.teamName).toBe('FKI');
    expect((await groups.knownChannel('19:a'))?.channelName).toBe('A');
    expect((await groups.knownChannel('19:new'))?.conversationReference).toMatchObject({
      conversation: { id: '19:new' },
    });
    await store.close();
  });

  test('a channel of a team never seen installing creates the team record', async () => {
    const store = SqliteStore.inMemory();
    const groups = new GroupRepository(store);
    await new ChannelDirectory(groups).recordChannel(team, channel('19:x'));
    expect((await groups.listInstallations()).map((t) => [t.teamId, t.channelIds])).toEqual([
      ['team-1', ['19:x']],
    ]);
    await store.close();
  });
});
