/**
 * The inspiration-talk swap's pure rules (src/features/agenda/domain/presenter-swap.ts) at their
 * boundaries: the meeting's start itself is too late, only the presenter asks, only a candidate
 * other than the presenter is asked, a moved or changed meeting makes an accepted request stale,
 * and an answered request stays answered.
 */
import {
  answerStep,
  askRefusal,
  meetingRefusal,
  staleReason,
  swapCandidates,
  type AcceptSituation,
  type AskSituation,
} from '../../src/features/agenda/domain/presenter-swap';

const START = '2027-04-01T08:00:00.000Z';
const meeting = { status: 'scheduled' as const, startsAt: START };

describe('meetingRefusal', () => {
  it('allows a scheduled meeting until the millisecond before its start, not at it', () => {
    expect(meetingRefusal(meeting, '2027-04-01T07:59:59.999Z')).toBeUndefined();
    expect(meetingRefusal(meeting, START)).toBe('meeting-started');
    expect(meetingRefusal(meeting, '2027-04-01T08:00:00.001Z')).toBe('meeting-started');
  });

  it('refuses a missing, cancelled or held meeting', () => {
    const early = '2027-01-01T00:00:00.000Z';
    expect(meetingRefusal(undefined, early)).toBe('meeting-gone');
    expect(meetingRefusal({ ...meeting, status: 'cancelled' }, early)).toBe('meeting-cancelled');
    expect(meetingRefusal({ ...meeting, status: 'held' }, early)).toBe('meeting-held');
  });
});

describe('swapCandidates', () => {
  it("keeps the rotation's order and leaves out only the presenter", () => {
    const ranking = [{ personId: 'anne' }, { personId: 'bo' }, { personId: 'carl' }];
    expect(swapCandidates(ranking, 'bo').map((c) => c.personId)).toEqual(['anne', 'carl']);
    expect(swapCandidates(ranking, undefined).map((c) => c.personId)).toEqual(['anne', 'bo', 'carl']);
  });
});

describe('askRefusal', () => {
  const ask: AskSituation = {
    meeting,
    now: '2027-03-01T09:00:00.000Z',
    hasTalk: true,
    presenterId: 'anne',
    actorId: 'anne',
    ranking: ['anne', 'bo', 'carl'],
  };

  it('lets the presenter open the form and ask another candidate', () => {
    expect(askRefusal(ask)).toBeUndefined();
    expect(askRefusal({ ...ask, toPersonId: 'carl' })).toBeUndefined();
  });

  it('refuses anyone but the presenter, and a body without the talk first', () => {
    expect(askRefusal({ ...ask, actorId: 'bo' })).toBe('not-presenter');
    expect(askRefusal({ ...ask, presenterId: undefined })).toBe('not-presenter');
    expect(askRefusal({ ...ask, hasTalk: false, actorId: 'bo' })).toBe('no-talk');
  });

  it('refuses asking oneself, a non-candidate or nobody, and a lone presenter has nobody to ask', () => {
    expect(askRefusal({ ...ask, toPersonId: 'anne' })).toBe('not-candidate');
    expect(askRefusal({ ...ask, toPersonId: 'kl-rep' })).toBe('not-candidate');
    expect(askRefusal({ ...ask, toPersonId: '' })).toBe('not-candidate');
    expect(askRefusal({ ...ask, ranking: ['anne'] })).toBe('no-candidates');
  });

  it('refuses at the meeting start and for a cancelled meeting', () => {
    expect(askRefusal({ ...ask, now: START })).toBe('meeting-started');
    expect(askRefusal({ ...ask, meeting: { ...meeting, status: 'cancelled' } })).toBe('meeting-cancelled');
  });
});

describe('staleReason', () => {
  const accept: AcceptSituation = {
    meeting,
    now: '2027-03-01T09:00:00.000Z',
    requestedStartsAt: START,
    fromPersonId: 'anne',
    toPersonId: 'bo',
    presenterId: 'anne',
    ranking: ['anne', 'bo', 'carl'],
  };

  it('is fresh while nothing asked about changed', () => {
    expect(staleReason(accept)).toBeUndefined();
    // The same instant written differently is the same date.
    expect(staleReason({ ...accept, requestedStartsAt: '2027-04-01T10:00:00+02:00' })).toBeUndefined();
  });

  it('goes stale when the meeting moved by a minute, started, or was cancelled', () => {
    expect(staleReason({ ...accept, requestedStartsAt: '2027-04-01T07:59:00.000Z' })).toBe('meeting-moved');
    expect(staleReason({ ...accept, now: START })).toBe('meeting-started');
    expect(staleReason({ ...accept, meeting: { ...meeting, status: 'cancelled' } })).toBe(
      'meeting-cancelled',
    );
    expect(staleReason({ ...accept, meeting: undefined })).toBe('meeting-gone');
  });

  it('goes stale when the asker no longer holds the talk or the asked member no longer serves', () => {
    expect(staleReason({ ...accept, presenterId: 'carl' })).toBe('presenter-changed');
    expect(staleReason({ ...accept, ranking: ['anne', 'carl'] })).toBe('not-eligible');
  });
});

describe('answerStep', () => {
  const pending = { status: 'pending' as const, toPersonId: 'bo' };

  it('lets only the asked member answer', () => {
    expect(answerStep(pending, 'carl', 'accept')).toEqual({ kind: 'not-addressee' });
    expect(answerStep(pending, 'anne', 'decline')).toEqual({ kind: 'not-addressee' });
    expect(answerStep(pending, 'bo', 'accept')).toEqual({ kind: 'accept' });
    expect(answerStep(pending, 'bo', 'decline')).toEqual({ kind: 'decline' });
  });

  it('finishes a half-done accept, which a decline can no longer undo', () => {
    const accepting = { ...pending, status: 'accepting' as const };
    expect(answerStep(accepting, 'bo', 'accept')).toEqual({ kind: 'accept' });
    expect(answerStep(accepting, 'bo', 'decline')).toEqual({ kind: 'answered', status: 'accepted' });
  });

  it('keeps an answered request answered, whichever button comes next', () => {
    for (const status of ['accepted', 'declined', 'stale'] as const) {
      expect(answerStep({ ...pending, status }, 'bo', 'accept')).toEqual({ kind: 'answered', status });
      expect(answerStep({ ...pending, status }, 'bo', 'decline')).toEqual({ kind: 'answered', status });
    }
  });
});
