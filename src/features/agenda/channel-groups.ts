/**
 * Which group a Teams channel is bound to, as the proposal submit asks it (a member proposes in
 * their group's channel). Reused for a minute and shared between simultaneous submits (issue
 * 24.1: the core's binding read was one of a proposal's store operations; a channel's binding
 * changes only by hand). Only a binding found is remembered, so a channel bound a moment ago counts
 * at once; one unbound a moment ago may still count for that minute, which admits nobody the
 * register does not: the proposer's roles in the card's group are read fresh every time.
 */
import type { Clock } from '../../domain/clock';
import type { GroupRegistry } from '../../domain/ports';
import { KeptLookup } from '../../platform/storage/kept-lookup';

const REUSE_MS = 60_000;

/**
 * Where a submit came from, when through a conversation (the bot): `channelId` when in a team
 * channel, absent in a personal or group chat.
 */
export interface ProposalConversation {
  channelId?: string;
}

/**
 * Governance through the bot: a member (or chair) proposes in the channel bound to the card's
 * group, where the proposal form is opened; not from a personal chat or another group's channel.
 * No conversation (the service's other callers): no channel to check. `channelGroupId`: the group
 * the conversation's channel is bound to (`ChannelGroups.groupOf`).
 */
export function admitsMemberIn(
  conversation: ProposalConversation | undefined,
  channelGroupId: string | undefined,
  groupId: string,
): boolean {
  return !conversation || (conversation.channelId !== undefined && channelGroupId === groupId);
}

/** The group each channel is bound to, kept REUSE_MS (only a binding found is kept). */
export class ChannelGroups {
  private readonly bindings: KeptLookup<string>;

  constructor(groups: Pick<GroupRegistry, 'bindingOfChannel'>, clock: Clock) {
    this.bindings = new KeptLookup(
      (channelId) => groups.bindingOfChannel(channelId).then((binding) => binding?.groupId),
      clock,
      REUSE_MS,
    );
  }

  groupOf(channelId: string): Promise<string | undefined> {
    return this.bindings.get(channelId);
  }
}
