import type { Membership, Person } from '../../src/domain/model';
import {
  canAppoint,
  checkSeatAvailable,
  k98Spread,
  memberProfileReport,
  seniorityCheck,
  termsEndingWithin,
} from '../../src/domain/terms';
import { fki } from './governance-fixture';

const municipalPerson: Person = {
  id: 'p1',
  name: 'Anna',
  organisation: { kind: 'municipality', municipalityCode: '101', name: 'København' },
};
const klPerson: Person = { id: 'kl1', name: 'KL rep', organisation: { kind: 'KL', name: 'KL' } };

function m(
  personId: string,
  groupId: string,
  termStart: string,
  endedOn?: string,
  plannedEnd?: string,
): Membership {
  return {
    personId,
    groupId,
    role: 'member',
    termStart,
    ...(endedOn ? { endedOn } : {}),
    ...(plannedEnd ? { plannedEnd } : {}),
  };
}

describe('canAppoint', () => {
  const steering = { id: 'steering' };
  const fullTerm = [m('p1', 'steering', '2020-03-01', '2025-03-01')];

  it('allows a first appointment with a latest end after the max term', () => {
    expect(canAppoint(municipalPerson, steering, '2027-01-01', [], fki)).toEqual({
      ok: true,
      exempt: false,
      latestEnd: '2032-01-01',
      serviceStart: '2027-01-01',
    });
    expect(canAppoint(municipalPerson, { id: 'ref-drift' }, '2027-01-01', [], fki)).toMatchObject({
      latestEnd: '2030-01-01',
    });
  });

  it('counts a term that ran out on its planned end like one that was ended that day', () => {
    // Nobody ended it: the 5-year term simply reached its planned end on 2025-01-01.
    const ranOut = [m('p1', 'steering', '2020-01-01', undefined, '2025-01-01')];
    expect(canAppoint(municipalPerson, steering, '2027-01-01', ranOut, fki)).toMatchObject({
      ok: true,
      serviceStart: '2027-01-01',
      latestEnd: '2032-01-01',
    });
    expect(canAppoint(municipalPerson, steering, '2025-12-31', ranOut, fki)).toMatchObject({
      ok: false,
      rule: 'pause',
      lastEnded: '2025-01-01',
      earliestReappointment: '2026-01-01',
    });
    expect(canAppoint(municipalPerson, steering, '2026-01-01', ranOut, fki)).toMatchObject({ ok: true });
    // A planned end still ahead leaves the term open: re-appointment continues the same service.
    const running = [m('p1', 'steering', '2023-01-01', undefined, '2026-01-01')];
    expect(canAppoint(municipalPerson, steering, '2025-06-01', running, fki)).toMatchObject({
      ok: true,
      serviceStart: '2023-01-01',
      latestEnd: '2028-01-01',
    });
  });

  it('allows re-appointment exactly one year after a full term, refuses one day earlier', () => {
    expect(canAppoint(municipalPerson, steering, '2026-03-01', fullTerm, fki)).toMatchObject({
      ok: true,
      latestEnd: '2031-03-01',
    });
    expect(canAppoint(municipalPerson, steering, '2026-02-28', fullTerm, fki)).toEqual({
      ok: false,
      rule: 'pause',
      lastEnded: '2025-03-01',
      serviceStart: '2020-03-01',
      maxEnd: '2025-03-01',
      earliestReappointment: '2026-03-01',
    });
  });

  it('refuses extending a serving member beyond the max term', () => {
    const serving = [m('p1', 'steering', '2020-03-01')];
    expect(canAppoint(municipalPerson, steering, '2025-03-01', serving, fki)).toMatchObject({
      ok: false,
      rule: 'max-term',
      maxEnd: '2025-03-01',
    });
    expect(canAppoint(municipalPerson, steering, '2025-02-28', serving, fki)).toMatchObject({
      ok: true,
      latestEnd: '2025-03-01',
    });
    expect(
      canAppoint(municipalPerson, steering, '2024-01-01', serving, fki, { until: '2025-03-02' }),
    ).toMatchObject({
      ok: false,
      rule: 'max-term',
    });
    expect(
      canAppoint(municipalPerson, steering, '2024-01-01', serving, fki, { until: '2025-03-01' }),
    ).toMatchObject({ ok: true });
  });

  it('counts a short break as continuous service', () => {
    // Left after two years, back after three months: the old 5-year clock keeps running.
    const history = [m('p1', 'steering', '2020-03-01', '2022-03-01')];
    expect(canAppoint(municipalPerson, steering, '2022-06-01', history, fki)).toMatchObject({
      ok: true,
      serviceStart: '2020-03-01',
      latestEnd: '2025-03-01',
    });
    // Back after a full year: a fresh term.
    expect(canAppoint(municipalPerson, steering, '2023-03-01', history, fki)).toMatchObject({
      serviceStart: '2023-03-01',
    });
  });

  it('applies terms per body: steering service does not block a reference group', () => {
    expect(canAppoint(municipalPerson, { id: 'ref-drift' }, '2025-06-01', fullTerm, fki)).toMatchObject({
      ok: true,
    });
  });

  it('exempts KL, UDK and KOMBIT representatives and bodies without a term rule', () => {
    const klHistory = [m('kl1', 'steering', '2010-01-01')];
    expect(canAppoint(klPerson, steering, '2027-01-01', klHistory, fki)).toMatchObject({
      ok: true,
      exempt: true,
    });
    expect(
      canAppoint(municipalPerson, { id: 'wg-login', kind: 'working' }, '2027-01-01', [], fki),
    ).toMatchObject({ ok: true, exempt: true });
    expect(canAppoint(municipalPerson, { id: 'nonsense' }, '2027-01-01', [], fki)).toEqual({
      ok: false,
      rule: 'unknown-body',
    });
  });
});

