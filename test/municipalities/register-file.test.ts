/** The shipped register (config/municipalities.csv): the 98 municipalities, checked fact by fact. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  K98_GROUPS,
  loadMunicipalityRegister,
  parseMunicipalityRegister,
  REGIONS,
} from '../../src/features/municipalities/register-file';

const ROOT = path.join(__dirname, '..', '..');
const register = loadMunicipalityRegister(ROOT);

const countBy = (key: (m: (typeof register)[number]) => string | undefined) =>
  register.reduce<Record<string, number>>((counts, m) => {
    const value = key(m) ?? '(none)';
    counts[value] = (counts[value] ?? 0) + 1;
    return counts;
  }, {});

describe('the shipped municipality register', () => {
  it('has the 98 municipalities, each code and name once', () => {
    expect(register).toHaveLength(98);
    expect(new Set(register.map((m) => m.code)).size).toBe(98);
    expect(new Set(register.map((m) => m.name)).size).toBe(98);
    for (const m of register) expect(m.code).toMatch(/^\d{3}$/);
  });

  it('puts them in the 5 regions with the right counts', () => {
    expect(countBy((m) => m.region)).toEqual({
      Hovedstaden: 29,
      Sjælland: 17,
      Syddanmark: 22,
      Midtjylland: 19,
      Nordjylland: 11,
    });
    expect(Object.keys(countBy((m) => m.region)).sort()).toEqual([...REGIONS].sort());
  });

  it("gives each one of Danmarks Statistik's five municipality groups, with the classification's counts", () => {
    for (const m of register) expect(K98_GROUPS).toContain(m.k98Group);
    expect(countBy((m) => m.k98Group)).toEqual({
      Hovedstadskommuner: 24,
      Storbykommuner: 3,
      Provinsbykommuner: 16,
      Oplandskommuner: 24,
      Landkommuner: 31,
    });
  });

  it('has the well-known ones right, no citizens figures, and no Christiansø', () => {
    const byCode = new Map(register.map((m) => [m.code, m]));
    expect(byCode.get('101')).toEqual({
      code: '101',
      name: 'København',
      region: 'Hovedstaden',
      k98Group: 'Hovedstadskommuner',
    });
    expect(byCode.get('751')).toMatchObject({
      name: 'Aarhus',
      region: 'Midtjylland',
      k98Group: 'Storbykommuner',
    });
    expect(byCode.get('851')).toMatchObject({
      name: 'Aalborg',
      region: 'Nordjylland',
      k98Group: 'Storbykommuner',
    });
    expect(byCode.get('461')).toMatchObject({
      name: 'Odense',
      region: 'Syddanmark',
      k98Group: 'Storbykommuner',
    });
    expect(byCode.get('825')).toMatchObject({
      name: 'Læsø',
      region: 'Nordjylland',
      k98Group: 'Landkommuner',
    });
    expect(byCode.get('400')).toMatchObject({ name: 'Bornholm', region: 'Hovedstaden' });
    expect(byCode.get('253')).toMatchObject({ name: 'Greve', region: 'Sjælland' });
    expect(byCode.has('411')).toBe(false);
    for (const m of register) expect(m.citizens).toBeUndefined();
  });

  it('names its source in the header', () => {
    const text = readFileSync(path.join(ROOT, 'config', 'municipalities.csv'), 'utf8');
    expect(text).toMatch(/^# .*98 kommuner/);
    expect(text).toContain('Kommunegrupper v1:2018');
  });

  it('refuses a broken file, naming every bad line', () => {
    const text = [
      '# a comment',
      'kode;navn;region;k98gruppe',
      '101;København;Hovedstaden;Hovedstadskommuner',
      '12;X;Hovedstaden;Landkommuner',
      '147;Frederiksberg;Fyn;Hovedstadskommuner',
      '101;Igen;Hovedstaden;Byer',
    ].join('\n');
    const thrown = (() => {
      try {
        parseMunicipalityRegister(text);
        return undefined;
      } catch (error) {
        return (error as Error).message;
      }
    })();
    expect(thrown).toMatch(/line 4: kode/);
    expect(thrown).toMatch(/line 5: region/);
    expect(thrown).toMatch(/line 6: k98gruppe/);
  });
});
