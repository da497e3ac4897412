/**
 * The proactive sender's conversation references, reused for a short while (issue 24.1). Why: the
 * binding and the channel are two store reads per post, a burst of triage cards or card refreshes
 * repeats them within seconds, and a binding changes only by hand (a rebind reaches the posts at
 * most `ttlMs` later). The lookup itself is shared, so simultaneous posts to one group read it
 * once. A group found unbound is never remembered, nor a lookup that failed; the sender forgets a
 * group's reference after a permanent failure (the bot may have left the team).
 */
import type { Clock } from '../../../domain/clock';
import { KeptLookup } from '../../storage/kept-lookup';

/** Where conversation references come from (GroupRepository satisfies it). */
export interface ConversationReferenceSource {
  conversationReferenceOfGroup(groupId: string): Promise<Record<string, unknown> | undefined>;
}

export const DEFAULT_REFERENCE_TTL_MS = 5_000;

/** The references by group (or personal address), each kept `ttlMs`. */
export class ReferenceCache extends KeptLookup<Record<string, unknown>> {
  constructor(source: ConversationReferenceSource, clock: Clock, ttlMs = DEFAULT_REFERENCE_TTL_MS) {
    super((groupId) => source.conversationReferenceOfGroup(groupId), clock, ttlMs);
  }
}
