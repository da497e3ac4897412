/**
 * Groups, the channel each group is bound to, and the teams/channels the bot is installed in.
 *
 * Layout (why: the hot path "which group is this channel?" must be one point read):
 * - directory / pk `groups`            / id <groupId>     Group definitions: a small, often listed set,
 *                                                         so listing them is one single-partition query.
 * - groups    / pk <groupId>           / id `binding`     the group's binding: the source of truth,
 *                                                         created once (at most one channel per group).
 * - directory / pk `channel:<channelId>` / id `binding`   the channel index: created once (at most one
 *                                                         group per channel); served only once `confirmed`.
 * - directory / pk `channel:<channelId>` / id `channel`   the channel's conversation reference (proactive posts).
 * - directory / pk `teams`             / id <teamId>      installed teams.
 *
 * The two binding documents are in different partitions, so `bind` is a small protocol instead of a
 * transaction: claim the channel (unconfirmed index), claim the group, confirm the index. Every step
 * is create-once or etag-guarded, so two racing binds cannot both win, and re-running a bind that
 * crashed half-way finishes it. An unconfirmed index whose group does not point back is stale and
 * may be removed by the next bind of that channel.
 */
import { z } from 'zod';
import type { BindOutcome, ChannelBinding, Group, InstalledTeam, KnownChannel } from '../../domain/model';
import { AlreadyExistsError, NotFoundError, PreconditionFailedError } from '../../platform/storage/port';
import type { DocumentStore } from '../../platform/storage/port';
import { defineDocument, typedCollection, withoutEtag } from '../../platform/storage/repository';
import type { Stored, TypedCollection } from '../../platform/storage/repository';
import { groupSchema, isoInstant } from '../../platform/storage/schemas';

export type { BindOutcome, ChannelBinding, InstalledTeam, KnownChannel };

const nonEmpty = z.string().min(1);

const channelBindingObject = z.object({
  groupId: nonEmpty,
  teamId: nonEmpty,
  channelId: nonEmpty,
  channelName: z.string().optional(),
  tenantId: z.string().optional(),
  boundBy: nonEmpty,
  boundAt: isoInstant,
});
export const channelBindingSchema: z.ZodType<ChannelBinding> = channelBindingObject;

interface ChannelIndex extends ChannelBinding {
  confirmed: boolean;
}

const channelIndexSchema: z.ZodType<ChannelIndex> = channelBindingObject.extend({ confirmed: z.boolean() });

const knownChannelSchema: z.ZodType<KnownChannel> = z.object({
  teamId: nonEmpty,
  channelId: nonEmpty,
  channelName: z.string().optional(),
  conversationReference: z.record(z.string(), z.unknown()),
});

const installedTeamSchema = z.object({
  teamId: nonEmpty,
  teamName: z.string().optional(),
  tenantId: z.string().optional(),
  installedAt: isoInstant,
  serviceUrl: z.string().optional(),
  channelIds: z.array(nonEmpty),
});
export type InstalledTeamRecord = z.infer<typeof installedTeamSchema>;

export const GROUP_LIST_PK = 'groups';
export const TEAM_LIST_PK = 'teams';
export const channelPk = (channelId: string) => `channel:${channelId}`;

export const groupDocument = defineDocument('group', groupSchema, {
  collection: 'directory',
  pk: () => GROUP_LIST_PK,
  id: (group) => group.id,
});
export const groupBindingDocument = defineDocument('group-binding', channelBindingSchema, {
  collection: 'groups',
  pk: (binding) => binding.groupId,
  id: () => 'binding',
});
const channelIndexDocument = defineDocument('channel-binding', channelIndexSchema, {
  collection: 'directory',
  pk: (index) => channelPk(index.channelId),
  id: () => 'binding',
});
const knownChannelDocument = defineDocument('channel', knownChannelSchema, {
  collection: 'directory',
  pk: (channel) => channelPk(channel.channelId),
  id: () => 'channel',
});
const installedTeamDocument = defineDocument('team', installedTeamSchema, {
  collection: 'directory',
  pk: () => TEAM_LIST_PK,
  id: (team) => team.teamId,
});

const sameTarget = (a: ChannelBinding, b: ChannelBinding) =>
  a.groupId === b.groupId && a.channelId === b.channelId;

