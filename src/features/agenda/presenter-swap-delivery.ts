/**
 * Where the swap's cards go: the request to the asked member's personal (1:1) chat with the bot,
 * the answer to the asker's, and the outcome of an accepted swap to the body's channel (where the
 * agenda was posted, so an agenda already shown there is not silently out of date).
 *
 * Personal messages go through the one proactive sender, addressed `person:<Entra object id>`
 * (src/platform/teams/proactive/personal-conversations.ts): the person's remembered 1:1 chat, else
 * one the bot opens, with the sender's rate limits, retries and failure record.
 */
import type { ChannelMessenger, OutboundMessage } from '../../domain/ports';
import { personAddress } from '../../domain/person-address';

export interface SwapDelivery {
  /** Posts to the member's personal chat; the activity id lets the card be replaced once answered. */
  toPerson(personId: string, message: OutboundMessage): Promise<{ activityId: string }>;
  /** Replaces a card posted with `toPerson`. */
  replaceForPerson(personId: string, activityId: string, message: OutboundMessage): Promise<void>;
  /** Posts to the body's bound channel. */
  toGroup(groupId: string, message: OutboundMessage): Promise<{ activityId: string }>;
}

export function swapDelivery(messenger: ChannelMessenger): SwapDelivery {
  return {
    toPerson: (personId, message) => messenger.postToGroup(personAddress(personId), message),
    replaceForPerson: (personId, activityId, message) =>
      messenger.updateInGroup(personAddress(personId), activityId, message),
    toGroup: (groupId, message) => messenger.postToGroup(groupId, message),
  };
}
