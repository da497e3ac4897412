/**
 * The languages of a governance file (issue 23): a file may write its texts in any of the
 * languages the bot speaks (a Norwegian file only `nb`), must write its own language in every
 * text, and is refused, with every place listed, when it names a language without a catalogue.
 * The bot then speaks the file's language where no one asked for another.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { composeApp, type App } from '../../src/app/compose';
import { ManualClock } from '../../src/domain/clock';
import { localText } from '../../src/domain/governance';
import { GovernanceConfigError, parseGovernance } from '../../src/platform/governance/governance-loader';
import { SqliteStore } from '../../src/platform/storage/sqlite/sqlite-store';
import { ConnectorStandIn } from '../support/connector-standin';
import { botAddedToTeam, cardsOf, postActivity, textsOf } from '../bot/support/activities';
import { FKI_FILE } from './governance-support';

const TENANT = 'tenant-languages';

/** The FKI file as written (before the schema), to derive other files from. */
function fkiRaw(): Record<string, unknown> {
  return parseYaml(readFileSync(FKI_FILE, 'utf8')) as Record<string, unknown>;
}

const isText = (value: object) =>
  Object.keys(value).length > 0 &&
  Object.entries(value).every(([k, v]) => /^[a-z]{2}$/.test(k) && typeof v === 'string');

/** Every `{ da, en }` text of a file rewritten by `rewrite` (the file's structure otherwise kept). */
function rewriteTexts(value: unknown, rewrite: (text: Record<string, string>) => object): unknown {
  if (Array.isArray(value)) return value.map((entry) => rewriteTexts(entry, rewrite));
  if (value === null || typeof value !== 'object') return value;
  if (isText(value)) return rewrite(value as Record<string, string>);
  return Object.fromEntries(Object.entries(value).map(([key, entry]) => [key, rewriteTexts(entry, rewrite)]));
}

/** A Norwegian file: language nb and every text in bokmål only (here the Danish words, marked). */
function norwegianFile(): Record<string, unknown> {
  const raw = rewriteTexts(fkiRaw(), (text) => ({ nb: `NB ${text.da}` })) as Record<string, unknown>;
  return { ...raw, language: 'nb' };
}

function problemsOf(raw: unknown): string[] {
  try {
    parseGovernance(raw, 'test.yaml');
  } catch (error) {
    if (error instanceof GovernanceConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected the file to be refused');
}

describe('a governance file in Norwegian bokmål only', () => {
  test('parses: its language is nb and its texts carry nb alone', () => {
    const governance = parseGovernance(norwegianFile(), 'nb.yaml');
    expect(governance.language).toBe('nb');
    const steering = governance.bodies.find((body) => body.kind === 'board')!;
    expect(Object.keys(steering.name)).toEqual(['nb']);
    // A reader in another language sees the file's text (localText falls back to it).
    expect(localText(steering.name, 'en')).toBe(steering.name.nb);
    expect(localText(governance.standardAgenda[0]!.title, 'da')).toMatch(/^NB /);
  });

  test('a text without the file’s own language is refused, by field path', () => {
    const raw = norwegianFile() as { bodies: Array<{ name: object }> };
    raw.bodies[1]!.name = { da: 'Kun dansk' };
    expect(problemsOf(raw)).toEqual([
      expect.stringMatching(/^test\.yaml: bodies\[1\]\.name: expected a text in the file's language nb/),
    ]);
  });
});

describe('a governance file naming a language without a catalogue', () => {
  test('is refused with every place that names it and the languages the bot speaks', () => {
    const raw = rewriteTexts(fkiRaw(), (text) => text) as {
      language?: string;
      bodies: Array<Record<string, unknown>>;
    };
    raw.language = 'sv';
    raw.bodies[0]!.language = 'fi';
    raw.bodies[0]!.name = { sv: 'Styrgruppen', da: 'Styregruppen' };
    // The file's own language sv must be in every text: the Swedish body name is, the rest are not.
    const problems = problemsOf(raw);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/bodies\[1\]\.name: expected a text in the file's language sv/),
      ]),
    );
    raw.language = 'da';
    expect(problemsOf(raw)).toEqual([
      'test.yaml: bodies[0].language: expected a language with a catalogue (da, en, nb), got "fi"',
      'test.yaml: bodies[0].name.sv: expected a language with a catalogue (da, en, nb), got "sv"',
    ]);
  });

  test('a file whose own language has no catalogue names it first', () => {
    const raw = rewriteTexts(fkiRaw(), (text) => ({ ...text, de: `DE ${text.da}` })) as Record<
      string,
      unknown
    >;
    raw.language = 'de';
    const problems = problemsOf(raw);
    expect(problems[0]).toBe(
      'test.yaml: language: expected a language with a catalogue (da, en, nb), got "de"',
    );
    expect(problems.length).toBeGreaterThan(10);
  });
});

