/**
 * Ports of the application services: what the services (and the bot features built on them) need
 * from the outside world, without botbuilder and without a particular storage adapter.
 *
 * - ChannelMessenger is implemented by the proactive sender (src/platform/teams/proactive) with botbuilder.
 * - The registry/register/log ports are satisfied by the typed repositories in
 *   the features' *-repository.ts files (wired in src/app/services.ts).
 */
import type {
  AuditEntry,
  BindOutcome,
  ChannelBinding,
  Group,
  InstalledTeam,
  KnownChannel,
  Meeting,
  Membership,
  Person,
} from './model';

// The records the ports exchange are plain data of the domain (shared with the repositories).
export type { AuditEntry, BindOutcome, ChannelBinding, InstalledTeam, KnownChannel };

/** A message for a group's channel: text, an Adaptive Card, or both. */
export interface OutboundMessage {
  text?: string;
  /** An Adaptive Card (schema 1.5) as plain JSON. */
  card?: object;
  /** Notification preview text (activity.summary). */
  summary?: string;
}

/** Posts to the channel bound to a group. Used by jobs and services; implemented in src/platform/teams/proactive. */
export interface ChannelMessenger {
  postToGroup(groupId: string, message: OutboundMessage): Promise<{ activityId: string }>;
  updateInGroup(groupId: string, activityId: string, message: OutboundMessage): Promise<void>;
}

/** Groups, their channel bindings, installed teams and conversation references. */
export interface GroupRegistry {
  getGroup(groupId: string): Promise<Group | undefined>;
  listGroups(): Promise<Group[]>;
  bindingOfGroup(groupId: string): Promise<ChannelBinding | undefined>;
  bindingOfChannel(channelId: string): Promise<ChannelBinding | undefined>;
  /**
   * Binds atomically: at most one channel per group and one group per channel, even when two
   * requests race (the adapter relies on the store's create-fails-if-exists).
   */
  bind(binding: ChannelBinding): Promise<BindOutcome>;
  /** Removes the binding of that group if it is to that channel; returns whether one was removed. */
  unbind(groupId: string, channelId: string): Promise<boolean>;
  recordInstallation(team: InstalledTeam, channels: KnownChannel[]): Promise<void>;
}

/** Persons and memberships (the member register). */
export interface MemberRegister {
  /** The person and all their memberships (past ones included), in one read. */
  personWithMemberships(personId: string): Promise<{ person?: Person; memberships: Membership[] }>;
}

export interface AuditLog {
  /**
   * Appends an entry. With `onceKey` it is create-once (a retry of the same step, with the same
   * `at`, writes nothing): how a multi-write operation's retry completes its audit entry.
   */
  append(entry: AuditEntry, options?: { onceKey?: string }): Promise<void>;
}

/** Read side of the meeting schedule (optional until the meetings repository exists). */
export interface MeetingSchedule {
  nextMeeting(groupId: string, after: Date): Promise<Meeting | undefined>;
}
