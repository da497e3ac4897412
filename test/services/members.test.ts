import { membersHarnessPerTest, municipal } from './members-support';

const h = membersHarnessPerTest();

describe('max term (5 years steering, 3 years reference)', () => {
  it('accepts a steering term of exactly 5 years and refuses one day more, naming the dates', async () => {
    const exact = await h.service.appoint(
      municipal({ termStart: '2026-02-01', plannedEnd: '2031-02-01' }),
      'sec',
    );
    expect(exact.ok).toBe(true);
    const over = await h.service.appoint(
      municipal({ termStart: '2026-02-01', plannedEnd: '2031-02-02' }),
      'sec',
    );
    expect(over).toEqual({
      ok: false,
      refusal: {
        rule: 'max-term',
        serviceStart: '2026-02-01',
        maxEnd: '2031-02-01',
        earliestReappointment: '2032-02-01',
      },
    });
  });

  it('uses 3 years for a reference group and defaults the planned end to the maximum', async () => {
    const ok = await h.service.appoint(municipal({ groupId: 'ref-drift', termStart: '2026-02-01' }), 'sec');
    expect(ok.ok && ok.value.plannedEnd).toBe('2029-02-01');
    const over = await h.service.appoint(
      municipal({ groupId: 'ref-drift', termStart: '2026-02-01', plannedEnd: '2029-02-02' }),
      'sec',
    );
    expect(over.ok).toBe(false);
    expect(!over.ok && over.refusal.rule).toBe('max-term');
  });

  it('exempts KL, UDK and KOMBIT from the term limit', async () => {
    const kl = await h.service.appoint(
      {
        personId: 'kl1',
        name: 'KL rep',
        organisation: { kind: 'KL' },
        groupId: 'steering',
        role: 'member',
        termStart: '2026-01-01',
        plannedEnd: '2040-01-01',
      },
      'sec',
    );
    expect(kl.ok).toBe(true);
    expect(kl.ok && kl.value.plannedEnd).toBe('2040-01-01');
  });
});

describe('the pause before re-appointment', () => {
  async function servedFullTerm() {
    const first = municipal({ termStart: '2020-03-01', plannedEnd: '2025-03-01' });
    h.clock.set('2020-03-01T09:00:00.000Z');
    expect((await h.service.appoint(first, 'sec')).ok).toBe(true);
    expect((await h.service.endMembership('steering', first.personId, '2025-03-01', 'sec')).ok).toBe(true);
    return first;
  }

  it('allows re-appointment exactly one year after the full term and refuses one day earlier', async () => {
    const first = await servedFullTerm();
    const early = await h.service.appoint(
      { ...first, termStart: '2026-02-28', plannedEnd: undefined },
      'sec',
    );
    expect(early).toEqual({
      ok: false,
      refusal: { rule: 'pause', lastEnded: '2025-03-01', earliestReappointment: '2026-03-01' },
    });
    const onTime = await h.service.appoint(
      { ...first, termStart: '2026-03-01', plannedEnd: undefined },
      'sec',
    );
    expect(onTime.ok).toBe(true);
    expect(onTime.ok && onTime.value.plannedEnd).toBe('2031-03-01');
  });

  it('does not apply the pause to exempt organisations', async () => {
    const udk = {
      personId: 'udk1',
      name: 'UDK rep',
      organisation: { kind: 'UDK' as const },
      groupId: 'steering',
      role: 'member' as const,
    };
    expect((await h.service.appoint({ ...udk, termStart: '2019-01-01' }, 'sec')).ok).toBe(true);
    expect((await h.service.endMembership('steering', 'udk1', '2025-01-01', 'sec')).ok).toBe(true);
    expect((await h.service.appoint({ ...udk, termStart: '2025-01-02' }, 'sec')).ok).toBe(true);
  });
});

