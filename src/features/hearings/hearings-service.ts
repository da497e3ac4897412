/**
 * The written hearing ("skriftlig høring") of a working-group proposal in the steering group: one
 * service over its parts, each in its own file:
 * - hearing-opening.ts: opening (the voters, the ranking, the vote card) and withdrawal;
 * - hearing-votes.ts: where a vote is counted (the vote path, with its close-race guard);
 * - hearing-close.ts: the two-step close and the claim on its effects, done by the close outbox
 *   (hearing-close-outbox.ts);
 * - hearing-card-refresh.ts: the vote cards, and the shared card refreshed off the vote's path;
 * - hearing-cards.ts, hearing-result-cards.ts: the cards, within the card budget;
 * - hearing-access.ts: who may fetch a hearing's card by id, and from which conversation.
 *
 * Over time (terms that end while a hearing is open):
 * - The voters are fixed when the hearing opens (the steering group's members and chair active on
 *   that Copenhagen date), and a vote counts only while the voter's term still runs on the
 *   Copenhagen date of the vote. A member whose term has ended, before the hearing opened or while
 *   it was open, is refused with the day it ended (hearings.termEnded), not the generic refusal.
 * - The tally's eligible count stays as fixed at opening. Why: the decision basis (the quorum's
 *   denominator, the silent voters under silence-is-consent) is known and the same for everyone
 *   from the first vote to the close, and no appointment or term end during the hearing moves
 *   it; a vote cast while the voter's term ran stays counted. So a member whose term ends before
 *   they voted counts as not voting (no quorum weight; silent under silence-is-consent), and the
 *   hearing then closes at its closing time, not by full turnout.
 */
import type { Locale, Membership, VoteChoice } from '../../domain/model';
import { localDate } from '../../domain/time';
import type { MomentContext } from '../../platform/scheduler/types';
import type { VoteTally } from './domain/hearing';
import { HearingCards, type RecordedBallot } from './hearing-card-refresh';
import { HearingClose } from './hearing-close';
import type { HearingJobs, OpenHearing } from './hearing-moments';
import { HearingOpening, type OpenInput, type WithdrawResult } from './hearing-opening';
import { HearingScope, type CloseReason, type HearingServiceDeps, type Voter } from './hearing-scope';
import { HearingVotes, type VoteResult } from './hearing-votes';
import type { Hearing, StoredVote } from './hearings-repository';

export type { CloseReason, HearingPeople, HearingServiceDeps, Voter } from './hearing-scope';
export type { VoteResult } from './hearing-votes';
export type { WithdrawResult } from './hearing-opening';

export class HearingService {
  readonly steeringGroupId: string;
  private readonly scope: HearingScope;
  private readonly opening: HearingOpening;
  private readonly cards: HearingCards;
  private readonly closing: HearingClose;
  private readonly voting: HearingVotes;

  constructor(deps: HearingServiceDeps) {
    this.scope = new HearingScope(deps);
    this.steeringGroupId = this.scope.steeringGroupId;
    this.cards = new HearingCards(this.scope);
    this.opening = new HearingOpening(this.scope, this.cards);
    this.closing = new HearingClose(this.scope, this.cards);
    this.voting = new HearingVotes(this.scope, this.cards, this.closing);
  }

  /** The Teams tab's page (the link on a shortened card), when the base URL is known. */
  get tabUrl(): string | undefined {
    return this.scope.tabUrl;
  }

  // ---- opening and withdrawal

  /** Steering-group members and chair whose membership is current on `date` (YYYY-MM-DD). */
  eligibleVoters(date: string): Promise<string[]> {
    return this.opening.eligibleVoters(date);
  }

  /**
   * Opens the hearing and posts the vote card in the steering group's channel. `requestKey`
   * (e.g. the proposal card's activity id) makes a submit delivered twice open one hearing.
   */
  open(input: OpenInput): Promise<Hearing> {
    return this.opening.open(input);
  }

  /** Started and planned working groups in priority order (for the proposal card). */
  ranking() {
    return this.opening.ranking();
  }

