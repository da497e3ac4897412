/**
 * Where a hearing vote is counted: the vote path.
 *
 * Why it is correct under concurrency:
 * - Each vote is its own document (`vote:<hearing>:<voter>`, upsert), so simultaneous votes of
 *   different voters never collide and a changed vote replaces only that voter's vote.
 * - A vote checks the hearing is open, then writes its document in one batch with the hearing's
 *   tally, guarded by the tally's etag (hearing-tally.ts). The close (hearing-close.ts) and a
 *   withdrawal mark the tally closed before the ballots are counted, so a vote either was stored
 *   before that mark, and the close counts it, or meets the mark and stores nothing: the voter is
 *   told the hearing closed first. So every vote the voter was told "recorded" is in the outcome,
 *   and concurrent votes (412 on the tally: re-read and retry) all count, each once.
 *
 * The path is measured (npm run bench): the helpers below are synchronous or off the usual path,
 * so a vote costs the same awaits and reads as written out in one method.
 */
import type { Membership, VoteChoice } from '../../domain/model';
import { deepFreeze } from '../../domain/deep-freeze';
import { localDate } from '../../domain/time';
import { CoalescedRead } from '../../platform/storage/coalesced-refresh';
import { checkVoteEligibility, tallyChoices, voterStanding, type VoteTally } from './domain/hearing';
import type { HearingCards } from './hearing-card-refresh';
import type { HearingClose } from './hearing-close';
import type { HearingScope, Voter } from './hearing-scope';
import type { Hearing, StoredVote } from './hearings-repository';
import { plainHearing } from './hearings-repository';

export type VoteResult =
  | { kind: 'recorded'; hearing: Hearing; vote: StoredVote; tally: VoteTally; closedNow: boolean }
  | { kind: 'not-found' }
  | { kind: 'not-eligible'; hearing: Hearing }
  /** The voter's term in the steering group ended on `endedOn` (before the hearing or since it opened). */
  | { kind: 'term-ended'; hearing: Hearing; endedOn: string }
  | { kind: 'closed'; hearing: Hearing }
  | { kind: 'withdrawn'; hearing: Hearing };

export class HearingVotes {
  /**
   * The vote's first read of the hearing. It waits one loop turn, so the voters whose
   * requests arrived in the same turn share it (see CoalescedRead); the shared copy is deep-frozen,
   * so no voter's code can change what the others see.
   */
  private readonly hearingsForVotes: CoalescedRead<Hearing | undefined>;
  /**
   * ... and the steering group's memberships, read beside the hearing (why: a vote counts only while
   * the voter's term lasts, and a term can end while the hearing is open), shared in the same way.
   */
  private readonly terms: CoalescedRead<Membership[]>;

  constructor(
    private readonly scope: HearingScope,
    private readonly cards: HearingCards,
    private readonly closing: HearingClose,
  ) {
    const { deps, steeringGroupId } = scope;
    this.hearingsForVotes = new CoalescedRead(
      async (hearingId) => {
        const stored = await deps.hearings.get(steeringGroupId, hearingId);
        return stored && deepFreeze(plainHearing(stored));
      },
      { waitForTurn: true },
    );
    this.terms = new CoalescedRead(async (groupId) => deepFreeze(await deps.people.membersOf(groupId)), {
      waitForTurn: true,
    });
  }

