/**
 * Who must be replaced, per body, and by when: the rule (src/features/members/domain/replacements.ts)
 * at the boundaries of a term's end, with successors, exempt organisations and seats never held;
 * then the secretariat's `genbesættelse` command on the SQLite register, in both languages.
 */
import type { Membership, OrganisationKind, Person } from '../../src/domain/model';
import { bodyReplacements, type ReplacementRow } from '../../src/features/members/domain/replacements';
import { membersFeature } from '../../src/features/members/members-feature';
import { assertValidCard } from '../../src/platform/cards/validate';
import { commandNames, translatorFor } from '../../src/platform/i18n';
import type { CommandContext, Reply } from '../../src/platform/teams/feature';
import type { Locale } from '../../src/domain/model';
import { fki } from '../domain/governance-fixture';
import { membersAppServices, membersHarnessPerTest, municipal } from './members-support';

const REFERENCE = { id: 'ref-drift', kind: 'reference' as const }; // 6 municipal + KL 1; 3 years, 1 year pause

function person(id: string, kind: OrganisationKind = 'municipality'): Person {
  return { id, name: id, organisation: { kind, name: kind === 'municipality' ? `${id} Kommune` : kind } };
}

function member(personId: string, termStart: string, end: Partial<Membership> = {}): Membership {
  return { personId, groupId: REFERENCE.id, role: 'member', termStart, ...end };
}

/** The five other municipal members and the KL member serve on until 2030: only `subject` matters. */
function reference(subjects: Membership[], extraPersons: Person[] = []) {
  const others = ['m1', 'm2', 'm3', 'm4', 'm5'].map((id) =>
    member(id, '2026-01-01', { plannedEnd: '2030-01-01' }),
  );
  const kl = member('kl', '2026-01-01');
  const persons = new Map(
    [
      ...others.map((m) => person(m.personId)),
      person('kl', 'KL'),
      person('x'),
      person('y'),
      ...extraPersons,
    ].map((p) => [p.id, p]),
  );
  return (today: string, days = 90): ReplacementRow[] =>
    bodyReplacements(
      { group: REFERENCE, memberships: [...others, kl, ...subjects], persons, governance: fki, today },
      days,
    );
}

describe('replacements: the day before, of and after a term ends', () => {
  // x serves the full 3 years: the rule says replace, x may come back after the year's pause.
  const rows = reference([member('x', '2024-03-01', { plannedEnd: '2027-03-01' })]);

  it('the day before: the term ends tomorrow, replace by the end day; x has served the maximum', () => {
    expect(rows('2027-02-28')).toEqual([
      expect.objectContaining({
        kind: 'ending',
        organisationKind: 'municipality',
        exempt: false,
        replaceBy: '2027-03-01',
        daysLeft: 1,
        verdict: { kind: 'must-replace', rule: 'max-term', earliestReappointment: '2028-03-01' },
      }),
    ]);
  });

  it('the end day: the seat is vacant since that day (x no longer serves)', () => {
    expect(rows('2027-03-01')).toEqual([
      expect.objectContaining({
        kind: 'vacant',
        replaceBy: '2027-03-01',
        membership: expect.objectContaining({ personId: 'x' }),
        verdict: { kind: 'must-replace', rule: 'max-term', earliestReappointment: '2028-03-01' },
      }),
    ]);
  });

  it('the day after: still vacant since the end day; x is in the pause until a year after', () => {
    expect(rows('2027-03-02')).toEqual([
      expect.objectContaining({
        kind: 'vacant',
        replaceBy: '2027-03-01',
        verdict: { kind: 'must-replace', rule: 'pause', earliestReappointment: '2028-03-01' },
      }),
    ]);
  });

  it('after the pause the member who ran out of years may be appointed again (a fresh term)', () => {
    expect(rows('2028-03-01')[0]).toMatchObject({
      kind: 'vacant',
      verdict: { kind: 'reappointable', latestEnd: '2031-03-01' },
    });
  });

  it('the window: a term ending exactly `days` ahead is listed, one day later is not', () => {
    expect(rows('2026-12-01', 90).map((r) => r.kind)).toEqual(['ending']); // 90 days to 2027-03-01
    expect(rows('2026-11-30', 90)).toEqual([]); // 91 days
    expect(rows('2026-11-30', 91).map((r) => r.kind)).toEqual(['ending']);
  });
});