  withdraw(hearingId: string, actorId: string): Promise<WithdrawResult> {
    return this.opening.withdraw(hearingId, actorId);
  }

  // ---- voting

  get(hearingId: string): Promise<Hearing | undefined> {
    return this.scope.get(hearingId);
  }

  votes(hearingId: string): Promise<StoredVote[]> {
    return this.scope.votes(hearingId);
  }

  /** Every membership of the steering group (all terms): who is a member today, whose term ended when. */
  steeringMemberships(): Promise<Membership[]> {
    return this.scope.deps.people.membersOf(this.steeringGroupId);
  }

  /** Records a vote (see hearing-votes.ts; passed straight through, the path is measured). */
  vote(hearingId: string, voter: Voter, choice: VoteChoice, comment?: string): Promise<VoteResult> {
    return this.voting.vote(hearingId, voter, choice, comment);
  }

  // ---- closing

  /**
   * Closes the hearing (idempotent). Returns true when this call closed it. Completes the result
   * and any effect a crashed or failed earlier close left undone; throws if an effect fails, so the
   * scheduler retries.
   */
  close(hearingId: string, reason: CloseReason): Promise<boolean> {
    return this.closing.close(hearingId, reason);
  }

  // ---- cards

  /** Updates the shared vote card in place; resolves once an update that read it after now is done. */
  refreshSharedCard(hearingId: string): Promise<void> {
    return this.cards.refreshSharedCard(hearingId);
  }

  /** Resolves when no shared-card update is in flight or pending (tests, graceful shutdown). */
  idle(): Promise<void> {
    return this.cards.idle();
  }

  tally(hearing: Hearing): Promise<VoteTally> {
    return this.cards.tally(hearing);
  }

  sharedCard(hearing: Hearing, locale: Locale = this.scope.locale) {
    return this.cards.sharedCard(hearing, locale);
  }

  /** The card as `viewerId` should see it: with their own vote when they are a voter. */
  userCard(hearing: Hearing, viewerId: string | undefined, locale: Locale, notice?: string) {
    return this.cards.userCard(hearing, viewerId, locale, notice);
  }

  /** The voter's own card right after a recorded vote, from what the vote already read (no re-reads). */
  votedCard(result: RecordedBallot, locale: Locale, notice?: string) {
    return this.cards.votedCard(result, locale, notice);
  }

  list(): Promise<Array<{ hearing: Hearing; tally: VoteTally }>> {
    return this.cards.list();
  }

  // ---- scheduler hooks (HearingJobs)

  async listOpen(): Promise<OpenHearing[]> {
    return (await this.scope.deps.hearings.listOpen(this.steeringGroupId)).map((hearing) => ({
      id: hearing.id,
      groupId: this.steeringGroupId,
      closesAt: hearing.closesAt,
      title: hearing.proposal.title,
    }));
  }

  async remindNonVoters(hearingId: string, _context: MomentContext): Promise<void> {
    const hearing = await this.get(hearingId);
    if (!hearing || hearing.status !== 'open') return;
    const voted = new Set((await this.votes(hearingId)).map((vote) => vote.voterId));
    const missing = hearing.eligibleVoterIds.filter((id) => !voted.has(id));
    if (missing.length === 0) return;
    await this.scope.deps.messenger.postToGroup(this.steeringGroupId, {
      text: this.scope.t('hearings.reminder', {
        title: hearing.proposal.title,
        names: missing.map((id) => hearing.voterNames[id] ?? id).join(', '),
        closes: localDate(hearing.closesAt, this.scope.deps.governance.timeZone),
      }),
    });
  }

  /** HearingJobs.close: the scheduler's close at the closing time. */
  async closeByDeadline(hearingId: string): Promise<void> {
    await this.close(hearingId, 'deadline');
  }
}

/** The HearingJobs the scheduler takes (jobs/compose.ts `hearings`). */
export function hearingJobsOf(service: HearingService): HearingJobs {
  return {
    listOpen: () => service.listOpen(),
    remindNonVoters: (hearingId, context) => service.remindNonVoters(hearingId, context),
    close: (hearingId) => service.closeByDeadline(hearingId),
  };
}
