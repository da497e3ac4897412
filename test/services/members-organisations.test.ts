/**
 * The organisations come from the governance file, not a built-in list (issue 23.1): a file that
 * lists KS accepts KS in the member CSV and in an appointment, exempts it from the term rule when
 * the file says so, and refuses KL (which it does not list), naming the listed ones.
 */
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { governanceOrganisations, isExemptOrganisation, organisationIds } from '../../src/domain/governance';
import { canAppoint } from '../../src/domain/terms';
import {
  GovernanceConfigError,
  defaultGovernancePath,
  parseGovernance,
} from '../../src/platform/governance/governance-loader';
import { organisationChoices } from '../../src/features/members/member-cards';
import { appointFormIssues } from '../../src/features/members/members-input';
import { translatorFor } from '../../src/platform/i18n';
import { membersHarness, type MembersHarness } from './members-support';

/** The FKI file with its organisations replaced: KS (appoints its own) and Region (term rule applies). */
function ksRaw(): Record<string, unknown> {
  const raw = parseYaml(readFileSync(defaultGovernancePath(), 'utf8')) as Record<string, unknown>;
  const bodies = (raw.bodies as Array<Record<string, unknown>>).map((body) =>
    body.members ? { ...body, members: { municipal: 6, organisations: { KS: 1, Region: 1 } } } : body,
  );
  return {
    ...raw,
    bodies,
    organisations: [
      {
        id: 'KS',
        name: { da: 'Kommunernes Sammenslutning', en: 'Association of Municipalities' },
        exemptFromTerms: true,
      },
      { id: 'Region', name: { da: 'Regionen', en: 'The region' } },
    ],
  };
}

const ks = parseGovernance(ksRaw(), 'ks.yaml');

function problemsOf(raw: unknown): string[] {
  try {
    parseGovernance(raw, 'ks.yaml');
  } catch (error) {
    if (error instanceof GovernanceConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('the governance file lists the organisations', () => {
  it('knows the listed ones, and which of them appoint their own', () => {
    expect(organisationIds(ks)).toEqual(['municipality', 'KS', 'Region']);
    expect(isExemptOrganisation(ks, 'KS')).toBe(true);
    expect(isExemptOrganisation(ks, 'Region')).toBe(false);
    expect(isExemptOrganisation(ks, 'KL')).toBe(false);
  });

  it('refuses seats for an organisation it does not list, naming the listed ones', () => {
    const raw = ksRaw();
    const bodies = raw.bodies as Array<Record<string, unknown>>;
    bodies[0] = { ...bodies[0], members: { municipal: 9, organisations: { KL: 1 } } };
    expect(problemsOf(raw)).toEqual([
      expect.stringContaining(
        'bodies[0].members.organisations.KL: expected one of the organisations listed in organisations (KS, Region), not KL',
      ),
    ]);
  });

  it('still reads a file from before the list: the seats and exemptOrganisations name them', () => {
    const raw = ksRaw();
    delete raw.organisations;
    const old = parseGovernance({ ...raw, exemptOrganisations: ['KS'] }, 'old.yaml');
    expect(governanceOrganisations(old)).toEqual([
      // The name is the id, in the file's language (every other language falls back to it).
      { id: 'KS', name: { da: 'KS' }, exemptFromTerms: true },
      { id: 'Region', name: { da: 'Region' }, exemptFromTerms: false },
    ]);
  });

  it('refuses municipality as a seat id in a file from before the list', () => {
    const raw = ksRaw();
    delete raw.organisations;
    const bodies = raw.bodies as Array<Record<string, unknown>>;
    bodies[0] = { ...bodies[0], members: { municipal: 9, organisations: { municipality: 1 } } };
    expect(problemsOf(raw)).toEqual([
      expect.stringContaining('bodies[0].members.organisations.municipality:'),
    ]);
  });

  it('exempts KS from the term rule but not an organisation the file does not mark', () => {
    // Ten years in a row in the steering group (5-year term rule).
    const history = [
      { personId: 'p', groupId: 'steering', role: 'member' as const, termStart: '2016-01-01' },
    ];
    const at = (kind: string) =>
      canAppoint(
        { id: 'p', organisation: { kind, name: kind } },
        { id: 'steering' },
        '2026-01-15',
        history,
        ks,
      );
    expect(at('KS')).toMatchObject({ ok: true, exempt: true });
    expect(at('Region')).toMatchObject({ ok: false, rule: 'max-term' });
  });
});

describe('the appointment form', () => {
  it("offers the file's organisations by their names in the user's language", () => {
    expect(organisationChoices(translatorFor('en'), ks, 'en').map((choice) => choice.value)).toEqual([
      'municipality',
      'KS',
      'Region',
    ]);
    expect(organisationChoices(translatorFor('da'), ks, 'da').slice(1)).toEqual([
      { title: 'Kommunernes Sammenslutning', value: 'KS' },
      { title: 'Regionen', value: 'Region' },
    ]);
  });

  it('accepts KS and refuses KL, naming the listed organisations', () => {
    const form = { personId: 'p-ks', role: 'member', termStart: '2026-01-15' };
    expect(appointFormIssues({ ...form, organisation: 'KS' }, ['KS', 'Region'])).toEqual([]);
    expect(appointFormIssues({ ...form, organisation: 'KL' }, ['KS', 'Region'])).toEqual([
      expect.objectContaining({ field: 'organisation', message: 'expected one of municipality, KS, Region' }),
    ]);
  });
});

describe('members of the listed organisations', () => {
  let h: MembersHarness;
  beforeEach(async () => {
    h = await membersHarness('2026-01-15T09:00:00.000Z', ks);
  });
  afterEach(() => h.close());

  const header = 'entraId,name,organisation,municipalityCode,groupId,termStart';

  it('imports a CSV row for KS (in any case) and refuses KL, naming the listed organisations', async () => {
    const good = await h.service.importCsv(`${header}\np-ks,Kari,ks,,steering,2026-01-01`, {
      dryRun: false,
      actorId: 'sec',
    });
    expect(good).toMatchObject({ ok: true, written: 1 });
    const [member] = await h.service.activeMembers('steering');
    expect(member?.person.organisation).toEqual({ kind: 'KS', name: 'KS' });
    // KS appoints its own: no planned end from the term rule.
    expect(member?.membership.plannedEnd).toBeUndefined();

    const bad = await h.service.importCsv(`${header}\np-kl,Karen,KL,,steering,2026-01-01`, {
      dryRun: true,
      actorId: 'sec',
    });
    expect(bad.ok).toBe(false);
    expect(bad.errors).toEqual([
      expect.objectContaining({
        line: 2,
        field: 'organisation',
        reason: 'expected one of municipality, KS, Region',
      }),
    ]);
  });

  it('appoints for KS and refuses KL, naming the listed organisations', async () => {
    const appointed = await h.service.appoint(
      {
        personId: 'p-ks',
        name: 'Kari',
        organisation: { kind: 'KS' },
        groupId: 'steering',
        role: 'member',
        termStart: '2026-01-15',
      },
      'sec',
    );
    expect(appointed).toMatchObject({ ok: true, value: { organisation: { kind: 'KS', name: 'KS' } } });

    const refused = await h.service.appoint(
      {
        personId: 'p-kl',
        name: 'Karen',
        organisation: { kind: 'KL' },
        groupId: 'steering',
        role: 'member',
        termStart: '2026-01-15',
      },
      'sec',
    );
    expect(refused).toMatchObject({
      ok: false,
      refusal: {
        rule: 'invalid',
        field: 'organisation.kind',
        reason: 'expected one of municipality, KS, Region',
      },
    });
  });
});
