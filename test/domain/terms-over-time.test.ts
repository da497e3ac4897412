/**
 * Memberships are time-bounded facts: active on a Copenhagen date D when termStart <= D < end,
 * the end being endedOn, else plannedEnd. Checked the day before, of and after a term's end, and
 * at 23:30 and 00:30 Copenhagen time on both sides of daylight saving time.
 */
import { loadGovernance } from '../../src/platform/governance/governance-loader';
import { governanceRoles } from '../../src/domain/governance';
import { ManualClock } from '../../src/domain/clock';
import type { Membership, Person } from '../../src/domain/model';
import type { MemberRegister } from '../../src/domain/ports';
import { RoleResolver } from '../../src/domain/roles';
import { isActiveOn } from '../../src/domain/terms';
import { localToday } from '../../src/domain/time';

const term = (fields: Partial<Membership>): Membership => ({
  personId: 'p1',
  groupId: 'steering',
  role: 'member',
  termStart: '2022-07-01',
  ...fields,
});

describe('isActiveOn: a term that runs out ends without anyone ending it', () => {
  const fiveYears = term({ plannedEnd: '2027-07-01' });

  it.each([
    ['2027-06-30', true],
    ['2027-07-01', false],
    ['2027-07-02', false],
  ])('planned end 2027-07-01, on %s: active %s', (date, active) => {
    expect(isActiveOn(fiveYears, date)).toBe(active);
  });

  it('counts from the first day of the term', () => {
    expect(isActiveOn(fiveYears, '2022-06-30')).toBe(false);
    expect(isActiveOn(fiveYears, '2022-07-01')).toBe(true);
  });

  it('an earlier end (endedOn) wins over the planned end', () => {
    const ended = term({ plannedEnd: '2027-07-01', endedOn: '2025-03-01' });
    expect(isActiveOn(ended, '2025-02-28')).toBe(true);
    expect(isActiveOn(ended, '2025-03-01')).toBe(false);
  });

  it('a membership without a planned end stays active until it is ended', () => {
    expect(isActiveOn(term({}), '2040-01-01')).toBe(true);
  });
});

/** One person with the given memberships, as the member register gives them. */
function register(memberships: Membership[]): MemberRegister {
  const person: Person = {
    id: 'p1',
    name: 'Pia',
    organisation: { kind: 'municipality', municipalityCode: '101', name: 'København' },
  };
  return { personWithMemberships: async () => ({ person, memberships }) } as unknown as MemberRegister;
}

describe('roles on the Copenhagen date, not the UTC date', () => {
  // Winter (UTC+1): 2027-03-01 00:30 in Copenhagen is 2027-02-28 23:30 UTC.
  // Summer (UTC+2): 2027-07-01 00:30 in Copenhagen is 2027-06-30 22:30 UTC.
  it.each([
    ['winter, 23:30 the evening before the term starts', '2027-02-28T22:30:00Z', '2027-03-01', undefined, []],
    ['winter, 00:30 the day the term starts', '2027-02-28T23:30:00Z', '2027-03-01', undefined, ['member']],
    ['summer, 23:30 the evening before the term starts', '2027-06-30T21:30:00Z', '2027-07-01', undefined, []],
    ['summer, 00:30 the day the term starts', '2027-06-30T22:30:00Z', '2027-07-01', undefined, ['member']],
    [
      'summer, 23:30 the last day of the term',
      '2027-06-30T21:30:00Z',
      '2022-07-01',
      '2027-07-01',
      ['member'],
    ],
    ['summer, 00:30 the day the term has ended', '2027-06-30T22:30:00Z', '2022-07-01', '2027-07-01', []],
    ['winter, 00:30 the day the term has ended', '2027-02-28T23:30:00Z', '2022-03-01', '2027-03-01', []],
  ])('%s', async (_case, instant, termStart, plannedEnd, roles) => {
    const clock = new ManualClock(instant);
    const resolver = new RoleResolver(
      register([term({ termStart, plannedEnd })]),
      clock,
      [],
      'Europe/Copenhagen',
      governanceRoles(loadGovernance()),
    );
    expect(await resolver.rolesOf('p1', 'steering')).toEqual(roles);
  });

  it('localToday is the local calendar date of the clock', () => {
    expect(localToday(new ManualClock('2027-06-30T22:30:00Z'), 'Europe/Copenhagen')).toBe('2027-07-01');
    expect(localToday(new ManualClock('2027-06-30T21:30:00Z'), 'Europe/Copenhagen')).toBe('2027-06-30');
  });
});