describe('termsEndingWithin', () => {
  it('finds active terms ending in [date, date + days], soonest first', () => {
    const list = [
      m('a', 'steering', '2022-01-01', undefined, '2027-03-31'), // day 89
      m('b', 'steering', '2022-01-01', undefined, '2027-04-01'), // day 90: included
      m('c', 'steering', '2022-01-01', undefined, '2027-04-02'), // day 91: not
      m('d', 'steering', '2022-01-01', '2026-12-01', '2027-02-01'), // already left
      m('e', 'steering', '2022-01-01', undefined, '2027-01-01'), // today
      m('f', 'steering', '2022-01-01', undefined, '2026-12-31'), // yesterday
    ];
    expect(termsEndingWithin(list, '2027-01-01', 90).map((t) => [t.membership.personId, t.daysLeft])).toEqual(
      [
        ['e', 0],
        ['a', 89],
        ['b', 90],
      ],
    );
  });
});

describe('seniorityCheck', () => {
  const date = '2027-06-01';
  const group = (seniors: number, total: number): Membership[] =>
    Array.from({ length: total }, (_, i) =>
      m(`p${i}`, 'steering', i < seniors ? '2026-06-01' : '2026-06-02'),
    );

  it('passes with exactly one third senior (3 of 9) and fails below', () => {
    expect(seniorityCheck(group(3, 9), 'steering', date)).toMatchObject({
      ok: true,
      requiredSenior: 3,
      seniorCount: 3,
      memberCount: 9,
    });
    expect(seniorityCheck(group(2, 9), 'steering', date)).toMatchObject({
      ok: false,
      requiredSenior: 3,
      seniorCount: 2,
    });
    expect(seniorityCheck(group(3, 10), 'steering', date)).toMatchObject({ ok: false, requiredSenior: 4 });
  });

  it('counts exactly one year as senior, a day less not', () => {
    const report = seniorityCheck(group(1, 2), 'steering', date);
    expect(report.seniorPersonIds).toEqual(['p0']);
  });

  it('joins back-to-back memberships and ignores people who left or other groups', () => {
    const list = [
      m('a', 'steering', '2025-01-01', '2027-01-01'),
      m('a', 'steering', '2027-01-01'),
      m('b', 'steering', '2020-01-01', '2027-05-01'),
      m('c', 'ref-drift', '2020-01-01'),
      m('d', 'steering', '2027-05-01'),
    ];
    expect(seniorityCheck(list, 'steering', date)).toMatchObject({
      memberCount: 2,
      seniorPersonIds: ['a'],
      ok: true,
    });
  });

  it('uses the configured share and years', () => {
    expect(seniorityCheck(group(1, 2), 'steering', date, { minShare: 0.75, minYears: 1 }).ok).toBe(false);
  });
});

describe('k98Spread', () => {
  it('counts municipal members per K98 group and lists unknown municipalities', () => {
    const person = (id: string, code: string): Person => ({
      id,
      name: id,
      organisation: { kind: 'municipality', municipalityCode: code, name: code },
    });
    const spread = k98Spread(
      [person('a', '101'), person('b', '751'), person('c', '147'), person('d', '999'), klPerson],
      {
        '101': 'Hovedstadskommuner',
        '147': 'Hovedstadskommuner',
        '751': 'Storbykommuner',
      },
    );
    expect(spread).toEqual({
      groups: [
        { k98Group: 'Hovedstadskommuner', count: 2, personIds: ['a', 'c'] },
        { k98Group: 'Storbykommuner', count: 1, personIds: ['b'] },
      ],
      unclassifiedPersonIds: ['d'],
    });
  });
});

describe('member profile', () => {
  const nine = Array.from({ length: 9 }, () => municipalPerson);

  it('refuses a tenth municipal member of the steering group but takes the UDK rep', () => {
    expect(checkSeatAvailable(municipalPerson, [...nine, klPerson], 'steering', fki)).toEqual({
      ok: false,
      rule: 'no-seat',
      organisationKind: 'municipality',
      seats: 9,
      occupied: 9,
    });
    expect(checkSeatAvailable(municipalPerson, nine.slice(1), 'steering', fki)).toEqual({ ok: true });
    const udk: Person = { id: 'u', name: 'UDK', organisation: { kind: 'UDK', name: 'UDK' } };
    expect(checkSeatAvailable(udk, nine, 'steering', fki)).toEqual({ ok: true });
    expect(checkSeatAvailable(udk, nine, 'ref-drift', fki)).toMatchObject({ ok: false, seats: 0 });
  });

  it('reports fewer members than the profile', () => {
    const report = memberProfileReport([...nine.slice(2), klPerson], 'steering', fki)!;
    expect(report.ok).toBe(false);
    expect(report.rows).toEqual([
      { organisationKind: 'municipality', expected: 9, actual: 7, status: 'fewer' },
      { organisationKind: 'KL', expected: 1, actual: 1, status: 'ok' },
      { organisationKind: 'UDK', expected: 1, actual: 0, status: 'fewer' },
    ]);
    expect(memberProfileReport([], 'secretariat', fki)).toBeUndefined();
  });
});