  /**
   * Records a vote. Storage round trips on the usual path: read the hearing and, beside it, the
   * steering group's memberships (is the voter's term still running today?), read the hearing's
   * tally and write the vote with it (one batch, which is also the close-race guard; the tally of
   * the full-turnout check and the card comes from it, not from reading every ballot), append the
   * audit entry. Simultaneous votes share the reads (coalesced), the tally read and batch and the
   * audit appends (group commits). The shared vote card is refreshed off the request path,
   * coalesced per hearing.
   */
  async vote(hearingId: string, voter: Voter, choice: VoteChoice, comment?: string): Promise<VoteResult> {
    const [hearing, memberships] = await Promise.all([
      this.hearingsForVotes.get(hearingId),
      this.terms.get(this.scope.steeringGroupId),
    ]);
    if (!hearing) return { kind: 'not-found' };
    if (hearing.status === 'withdrawn') return { kind: 'withdrawn', hearing };
    const now = this.scope.deps.clock.now();
    const eligibility = checkVoteEligibility({
      voterId: voter.id,
      eligibleVoterIds: hearing.eligibleVoterIds,
      now,
      closesAt: hearing.closesAt,
      closed: hearing.status !== 'open',
    });
    if (!eligibility.ok && eligibility.reason === 'hearing-closed') return this.closeLate(hearingId, hearing);
    const refused = this.refusal(hearing, voter.id, memberships, now, eligibility.ok);
    if (refused) return refused;
    const vote = this.ballotOf(hearingId, voter, choice, comment, now);
    const written = await this.scope.deps.hearings.putVote(vote);
    // The hearing's votes were fenced (closed or withdrawn) since it was read: nothing was stored.
    if (written.kind === 'closed') return this.refusedAfterClose(hearingId);
    await this.scope.deps.audit.append({
      at: vote.castAt,
      actorId: voter.id,
      action: 'hearing.vote',
      subject: `hearing:${hearingId}`,
      details: { choice, comment: vote.comment },
    });
    // The tally as committed with this vote: every vote committed before it is in it, so the last
    // voter of a full turnout sees everyone's vote.
    const tally = tallyChoices(written.choices, hearing.eligibleVoterIds);
    let current = hearing;
    let closedNow = false;
    if (tally.cast === new Set(hearing.eligibleVoterIds).size) {
      closedNow = await this.closing.close(hearingId, 'full-turnout');
      current = (await this.scope.get(hearingId))!;
    } else {
      // Not awaited: the voter's answer does not wait for the shared card (rate-limited per channel).
      void this.cards.refresh.request(hearingId);
    }
    return { kind: 'recorded', hearing: current, vote, tally, closedNow };
  }

  /**
   * Why the voter may not vote, if they may not: their term in the steering group has ended (on the
   * Copenhagen date of the vote; before the hearing opened or since), or they are not on the
   * hearing's list. Undefined: the vote counts. The list fixed at opening stays the authority: only
   * a term known to have ended takes a listed voter off it.
   */
  private refusal(
    hearing: Hearing,
    voterId: string,
    memberships: readonly Membership[],
    now: Date,
    listed: boolean,
  ): VoteResult | undefined {
    const today = localDate(now, this.scope.deps.governance.timeZone);
    const standing = voterStanding(memberships, voterId, this.scope.steeringGroupId, today);
    if (standing.kind === 'term-ended') return { kind: 'term-ended', hearing, endedOn: standing.endedOn };
    return listed ? undefined : { kind: 'not-eligible', hearing };
  }

  /** Past the closing time but the scan has not run yet: close now, so the answer is final. */
  private async closeLate(hearingId: string, hearing: Hearing): Promise<VoteResult> {
    if (hearing.status === 'open') await this.closing.close(hearingId, 'deadline');
    return { kind: 'closed', hearing: (await this.scope.get(hearingId))! };
  }

  private ballotOf(
    hearingId: string,
    voter: Voter,
    choice: VoteChoice,
    comment: string | undefined,
    now: Date,
  ): StoredVote {
    const trimmed = comment?.trim();
    return {
      hearingId,
      hearingGroupId: this.scope.steeringGroupId,
      voterId: voter.id,
      voterName: voter.name,
      choice,
      comment: trimmed ? trimmed.slice(0, 2000) : undefined,
      castAt: now.toISOString(),
    };
  }

  /** The vote met the fence: answered with the hearing as it ended (closed with its result, or withdrawn). */
  private async refusedAfterClose(hearingId: string): Promise<VoteResult> {
    const final = await this.closing.finishClose(hearingId);
    return final.status === 'withdrawn'
      ? { kind: 'withdrawn', hearing: final }
      : { kind: 'closed', hearing: final };
  }
}
