/** The parent reference group's decision on an extension, and reading a proposed member's organisation. */
import {
  decideExtension,
  decideExtensionVote,
  DEFAULT_EXTENSION_RULE,
  extensionClosesAt,
  extensionRuleOf,
  extensionTallyOf,
} from '../../src/features/working-groups/domain/extension';
import { organisationOf } from '../../src/features/working-groups/working-group-members';

describe('extension rule', () => {
  it('approves only when For outnumbers Imod among those who answered; a tie or nobody rejects', () => {
    const rule = DEFAULT_EXTENSION_RULE;
    expect(decideExtension(rule, { for: 2, against: 1 })).toBe('approved');
    expect(decideExtension(rule, { for: 1, against: 1 })).toBe('rejected');
    expect(decideExtension(rule, { for: 0, against: 0 })).toBe('rejected');
  });

  it('counts one vote per document', () => {
    expect(extensionTallyOf([{ choice: 'for' }, { choice: 'against' }, { choice: 'for' }])).toEqual({
      for: 2,
      against: 1,
    });
  });

  it("uses the parent body's own rule, else 5 days", () => {
    expect(extensionRuleOf(undefined)).toEqual({ kind: 'majority-of-answers', days: 5 });
    expect(extensionRuleOf({ endorsement: { kind: 'majority-of-answers', days: 3 } }).days).toBe(3);
    expect(extensionClosesAt('2027-03-01T09:00:00.000Z', DEFAULT_EXTENSION_RULE, 'Europe/Copenhagen')).toBe(
      '2027-03-06T09:00:00.000Z',
    );
  });

  it('takes a vote only from a member while the period runs', () => {
    const open = { status: 'open' as const, closesAt: '2027-03-06T09:00:00.000Z' };
    const before = new Date('2027-03-02T09:00:00.000Z');
    expect(decideExtensionVote(open, { isMember: true, now: before }).kind).toBe('ok');
    expect(decideExtensionVote(open, { isMember: false, now: before }).kind).toBe('not-member');
    expect(
      decideExtensionVote(open, { isMember: true, now: new Date('2027-03-06T09:00:00.000Z') }).kind,
    ).toBe('closed');
    expect(decideExtensionVote({ ...open, status: 'approved' }, { isMember: true, now: before }).kind).toBe(
      'closed',
    );
  });
});

describe('a proposed member’s organisation', () => {
  const municipalities = [{ code: '751', name: 'Aarhus' }];
  it('reads KL/UDK/KOMBIT and municipalities by name, with or without "Kommune"', () => {
    expect(organisationOf('kombit', municipalities, ['KL', 'KOMBIT'])).toEqual({ kind: 'KOMBIT' });
    expect(organisationOf('Aarhus Kommune', municipalities, ['KL', 'KOMBIT'])).toEqual({
      kind: 'municipality',
      municipalityCode: '751',
    });
    expect(organisationOf('Odense', municipalities, ['KL', 'KOMBIT'])).toBeUndefined();
  });
});
