/**
 * Where a hearing vote is counted: the vote path.
 *
 * Why it is correct under concurrency:
 * - Each vote is its own document (`vote:<hearing>:<voter>`, upsert), so simultaneous votes of
 *   different voters never collide and a changed vote replaces only that voter's vote.
 * - A vote checks the hearing is open, writes its document, then reads the hearing's status again.
 *   If it is still open, the close (hearing-close.ts) had not changed the status when the vote was
 *   written, so the close will see the vote. If it is closed, the vote waits for the result and
 *   checks whether it was counted; if not (it landed after the close read the votes) it is rolled
 *   back to the counted one and the voter is told the hearing closed first. So every vote the voter
 *   was told "recorded" is in the outcome.
 *
 * The path is measured (npm run bench): the helpers below are synchronous or off the usual path,
 * so a vote costs the same awaits and reads as written out in one method.
 */
import type { Membership, Vote, VoteChoice } from '../../domain/model';
import { deepFreeze } from '../../domain/deep-freeze';
import { localDate } from '../../domain/time';
import { CoalescedRead } from '../../platform/storage/coalesced-refresh';
import {
  allEligibleHaveVoted,
  checkVoteEligibility,
  tallyVotes,
  voterStanding,
  type VoteTally,
} from './domain/hearing';
import type { HearingCards } from './hearing-card-refresh';
import type { HearingClose } from './hearing-close';
import type { HearingScope, Voter } from './hearing-scope';
import type { Hearing, HearingStatus, StoredVote } from './hearings-repository';
import { plainHearing } from './hearings-repository';

export type VoteResult =
  | { kind: 'recorded'; hearing: Hearing; vote: StoredVote; tally: VoteTally; closedNow: boolean }
  | { kind: 'not-found' }
  | { kind: 'not-eligible'; hearing: Hearing }
  /** The voter's term in the steering group ended on `endedOn` (before the hearing or since it opened). */
  | { kind: 'term-ended'; hearing: Hearing; endedOn: string }
  | { kind: 'closed'; hearing: Hearing }
  | { kind: 'withdrawn'; hearing: Hearing };

/** The counted result: the tally of the eligible voters' ballots, this vote among them. */
function recorded(hearing: Hearing, vote: StoredVote, votes: Vote[], closedNow: boolean): VoteResult {
  const eligible = new Set(hearing.eligibleVoterIds);
  return {
    kind: 'recorded',
    hearing,
    vote,
    tally: tallyVotes(votes.filter((v) => eligible.has(v.voterId))),
    closedNow,
  };
}

export class HearingVotes {
  /**
   * The close-race re-read of a hearing's status, shared by simultaneous voters. Sharing keeps the
   * guard: each voter gets a read that started after its own vote was committed.
   */
  private readonly statuses: CoalescedRead<HearingStatus | undefined>;
  /**
   * ... and the vote's first read of the hearing. It waits one loop turn, so the voters whose
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
    this.statuses = new CoalescedRead((hearingId) => deps.hearings.statusOf(steeringGroupId, hearingId));
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
   * steering group's memberships (is the voter's term still running today?), upsert the vote, point
   * read of the hearing's status (the close-race guard), append the audit entry and read the
   * hearing's votes (one partition query: the full-turnout check and the tally), the last two side
   * by side. Simultaneous votes share the upserts and audit appends (group commits) and the status
   * and ballot reads (coalesced). The shared vote card is refreshed off the request path,
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

    // The close-race guard (see the header): one point read of the hearing's status after the write.
    let current = hearing;
    const stillOpen = (await this.statuses.get(hearingId)) === 'open';
    if (!stillOpen) {
      const closed = await this.afterClose(hearingId, voter, written);
      if (closed.kind === 'closed') return closed;
      current = closed.hearing;
    }
    const [, votes] = await Promise.all([
      this.scope.deps.audit.append({
        at: vote.castAt,
        actorId: voter.id,
        action: 'hearing.vote',
        subject: `hearing:${hearingId}`,
        details: { choice, comment: vote.comment },
      }),
      this.cards.ballots.get(hearingId),
    ]);
    let closedNow = false;
    if (stillOpen && allEligibleHaveVoted(votes, hearing.eligibleVoterIds)) {
      closedNow = await this.closing.close(hearingId, 'full-turnout');
      current = (await this.scope.get(hearingId))!;
    } else if (stillOpen) {
      // Not awaited: the voter's answer does not wait for the shared card (rate-limited per channel).
      void this.cards.refresh.request(hearingId);
    }
    return recorded(current, vote, votes, closedNow);
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

  /**
   * The vote was written but the hearing was closed meanwhile: counted when the close read it, else
   * put back to what was counted (or nothing) and refused.
   */
  private async afterClose(
    hearingId: string,
    voter: Voter,
    written: StoredVote,
  ): Promise<{ kind: 'closed'; hearing: Hearing } | { kind: 'counted'; hearing: Hearing }> {
    const final = await this.closing.finishClose(hearingId);
    const counted = final.result?.counted.find((c) => c.voterId === voter.id);
    if (counted && counted.castAt === written.castAt && counted.choice === written.choice)
      return { kind: 'counted', hearing: final };
    // Our vote landed after the close counted: put back what was counted (or nothing).
    if (counted)
      await this.scope.deps.hearings.putVote({
        ...counted,
        hearingId,
        hearingGroupId: this.scope.steeringGroupId,
      });
    else await this.scope.deps.hearings.deleteVoteIfUnchanged(written);
    return { kind: 'closed', hearing: final };
  }
}