describe('replacements: re-appointment by the appointment rules', () => {
  it('a member with years left may be re-appointed up to the maximum', () => {
    const rows = reference([member('x', '2025-03-01', { plannedEnd: '2027-03-01' })]);
    expect(rows('2027-02-01')[0]).toMatchObject({
      kind: 'ending',
      verdict: { kind: 'reappointable', latestEnd: '2028-03-01' },
    });
  });

  it('a member who was ended must be replaced, by the day the membership ends', () => {
    const rows = reference([member('x', '2025-03-01', { plannedEnd: '2028-03-01', endedOn: '2027-02-15' })]);
    expect(rows('2027-02-01')[0]).toMatchObject({
      kind: 'ending',
      replaceBy: '2027-02-15',
      verdict: { kind: 'left' },
    });
    expect(rows('2027-02-15')[0]).toMatchObject({
      kind: 'vacant',
      replaceBy: '2027-02-15',
      verdict: { kind: 'left' },
    });
  });

  it('KL appoints its own: marked exempt, no term limit', () => {
    const rows = bodyReplacements(
      {
        group: REFERENCE,
        memberships: [member('kl', '2024-01-01', { plannedEnd: '2027-03-01' })],
        persons: new Map([['kl', person('kl', 'KL')]]),
        governance: fki,
        today: '2027-02-01',
      },
      90,
    );
    expect(rows.find((r) => r.organisationKind === 'KL')).toMatchObject({
      kind: 'ending',
      exempt: true,
      verdict: { kind: 'exempt' },
    });
  });
});

describe('replacements: successors and seats', () => {
  it('a term whose member is appointed again from its end is not listed', () => {
    const rows = reference([
      member('x', '2025-03-01', { plannedEnd: '2027-03-01' }),
      member('x', '2027-03-01', { plannedEnd: '2028-03-01' }),
    ]);
    expect(rows('2027-02-01')).toEqual([]);
  });

  it('a successor of the same kind appointed from a later day takes the seat', () => {
    const rows = reference([
      member('x', '2025-03-01', { plannedEnd: '2027-03-01' }),
      member('y', '2027-03-01', { plannedEnd: '2030-03-01' }),
    ]);
    expect(rows('2027-02-01')).toEqual([]);
    expect(rows('2027-03-01')).toEqual([]); // y serves from the end day: nothing vacant
  });

  it('a successor of another organisation kind does not', () => {
    const rows = reference(
      [member('x', '2025-03-01', { plannedEnd: '2027-03-01' }), member('udk', '2027-03-01')],
      [person('udk', 'UDK')],
    );
    expect(rows('2027-02-01').map((r) => [r.kind, r.organisationKind])).toEqual([['ending', 'municipality']]);
  });

  it('more members than seats: the first term to end needs no successor', () => {
    const rows = reference([
      member('x', '2025-03-01', { plannedEnd: '2027-03-01' }),
      member('y', '2025-03-01', { plannedEnd: '2027-04-01' }),
    ]);
    // 7 municipal members on 6 seats: x's end brings it to 6, y's leaves a seat to fill.
    expect(rows('2027-02-01').map((r) => [r.kind, 'membership' in r ? r.membership.personId : ''])).toEqual([
      ['ending', 'y'],
    ]);
  });

  it('seats nobody held are counted per kind, soonest first (vacant before ending), UDK exempt', () => {
    const rows = bodyReplacements(
      {
        group: { id: 'steering', kind: 'board' },
        memberships: [
          {
            personId: 'a',
            groupId: 'steering',
            role: 'chair',
            termStart: '2024-01-01',
            plannedEnd: '2027-04-01',
          },
          {
            personId: 'b',
            groupId: 'steering',
            role: 'member',
            termStart: '2020-01-01',
            plannedEnd: '2025-01-01',
          },
          { personId: 's', groupId: 'steering', role: 'staff', termStart: '2020-01-01' },
        ],
        persons: new Map([
          ['a', person('a')],
          ['b', person('b')],
          ['s', person('s', 'KOMBIT')],
        ]),
        governance: fki,
        today: '2027-02-01',
      },
      90,
    );
    expect(
      rows.map((r) => [
        r.kind,
        r.organisationKind,
        r.replaceBy,
        r.kind === 'unfilled' ? r.count : r.membership.personId,
      ]),
    ).toEqual([
      ['vacant', 'municipality', '2025-01-01', 'b'],
      ['unfilled', 'municipality', '2027-02-01', 7],
      ['unfilled', 'KL', '2027-02-01', 1],
      ['unfilled', 'UDK', '2027-02-01', 1],
      ['ending', 'municipality', '2027-04-01', 'a'],
    ]);
    expect(rows.find((r) => r.organisationKind === 'UDK')?.exempt).toBe(true);
    expect(rows.find((r) => r.kind === 'vacant')).toMatchObject({
      // b's 5 years ended 2025-01-01 and the year's pause is over: a fresh term from today.
      verdict: { kind: 'reappointable', latestEnd: '2032-02-01' },
    });
  });
});

