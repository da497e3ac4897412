import { membersHarnessPerTest } from './members-support';

const h = membersHarnessPerTest();

const HEADER =
  'entraId,name,email,organisation,municipalityCode,organisationName,groupId,role,termStart,plannedEnd,endedOn';
const GOOD = [
  HEADER,
  'aaa-1,Anne Andersen,anne@kk.dk,municipality,101,,steering,chair,2024-01-01,2029-01-01,',
  'bbb-2,Bo Berg,,KL,,,steering,member,2023-05-01,,',
  'ccc-3,Cecilie Carlsen,cc@aarhus.dk,kommune,751,,ref-drift,medlem,2022-01-01,2025-01-01,2025-01-01',
].join('\n');

async function snapshot() {
  return { csv: await h.service.exportCsv(), audit: (await h.audit.export('2026-01', '2026-01')).length };
}

describe('member CSV import', () => {
  it('dry-run reports nothing wrong and writes nothing; the real import writes every row and audits per group', async () => {
    const before = await snapshot();
    const dry = await h.service.importCsv(GOOD, { dryRun: true, actorId: 'sec' });
    expect(dry).toMatchObject({ ok: true, dryRun: true, errors: [], written: 0, persons: 3 });
    expect(dry.groups).toEqual([
      { groupId: 'ref-drift', memberships: 1 },
      { groupId: 'steering', memberships: 2 },
    ]);
    expect(await snapshot()).toEqual(before);

    const real = await h.service.importCsv(GOOD, { dryRun: false, actorId: 'sec' });
    expect(real).toMatchObject({ ok: true, written: 3 });
    const members = await h.service.activeMembers('steering');
    expect(members.map((m) => [m.person.name, m.membership.role, m.person.organisation.name])).toEqual([
      ['Anne Andersen', 'chair', 'København'],
      ['Bo Berg', 'member', 'KL'],
    ]);
    const audit = (await h.audit.export('2026-01', '2026-01')).filter((e) => e.action === 'members.imported');
    expect(audit.map((e) => e.subject).sort()).toEqual(['group:ref-drift', 'group:steering']);
  });

  it('reports every bad row with its line number, field and reason, and changes nothing', async () => {
    const csv = [
      HEADER, // line 1
      'aaa-1,Anne Andersen,anne@kk.dk,municipality,101,,steering,chair,2024-01-01,2029-01-01,', // 2: fine
      'bbb-2,Bo Berg,not-an-email,KL,,,steering,member,2023-05-01,,', // 3: email
      'ccc-3,Cecilie,,municipality,,,steering,member,2024-13-01,,', // 4: municipalityCode + termStart
      'ddd-4,Dan,,region,,,steering,boss,2024-01-01,,', // 5: organisation + role
      'eee-5,Eva,,municipality,999,,steering,member,2024-01-01,2023-01-01,', // 6: unknown municipality + plannedEnd order
      'fff-6,Finn,,KL,,,nowhere,member,2024-01-01,,', // 7: unknown group
      'aaa-1,Anne A.,anne@kk.dk,municipality,101,,steering,chair,2024-01-01,2029-01-01,', // 8: duplicate + conflicting name
      'ggg-7,Gitte,,KL,,,steering,member', // 9: too few fields
      ',,,,,,,,,,', // 10: every required field missing
    ].join('\n');
    const before = await snapshot();
    for (const dryRun of [true, false]) {
      const report = await h.service.importCsv(csv, { dryRun, actorId: 'sec' });
      expect(report.ok).toBe(false);
      expect(report.written).toBe(0);
      expect(report.errors.map((e) => [e.line, e.field, e.code])).toEqual([
        [3, 'email', 'invalid'],
        [4, 'municipalityCode', 'invalid'],
        [4, 'termStart', 'invalid'],
        [5, 'organisation', 'invalid'],
        [5, 'role', 'invalid'],
        [6, 'municipalityCode', 'unknown-municipality'],
        [6, 'plannedEnd', 'date-order'],
        [7, 'groupId', 'unknown-group'],
        [8, 'name', 'conflict'],
        [8, 'termStart', 'duplicate'],
        [9, '(row)', 'field-count'],
        [10, 'entraId', 'required'],
        [10, 'groupId', 'required'],
        [10, 'name', 'required'],
        [10, 'organisation', 'required'],
        [10, 'termStart', 'required'],
      ]);
      expect(report.errors.find((e) => e.line === 6 && e.field === 'plannedEnd')?.reason).toContain(
        '2024-01-01',
      );
      // The import's own checks carry their problem as data for the bot's catalogue texts.
      expect(report.errors.find((e) => e.line === 7)?.params).toEqual(
        expect.objectContaining({ kind: 'unknownGroup', group: 'nowhere' }),
      );
      expect(report.errors.find((e) => e.line === 8 && e.code === 'duplicate')?.params).toEqual({
        kind: 'duplicateMembership',
        firstLine: 2,
      });
    }
    expect(await snapshot()).toEqual(before);
  });

  it('reports unknown and missing columns on line 1, and the line of a record after a quoted line break', async () => {
    const header = await h.service.importCsv('entraId,name,colour\nx,y,z', { dryRun: true, actorId: 'sec' });
    expect(header.errors.map((e) => [e.line, e.field, e.code])).toEqual([
      [1, 'colour', 'unknown-column'],
      [1, 'groupId', 'missing-column'],
      [1, 'organisation', 'missing-column'],
      [1, 'termStart', 'missing-column'],
    ]);
    const quoted = [
      HEADER,
      'aaa-1,"Anne\nAndersen",,KL,,,steering,member,2024-01-01,,',
      'bbb-2,Bo,,KL,,,steering,member,2024-99-01,,',
    ].join('\n');
    const report = await h.service.importCsv(quoted, { dryRun: true, actorId: 'sec' });
    expect(report.errors.map((e) => [e.line, e.field])).toEqual([[4, 'termStart']]);
  });

  it('reads Danish headers and semicolons (Excel) and refuses a paste over the size limit', async () => {
    const danish =
      'entra id;navn;organisationstype;kommunekode;gruppe;rolle;periodestart\nx-1;Ib;kommune;751;steering;formand;2025-01-01';
    const report = await h.service.importCsv(danish, { dryRun: false, actorId: 'sec' });
    expect(report).toMatchObject({ ok: true, written: 1 });
    const big = await h.service.importCsv(GOOD + '\n'.repeat(100), {
      dryRun: false,
      actorId: 'sec',
      maxChars: 100,
    });
    expect(big.errors).toEqual([
      expect.objectContaining({ line: 0, field: '(file)', code: 'too-large', detail: '100' }),
    ]);
  });

  it('refuses an overlap with a stored membership and round-trips the export', async () => {
    await h.service.importCsv(GOOD, { dryRun: false, actorId: 'sec' });
    const exported = await h.service.exportCsv();
    expect(exported.split('\n')[0]).toBe(HEADER);
    const again = await h.service.importCsv(exported, { dryRun: true, actorId: 'sec' });
    expect(again.errors).toEqual([]);
    const overlapping = [
      HEADER,
      'aaa-1,Anne Andersen,anne@kk.dk,municipality,101,,steering,chair,2025-01-01,,',
    ].join('\n');
    const report = await h.service.importCsv(overlapping, { dryRun: true, actorId: 'sec' });
    expect(report.errors.map((e) => [e.line, e.field, e.code])).toEqual([[2, 'termStart', 'overlap']]);
  });
});

