/**
 * Closing a hearing: two etag-guarded steps on the hearing document, (1) status open -> closed
 * (exactly one caller wins), (2) the result, computed from the votes read AFTER step 1 and the
 * fence of the hearing's tally (no vote is stored after it, hearing-tally.ts), written once. Then the close outbox (hearing-close-outbox.ts), done by one closer at a time.
 */
import { randomUUID } from 'node:crypto';
import { decideHearing } from './domain/hearing';
import type { HearingCards } from './hearing-card-refresh';
import { CloseOutbox } from './hearing-close-outbox';
import type { CloseReason, HearingScope } from './hearing-scope';
import type { Hearing, HearingResult, StoredVote } from './hearings-repository';
import { plainHearing } from './hearings-repository';

/** A closer that held the effects claim this long without finishing is presumed dead. */
const EFFECTS_CLAIM_STALE_MS = 10 * 60_000;

/** The result of a closed hearing from the votes read after the close. */
function resultOf(hearing: Hearing, votes: StoredVote[]): HearingResult {
  const decision = decideHearing({
    votes,
    eligibleVoterIds: hearing.eligibleVoterIds,
    rule: hearing.rule,
    closed: true,
  });
  const eligible = new Set(hearing.eligibleVoterIds);
  return {
    outcome: decision.outcome,
    approve: decision.tally.approve,
    reject: decision.tally.reject,
    abstain: decision.tally.abstain,
    cast: decision.tally.cast,
    eligibleCount: decision.eligibleCount,
    turnout: decision.turnout,
    reason: hearing.closeReason ?? 'deadline',
    counted: votes
      .filter((vote) => eligible.has(vote.voterId))
      .map(({ voterId, voterName, choice, comment, castAt }) => ({
        voterId,
        voterName,
        choice,
        comment,
        castAt,
      })),
  };
}

export class HearingClose {
  constructor(
    private readonly scope: HearingScope,
    private readonly cards: HearingCards,
  ) {}

  /**
   * Closes the hearing (idempotent). Returns true when this call closed it. Completes the result
   * and any effect a crashed or failed earlier close left undone; throws if an effect fails, so the
   * scheduler retries.
   */
  async close(hearingId: string, reason: CloseReason): Promise<boolean> {
    const { deps, steeringGroupId } = this.scope;
    const closedAt = deps.clock.now().toISOString();
    let won = false;
    const stored = await deps.hearings.get(steeringGroupId, hearingId);
    if (!stored || stored.status === 'withdrawn') return false;
    if (stored.status === 'open') {
      await deps.hearings.update(steeringGroupId, hearingId, (current) => {
        won = false;
        if (current.status !== 'open') return undefined;
        won = true;
        return { ...current, status: 'closed', closedAt, closeReason: reason };
      });
    }
    const hearing = await this.finishClose(hearingId);
    await this.runEffects(hearing);
    return won;
  }

  /** Step 2 of the close: the result from the votes read after the status change, written once. */
  async finishClose(hearingId: string): Promise<Hearing> {
    const current = (await this.scope.get(hearingId))!;
    if (current.status !== 'closed' || current.result) return current;
    // No ballot is stored after the fence, so the count below is final (idempotent; see update).
    await this.scope.deps.hearings.fenceVotes(this.scope.steeringGroupId, hearingId);
    const result = resultOf(current, await this.scope.votes(hearingId));
    const saved = await this.scope.deps.hearings.update(this.scope.steeringGroupId, hearingId, (latest) =>
      latest.result ? undefined : { ...latest, result },
    );
    return plainHearing(saved);
  }

  /**
   * One closer at a time does the effects: the claim is an etag-guarded write on the hearing. A
   * claim older than EFFECTS_CLAIM_STALE_MS (its holder crashed) is taken over; a failing holder
   * releases it, so the scheduler's retry can continue at once.
   */
  private async claimEffects(hearingId: string): Promise<string | undefined> {
    const token = randomUUID();
    const now = this.scope.deps.clock.now();
    let claimed = false;
    await this.scope.deps.hearings.update(this.scope.steeringGroupId, hearingId, (latest) => {
      claimed = false;
      if (latest.status !== 'closed' || !latest.result || latest.effectsComplete) return undefined;
      if (latest.effectsClaim && now.getTime() - Date.parse(latest.effectsClaim.at) < EFFECTS_CLAIM_STALE_MS)
        return undefined;
      claimed = true;
      return { ...latest, effectsClaim: { token, at: now.toISOString() } };
    });
    return claimed ? token : undefined;
  }

  private async runEffects(hearing: Hearing): Promise<void> {
    if (hearing.status !== 'closed' || !hearing.result || hearing.effectsComplete) return;
    const token = await this.claimEffects(hearing.id);
    if (!token) return;
    let complete = false;
    try {
      await new CloseOutbox(this.scope, this.cards, (await this.scope.get(hearing.id))!).run();
      complete = true;
    } finally {
      await this.scope.deps.hearings.update(this.scope.steeringGroupId, hearing.id, (latest) => {
        if (latest.effectsClaim?.token !== token) return undefined;
        const { effectsClaim: _claim, ...rest } = latest;
        return complete ? { ...rest, effectsComplete: true } : rest;
      });
    }
  }
}
