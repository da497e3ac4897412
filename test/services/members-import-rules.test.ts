/**
 * One appointment rule path: the member CSV import (and its dry-run) applies the same term rule,
 * pause and seats as `udpeg`, reports every breach on its line with the rule, stores nothing
 * unless the user chooses the valid lines, and gives a new membership its planned end from the rule.
 */
import { membersHarnessPerTest } from './members-support';

const h = membersHarnessPerTest();

const HEADER =
  'entraId,name,email,organisation,municipalityCode,organisationName,groupId,role,termStart,plannedEnd,endedOn';
const csv = (...rows: string[]) => [HEADER, ...rows].join('\n');

async function steeringNames(): Promise<string[]> {
  return (await h.service.activeMembers('steering')).map((row) => row.person.name).sort();
}

describe('the member CSV import applies the appointment rules', () => {
  it('reports an 8-year steering term on its line (the rule is 5 years), on a dry-run too, and stores nothing', async () => {
    const file = csv('m-1,Mette Madsen,,municipality,101,,steering,member,2018-01-01,2026-01-01,');
    for (const dryRun of [true, false]) {
      const report = await h.service.importCsv(file, { dryRun, actorId: 'sec' });
      expect(report.ok).toBe(false);
      expect(report.errors).toEqual([
        expect.objectContaining({
          line: 2,
          field: 'plannedEnd',
          code: 'term-rule',
          params: expect.objectContaining({ kind: 'maxTerm', maxEnd: '2023-01-01' }),
        }),
      ]);
    }
    expect(await steeringNames()).toEqual([]);
  });

  it('refuses the same term through udpeg with the same rule', async () => {
    const result = await h.service.appoint(
      {
        personId: 'm-1',
        name: 'Mette Madsen',
        organisation: { kind: 'municipality', municipalityCode: '101' },
        groupId: 'steering',
        role: 'member',
        termStart: '2018-01-01',
        plannedEnd: '2026-01-01',
      },
      'sec',
    );
    expect(result).toMatchObject({ ok: false, refusal: { rule: 'max-term', maxEnd: '2023-01-01' } });
  });

  it('checks the pause against the rows before and the register', async () => {
    const file = csv(
      'p-1,Per Poulsen,,municipality,751,,ref-drift,member,2022-01-01,2025-01-01,2025-01-01',
      'p-1,Per Poulsen,,municipality,751,,ref-drift,member,2025-06-01,2027-06-01,',
    );
    const report = await h.service.importCsv(file, { dryRun: true, actorId: 'sec' });
    expect(report.errors).toEqual([
      expect.objectContaining({
        line: 3,
        field: 'termStart',
        params: expect.objectContaining({
          kind: 'pause',
          lastEnded: '2025-01-01',
          earliestReappointment: '2026-01-01',
        }),
      }),
    ]);
  });

  it('checks the seats per body, counting the rows before', async () => {
    const file = csv(
      'k-1,Karin KL,,KL,,,steering,member,2025-01-01,,',
      'k-2,Kim KL,,KL,,,steering,member,2025-01-01,,',
    );
    const report = await h.service.importCsv(file, { dryRun: true, actorId: 'sec' });
    expect(report.errors).toEqual([
      expect.objectContaining({
        line: 3,
        code: 'no-seat',
        params: { kind: 'noSeat', group: 'steering', organisation: 'KL', seats: 1, occupied: 1 },
      }),
    ]);
  });

  it('gives a new membership without a planned end the latest end the rule allows', async () => {
    const report = await h.service.importCsv(
      csv('a-1,Anne,,municipality,101,,steering,member,2025-01-01,,'),
      {
        dryRun: false,
        actorId: 'sec',
      },
    );
    expect(report).toMatchObject({ ok: true, written: 1 });
    const [row] = await h.service.activeMembers('steering');
    expect(row!.membership.plannedEnd).toBe('2030-01-01');
  });

  it('writes only the lines without errors when the user chooses so, and says what was left out', async () => {
    const file = csv(
      'a-1,Anne,,municipality,101,,steering,member,2025-01-01,,',
      'm-1,Mette Madsen,,municipality,147,,steering,member,2018-01-01,2026-01-01,',
      'k-1,Karin KL,,KL,,,steering,member,2025-01-01,,',
    );
    const dry = await h.service.importCsv(file, { dryRun: true, actorId: 'sec', validOnly: true });
    expect(dry).toMatchObject({
      validOnly: true,
      ok: false,
      written: 0,
      groups: [{ groupId: 'steering', memberships: 2 }],
    });
    expect(await steeringNames()).toEqual([]);
    const real = await h.service.importCsv(file, { dryRun: false, actorId: 'sec', validOnly: true });
    expect(real).toMatchObject({ validOnly: true, written: 2 });
    expect(real.errors.map((error) => error.line)).toEqual([3]);
    expect(await steeringNames()).toEqual(['Anne', 'Karin KL']);
  });

  it('re-importing the export is not a new appointment: no rule is checked again', async () => {
    await h.service.importCsv(csv('a-1,Anne,,municipality,101,,steering,member,2025-01-01,,'), {
      dryRun: false,
      actorId: 'sec',
    });
    const exported = await h.service.exportCsv();
    h.clock.set('2034-01-01T09:00:00.000Z');
    expect(await h.service.importCsv(exported, { dryRun: true, actorId: 'sec' })).toMatchObject({
      ok: true,
      errors: [],
    });
  });
});
