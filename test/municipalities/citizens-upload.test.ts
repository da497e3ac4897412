/** The yearly citizens upload: FOLK1A as Statistics Denmark exports it, every problem at once. */
import path from 'node:path';
import { parseCitizensCsv } from '../../src/features/municipalities/citizens-upload';
import { loadMunicipalityRegister } from '../../src/features/municipalities/register-file';
import { citizensProblemText } from '../../src/features/municipalities/citizens-cards';
import { translatorFor } from '../../src/platform/i18n';

const register = loadMunicipalityRegister(path.join(__dirname, '..', '..'));

describe('parseCitizensCsv', () => {
  it('reads code-and-name lines with the quarter, skipping the country, regions and Christiansø', () => {
    const text = [
      '"000 Hele landet";"2026K1";6001008',
      '"084 Region Hovedstaden";"2026K1";1900000',
      '"101 København";"2026K1";644431',
      '"147 Frederiksberg";"2026K1";104.305',
      '"411 Christiansø";"2026K1";90',
    ].join('\r\n');
    expect(parseCitizensCsv(text, register)).toEqual({
      quarter: '2026K1',
      problems: [],
      figures: [
        { code: '101', name: 'København', citizens: 644_431, citizensAsOf: '2026K1' },
        { code: '147', name: 'Frederiksberg', citizens: 104_305, citizensAsOf: '2026K1' },
      ],
    });
  });

  it("reads the API's header and name-only lines, with extra columns", () => {
    const text = [
      'OMRÅDE;KØN;TID;INDHOLD',
      'Hele landet;I alt;2026K1;6001008',
      'Aarhus;I alt;2026K1;372000',
      'Læsø;I alt;2026K1;1780',
    ].join('\n');
    const parsed = parseCitizensCsv(text, register);
    expect(parsed.problems).toEqual([]);
    expect(parsed.figures.map((f) => [f.code, f.citizens])).toEqual([
      ['751', 372_000],
      ['825', 1_780],
    ]);
  });

  it("reads Statistikbanken's table export: a title, the quarter above, then area and figure", () => {
    const text = [
      '"Befolkningen den 1. i kvartalet efter område og tid"',
      ';"2026K1"',
      '"Bornholms Regionskommune";39000',
      '"Nordfyns";29500',
    ].join('\n');
    const parsed = parseCitizensCsv(text, register);
    expect(parsed.problems).toEqual([]);
    expect(parsed.quarter).toBe('2026K1');
    expect(parsed.figures.map((f) => f.code)).toEqual(['400', '480']);
  });

  it('lists every bad line at once', () => {
    const text = [
      '"101 København";"2026K1";644431',
      '"Atlantis";"2026K1";12',
      '"147 Frederiksberg";"2026K1";mange',
      '"101 København";"2026K1";644431',
      '"751 Aarhus";"2025K4";372000',
      '"851 Aalborg";222000',
    ].join('\n');
    const { problems } = parseCitizensCsv(text, register);
    expect(problems).toEqual([
      { line: 2, kind: 'unknownArea', value: 'Atlantis' },
      { line: 3, kind: 'badCitizens', value: 'mange' },
      { line: 4, kind: 'duplicate', name: 'København', firstLine: 1 },
      { line: 5, kind: 'mixedQuarters', quarter: '2025K4', first: '2026K1' },
      { line: 6, kind: 'noQuarter' },
    ]);
    const da = translatorFor('da');
    expect(citizensProblemText(da, problems[0]!)).toBe(
      'Linje 2: "Atlantis" er ikke en af de 98 kommuner i kommuneregistret.',
    );
    expect(citizensProblemText(translatorFor('en'), problems[3]!)).toBe(
      'Line 5: The quarter 2025K4 differs from 2026K1; upload one quarter at a time.',
    );
  });

  it('says so when there is nothing to read', () => {
    expect(parseCitizensCsv('OMRÅDE;TID;INDHOLD\n', register).problems).toEqual([
      { line: 0, kind: 'noRows' },
    ]);
  });
});

describe('MunicipalityService.importCitizens', () => {
  it('stores nothing when any line is bad, nothing on a check, and everything with an audit entry otherwise', async () => {
    const { SqliteStore } = await import('../../src/platform/storage/sqlite/sqlite-store');
    const { ManualClock } = await import('../../src/domain/clock');
    const { AuditRepository } = await import('../../src/platform/audit/audit-repository');
    const { MunicipalityRepository } =
      await import('../../src/features/municipalities/municipalities-repository');
    const { MunicipalityService } = await import('../../src/features/municipalities/municipalities-service');
    const store = SqliteStore.inMemory();
    const repository = new MunicipalityRepository(store);
    await repository.insertMissing(register);
    const audit = new AuditRepository(store);
    const service = new MunicipalityService(repository, audit, new ManualClock('2026-03-01T09:00:00Z'));
    const good = '"101 København";"2026K1";644431\n"751 Aarhus";"2026K1";372000';

    const bad = await service.importCitizens(`${good}\n"Atlantis";"2026K1";1\n"851 Aalborg";"2026K1";x`, {
      dryRun: false,
      actorId: 'sec',
    });
    expect(bad).toMatchObject({ ok: false, written: 0 });
    expect(bad.problems.map((p) => p.line)).toEqual([3, 4]);
    expect((await repository.get('101'))?.citizens).toBeUndefined();

    const check = await service.importCitizens(good, { dryRun: true, actorId: 'sec' });
    expect(check).toMatchObject({ ok: true, dryRun: true, written: 0, quarter: '2026K1' });
    expect((await repository.get('101'))?.citizens).toBeUndefined();

    expect(await service.importCitizens(good, { dryRun: false, actorId: 'sec' })).toMatchObject({
      written: 2,
    });
    expect(await repository.get('751')).toMatchObject({
      citizens: 372_000,
      citizensAsOf: '2026K1',
      name: 'Aarhus',
    });
    expect(await service.citizens()).toBe(644_431 + 372_000);
    const entries = await audit.export('2026-03', '2026-03');
    expect(entries.map((e) => [e.action, e.actorId])).toEqual([['municipalities.citizens-uploaded', 'sec']]);
    await store.close();
  });
});
