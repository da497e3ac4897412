import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import AjvDraft04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { AppManifestUtils } from '@microsoft/app-manifest';
import { findPlaceholders, substitutePlaceholders } from '../../scripts/package-app';

// strip-bom 5 is ESM-only, which jest (CommonJS, Node 20) cannot require. The validator does not use it
// (only the file readers do), so a CommonJS stand-in keeps @microsoft/app-manifest loadable in jest.
jest.mock('strip-bom', () => ({ __esModule: true, default: (text: string) => text.replace(/^\uFEFF/, '') }));

const appPackageDir = join(__dirname, '..', '..', 'appPackage');
const SAMPLE = {
  TEAMS_APP_ID: '0f5b7c7e-3a55-4c1b-9a53-6a1d2e3f4a5b',
  BOT_ID: '5a2c4e6f-1b3d-4f5a-8c7e-9d0b1a2c3e4f',
  BOT_DOMAIN: 'fki-bot.azurewebsites.net',
  TAB_APP_ID: '7d3e5f1a-2b4c-4d6e-8f0a-1b2c3d4e5f6a',
};

function readSubstituted(file: string): Record<string, unknown> {
  return JSON.parse(substitutePlaceholders(readFileSync(join(appPackageDir, file), 'utf8'), SAMPLE, file));
}

interface Manifest {
  $schema: string;
  manifestVersion: string;
  localizationInfo: {
    defaultLanguageTag: string;
    additionalLanguages: { languageTag: string; file: string }[];
  };
  bots: {
    botId: string;
    scopes: string[];
    commandLists: { scopes: string[]; commands: { title: string }[] }[];
  }[];
  staticTabs: { contentUrl: string; scopes: string[] }[];
  configurableTabs: { configurationUrl: string; scopes: string[] }[];
  validDomains: string[];
  webApplicationInfo: { id: string; resource: string };
}

const manifest = readSubstituted('manifest.json') as unknown as Manifest;
const english = readSubstituted('en.json') as Record<string, string>;

describe('Teams app manifest', () => {
  const realFetch = globalThis.fetch;
  beforeAll(() => {
    // The validator must use the schemas bundled in @microsoft/app-manifest: any download fails the test.
    globalThis.fetch = (() =>
      Promise.reject(new Error('network access during manifest validation'))) as typeof fetch;
  });
  afterAll(() => {
    globalThis.fetch = realFetch;
  });

  it('uses only the placeholders the package script and .env.example provide', () => {
    const text = readFileSync(join(appPackageDir, 'manifest.json'), 'utf8');
    expect(findPlaceholders(text).sort()).toEqual(['BOT_DOMAIN', 'BOT_ID', 'TAB_APP_ID', 'TEAMS_APP_ID']);
  });

  it('is valid against the bundled Teams schema of its manifestVersion (1.19 or later)', async () => {
    expect(Number(manifest.manifestVersion.split('.')[1])).toBeGreaterThanOrEqual(19);
    expect(manifest.$schema).toContain(`/v${manifest.manifestVersion}/`);
    const errors = await AppManifestUtils.validateAgainstSchema(manifest as never);
    expect(errors).toEqual([]);
  });

  it('fails validation when a required field is removed (the validator really checks)', async () => {
    const broken: Record<string, unknown> = { ...manifest };
    delete broken.developer;
    const errors = await AppManifestUtils.validateAgainstSchema(broken as never);
    expect(errors.join('\n')).toContain('developer');
  });

  it('has a valid English localization file against the bundled localization schema', async () => {
    expect(manifest.localizationInfo.defaultLanguageTag).toBe('da');
    expect(manifest.localizationInfo.additionalLanguages).toEqual([{ languageTag: 'en', file: 'en.json' }]);
    // AppManifestUtils compiles with ajv's unicode regexps, which reject a pattern in the bundled
    // localization schema ("Lone quantifier brackets"), so this file is validated with ajv directly,
    // against the very schema file @microsoft/app-manifest bundles, with unicode regexps off.
    const schemaPath = join(
      dirname(require.resolve('@microsoft/app-manifest/package.json')),
      'build',
      new URL(english.$schema as string).pathname.replace(/^\/(?:[a-z]{2}-[a-z]{2}\/)?/, ''),
    );
    const ajv = new AjvDraft04({ allErrors: true, strictTypes: false, unicodeRegExp: false });
    addFormats(ajv, ['uri']);
    const validate = ajv.compile(JSON.parse(readFileSync(schemaPath, 'utf8')));
    expect(validate(english) ? [] : validate.errors).toEqual([]);
    expect(validate({ ...english, 'name.short': 'x'.repeat(31) })).toBe(false);
  });

  it('offers the bot in team, group chat and personal scope with one command list per scope', () => {
    const bot = manifest.bots[0]!;
    expect(bot.botId).toBe(SAMPLE.BOT_ID);
    expect([...bot.scopes].sort()).toEqual(['groupChat', 'personal', 'team']);
    expect(bot.commandLists.map((list) => list.scopes)).toEqual([['team'], ['groupChat'], ['personal']]);
  });

  it('lists the Danish commands, bind only in a team channel', () => {
    const [team, groupChat, personal] = manifest.bots[0]!.commandLists.map((list) =>
      list.commands.map((c) => c.title),
    );
    const common = ['hjælp', 'status', 'dagsorden', 'foreslå', 'portefølje', 'høringer', 'medlemmer'];
    expect(team).toEqual([...common, 'bind']);
    expect(groupChat).toEqual(common);
    expect(personal).toEqual(common);
  });

  it('translates every command to English, and every localized key points at an existing manifest field', () => {
    const english_common = ['help', 'status', 'agenda', 'propose', 'portfolio', 'hearings', 'members'];
    manifest.bots[0]!.commandLists.forEach((list, listIndex) => {
      const titles = list.commands.map(
        (_c, i) => english[`bots[0].commandLists[${listIndex}].commands[${i}].title`],
      );
      expect(titles).toEqual(listIndex === 0 ? [...english_common, 'bind'] : english_common);
      list.commands.forEach((_c, i) =>
        expect(english[`bots[0].commandLists[${listIndex}].commands[${i}].description`]).toBeTruthy(),
      );
    });
    for (const key of Object.keys(english).filter((k) => k.includes('['))) {
      // e.g. "staticTabs[0].name" -> manifest.staticTabs[0].name must exist
      const value = key
        .split(/[.[\]]/)
        .filter(Boolean)
        .reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], manifest);
      expect({ key, exists: value !== undefined }).toEqual({ key, exists: true });
    }
  });

  it('points both tabs at the bot domain and declares SSO for it', () => {
    const tabUrl = `https://${SAMPLE.BOT_DOMAIN}/tab/index.html`;
    expect(manifest.staticTabs).toEqual([
      expect.objectContaining({ contentUrl: tabUrl, scopes: ['personal'] }),
    ]);
    expect(manifest.configurableTabs).toEqual([
      expect.objectContaining({ configurationUrl: tabUrl, scopes: ['team'] }),
    ]);
    expect(manifest.validDomains).toEqual([SAMPLE.BOT_DOMAIN]);
    // SSO uses the tab's own app registration (a managed identity cannot carry an api:// URI).
    expect(manifest.webApplicationInfo).toEqual({
      id: SAMPLE.TAB_APP_ID,
      resource: `api://${SAMPLE.BOT_DOMAIN}/${SAMPLE.TAB_APP_ID}`,
    });
  });
});
