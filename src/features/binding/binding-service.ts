import type { Clock } from '../../domain/clock';
import type { Governance } from '../../domain/governance';
import type { Group, Meeting } from '../../domain/model';
import { meetingDeadlines } from '../../domain/timeline';
import { matchGroup } from './domain/group-names';
import { secretariatGroupIdOf } from './secretariat-delivery';
import type { ChannelDirectory } from './channel-directory';
import type { AuditLog, ChannelBinding, GroupRegistry, MeetingSchedule } from '../../domain/ports';

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
  | {
      kind: 'bound';
      group: Group;
      binding: ChannelBinding;
      /** Another group was bound while the secretariat has no channel: its cards go to its members personally. */
      /** The administration, when it has no channel yet (its cards go to its members personally). */
      administrationWithoutChannel: Group | undefined;
    }
  | { kind: 'already-bound-here'; group: Group }
  | { kind: 'group-bound-elsewhere'; group: Group; existing: ChannelBinding }
  | { kind: 'channel-bound-to-other'; group: Group; current: Group | undefined; existing: ChannelBinding };

export type UnbindResult =
  { kind: 'not-bound' } | { kind: 'unbound'; group: Group | undefined; binding: ChannelBinding };

export type TimelineEntryKind =
  'heads-up' | 'proposal-deadline' | 'status-report-deadline' | 'detailed-agenda';

/** One moment before the next meeting, as the status card shows it. */
export interface TimelineEntry {
  kind: TimelineEntryKind;
  /** UTC instant (ISO); shown in local Copenhagen time. */
  at: string;
  /** The moment is at or before now (a deadline that has passed). */
  passed: boolean;
}

export interface ChannelStatus {
  binding: ChannelBinding;
  group: Group | undefined;
  /** Undefined when no meeting is scheduled (or the schedule is not available yet). */
  nextMeeting: Meeting | undefined;
  /**
   * The next meeting's deadlines in time order (empty without a meeting or without the governance
   * rules): the heads-up, the agenda-proposal deadline, for the steering group the status-report
   * deadline, and the detailed agenda.
   */
  timeline: TimelineEntry[];
}

/**
 * The deadlines of a meeting from the governance rules (domain/timeline), each marked passed or not
 * at `now`. Only the steering group gathers status reports, so only its meetings show that deadline.
 */
export function meetingStatusTimeline(
  meeting: Pick<Meeting, 'startsAt'> & Partial<Pick<Meeting, 'groupId'>>,
  groupKind: Group['kind'] | undefined,
  governance: Governance,
  now: Date,
): TimelineEntry[] {
  // At the offsets of the meeting's group (its own, its kind's or the default).
  const deadlines = meetingDeadlines(meeting, governance, groupKind);
  const entries: Array<[TimelineEntryKind, string]> = [
    ['heads-up', deadlines.headsUp],
    ['proposal-deadline', deadlines.proposalDeadline],
    ...(groupKind === 'board'
      ? [['status-report-deadline', deadlines.statusReportDeadline] as [TimelineEntryKind, string]]
      : []),
    ['detailed-agenda', deadlines.detailedAgenda],
  ];
  return entries
    .map(([kind, at]) => ({ kind, at, passed: Date.parse(at) <= now.getTime() }))
    .sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
}

/**
 * Binding a Teams channel to a group. Rules: a group has at most one channel and a channel serves
 * one group; only the secretariat binds (checked by the caller's role gate); every change is audited.
 */
/** Told when a group was bound to a channel (e.g. the working groups post their welcome). */
export type GroupBoundListener = (group: Group) => Promise<void>;

export class BindingService {
  private readonly boundListeners: GroupBoundListener[] = [];

  constructor(
    private readonly groups: GroupRegistry,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
    private readonly meetings?: MeetingSchedule,
    private readonly channels?: ChannelDirectory,
    /** The rules the next meeting's deadlines come from; without them the status has no timeline. */
    private readonly governance?: Governance,
  ) {}

  /**
   * Registers a listener for new bindings. A listener's failure never undoes the binding (it is
   * stored and audited first); the listener's post is best effort.
   */
  onBound(listener: GroupBoundListener): void {
    this.boundListeners.push(listener);
  }

  private async tellBound(group: Group): Promise<void> {
    for (const listener of this.boundListeners) await listener(group).catch(() => undefined);
  }

  /** Finds a group by id or by its Danish/English name as people write it (see domain/group-names.ts). */
  async findGroup(reference: string): Promise<{ group?: Group; candidates: Group[] }> {
    const groups = await this.groups.listGroups();
    return { group: matchGroup(groups, reference), candidates: groups };
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
        await this.tellBound(group);
        return {
          kind: 'bound',
          group,
          binding: outcome.binding,
          administrationWithoutChannel: await this.administrationWithoutChannel(group.id),
        };
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

  private async administrationWithoutChannel(boundGroupId: string): Promise<Group | undefined> {
    // Without the governance (a service built for tests of the binding alone) there is no administration to point to.
    if (!this.governance) return undefined;
    const administrationId = secretariatGroupIdOf(this.governance);
    if (boundGroupId === administrationId || (await this.groups.bindingOfGroup(administrationId)))
      return undefined;
    return (await this.groups.getGroup(administrationId)) ?? undefined;
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
    const now = this.clock.now();
    const nextMeeting = this.meetings
      ? await this.meetings.nextMeeting(bound.binding.groupId, now)
      : undefined;
    const timeline =
      nextMeeting && this.governance
        ? meetingStatusTimeline(nextMeeting, bound.group?.kind, this.governance, now)
        : [];
    return { ...bound, nextMeeting, timeline };
  }
}
