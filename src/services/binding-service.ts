import type { Clock } from '../domain/clock';
import type { Group, Meeting } from '../domain/model';
import { normaliseForMatch } from './normalise';
import type { ChannelDirectory } from './channel-directory';
import type { AuditLog, ChannelBinding, GroupRegistry, MeetingSchedule } from './ports';

export interface ChannelRef {
  teamId: string;
  channelId: string;
  channelName?: string;
  tenantId?: string;
  /**
   * The channel's conversation reference (plain JSON). Recorded on bind, so the proactive sender can
   * post to a channel even when the bot never saw that channel in an install event.
   */
  conversationReference?: Record<string, unknown>;
}

export type BindResult =
  | { kind: 'unknown-group'; candidates: Group[] }
  | { kind: 'dissolved'; group: Group }
  | { kind: 'bound'; group: Group; binding: ChannelBinding }
  | { kind: 'already-bound-here'; group: Group }
  | { kind: 'group-bound-elsewhere'; group: Group; existing: ChannelBinding }
  | { kind: 'channel-bound-to-other'; group: Group; current: Group | undefined; existing: ChannelBinding };

export type UnbindResult =
  { kind: 'not-bound' } | { kind: 'unbound'; group: Group | undefined; binding: ChannelBinding };

export interface ChannelStatus {
  binding: ChannelBinding;
  group: Group | undefined;
  /** Undefined when no meeting is scheduled (or the schedule is not available yet). */
  nextMeeting: Meeting | undefined;
}

/**
 * Binding a Teams channel to a group. Rules: a group has at most one channel and a channel serves
 * one group; only the secretariat binds (checked by the caller's role gate); every change is audited.
 */
export class BindingService {
  constructor(
    private readonly groups: GroupRegistry,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
    private readonly meetings?: MeetingSchedule,
    private readonly channels?: ChannelDirectory,
  ) {}

  /** Finds a group by id or by its Danish/English name, tolerant of case and accents. */
  async findGroup(reference: string): Promise<{ group?: Group; candidates: Group[] }> {
    const groups = await this.groups.listGroups();
    const wanted = normaliseForMatch(reference);
    const exact = groups.find(
      (g) =>
        normaliseForMatch(g.id) === wanted ||
        normaliseForMatch(g.name.da) === wanted ||
        normaliseForMatch(g.name.en) === wanted,
    );
    if (exact) return { group: exact, candidates: groups };
    // A unique partial match ("forretning" for "Referencegruppe Forretning") is unambiguous enough.
    const partial = groups.filter(
      (g) =>
        wanted.length >= 3 &&
        [g.id, g.name.da, g.name.en].some((name) => normaliseForMatch(name).includes(wanted)),
    );
    return { group: partial.length === 1 ? partial[0] : undefined, candidates: groups };
  }

  async bind(actorId: string, groupReference: string, channel: ChannelRef): Promise<BindResult> {
    const { group, candidates } = await this.findGroup(groupReference);
    if (!group) return { kind: 'unknown-group', candidates: candidates.filter((g) => g.status === 'active') };
    if (group.status === 'dissolved') return { kind: 'dissolved', group };
    const binding: ChannelBinding = {
      groupId: group.id,
      teamId: channel.teamId,
      channelId: channel.channelId,
      channelName: channel.channelName,
      tenantId: channel.tenantId,
      boundBy: actorId,
      boundAt: this.clock.now().toISOString(),
    };
    const outcome = await this.groups.bind(binding);
    if (outcome.kind === 'bound' || outcome.kind === 'already-bound-here')
      await this.rememberChannel(channel);
    switch (outcome.kind) {
      case 'bound':
        await this.audit.append({
          at: binding.boundAt,
          actorId,
          action: 'channel.bind',
          subject: `group:${group.id}`,
          details: { teamId: channel.teamId, channelId: channel.channelId, channelName: channel.channelName },
        });
        return { kind: 'bound', group, binding: outcome.binding };
      case 'already-bound-here':
        return { kind: 'already-bound-here', group };
      case 'group-bound-elsewhere':
        return { kind: 'group-bound-elsewhere', group, existing: outcome.existing };
      case 'channel-bound-to-other':
        return {
          kind: 'channel-bound-to-other',
          group,
          current: await this.groups.getGroup(outcome.existing.groupId),
          existing: outcome.existing,
        };
    }
  }

  private async rememberChannel(channel: ChannelRef): Promise<void> {
    if (!this.channels || !channel.conversationReference) return;
    const serviceUrl = channel.conversationReference.serviceUrl;
    await this.channels.recordChannel(
      {
        teamId: channel.teamId,
        tenantId: channel.tenantId,
        installedAt: this.clock.now().toISOString(),
        serviceUrl: typeof serviceUrl === 'string' ? serviceUrl : undefined,
      },
      {
        teamId: channel.teamId,
        channelId: channel.channelId,
        channelName: channel.channelName,
        conversationReference: channel.conversationReference,
      },
    );
  }

  async unbind(actorId: string, channelId: string): Promise<UnbindResult> {
    const binding = await this.groups.bindingOfChannel(channelId);
    if (!binding) return { kind: 'not-bound' };
    const removed = await this.groups.unbind(binding.groupId, channelId);
    // Teams may retry: a binding already removed by the first attempt is still "unbound" for the user.
    if (removed) {
      await this.audit.append({
        at: this.clock.now().toISOString(),
        actorId,
        action: 'channel.unbind',
        subject: `group:${binding.groupId}`,
        details: { teamId: binding.teamId, channelId },
      });
    }
    return { kind: 'unbound', group: await this.groups.getGroup(binding.groupId), binding };
  }

  async groupOfChannel(
    channelId: string,
  ): Promise<{ binding: ChannelBinding; group: Group | undefined } | undefined> {
    const binding = await this.groups.bindingOfChannel(channelId);
    if (!binding) return undefined;
    return { binding, group: await this.groups.getGroup(binding.groupId) };
  }

  async status(channelId: string): Promise<ChannelStatus | undefined> {
    const bound = await this.groupOfChannel(channelId);
    if (!bound) return undefined;
    const nextMeeting = this.meetings
      ? await this.meetings.nextMeeting(bound.binding.groupId, this.clock.now())
      : undefined;
    return { ...bound, nextMeeting };
  }
}
