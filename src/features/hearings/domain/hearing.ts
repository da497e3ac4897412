/**
 * Written hearing ("skriftlig høring") in the steering group: votes, eligibility and the outcome.
 *
 * - Only eligible voters (the steering group's members when the hearing opened) may vote, and only
 *   while their term lasts (`voterStanding` on the day they vote).
 * - A voter may change their vote until the hearing closes; the last vote counts (latest castAt,
 *   and for equal times the later one in the list).
 * - Rules (from the governance config):
 *   majority-with-quorum: turnout = eligible voters who voted (abstain counts as voting) / eligible.
 *     turnout < quorumShare -> no-quorum; else approve > reject -> approved; a tie is rejected.
 *   silence-is-consent: eligible voters who did not vote count as approving; approved unless
 *     reject > approve + silent. Never no-quorum (silence is an answer).
 */
import type { HearingOutcome, Membership, Vote, VoteChoice } from '../../../domain/model';
import { isActiveOn } from '../../../domain/terms';
import type { HearingRuleKind } from '../../../domain/governance';
import { instantMillis } from '../../../domain/time';

export interface HearingRule {
  kind: HearingRuleKind;
  quorumShare: number;
}

export interface VoteTally {
  approve: number;
  reject: number;
  abstain: number;
  /** Distinct voters counted. */
  cast: number;
}

/** The last vote of each voter, in voter id order. */
export function latestVotes(votes: Vote[]): Vote[] {
  return [...latestByVoter(votes).values()].sort((a, b) =>
    a.voterId < b.voterId ? -1 : a.voterId > b.voterId ? 1 : 0,
  );
}

function latestByVoter(votes: Vote[]): Map<string, Vote> {
  const latest = new Map<string, Vote>();
  for (const vote of votes) {
    const previous = latest.get(vote.voterId);
    if (!previous || instantMillis(vote.castAt) >= instantMillis(previous.castAt))
      latest.set(vote.voterId, vote);
  }
  return latest;
}

/** Counts the last vote of each voter. */
export function tallyVotes(votes: Vote[]): VoteTally {
  const tally: VoteTally = { approve: 0, reject: 0, abstain: 0, cast: 0 };
  // Unsorted: a count does not need latestVotes' order, and every vote tallies its hearing.
  for (const vote of latestByVoter(votes).values()) {
    tally[vote.choice] += 1;
    tally.cast += 1;
  }
  return tally;
}

/** Counts each eligible voter's current choice (the hearing's tally document: one per voter). */
export function tallyChoices(
  choices: Readonly<Record<string, VoteChoice>>,
  eligibleVoterIds: readonly string[],
): VoteTally {
  const tally: VoteTally = { approve: 0, reject: 0, abstain: 0, cast: 0 };
  for (const voterId of new Set(eligibleVoterIds)) {
    const choice = Object.hasOwn(choices, voterId) ? choices[voterId] : undefined;
    if (choice === undefined) continue;
    tally[choice] += 1;
    tally.cast += 1;
  }
  return tally;
}

export type VoteEligibility = { ok: true } | { ok: false; reason: 'not-eligible' | 'hearing-closed' };

export function checkVoteEligibility({
  voterId,
  eligibleVoterIds,
  now,
  closesAt,
  closed = false,
}: {
  voterId: string;
  eligibleVoterIds: readonly string[];
  now?: Date | string;
  closesAt?: string;
  closed?: boolean;
}): VoteEligibility {
  if (
    closed ||
    (now !== undefined && closesAt !== undefined && instantMillis(now) >= instantMillis(closesAt))
  ) {
    return { ok: false, reason: 'hearing-closed' };
  }
  return eligibleVoterIds.includes(voterId) ? { ok: true } : { ok: false, reason: 'not-eligible' };
}

export interface HearingDecision {
  outcome: HearingOutcome;
  /** False while the hearing is open: the outcome is then what it would be if it closed now. */
  final: boolean;
  tally: VoteTally;
  eligibleCount: number;
  /** Eligible voters who did not vote. */
  silentCount: number;
  /** Share of eligible voters who voted (0 when nobody is eligible). */
  turnout: number;
  quorumMet: boolean;
  /** Voter ids whose votes were ignored because they are not eligible. */
  ignoredVoterIds: string[];
}

