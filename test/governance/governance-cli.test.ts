/**
 * `npm run governance -- diff|check` (issue 23.3) on two real files, config/fki-governance.yaml and
 * a changed copy (test/fixtures/governance), measured against a filled store: the sentences the
 * secretariat reads, in Danish by default and in English on --language en.
 */
import { runGovernanceCli } from '../../scripts/governance-cli';
import { SqliteStore } from '../../src/platform/storage/sqlite/sqlite-store';
import type { DocumentStore } from '../../src/platform/storage/port';
import { CHANGED_FILE, FKI_FILE, fillStore } from './governance-support';

let store: DocumentStore;
let clock: Awaited<ReturnType<typeof fillStore>>;
beforeEach(async () => {
  store = SqliteStore.inMemory();
  clock = await fillStore(store);
});
afterEach(async () => store.close());

async function run(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runGovernanceCli(
    argv,
    store,
    { out: (l) => out.push(l), err: (l) => err.push(l) },
    { clock },
  );
  return { code, out, err };
}

describe('governance diff', () => {
  it('explains in Danish what the changed file would do to meetings, terms, seats, hearings, agendas and languages', async () => {
    const { code, out } = await run('diff', FKI_FILE, CHANGED_FILE);
    expect(code).toBe(1);
    expect(out.slice(0, 4)).toEqual([
      'Filen ville blive afvist ved start:',
      '  Referencegruppe Drift og forvaltning (ref-drift) er fjernet fra governance-filen, men har stadig aktive medlemmer (1) og planlagte møder (1).',
      '  Organisationen UDK er fjernet fra governance-filen, men aktive medlemmer (1) sidder stadig for den.',
      '  Arbejdsgruppen Fælles logning (wg-logning) hører under ref-drift, som er fjernet fra governance-filen.',
    ]);
    expect(out).toEqual(
      expect.arrayContaining([
        'Kommunestyregruppen: Dagsordensfristen for 3 kommende møder flyttes 7 dage tidligere.',
        'Referencegruppe Forretning: Dagsordensfristen for 1 kommende møde flyttes 7 dage tidligere.',
        'Kommunestyregruppen: 3 medlemmers periode slutter tidligere.',
        'Referencegruppe Forretning: kommunerne får 2 pladser, men har 3 medlemmer nu.',
        'Afgørelsen af skriftlige høringer skifter fra "flertal blandt de afgivne stemmer ved tilstrækkelig deltagelse" til "tavshed er samtykke".',
        'Skriftlige høringer lukker efter 10 dage i stedet for 14.',
        'Standarddagsordenen for Kommunestyregruppen får nye punkter: "Status på informationssikkerhed". ' +
          'Standarddagsordenen for Kommunestyregruppen mister punkter: "Gensidig orientering fra referencegrupperne og kommunestyregruppen".',
        'Referencegruppe Forretning skifter sprog fra dansk til engelsk.',
      ]),
    );
    // The deadlines of the held meeting and of the other groups' do not move.
    expect(out.filter((line) => line.includes('Dagsordensfristen'))).toHaveLength(2);
  });

  it('speaks English on --language en', async () => {
    const { out } = await run('diff', FKI_FILE, CHANGED_FILE, '--language', 'en');
    expect(out).toEqual(
      expect.arrayContaining([
        'The file would be refused at start:',
        'Municipal steering group: The agenda deadline for 3 upcoming meetings moves 7 days earlier.',
        "Municipal steering group: 3 members' terms end earlier.",
        'Reference group Business changes language from Danish to English.',
      ]),
    );
  });

  it('finds nothing to say about the same file', async () => {
    expect(await run('diff', FKI_FILE, FKI_FILE)).toEqual({
      code: 0,
      out: ['Ændringen påvirker hverken møder, medlemmer, høringer, dagsordener eller sprog.'],
      err: [],
    });
  });
});

describe('governance check', () => {
  it('refuses the changed file with every reason, and passes the shipped one', async () => {
    const refused = await run('check', CHANGED_FILE);
    expect(refused.code).toBe(1);
    expect(refused.out).toHaveLength(4);
    expect(refused.out[0]).toBe('Filen ville blive afvist ved start:');
    expect(await run('check', FKI_FILE)).toEqual({
      code: 0,
      out: ['Filen kan bruges: den modsiger intet i de gemte data.'],
      err: [],
    });
  });

  it('names a file that does not validate, and shows the usage for a wrong command', async () => {
    const bad = await run('check', 'config/no-such-file.yaml');
    expect(bad.code).toBe(1);
    expect(bad.err[0]).toContain('cannot read the file');
    expect((await run('diff', FKI_FILE)).code).toBe(2);
  });
});
