import { csvErrorText } from '../../src/platform/cards/csv-error-text';
import { translatorFor } from '../../src/platform/i18n';
import type { CsvRowError } from '../../src/platform/csv/csv-table';
import { parseMunicipalityCsv } from '../../src/features/municipalities/municipalities-service';
import { membersHarnessPerTest } from '../services/members-support';

const da = translatorFor('da');
const en = translatorFor('en');
const h = membersHarnessPerTest();

const HEADER = 'entraId,name,organisation,municipalityCode,groupId,termStart,endedOn';

async function memberErrors(lines: string[]): Promise<CsvRowError[]> {
  const report = await h.service.importCsv([HEADER, ...lines].join('\n'), { dryRun: true, actorId: 'sec' });
  return report.errors;
}

function at(errors: CsvRowError[], line: number, field: string): CsvRowError {
  const error = errors.find((e) => e.line === line && e.field === field);
  if (!error) throw new Error(`no error at ${line}/${field}: ${JSON.stringify(errors)}`);
  return error;
}

describe('CSV import errors in the user language', () => {
  it('words a duplicate line, an unknown group and a conflict in Danish and English', async () => {
    const errors = await memberErrors([
      'a-1,Anne,KL,,steering,2024-01-01,', // 2
      'b-2,Bo,KL,,nowhere,2024-01-01,', // 3: unknown group
      'a-1,Anne A.,KL,,steering,2024-01-01,', // 4: duplicate of 2 + other name
    ]);
    const group = at(errors, 3, 'groupId');
    expect(csvErrorText(da, group)).toMatch(
      /^Linje 3, groupId: Gruppen "nowhere" findes ikke\. Kendte grupper: .*steering/,
    );
    expect(csvErrorText(en, group)).toMatch(
      /^Line 3, groupId: There is no group "nowhere"\. Known groups: .*steering/,
    );

    const duplicate = at(errors, 4, 'termStart');
    expect(duplicate.code).toBe('duplicate');
    expect(csvErrorText(da, duplicate)).toBe(
      'Linje 4, termStart: Samme medlemskab (person, gruppe og periodestart) står allerede på linje 2.',
    );
    expect(csvErrorText(en, duplicate)).toBe(
      'Line 4, termStart: The same membership (person, group and termStart) is already on line 2.',
    );

    const conflict = at(errors, 4, 'name');
    expect(csvErrorText(da, conflict)).toBe(
      'Linje 4, name: Afviger fra linje 2 for samme person ("Anne A." mod "Anne").',
    );
    expect(csvErrorText(en, conflict)).toBe(
      'Line 4, name: Differs from line 2 for the same person ("Anne A." vs "Anne").',
    );
  });

  it('words unknown municipalities, overlaps, short lines and header problems', async () => {
    const errors = await memberErrors([
      'c-3,Carl,municipality,999,steering,2024-01-01,', // 2: unknown municipality
      'd-4,Dina,KL,,steering,2024-01-01,', // 3
      'd-4,Dina,KL,,steering,2024-06-01,', // 4: overlaps line 3 (not ended)
      'e-5,Eva,KL', // 5: too few fields
    ]);
    expect(csvErrorText(da, at(errors, 2, 'municipalityCode'))).toBe(
      'Linje 2, municipalityCode: Kommunekoden 999 findes ikke blandt de 98 kommuner i kommuneregistret. Tjek koden: tre cifre, fx 101 for København.',
    );
    expect(csvErrorText(en, at(errors, 4, 'termStart'))).toBe(
      "Line 4, termStart: Overlaps the same person's membership of steering from 2024-01-01, which has not ended.",
    );
    expect(csvErrorText(da, at(errors, 4, 'termStart'))).toBe(
      'Linje 4, termStart: Overlapper samme persons medlemskab af steering fra 2024-01-01, som ikke er afsluttet.',
    );
    expect(csvErrorText(da, at(errors, 5, '(row)'))).toBe('Linje 5: Linjen skal have 7 felter, men har 3.');
    expect(csvErrorText(en, at(errors, 5, '(row)'))).toBe('Line 5: The line must have 7 fields, but has 3.');

    const header = (await h.service.importCsv('entraId,name,*colour*', { dryRun: true, actorId: 'sec' }))
      .errors;
    // The column name comes from the file: it is markdown-escaped.
    expect(csvErrorText(da, at(header, 1, '*colour*'))).toMatch(
      /^Linje 1, \\\*colour\\\*: Ukendt kolonne "\\\*colour\\\*"\. Kendte kolonner: entraId, name/,
    );
    expect(csvErrorText(en, at(header, 1, 'groupId'))).toBe(
      'Line 1, groupId: The column "groupId" is missing.',
    );
    const tooLarge = (
      await h.service.importCsv('x'.repeat(50), { dryRun: true, actorId: 'sec', maxChars: 10 })
    ).errors[0]!;
    expect(csvErrorText(da, tooLarge)).toBe('CSV-teksten har 50 tegn; grænsen er 10.');
    expect(csvErrorText(en, tooLarge)).toBe('The CSV has 50 characters; the limit is 10.');
  });

  it('words the municipality import problems, zod ones included', () => {
    const { errors } = parseMunicipalityCsv(
      [
        'kommunekode;navn;indbyggere;k98',
        '101;København;660.000;Hovedstad',
        '101;Igen;1;Land',
        '12;X;5;Land',
      ].join('\n'),
    );
    const duplicate = at(errors, 3, 'code');
    expect(csvErrorText(da, duplicate)).toBe('Linje 3, code: Kommune 101 står allerede på linje 2.');
    expect(csvErrorText(en, duplicate)).toBe('Line 3, code: Municipality 101 is already on line 2.');
    expect(csvErrorText(da, at(errors, 4, 'code'))).toBe('Linje 4: code har ikke det forventede format.');
    expect(csvErrorText(en, at(errors, 4, 'code'))).toBe('Line 4: code does not have the expected format.');

    const empty = parseMunicipalityCsv('code,name,citizens,k98Group\n').errors[0]!;
    expect(csvErrorText(da, empty)).toBe('Linje 1: CSV-teksten har ingen datarækker.');
    expect(csvErrorText(en, empty)).toBe('Line 1: The CSV has no data rows.');
  });

  it('gives every problem of a bad file a language-neutral form, so no English reason reaches a Danish card', async () => {
    const errors = await memberErrors([
      'a-1,Anne,KL,,steering,2024-01-01,',
      'a-1,Anne,KL,,steering,2024-01-01,',
      'b-2,Bo,region,,nowhere,2024-13-01,',
      'c-3,Carl,municipality,999,steering,2024-01-01,2023-01-01',
      ',,,,,,',
      'short',
    ]);
    expect(errors.length).toBeGreaterThan(6);
    for (const error of errors) {
      expect(error.issue ?? error.params).toBeDefined();
      const danish = csvErrorText(da, error);
      expect(danish).toMatch(/^Linje \d+/);
      expect(danish).not.toContain(error.reason);
      expect(danish).not.toMatch(/csvImport\.|validation\./);
    }
  });
});
