/** The recruitment's pure rules: the candidate form, the view "with this candidate", close and erasure. */
import type { Membership, Person } from '../../src/domain/model';
import {
  candidatesDueForErasure,
  closeRecruitment,
  compositionToday,
  compositionWithCandidate,
  validateCandidate,
  withErased,
  type CompositionInput,
  type Recruitment,
} from '../../src/features/recruitment/domain/recruitment';

const k98 = { '751': 'Storby', '461': 'Storby', '860': 'Landkommune' };
const rule = { minShare: 1 / 3, minYears: 1 };

function row(id: string, code: string, termStart: string, end?: string) {
  const person: Person = {
    id,
    name: id,
    organisation: { kind: 'municipality', municipalityCode: code, name: code },
  };
  const membership: Membership = { personId: id, groupId: 'steering', role: 'member', termStart };
  if (end) membership.plannedEnd = end;
  return { person, membership };
}

const base: CompositionInput = {
  groupId: 'steering',
  date: '2026-12-15',
  k98,
  rule,
  rows: [
    row('mads', '751', '2025-01-01'),
    row('karen', '461', '2026-06-01'),
    // Left two weeks ago: not counted today.
    row('ole', '751', '2021-12-01', '2026-12-01'),
  ],
};

describe('validateCandidate', () => {
  const known = (code: string) => code in k98;
  const good = {
    name: ' Lars ',
    email: 'Lars@Example.dk',
    municipalityCode: '860',
    competences: 'Arkitektur',
    assessment: 'Matcher profilen',
  };

  it('accepts a complete candidate, trimmed and with the e-mail in lower case', () => {
    expect(validateCandidate(good, known)).toEqual({
      ok: true,
      value: { ...good, name: 'Lars', email: 'lars@example.dk' },
    });
  });

  it('names every bad field at once', () => {
    const result = validateCandidate(
      {
        name: '',
        email: 'no-at-sign',
        municipalityCode: '999',
        competences: ' ',
        assessment: 'x'.repeat(2001),
      },
      known,
    );
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors).toEqual([
      { field: 'name', code: 'required' },
      { field: 'email', code: 'email' },
      { field: 'municipalityCode', code: 'unknown_municipality' },
      { field: 'competences', code: 'required' },
      { field: 'assessment', code: 'too_long', params: { max: 2000 } },
    ]);
  });

  it('takes an assessment of exactly the limit', () => {
    expect(validateCandidate({ ...good, assessment: 'x'.repeat(2000) }, known).ok).toBe(true);
  });
});

describe('the view today and with a candidate', () => {
  it('counts who sits today: the K98 spread and the seniority share', () => {
    expect(compositionToday(base)).toEqual({
      spread: {
        groups: [{ k98Group: 'Storby', count: 2, personIds: ['karen', 'mads'] }],
        unclassifiedPersonIds: [],
      },
      memberCount: 2,
      seniorCount: 1,
      requiredSenior: 1,
    });
  });

  it('adds the candidate as a new member without seniority', () => {
    const seat = { kind: 'unfilled' as const, replaceBy: '2026-12-15' };
    const withLars = compositionWithCandidate(base, seat, {
      personId: 'lars',
      name: 'Lars',
      municipalityCode: '860',
    });
    expect(withLars.spread.groups.map((g) => [g.k98Group, g.count])).toEqual([
      ['Landkommune', 1],
      ['Storby', 2],
    ]);
    expect([withLars.memberCount, withLars.seniorCount, withLars.requiredSenior]).toEqual([3, 1, 1]);
  });

  it('counts the leaving member out of the seat the candidate takes', () => {
    const seat = { kind: 'ending' as const, leavingPersonId: 'mads', replaceBy: '2027-01-01' };
    const withLars = compositionWithCandidate(base, seat, {
      personId: 'lars',
      name: 'Lars',
      municipalityCode: '860',
    });
    expect(withLars.spread.groups.map((g) => [g.k98Group, g.count])).toEqual([
      ['Landkommune', 1],
      ['Storby', 1],
    ]);
    // Mads was the senior: without him nobody is.
    expect([withLars.memberCount, withLars.seniorCount, withLars.requiredSenior]).toEqual([2, 0, 1]);
  });

  it('counts a returning member as new: their earlier run does not carry over', () => {
    const seat = { kind: 'vacant' as const, leavingPersonId: 'ole', replaceBy: '2026-12-01' };
    const withOle = compositionWithCandidate(base, seat, {
      personId: 'ole',
      name: 'Ole',
      municipalityCode: '751',
    });
    expect(withOle.spread.groups).toEqual([
      { k98Group: 'Storby', count: 3, personIds: ['karen', 'mads', 'ole'] },
    ]);
    expect(withOle.seniorCount).toBe(1);
  });
});

describe('closing and erasing', () => {
  const open: Recruitment = {
    id: 'r1',
    groupId: 'steering',
    seat: { kind: 'unfilled', replaceBy: '2026-12-15' },
    status: 'open',
    openedAt: '2026-12-15T09:00:00.000Z',
    openedBy: 'sofie',
    candidates: ['a', 'b', 'c'].map((id) => ({
      id,
      status: 'candidate' as const,
      registeredAt: '2026-12-15T09:00:00.000Z',
      personId: `p-${id}`,
      name: id.toUpperCase(),
      email: `${id}@example.dk`,
      municipalityCode: '751',
      competences: 'IT',
      assessment: 'God',
    })),
  };
  const closed = closeRecruitment(open, 'b', {
    at: '2026-12-15T10:00:00.000Z',
    today: '2026-12-15',
    termStart: '2026-12-15',
    retentionDays: 180,
  });

  it('marks the others not chosen with the erase date after the retention period', () => {
    expect(closed.status).toBe('closed');
    expect(closed.candidates.map((c) => [c.id, c.status, c.eraseOn])).toEqual([
      ['a', 'not-chosen', '2027-06-13'],
      ['b', 'appointed', undefined],
      ['c', 'not-chosen', '2027-06-13'],
    ]);
  });

  it('is due for erasure from the erase day, not the day before', () => {
    expect(candidatesDueForErasure(closed, '2027-06-12')).toEqual([]);
    expect(candidatesDueForErasure(closed, '2027-06-13').map((c) => c.id)).toEqual(['a', 'c']);
  });

  it('removes the personal fields and the assessment, archives, and changes nothing the second time', () => {
    const at = '2027-06-13T00:00:00.000Z';
    const erased = withErased(closed, new Set(['a', 'c']), at)!;
    expect(erased.status).toBe('archived');
    expect(erased.candidates[0]).toEqual({
      id: 'a',
      status: 'not-chosen',
      registeredAt: '2026-12-15T09:00:00.000Z',
      eraseOn: '2027-06-13',
      erasedAt: at,
    });
    expect(erased.candidates[1]!.name).toBe('B');
    expect(withErased(erased, new Set(['a', 'c']), at)).toBeUndefined();
  });

  it('keeps a closed recruitment closed while a not-chosen candidate still holds data', () => {
    expect(withErased(closed, new Set(['a']), '2027-06-13T00:00:00.000Z')!.status).toBe('closed');
  });
});
