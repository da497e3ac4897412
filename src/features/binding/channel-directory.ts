import type { InstalledTeam, KnownChannel } from '../../domain/ports';

/** What the directory needs from the groups repository (GroupRepository satisfies it). */
export interface ChannelStore {
  listInstallations(): Promise<Array<InstalledTeam & { channelIds: string[] }>>;
  knownChannel(channelId: string): Promise<KnownChannel | undefined>;
  recordInstallation(team: InstalledTeam, channels: KnownChannel[]): Promise<void>;
}

/**
 * Keeps the conversation reference of every channel the bot can post to. The repository's
 * recordInstallation replaces a team's channel list; adding ONE channel (a channel created later,
 * or a channel bound before the bot saw the install) must keep the others, hence the merge here.
 */
export class ChannelDirectory {
  constructor(private readonly store: ChannelStore) {}

  /** The whole team at install time: its channel list is what Teams reported. */
  async recordInstallation(team: InstalledTeam, channels: KnownChannel[]): Promise<void> {
    await this.store.recordInstallation(team, channels);
  }

  /** Adds or refreshes one channel, keeping the team's other channels. Idempotent. */
  async recordChannel(team: InstalledTeam, channel: KnownChannel): Promise<void> {
    const existing = (await this.store.listInstallations()).find((t) => t.teamId === team.teamId);
    const otherIds = (existing?.channelIds ?? []).filter((id) => id !== channel.channelId);
    const others = (await Promise.all(otherIds.map((id) => this.store.knownChannel(id)))).filter(
      (c): c is KnownChannel => c !== undefined,
    );
    const { channelIds: _ids, ...teamRecord } = existing ?? { ...team, channelIds: [] };
    await this.store.recordInstallation({ ...teamRecord, teamName: teamRecord.teamName ?? team.teamName }, [
      ...others.map(({ etag: _etag, ...c }: KnownChannel & { etag?: string }) => c),
      channel,
    ]);
  }
}