export function decideHearing({
  votes,
  eligibleVoterIds,
  rule,
  closed,
}: {
  votes: Vote[];
  eligibleVoterIds: readonly string[];
  rule: HearingRule;
  closed: boolean;
}): HearingDecision {
  const eligible = new Set(eligibleVoterIds);
  const counted = votes.filter((vote) => eligible.has(vote.voterId));
  const ignoredVoterIds = [
    ...new Set(votes.filter((vote) => !eligible.has(vote.voterId)).map((v) => v.voterId)),
  ].sort();
  const tally = tallyVotes(counted);
  const eligibleCount = eligible.size;
  const silentCount = eligibleCount - tally.cast;
  const turnout = eligibleCount === 0 ? 0 : tally.cast / eligibleCount;
  // The epsilon keeps "exactly the quorum" passing despite float division.
  const quorumMet = eligibleCount > 0 && turnout >= rule.quorumShare - 1e-9;

  let outcome: HearingOutcome;
  // Nobody to hear is no answer under either rule (silence of nobody is not consent).
  if (eligibleCount === 0) outcome = 'no-quorum';
  else if (rule.kind === 'silence-is-consent') {
    outcome = tally.reject > tally.approve + silentCount ? 'rejected' : 'approved';
  } else if (!quorumMet) {
    outcome = 'no-quorum';
  } else {
    outcome = tally.approve > tally.reject ? 'approved' : 'rejected';
  }
  return { outcome, final: closed, tally, eligibleCount, silentCount, turnout, quorumMet, ignoredVoterIds };
}

/**
 * Whether the outcome was decided by a tie, and which way decideHearing breaks it: under
 * majority-with-quorum a tie (approve = reject, quorum met) rejects; under silence-is-consent a
 * tie (reject = approve + silent) approves. The result says so, so nobody reads a tie as a win.
 */
export type TieBreak = 'tie-rejects' | 'tie-approves';

export function tieBreakOf(
  rule: HearingRuleKind,
  result: { outcome: HearingOutcome; approve: number; reject: number; cast: number; eligibleCount: number },
): TieBreak | undefined {
  if (result.outcome === 'no-quorum' || result.eligibleCount === 0) return undefined;
  const silent = result.eligibleCount - result.cast;
  if (rule === 'silence-is-consent')
    return result.reject === result.approve + silent && result.reject > 0 ? 'tie-approves' : undefined;
  return result.approve === result.reject ? 'tie-rejects' : undefined;
}

/** True when every eligible voter has a vote (the hearing may then close early). */
export function allEligibleHaveVoted(votes: Vote[], eligibleVoterIds: readonly string[]): boolean {
  const voted = new Set(votes.map((vote) => vote.voterId));
  return eligibleVoterIds.every((id) => voted.has(id));
}

/**
 * A person's standing in the steering group on `today` (a Copenhagen date), for a vote: 'active'
 * when a member or chair membership is active; else the day their last such term ended, when it
 * has (the first day they were no longer a member: the day it was ended, else its planned end);
 * else 'none' (never a member, or only from a later day).
 */
export type VoterStanding = { kind: 'active' } | { kind: 'term-ended'; endedOn: string } | { kind: 'none' };

export function voterStanding(
  memberships: readonly Membership[],
  personId: string,
  groupId: string,
  today: string,
): VoterStanding {
  const terms = memberships.filter(
    (m) => m.personId === personId && m.groupId === groupId && (m.role === 'member' || m.role === 'chair'),
  );
  if (terms.some((m) => isActiveOn(m, today))) return { kind: 'active' };
  let endedOn: string | undefined;
  for (const m of terms) {
    const end = m.endedOn ?? m.plannedEnd;
    if (m.termStart <= today && end !== undefined && end <= today && (!endedOn || end > endedOn))
      endedOn = end;
  }
  return endedOn ? { kind: 'term-ended', endedOn } : { kind: 'none' };
}