function plainBinding(stored: ChannelBinding & { etag?: string; confirmed?: boolean }): ChannelBinding {
  const { etag: _etag, confirmed: _confirmed, ...binding } = stored;
  return binding;
}

async function ignoring<T>(
  errors: Array<new (...args: never[]) => Error>,
  run: () => Promise<T>,
): Promise<T | undefined> {
  try {
    return await run();
  } catch (error) {
    if (errors.some((type) => error instanceof type)) return undefined;
    throw error;
  }
}

export class GroupRepository {
  private readonly groups: TypedCollection<Group>;
  private readonly groupBindings: TypedCollection<ChannelBinding>;
  private readonly channelIndex: TypedCollection<ChannelIndex>;
  private readonly channels: TypedCollection<KnownChannel>;
  private readonly teams: TypedCollection<InstalledTeamRecord>;

  constructor(store: DocumentStore) {
    this.groups = typedCollection(store, groupDocument);
    this.groupBindings = typedCollection(store, groupBindingDocument);
    this.channelIndex = typedCollection(store, channelIndexDocument);
    this.channels = typedCollection(store, knownChannelDocument);
    this.teams = typedCollection(store, installedTeamDocument);
  }

  // ---- groups

  async getGroup(groupId: string): Promise<Group | undefined> {
    const stored = await this.groups.get(GROUP_LIST_PK, groupId);
    return stored && withoutEtag(stored);
  }

  async listGroups(): Promise<Group[]> {
    return (await this.groups.queryAll(GROUP_LIST_PK, { orderBy: { field: 'id' } })).map(withoutEtag);
  }

  async saveGroup(group: Group): Promise<Stored<Group>> {
    return this.groups.upsert(group);
  }

  /** Create-once (a config sync racing a command cannot create the group twice). */
  async createGroup(group: Group): Promise<Stored<Group>> {
    return this.groups.create(group);
  }

  // ---- bindings

  async bindingOfGroup(groupId: string): Promise<ChannelBinding | undefined> {
    const stored = await this.groupBindings.get(groupId, 'binding');
    return stored && plainBinding(stored);
  }

  /** The hot path: one point read in the channel's directory partition. */
  async bindingOfChannel(channelId: string): Promise<ChannelBinding | undefined> {
    const index = await this.channelIndex.get(channelPk(channelId), 'binding');
    return index?.confirmed ? plainBinding(index) : undefined;
  }

  async bind(binding: ChannelBinding): Promise<BindOutcome> {
    const existingOfGroup = await this.groupBindings.get(binding.groupId, 'binding');
    if (existingOfGroup && !sameTarget(existingOfGroup, binding)) {
      return { kind: 'group-bound-elsewhere', existing: plainBinding(existingOfGroup) };
    }
    // 1. Claim the channel (or find our own claim from an earlier, interrupted bind).
    const claim = await this.claimChannel(binding);
    if (claim.kind === 'taken') return { kind: 'channel-bound-to-other', existing: claim.existing };
    // 2. Claim the group.
    let groupSide = existingOfGroup;
    if (!groupSide) {
      try {
        groupSide = await this.groupBindings.create(binding);
      } catch (error) {
        if (!(error instanceof AlreadyExistsError)) throw error;
        groupSide = await this.groupBindings.get(binding.groupId, 'binding');
        if (!groupSide || !sameTarget(groupSide, binding)) {
          // Lost the race for the group: give the channel back.
          await ignoring([NotFoundError, PreconditionFailedError], () =>
            this.channelIndex.delete(channelPk(binding.channelId), 'binding', { ifMatch: claim.index.etag }),
          );
          return groupSide
            ? { kind: 'group-bound-elsewhere', existing: plainBinding(groupSide) }
            : this.bind(binding);
        }
      }
    }
    // 3. Confirm the channel index; if a concurrent bind removed our claim as stale, re-claim it.
    const confirmed = await ignoring([NotFoundError, PreconditionFailedError], () =>
      this.channelIndex.replace(
        { ...plainBinding(groupSide), confirmed: true },
        { ifMatch: claim.index.etag },
      ),
    );
    if (!confirmed) {
      const now = await this.channelIndex.get(channelPk(binding.channelId), 'binding');
      if (!now || now.groupId !== binding.groupId) {
        if (now) {
          // The channel went to another group meanwhile: undo our group side.
          await ignoring([NotFoundError, PreconditionFailedError], () =>
            this.groupBindings.delete(binding.groupId, 'binding', { ifMatch: groupSide.etag }),
          );
          return { kind: 'channel-bound-to-other', existing: plainBinding(now) };
        }
        return this.bind(binding);
      }
      if (!now.confirmed) return this.bind(binding);
    }
    const result = plainBinding(groupSide);
    return existingOfGroup && claim.kind === 'ours-confirmed'
      ? { kind: 'already-bound-here', binding: result }
      : { kind: 'bound', binding: result };
  }

