/**
 * The proactive sender's conversation references, reused for a short while (issue 24.1). Why: the
 * binding and the channel are two store reads per post, a burst of triage cards or card refreshes
 * repeats them within seconds, and a binding changes only by hand (a rebind reaches the posts at
 * most `ttlMs` later). The lookup itself is shared, so simultaneous posts to one group read it
 * once. A group found unbound is never remembered, nor a lookup that failed; the sender forgets a
 * group's reference after a permanent failure (the bot may have left the team).
 */
import type { Clock } from '../../../domain/clock';

/** Where conversation references come from (GroupRepository satisfies it). */
export interface ConversationReferenceSource {
  conversationReferenceOfGroup(groupId: string): Promise<Record<string, unknown> | undefined>;
}

type Reference = Record<string, unknown> | undefined;

export const DEFAULT_REFERENCE_TTL_MS = 5_000;

/** Personal chats are addresses too: past this many, expired entries are dropped. */
const PRUNE_AT = 1_000;

export class ReferenceCache {
  private readonly known = new Map<string, { reference: Promise<Reference>; until: number }>();

  constructor(
    private readonly source: ConversationReferenceSource,
    private readonly clock: Clock,
    private readonly ttlMs = DEFAULT_REFERENCE_TTL_MS,
  ) {}

  get(groupId: string): Promise<Reference> {
    const now = this.clock.now().getTime();
    const cached = this.known.get(groupId);
    if (cached && cached.until > now) return cached.reference;
    const reference = this.source.conversationReferenceOfGroup(groupId);
    if (this.ttlMs <= 0) return reference;
    if (this.known.size >= PRUNE_AT)
      for (const [key, entry] of this.known) if (entry.until <= now) this.known.delete(key);
    const entry = { reference, until: now + this.ttlMs };
    this.known.set(groupId, entry);
    const forgetThis = () => {
      if (this.known.get(groupId) === entry) this.known.delete(groupId);
    };
    reference.then((found) => found ?? forgetThis(), forgetThis);
    return reference;
  }

  forget(groupId: string): void {
    this.known.delete(groupId);
  }
}