describe('seats of the profile (9 + KL + UDK; 6 + KL)', () => {
  it('fills 9 municipal seats in the steering group and refuses the 10th', async () => {
    for (let i = 0; i < 9; i++) expect((await h.service.appoint(municipal(), 'sec')).ok).toBe(true);
    const tenth = await h.service.appoint(municipal(), 'sec');
    expect(tenth).toEqual({
      ok: false,
      refusal: { rule: 'no-seat', organisationKind: 'municipality', seats: 9, occupied: 9 },
    });
    // KL still has its own seat; a second KL member does not.
    const kl = { organisation: { kind: 'KL' as const } };
    expect((await h.service.appoint(municipal(kl), 'sec')).ok).toBe(true);
    const secondKl = await h.service.appoint(municipal(kl), 'sec');
    expect(!secondKl.ok && secondKl.refusal).toEqual({
      rule: 'no-seat',
      organisationKind: 'KL',
      seats: 1,
      occupied: 1,
    });
  });

  it('has 6 municipal seats in a reference group and no UDK seat', async () => {
    for (let i = 0; i < 6; i++)
      expect((await h.service.appoint(municipal({ groupId: 'ref-forretning' }), 'sec')).ok).toBe(true);
    expect((await h.service.appoint(municipal({ groupId: 'ref-forretning' }), 'sec')).ok).toBe(false);
    const udk = await h.service.appoint(
      municipal({ groupId: 'ref-forretning', organisation: { kind: 'UDK' } }),
      'sec',
    );
    expect(!udk.ok && udk.refusal).toEqual({
      rule: 'no-seat',
      organisationKind: 'UDK',
      seats: 0,
      occupied: 0,
    });
  });

  it('frees the seat when a membership ends', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 9; i++) {
      const input = municipal();
      ids.push(input.personId);
      await h.service.appoint(input, 'sec');
    }
    await h.service.endMembership('steering', ids[0]!, '2026-01-10', 'sec');
    expect((await h.service.appoint(municipal({ termStart: '2026-01-10' }), 'sec')).ok).toBe(true);
  });
});

describe('warnings: seniority and K98 spread are reported, not enforced', () => {
  it('warns below 1/3 seniority and not at exactly 1/3', async () => {
    h.clock.set('2024-01-01T09:00:00.000Z');
    for (let i = 0; i < 2; i++) await h.service.appoint(municipal({ termStart: '2024-01-01' }), 'sec');
    // 2 seniors + 6 new = 8 members: ceil(8/3) = 3 needed -> warning, appointment still made.
    for (let i = 0; i < 5; i++) await h.service.appoint(municipal({ termStart: '2026-01-01' }), 'sec');
    const belowShare = await h.service.appoint(municipal({ termStart: '2026-01-01' }), 'sec');
    expect(belowShare.ok).toBe(true);
    expect(belowShare.ok && belowShare.warnings.find((w) => w.rule === 'seniority')).toEqual({
      rule: 'seniority',
      seniorCount: 2,
      requiredSenior: 3,
      memberCount: 8,
    });
    const report = await h.service.composition('steering', '2026-01-01');
    expect(report.seniority).toMatchObject({ ok: false, seniorCount: 2, memberCount: 8 });
  });

  it('accepts exactly 1/3 (3 seniors of 9) without a seniority warning', async () => {
    for (let i = 0; i < 3; i++) await h.service.appoint(municipal({ termStart: '2024-01-01' }), 'sec');
    for (let i = 0; i < 5; i++) await h.service.appoint(municipal({ termStart: '2026-01-01' }), 'sec');
    const ninth = await h.service.appoint(municipal({ termStart: '2026-01-01' }), 'sec');
    expect(ninth.ok && ninth.warnings.some((w) => w.rule === 'seniority')).toBe(false);
    expect((await h.service.composition('steering', '2026-01-01')).seniority).toMatchObject({
      ok: true,
      seniorCount: 3,
      requiredSenior: 3,
      memberCount: 9,
    });
  });

  it('warns about a second member from one K98 group while others are unrepresented', async () => {
    const first = await h.service.appoint(municipal({}, '101'), 'sec');
    expect(first.ok && first.warnings.some((w) => w.rule === 'spread')).toBe(false);
    const second = await h.service.appoint(municipal({}, '147'), 'sec');
    expect(second.ok && second.warnings.find((w) => w.rule === 'spread')).toEqual({
      rule: 'spread',
      k98Group: 'Hovedstadskommuner',
      count: 2,
      unrepresented: ['Landkommuner', 'Oplandskommuner', 'Provinsbykommuner', 'Storbykommuner'],
    });
    const composition = await h.service.composition('steering');
    expect(composition.spread.groups).toEqual([
      { k98Group: 'Hovedstadskommuner', count: 2, personIds: expect.any(Array) },
    ]);
    expect(composition.unrepresentedK98).toHaveLength(4);
  });
});