  /**
   * Removes the channel index first: after a crash half-way the channel looks unbound (safe: no
   * message goes to the wrong group) and re-running unbind, or binding again, repairs it.
   */
  async unbind(groupId: string, channelId: string): Promise<boolean> {
    const current = await this.groupBindings.get(groupId, 'binding');
    if (!current || current.channelId !== channelId) return false;
    const index = await this.channelIndex.get(channelPk(channelId), 'binding');
    if (index && index.groupId === groupId) {
      await ignoring([NotFoundError, PreconditionFailedError], () =>
        this.channelIndex.delete(channelPk(channelId), 'binding', { ifMatch: index.etag }),
      );
    }
    const removed = await ignoring([NotFoundError, PreconditionFailedError], async () => {
      await this.groupBindings.delete(groupId, 'binding', { ifMatch: current.etag });
      return true;
    });
    return removed ?? false;
  }

  private async claimChannel(
    binding: ChannelBinding,
  ): Promise<
    | { kind: 'ours' | 'ours-confirmed'; index: Stored<ChannelIndex> }
    | { kind: 'taken'; existing: ChannelBinding }
  > {
    const pk = channelPk(binding.channelId);
    for (let attempt = 0; attempt < 5; attempt++) {
      const index = await this.channelIndex.get(pk, 'binding');
      if (index) {
        if (index.groupId === binding.groupId)
          return { kind: index.confirmed ? 'ours-confirmed' : 'ours', index };
        if (index.confirmed || (await this.isLive(index)))
          return { kind: 'taken', existing: plainBinding(index) };
        // A stale claim from a bind that never completed: remove it (etag-guarded) and retry.
        await ignoring([NotFoundError, PreconditionFailedError], () =>
          this.channelIndex.delete(pk, 'binding', { ifMatch: index.etag }),
        );
        continue;
      }
      const created = await ignoring([AlreadyExistsError], () =>
        this.channelIndex.create({ ...binding, confirmed: false }),
      );
      if (created) return { kind: 'ours', index: created };
    }
    throw new Error(`bind: could not claim channel ${binding.channelId} (too much contention)`);
  }

  /** Whether an unconfirmed channel claim is backed by its group's binding (i.e. a bind in progress finished). */
  private async isLive(index: ChannelIndex): Promise<boolean> {
    const groupSide = await this.groupBindings.get(index.groupId, 'binding');
    return groupSide !== undefined && groupSide.channelId === index.channelId;
  }

  // ---- installations and conversation references

  async recordInstallation(team: InstalledTeam, channels: KnownChannel[]): Promise<void> {
    for (const channel of channels) await this.channels.upsert(channel);
    await this.teams.upsert({ ...team, channelIds: channels.map((channel) => channel.channelId) });
  }

  async removeInstallation(teamId: string): Promise<void> {
    await ignoring([NotFoundError], () => this.teams.delete(TEAM_LIST_PK, teamId));
  }

  async listInstallations(): Promise<InstalledTeamRecord[]> {
    return (await this.teams.queryAll(TEAM_LIST_PK)).map(withoutEtag);
  }

  async knownChannel(channelId: string): Promise<KnownChannel | undefined> {
    const stored = await this.channels.get(channelPk(channelId), 'channel');
    return stored && withoutEtag(stored);
  }

  /** What the proactive sender needs to post to a group: its binding's conversation reference. */
  async conversationReferenceOfGroup(groupId: string): Promise<Record<string, unknown> | undefined> {
    const binding = await this.bindingOfGroup(groupId);
    if (!binding) return undefined;
    return (await this.knownChannel(binding.channelId))?.conversationReference;
  }
}