describe('the genbesættelse command', () => {
  const h = membersHarnessPerTest(); // today 2026-01-15

  async function run(args: string, locale: Locale): Promise<string> {
    const spec = membersFeature.commands!.find((c) => commandNames(c.id).includes('genbesættelse'))!;
    const replies: Reply[] = [];
    await spec.handle({
      locale,
      t: translatorFor(locale),
      actor: { aadObjectId: 'sec-1', channelAccountId: '29:sec', roles: ['administer'] },
      conversation: { kind: 'personal', conversationId: 'c' },
      services: membersAppServices(h),
      commands: [],
      features: [],
      reply: async (message: Reply) => {
        replies.push(message);
      },
      commandName: 'genbesættelse',
      args,
    } as unknown as CommandContext);
    const reply = replies[0]!;
    if (typeof reply === 'string' || !reply.card) throw new Error('no card');
    assertValidCard(reply.card);
    return JSON.stringify(reply.card);
  }

  it('is for the secretariat, in the help, with the days as an argument', () => {
    const spec = membersFeature.commands!.find((c) => c.id === 'replacements')!;
    expect(commandNames(spec.id)).toEqual(['genbesættelse', 'replacements', 'nyoppnevning']);
    expect(spec.allowedRoles).toEqual(['administer']);
    expect(spec.helpKey).toBe('members.command_replacements');
  });

  it('names the member, the day to replace by and the rule, per body, in Danish and English', async () => {
    // 3 years in a row in a reference group by 2026-03-01: the rule says replace.
    const erik = municipal({
      name: 'Erik',
      groupId: 'ref-drift',
      termStart: '2023-03-01',
      plannedEnd: '2026-03-01',
    });
    expect((await h.service.appoint(erik, 'sec')).ok).toBe(true);
    const da = await run('', 'da');
    expect(da).toContain('Genbesættelse: ledige pladser og perioder, der slutter inden for 90 dage');
    expect(da).toContain('Referencegruppe Drift og forvaltning');
    expect(da).toContain('"title":"Erik"');
    expect(da).toContain(
      'København: perioden slutter 1. marts 2026 (om 45 dage). Genbesæt senest 1. marts 2026. Skal erstattes: har siddet det højeste antal år i træk. Kan genudpeges fra 1. marts 2027.',
    );
    expect(da).toContain('Kommuner: 9 ledige pladser uden tidligere medlem. Genbesæt straks.');
    expect(da).toContain(
      'UDK: 1 ledig plads uden tidligere medlem. Genbesæt straks. UDK udpeger selv; ingen periodegrænse.',
    );
    const en = await run('', 'en');
    expect(en).toContain(
      'København: the term ends 1 March 2026 (in 45 days). Replace by 1 March 2026. Must be replaced: has served the most years in a row. Can be re-appointed from 1 March 2027.',
    );
  });

  it('takes the window in days: a term 45 days ahead is not in a 30-day window', async () => {
    const erik = municipal({
      name: 'Erik',
      groupId: 'ref-drift',
      termStart: '2023-03-01',
      plannedEnd: '2026-03-01',
    });
    expect((await h.service.appoint(erik, 'sec')).ok).toBe(true);
    const card = await run('30', 'da');
    expect(card).toContain('inden for 30 dage');
    expect(card).not.toContain('Erik');
  });
});