describe('municipality register import', () => {
  it('reports bad rows with line and field, writes nothing on error, and feeds the citizens total', async () => {
    const before = await h.municipalities.list();
    const bad = [
      'kommunekode;navn;indbyggere;k98',
      '101;København;660.000;Hovedstadskommuner',
      '12;X;5;Landkommuner',
      '147;Frederiksberg;many;Hovedstadskommuner',
      '101;Igen;1;Landkommuner',
      '400;;1;',
    ].join('\n');
    const report = await h.municipalities.importCsv(bad, { dryRun: false, actorId: 'sec' });
    expect(report.ok).toBe(false);
    expect(report.errors.map((e) => [e.line, e.field, e.code])).toEqual([
      [3, 'code', 'invalid'],
      [4, 'citizens', 'invalid'],
      [5, 'code', 'duplicate'],
      [6, 'k98Group', 'required'],
      [6, 'name', 'required'],
    ]);
    expect(report.errors.find((e) => e.code === 'duplicate')?.params).toEqual({
      kind: 'duplicateMunicipality',
      code: '101',
      firstLine: 2,
    });
    expect(await h.municipalities.list()).toEqual(before);

    const good = await h.municipalities.importCsv(
      'code,name,citizens,k98Group\n101,København,670.000,Hovedstadskommuner',
      { dryRun: false, actorId: 'sec' },
    );
    expect(good).toMatchObject({ ok: true, written: 1 });
    expect((await h.municipalities.get('101'))?.citizens).toBe(670000);
    expect(await h.municipalities.citizens(['101', '147'])).toBe(774000);
    expect((await h.municipalities.exportCsv()).split('\n')[0]).toBe('code,name,citizens,k98Group');
  });
});
