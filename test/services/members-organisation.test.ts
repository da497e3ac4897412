/**
 * The organisation is kept per membership (issue 26.9): it was kept on the person, so Mads's later
 * appointment for Aarhus silently made his steering-group seat an Aarhus seat. Now each membership
 * has its own, the appointment for another organisation warns but stores both, and the seats and
 * the K98 spread count the membership's organisation.
 */
import { warningText } from '../../src/features/members/member-cards';
import { translatorFor } from '../../src/platform/i18n';
import { membersHarnessPerTest, municipal } from './members-support';

const h = membersHarnessPerTest();
const KL = { kind: 'KL' as const };
const AARHUS = { kind: 'municipality' as const, municipalityCode: '751' };

const mads = (groupId: string, organisation: typeof KL | typeof AARHUS, termStart: string) => ({
  personId: 'mads',
  name: 'Mads',
  organisation,
  groupId,
  role: 'member' as const,
  termStart,
});

describe('an appointment for another organisation', () => {
  it('stores both, each membership with its own organisation, and warns in both languages', async () => {
    const first = await h.service.appoint(mads('steering', KL, '2026-01-01'), 'sec');
    expect(first.ok && first.warnings.filter((w) => w.rule === 'other-organisation')).toEqual([]);
    const second = await h.service.appoint(mads('ref-drift', AARHUS, '2026-02-01'), 'sec');
    expect(second.ok).toBe(true);
    if (!second.ok) return;
    const warning = second.warnings.find((w) => w.rule === 'other-organisation')!;
    expect(warningText(translatorFor('da'), warning)).toBe(
      'Bemærk: Mads er i forvejen udpeget for KL i Kommunestyregruppen; denne udpegning er for Aarhus. Begge udpegninger er gemt.',
    );
    expect(warningText(translatorFor('en'), warning)).toBe(
      'Note: Mads is already appointed for KL in Municipal steering group; this appointment is for Aarhus. Both appointments are stored.',
    );

    const byGroup = Object.fromEntries(
      (await h.people.membershipsOf('mads')).map((m) => [m.groupId, m.organisation?.name]),
    );
    expect(byGroup).toEqual({ steering: 'KL', 'ref-drift': 'Aarhus' });
  });

  it('the seats and the K98 spread count the membership’s organisation, not the person’s latest', async () => {
    await h.service.appoint(mads('steering', KL, '2026-01-01'), 'sec');
    await h.service.appoint(mads('ref-drift', AARHUS, '2026-02-01'), 'sec');
    // Steering's one KL seat is still Mads's: a second KL member is refused.
    const secondKl = await h.service.appoint(
      { ...municipal({ termStart: '2026-03-01' }), organisation: KL },
      'sec',
    );
    expect(secondKl.ok || secondKl.refusal).toMatchObject({ rule: 'no-seat', organisationKind: 'KL' });
    const steering = await h.service.composition('steering', '2026-03-01');
    expect(steering.spread.groups).toEqual([]); // Mads is not an Aarhus member there
    const drift = await h.service.composition('ref-drift', '2026-03-01');
    expect(drift.spread.groups).toEqual([{ k98Group: 'Storbykommuner', count: 1, personIds: ['mads'] }]);
  });

  it('a record from before (organisation on the person only) keeps its organisation when a new one comes', async () => {
    await h.people.savePerson({ id: 'mads', name: 'Mads', organisation: { kind: 'KL', name: 'KL' } });
    await h.people.saveMembership({
      personId: 'mads',
      groupId: 'steering',
      role: 'member',
      termStart: '2025-01-01',
    });
    const appointed = await h.service.appoint(mads('ref-drift', AARHUS, '2026-02-01'), 'sec');
    expect(appointed.ok && appointed.warnings.map((w) => w.rule)).toContain('other-organisation');
    const steering = await h.people.membersOf('steering');
    expect(steering.map((m) => m.organisation?.name)).toEqual(['KL']);
    expect((await h.people.getPerson('mads'))?.organisation.name).toBe('Aarhus');
  });

  it('no warning for a further appointment for the same organisation', async () => {
    await h.service.appoint(mads('steering', AARHUS, '2026-01-01'), 'sec');
    const again = await h.service.appoint(mads('ref-drift', AARHUS, '2026-02-01'), 'sec');
    expect(again.ok && again.warnings.some((w) => w.rule === 'other-organisation')).toBe(false);
  });
});

describe('the seniority warning and a new body', () => {
  it('is not given on the first appointments of a body nobody has sat in for a year', async () => {
    for (let i = 0; i < 4; i++) {
      const result = await h.service.appoint(
        municipal({ groupId: 'ref-drift', termStart: '2026-01-15' }),
        'sec',
      );
      expect(result.ok && result.warnings.some((w) => w.rule === 'seniority')).toBe(false);
    }
  });

  it('is given once the body is a year old and too few are senior', async () => {
    const founder = municipal({ groupId: 'ref-drift', termStart: '2025-01-01', plannedEnd: '2025-06-01' });
    expect((await h.service.appoint(founder, 'sec')).ok).toBe(true);
    // The body is over a year old; its only senior left: 3 new members have no senior among them.
    h.clock.set('2026-02-01T09:00:00.000Z');
    let last;
    for (let i = 0; i < 3; i++)
      last = await h.service.appoint(municipal({ groupId: 'ref-drift', termStart: '2026-02-01' }), 'sec');
    expect(last?.ok && last.warnings.find((w) => w.rule === 'seniority')).toEqual({
      rule: 'seniority',
      seniorCount: 0,
      requiredSenior: 1,
      memberCount: 3,
    });
  });
});
