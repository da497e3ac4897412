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

export class ChannelGroups {
  private readonly known = new Map<string, { groupId: Promise<string | undefined>; until: number }>();

  constructor(
    private readonly groups: Pick<GroupRegistry, 'bindingOfChannel'>,
    private readonly clock: Clock,
  ) {}

  groupOf(channelId: string): Promise<string | undefined> {
    const now = this.clock.now().getTime();
    const cached = this.known.get(channelId);
    if (cached && cached.until > now) return cached.groupId;
    const groupId = this.groups.bindingOfChannel(channelId).then((binding) => binding?.groupId);
    const entry = { groupId, until: now + REUSE_MS };
    this.known.set(channelId, entry);
    const forget = () => {
      if (this.known.get(channelId) === entry) this.known.delete(channelId);
    };
    groupId.then((found) => found ?? forget(), forget);
    return groupId;
  }
}
