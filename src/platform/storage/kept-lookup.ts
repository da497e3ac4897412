/**
 * A lookup whose answers are reused for a while and shared while in flight (issue 24.1: the
 * proposal's channel binding and the proactive sender's conversation references were store reads
 * repeated within seconds, for data that changes only by hand). Only an answer found is kept: a key
 * found missing, or a lookup that failed, is asked again the next time, so a binding made a moment
 * ago counts at once. Past `pruneAt` keys, the expired ones are dropped (personal chats are keys
 * too). `keptMs` 0 turns the reuse off.
 */
import type { Clock } from '../../domain/clock';

const DEFAULT_PRUNE_AT = 1_000;

export class KeptLookup<T> {
  private readonly known = new Map<string, { answer: Promise<T | undefined>; until: number }>();

  constructor(
    private readonly lookup: (key: string) => Promise<T | undefined>,
    private readonly clock: Clock,
    private readonly keptMs: number,
    private readonly pruneAt = DEFAULT_PRUNE_AT,
  ) {}

  get(key: string): Promise<T | undefined> {
    const now = this.clock.now().getTime();
    const cached = this.known.get(key);
    if (cached && cached.until > now) return cached.answer;
    const answer = this.lookup(key);
    if (this.keptMs <= 0) return answer;
    if (this.known.size >= this.pruneAt)
      for (const [other, entry] of this.known) if (entry.until <= now) this.known.delete(other);
    const entry = { answer, until: now + this.keptMs };
    this.known.set(key, entry);
    const forgetThis = () => {
      if (this.known.get(key) === entry) this.known.delete(key);
    };
    answer.then((found) => found ?? forgetThis(), forgetThis);
    return answer;
  }

  forget(key: string): void {
    this.known.delete(key);
  }
}
