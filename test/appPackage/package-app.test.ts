import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AdmZip from 'adm-zip';
import {
  UnresolvedPlaceholdersError,
  buildAppPackage,
  findPlaceholders,
  substitutePlaceholders,
} from '../../scripts/package-app';

const appPackageDir = join(__dirname, '..', '..', 'appPackage');
const SAMPLE = {
  TEAMS_APP_ID: '0f5b7c7e-3a55-4c1b-9a53-6a1d2e3f4a5b',
  BOT_ID: '5a2c4e6f-1b3d-4f5a-8c7e-9d0b1a2c3e4f',
  BOT_DOMAIN: 'fki-bot.azurewebsites.net',
  TAB_APP_ID: '7d3e5f1a-2b4c-4d6e-8f0a-1b2c3d4e5f6a',
};

describe('placeholders', () => {
  it('finds each ${{NAME}} once', () => {
    expect(findPlaceholders('"${{A}}" "${{ B }}" "${{A}}" "${B}"')).toEqual(['A', 'B']);
  });

  it('substitutes values, escaping them for a JSON string', () => {
    expect(substitutePlaceholders('{"x":"${{A}}"}', { A: 'say "hi"' })).toBe('{"x":"say \\"hi\\""}');
  });

  it('refuses unresolved or empty placeholders and names them all', () => {
    let error: unknown;
    try {
      substitutePlaceholders('${{A}} ${{B}} ${{C}}', { A: 'x', B: '' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(UnresolvedPlaceholdersError);
    expect((error as UnresolvedPlaceholdersError).names).toEqual(['B', 'C']);
    expect((error as Error).message).toContain('${{B}}, ${{C}}');
  });
});

describe('buildAppPackage', () => {
  let outDir: string;
  beforeEach(() => {
    outDir = mkdtempSync(join(tmpdir(), 'fki-package-'));
  });
  afterEach(() => rmSync(outDir, { recursive: true, force: true }));

  it('zips the substituted manifest, both icons and the English localization', () => {
    const outputZip = join(outDir, 'appPackage.zip');
    buildAppPackage({ appPackageDir, outputZip, variables: SAMPLE });
    const zip = new AdmZip(outputZip);
    expect(
      zip
        .getEntries()
        .map((entry) => entry.entryName)
        .sort(),
    ).toEqual(['color.png', 'en.json', 'manifest.json', 'outline.png']);
    const manifestText = zip.readAsText('manifest.json');
    expect(manifestText).not.toContain('${{');
    const manifest = JSON.parse(manifestText);
    expect(manifest.id).toBe(SAMPLE.TEAMS_APP_ID);
    expect(manifest.bots[0].botId).toBe(SAMPLE.BOT_ID);
    // Icons are copied byte for byte (a PNG signature survives).
    expect(zip.readFile('color.png')!.subarray(1, 4).toString('ascii')).toBe('PNG');
  });

  it('writes no zip when a placeholder has no value', () => {
    const outputZip = join(outDir, 'appPackage.zip');
    expect(() =>
      buildAppPackage({ appPackageDir, outputZip, variables: { TEAMS_APP_ID: SAMPLE.TEAMS_APP_ID } }),
    ).toThrow(/BOT_ID, BOT_DOMAIN/);
    expect(() => new AdmZip(outputZip)).toThrow();
  });
});
