/**
 * A tie's result says how the tie was decided (issue 26.9): decideHearing rejects a tie under
 * majority-with-quorum and approves one under silence-is-consent; the result card said only
 * "afvist", so a 2-2 looked like a count error.
 */
import { decideHearing, tieBreakOf } from '../../src/features/hearings/domain/hearing';
import { hearingResultCard } from '../../src/features/hearings/hearing-result-cards';
import type { Hearing, HearingResult } from '../../src/features/hearings/hearings-repository';
import { translatorFor } from '../../src/platform/i18n';
import type { Locale } from '../../src/domain/model';
import { PROPOSAL } from './hearings-fixture';

function closedHearing(kind: Hearing['rule']['kind'], result: Partial<HearingResult>): Hearing {
  return {
    id: 'h1',
    hearingGroupId: 'steering',
    proposingGroupId: 'ref-arkitektur',
    proposerId: 'p1',
    proposal: PROPOSAL,
    openedAt: '2027-01-11T09:00:00.000Z',
    closesAt: '2027-01-25T15:00:00.000Z',
    eligibleVoterIds: ['v1', 'v2', 'v3', 'v4'],
    voterNames: {},
    rule: { kind, quorumShare: 0.5 },
    status: 'closed',
    effectsDone: [],
    result: {
      outcome: 'rejected',
      approve: 2,
      reject: 2,
      abstain: 0,
      cast: 4,
      eligibleCount: 4,
      turnout: 1,
      reason: 'deadline',
      counted: [],
      ...result,
    },
  };
}

const textOf = (locale: Locale, hearing: Hearing) =>
  JSON.stringify(
    hearingResultCard({ t: translatorFor(locale), locale, hearing, votes: [], voterName: (id) => id }),
  );

describe('the result of a tied hearing', () => {
  it('decideHearing rejects a 2-2 tie under majority-with-quorum', () => {
    const votes = ['approve', 'approve', 'reject', 'reject'].map((choice, i) => ({
      voterId: `v${i + 1}`,
      choice: choice as 'approve' | 'reject',
      castAt: '2027-01-12T09:00:00.000Z',
    }));
    const decision = decideHearing({
      votes,
      eligibleVoterIds: ['v1', 'v2', 'v3', 'v4'],
      rule: { kind: 'majority-with-quorum', quorumShare: 0.5 },
      closed: true,
    });
    expect(decision.outcome).toBe('rejected');
    expect(
      tieBreakOf('majority-with-quorum', { outcome: decision.outcome, ...decision.tally, eligibleCount: 4 }),
    ).toBe('tie-rejects');
  });

  it('says in Danish that a tie rejects', () => {
    expect(textOf('da', closedHearing('majority-with-quorum', {}))).toContain(
      'Stemmerne stod lige: 2 for og 2 imod. Ved stemmelighed er forslaget afvist.',
    );
  });

  it('says in English that a tie rejects', () => {
    expect(textOf('en', closedHearing('majority-with-quorum', {}))).toContain(
      'The vote was tied: 2 for and 2 against. A tie rejects the proposal.',
    );
  });

  it('says nothing of a tie when there was none', () => {
    const won = closedHearing('majority-with-quorum', { outcome: 'approved', approve: 3, reject: 1 });
    expect(textOf('da', won)).not.toContain('stemmelighed er forslaget');
    expect(textOf('en', won)).not.toContain('A tie');
  });

  it('under silence-is-consent a tie approves, and says so', () => {
    // 2 against; 1 for and 1 silent (consent) make 2 for.
    const hearing = closedHearing('silence-is-consent', {
      outcome: 'approved',
      approve: 1,
      reject: 2,
      cast: 3,
    });
    expect(textOf('da', hearing)).toContain('Ved stemmelighed er forslaget godkendt.');
    expect(textOf('en', hearing)).toContain('A tie approves the proposal.');
  });

  it('the rule line says that a tie rejects, in both languages', () => {
    const hearing = closedHearing('majority-with-quorum', { outcome: 'approved', approve: 3, reject: 1 });
    expect(textOf('da', hearing)).toContain('stemmelighed er afvisning');
    expect(textOf('en', hearing)).toContain('a tie rejects');
  });
});
