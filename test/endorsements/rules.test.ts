/**
 * The endorsement rule (domain/endorsements.ts): For > Imod among those who answered endorses, a
 * tie (nobody answering included) rejects, Undlad counts for neither side; a vote is taken from a
 * member while open and before the period's end; the period is calendar days in Copenhagen.
 */
import {
  decideEndorsement,
  decideVote,
  DEFAULT_ENDORSEMENT_RULE,
  endorsementClosesAt,
  endorsementRuleOf,
  shortReferenceName,
  tallyOf,
  validateEndorsementFields,
} from '../../src/features/endorsements/domain/endorsements';
import { bodySchema } from '../../src/domain/governance';

const rule = DEFAULT_ENDORSEMENT_RULE;
const tally = (f: number, against: number, abstain = 0) => ({ for: f, against, abstain });

describe('decideEndorsement (majority of answers)', () => {
  test('more For than Imod endorses', () => {
    expect(decideEndorsement(rule, tally(3, 2))).toBe('endorsed');
    expect(decideEndorsement(rule, tally(1, 0))).toBe('endorsed');
  });
  test('more Imod than For rejects', () => {
    expect(decideEndorsement(rule, tally(1, 2))).toBe('rejected');
  });
  test('a tie rejects', () => {
    expect(decideEndorsement(rule, tally(2, 2))).toBe('rejected');
  });
  test('nobody answering rejects', () => {
    expect(decideEndorsement(rule, tally(0, 0))).toBe('rejected');
  });
  test('Undlad counts for neither side', () => {
    expect(decideEndorsement(rule, tally(1, 0, 5))).toBe('endorsed');
    expect(decideEndorsement(rule, tally(0, 0, 5))).toBe('rejected');
  });
});

test('tallyOf counts each choice', () => {
  expect(
    tallyOf([{ choice: 'for' }, { choice: 'against' }, { choice: 'for' }, { choice: 'abstain' }]),
  ).toEqual(tally(2, 1, 1));
});

describe('decideVote', () => {
  const open = { status: 'open' as const, closesAt: '2027-01-16T10:00:00.000Z' };
  const before = new Date('2027-01-16T09:59:59.000Z');
  test("a member's vote while the period runs is taken", () => {
    expect(decideVote(open, { isMember: true, now: before })).toEqual({ kind: 'ok' });
  });
  test('a non-member is refused', () => {
    expect(decideVote(open, { isMember: false, now: before })).toEqual({ kind: 'not-member' });
  });
  test('at or after the period end, or once closed, the vote is late', () => {
    expect(decideVote(open, { isMember: true, now: new Date(open.closesAt) })).toEqual({ kind: 'closed' });
    expect(decideVote({ ...open, status: 'endorsed' }, { isMember: true, now: before })).toEqual({
      kind: 'closed',
    });
  });
});

describe('the rule and its period', () => {
  test("the group's own rule, else 5 days by majority of answers", () => {
    expect(endorsementRuleOf(undefined)).toEqual({ kind: 'majority-of-answers', days: 5 });
    expect(endorsementRuleOf({ endorsement: { kind: 'majority-of-answers', days: 10 } }).days).toBe(10);
  });
  test('the period is calendar days in Copenhagen (the same local time across summer time)', () => {
    expect(endorsementClosesAt('2027-03-26T10:00:00.000Z', rule, 'Europe/Copenhagen')).toBe(
      '2027-03-31T09:00:00.000Z',
    );
  });
});

describe('validateEndorsementFields', () => {
  test('trims and accepts', () => {
    expect(validateEndorsementFields({ title: '  Log  ', text: ' Tekst ' })).toEqual({
      ok: true,
      value: { title: 'Log', text: 'Tekst' },
    });
  });
  test('names every wrong field', () => {
    const result = validateEndorsementFields({ title: 'ab', text: '' });
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.errors.map((error) => `${error.field}:${error.code}`)).toEqual([
        'title:too-short',
        'text:required',
      ]);
  });
});

test('the agenda item names the reference group without its "Referencegruppe"', () => {
  expect(shortReferenceName('Referencegruppe Arkitektur og udvikling')).toBe('Arkitektur og udvikling');
  expect(shortReferenceName('Reference group Operations')).toBe('Operations');
  expect(shortReferenceName('Referencegruppe')).toBe('Referencegruppe');
});

describe('the governance file’s rule per reference group', () => {
  const body = (endorsement?: unknown) => ({
    id: 'ref-x',
    kind: 'reference',
    name: { da: 'Referencegruppe X', en: 'Reference group X' },
    ...(endorsement === undefined ? {} : { endorsement }),
  });
  test('is optional, and takes majority-of-answers with a positive number of days', () => {
    expect(bodySchema.safeParse(body()).success).toBe(true);
    const parsed = bodySchema.parse(body({ kind: 'majority-of-answers', days: 7 }));
    expect(endorsementRuleOf(parsed)).toEqual({ kind: 'majority-of-answers', days: 7 });
  });
  test('refuses an unknown rule or a period of no days', () => {
    expect(bodySchema.safeParse(body({ kind: 'unanimity', days: 5 })).success).toBe(false);
    expect(bodySchema.safeParse(body({ kind: 'majority-of-answers', days: 0 })).success).toBe(false);
  });
});
