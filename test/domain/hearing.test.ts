import type { Vote, VoteChoice } from '../../src/domain/model';
import {
  allEligibleHaveVoted,
  checkVoteEligibility,
  decideHearing,
  latestVotes,
  tallyVotes,
  type HearingRule,
} from '../../src/features/hearings/domain/hearing';

const majority: HearingRule = { kind: 'majority-with-quorum', quorumShare: 0.5 };
const silence: HearingRule = { kind: 'silence-is-consent', quorumShare: 0.5 };
const eligible = ['a', 'b', 'c', 'd', 'e', 'f'];

let clock = 0;
function vote(voterId: string, choice: VoteChoice): Vote {
  clock += 1;
  return { voterId, choice, castAt: new Date(Date.UTC(2027, 0, 1, 0, clock)).toISOString() };
}

describe('tallyVotes', () => {
  it('counts the last vote per voter', () => {
    const votes = [vote('a', 'reject'), vote('b', 'approve'), vote('a', 'approve'), vote('c', 'abstain')];
    expect(tallyVotes(votes)).toEqual({ approve: 2, reject: 0, abstain: 1, cast: 3 });
  });

  it('uses castAt, not list order; equal times: the later in the list wins', () => {
    const late = { voterId: 'a', choice: 'approve' as const, castAt: '2027-01-02T00:00:00.000Z' };
    const early = { voterId: 'a', choice: 'reject' as const, castAt: '2027-01-01T00:00:00.000Z' };
    expect(latestVotes([late, early])).toEqual([late]);
    const same = { ...early, choice: 'abstain' as const };
    expect(latestVotes([early, same])).toEqual([same]);
  });
});

describe('decideHearing: majority with quorum', () => {
  it('approves when approve > reject and turnout reaches exactly the quorum', () => {
    const votes = [vote('a', 'approve'), vote('b', 'approve'), vote('c', 'reject')];
    expect(decideHearing({ votes, eligibleVoterIds: eligible, rule: majority, closed: true })).toMatchObject({
      outcome: 'approved',
      final: true,
      turnout: 0.5,
      quorumMet: true,
      silentCount: 3,
    });
  });

  it('rejects a tie', () => {
    const votes = [vote('a', 'approve'), vote('b', 'reject'), vote('c', 'abstain'), vote('d', 'abstain')];
    expect(decideHearing({ votes, eligibleVoterIds: eligible, rule: majority, closed: true }).outcome).toBe(
      'rejected',
    );
  });

  it('has no quorum below the share, even when unanimous', () => {
    const votes = [vote('a', 'approve'), vote('b', 'approve')];
    expect(decideHearing({ votes, eligibleVoterIds: eligible, rule: majority, closed: true })).toMatchObject({
      outcome: 'no-quorum',
      quorumMet: false,
    });
  });

  it('counts abstentions for the quorum but not for the majority', () => {
    const votes = [vote('a', 'approve'), vote('b', 'abstain'), vote('c', 'abstain')];
    expect(decideHearing({ votes, eligibleVoterIds: eligible, rule: majority, closed: false })).toMatchObject(
      {
        outcome: 'approved',
        final: false,
      },
    );
  });

  it('ignores votes from non-eligible voters', () => {
    const votes = [
      vote('a', 'approve'),
      vote('x', 'reject'),
      vote('y', 'reject'),
      vote('b', 'approve'),
      vote('c', 'reject'),
    ];
    const decision = decideHearing({ votes, eligibleVoterIds: eligible, rule: majority, closed: true });
    expect(decision.outcome).toBe('approved');
    expect(decision.tally).toEqual({ approve: 2, reject: 1, abstain: 0, cast: 3 });
    expect(decision.ignoredVoterIds).toEqual(['x', 'y']);
  });

  it('has no quorum without eligible voters', () => {
    expect(decideHearing({ votes: [], eligibleVoterIds: [], rule: majority, closed: true }).outcome).toBe(
      'no-quorum',
    );
  });
});

describe('decideHearing: silence is consent', () => {
  it('approves when nobody answers', () => {
    expect(
      decideHearing({ votes: [], eligibleVoterIds: eligible, rule: silence, closed: true }),
    ).toMatchObject({
      outcome: 'approved',
      silentCount: 6,
    });
  });

  it('rejects only when rejections outnumber approvals plus silence', () => {
    const three = [vote('a', 'reject'), vote('b', 'reject'), vote('c', 'reject')];
    // 3 reject vs 0 approve + 3 silent: a tie is approved.
    expect(
      decideHearing({ votes: three, eligibleVoterIds: eligible, rule: silence, closed: true }).outcome,
    ).toBe('approved');
    const four = [...three, vote('d', 'reject')];
    expect(
      decideHearing({ votes: four, eligibleVoterIds: eligible, rule: silence, closed: true }).outcome,
    ).toBe('rejected');
  });
});

describe('eligibility', () => {
  it('refuses non-eligible voters and votes after closing', () => {
    expect(checkVoteEligibility({ voterId: 'a', eligibleVoterIds: eligible })).toEqual({ ok: true });
    expect(checkVoteEligibility({ voterId: 'z', eligibleVoterIds: eligible })).toEqual({
      ok: false,
      reason: 'not-eligible',
    });
    const closesAt = '2027-01-15T11:00:00.000Z';
    expect(
      checkVoteEligibility({
        voterId: 'a',
        eligibleVoterIds: eligible,
        now: '2027-01-15T10:59:59.999Z',
        closesAt,
      }),
    ).toEqual({ ok: true });
    expect(
      checkVoteEligibility({ voterId: 'a', eligibleVoterIds: eligible, now: closesAt, closesAt }),
    ).toEqual({
      ok: false,
      reason: 'hearing-closed',
    });
    expect(checkVoteEligibility({ voterId: 'a', eligibleVoterIds: eligible, closed: true })).toMatchObject({
      reason: 'hearing-closed',
    });
  });

  it('knows when every eligible voter has voted', () => {
    const five = eligible.slice(0, 5).map((id) => vote(id, 'approve'));
    expect(allEligibleHaveVoted(five, eligible)).toBe(false);
    expect(allEligibleHaveVoted([...five, vote('f', 'abstain'), vote('z', 'reject')], eligible)).toBe(true);
  });
});