describe('changes are audited and idempotent', () => {
  it('audits appointment, role change and end with ids only', async () => {
    const input = municipal({ name: 'Hanne Hansen', email: 'hanne@example.dk' });
    await h.service.appoint(input, 'sec');
    h.clock.advance(60_000); // entries of one instant have no defined order
    await h.service.changeRole('steering', input.personId, 'chair', 'sec');
    h.clock.advance(60_000);
    await h.service.endMembership('steering', input.personId, '2026-06-01', 'sec');
    const entries = (await h.audit.export('2026-01', '2026-01')).filter(
      (e) => e.subject === `person:${input.personId}`,
    );
    expect(entries.map((e) => e.action)).toEqual([
      'membership.appointed',
      'membership.role-changed',
      'membership.ended',
    ]);
    expect(JSON.stringify(entries)).not.toContain('Hanne');
    expect(JSON.stringify(entries)).not.toContain('hanne@');
  });

  it('treats a repeated appointment as already done and refuses an overlapping one', async () => {
    const input = municipal({ plannedEnd: '2029-01-01' });
    expect((await h.service.appoint(input, 'sec')).ok).toBe(true);
    const again = await h.service.appoint(input, 'sec');
    expect(again.ok && again.alreadyDone).toBe(true);
    const overlap = await h.service.appoint({ ...input, termStart: '2026-06-01' }, 'sec');
    expect(!overlap.ok && overlap.refusal).toEqual({ rule: 'already-member', termStart: '2026-01-01' });
    expect(
      (await h.audit.export('2026-01', '2026-01')).filter((e) => e.action === 'membership.appointed'),
    ).toHaveLength(1);
  });

  it('refuses unknown groups and a new person without a name', async () => {
    expect(await h.service.appoint(municipal({ groupId: 'nope' }), 'sec')).toEqual({
      ok: false,
      refusal: { rule: 'unknown-group', groupId: 'nope' },
    });
    const nameless = await h.service.appoint(municipal({ name: undefined }), 'sec');
    expect(!nameless.ok && nameless.refusal).toMatchObject({ rule: 'invalid', field: 'name' });
  });
});

describe('reports', () => {
  it('lists terms ending within 90 days over all groups (the boundary day included)', async () => {
    const a = municipal({ termStart: '2025-01-01', plannedEnd: '2026-04-15' }); // 90 days after 2026-01-15
    const b = municipal({ groupId: 'ref-drift', termStart: '2025-01-01', plannedEnd: '2026-04-16' }); // 91 days
    const c = municipal({ groupId: 'ref-arkitektur', termStart: '2025-01-01', plannedEnd: '2026-02-01' });
    for (const input of [a, b, c]) expect((await h.service.appoint(input, 'sec')).ok).toBe(true);
    const ending = await h.service.termsEndingWithin('2026-01-15', 90);
    expect(ending.map((e) => [e.person.id, e.membership.groupId, e.endsOn, e.daysLeft])).toEqual([
      [c.personId, 'ref-arkitektur', '2026-02-01', 17],
      [a.personId, 'steering', '2026-04-15', 90],
    ]);
    const forScheduler = await h.service.listEndingMemberships();
    expect(forScheduler.map((e) => e.person.id).sort()).toEqual([a.personId, b.personId, c.personId].sort());
  });

  it('keeps ended memberships in the history', async () => {
    const input = municipal({ termStart: '2025-01-01' });
    await h.service.appoint(input, 'sec');
    await h.service.endMembership('steering', input.personId, '2026-01-10', 'sec');
    expect(await h.service.activeMembers('steering')).toHaveLength(0);
    const history = await h.service.history('steering');
    expect(history.map((r) => [r.person.id, r.membership.termStart, r.membership.endedOn])).toEqual([
      [input.personId, '2025-01-01', '2026-01-10'],
    ]);
  });
});