describe('the bot on the Norwegian file', () => {
  let app: App;
  let url: string;
  let connector: ConnectorStandIn;
  let dataDir: string;
  const clock = new ManualClock('2027-01-11T09:00:00.000Z');

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'fki-nb-'));
    connector = await new ConnectorStandIn(clock, { unknownUpdates: 'accept' }).start();
    app = await composeApp(
      { NODE_ENV: 'test', DATA_DIR: dataDir, LOG_LEVEL: 'silent' },
      { clock, store: SqliteStore.inMemory(), governance: parseGovernance(norwegianFile(), 'nb.yaml') },
    );
    ({ url } = await app.start(0, '127.0.0.1'));
  });

  afterAll(async () => {
    await app.stop();
    await connector.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function answerTo(activity: object): Promise<string> {
    connector.clear();
    await postActivity(url, activity);
    return JSON.stringify([...textsOf(connector.sent), ...cardsOf(connector.sent)]);
  }

  function personal(text: string, from: string, locale?: string) {
    return {
      type: 'message',
      id: `personal-${from}-${Math.random()}`,
      channelId: 'msteams',
      serviceUrl: connector.url,
      ...(locale ? { locale } : {}),
      text,
      from: { id: `29:${from}`, name: from, aadObjectId: from },
      recipient: { id: '28:bot', name: 'Bot' },
      conversation: { id: `a:personal-${from}`, conversationType: 'personal', tenantId: TENANT },
      channelData: { tenant: { id: TENANT } },
    };
  }

  test('shows the welcome card in bokmål, whatever the installer’s Teams speaks', async () => {
    const sent = await answerTo(botAddedToTeam(connector.url, { aadObjectId: 'p01', name: 'Kari' }));
    expect(sent).toContain('Styringsboten er installert');
    expect(sent).not.toContain('governancebotten er installeret');
  });

  test('helps in bokmål when Teams speaks no language the bot has, in English when it asks', async () => {
    const help = await answerTo(personal('hjelp', 'p02', 'de-DE'));
    expect(help).toContain('Skriv en kommando til meg');
    expect(help).toContain('språk [språkkode]');
    expect(await answerTo(personal('help', 'p03', 'en-GB'))).toContain('Commands');
    expect(await answerTo(personal('hjelp', 'p04', 'nn-NO'))).toContain('Skriv en kommando til meg');
  });

  test('`språk` takes nb and the other registered languages, and stores the choice', async () => {
    expect(await answerTo(personal('språk en', 'p05', 'nb-NO'))).toContain('I now write to you in English');
    expect(await app.services.languages.preferenceOf('p05')).toBe('en');
    expect(await answerTo(personal('sprog norsk', 'p05', 'en-US'))).toContain(
      'Jeg skriver nå norsk bokmål til deg i personlig chat.',
    );
    expect(await app.services.languages.preferenceOf('p05')).toBe('nb');
    expect(await answerTo(personal('help', 'p05', 'en-US'))).toContain('Skriv en kommando til meg');
    const refused = await answerTo(personal('språk svensk', 'p06'));
    expect(refused).toContain('Skriv språk og ett av språkene');
    expect(refused).toContain(JSON.stringify('"språk nb" (norsk bokmål)').slice(1, -1));
    expect(await app.services.languages.preferenceOf('p06')).toBeUndefined();
  });
});
