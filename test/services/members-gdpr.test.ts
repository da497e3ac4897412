import { membersHarnessPerTest, municipal } from './members-support';

const h = membersHarnessPerTest();

describe('GDPR: export and erasure of a person', () => {
  it('exports the person, memberships and their audit entries as JSON', async () => {
    const input = municipal({ name: 'Karen Kristensen', email: 'karen@kk.dk', termStart: '2025-01-01' });
    await h.service.appoint(input, 'sec');
    await h.service.appoint(municipal(), 'sec'); // someone else's entry must not be in the export
    const data = await h.service.exportPersonData(input.personId);
    expect(data?.person).toMatchObject({ name: 'Karen Kristensen', email: 'karen@kk.dk' });
    expect(data?.memberships).toEqual([
      expect.objectContaining({ groupId: 'steering', termStart: '2025-01-01' }),
    ]);
    expect(data?.auditEntries.map((e) => [e.action, e.subject])).toEqual([
      ['membership.appointed', `person:${input.personId}`],
    ]);
    expect(JSON.parse(JSON.stringify(data))).toEqual(data);
  });

  it('refuses to erase someone with an active membership', async () => {
    const input = municipal();
    await h.service.appoint(input, 'sec');
    expect(await h.service.erasePerson(input.personId, 'sec')).toEqual({
      ok: false,
      refusal: { rule: 'active-membership', groupIds: ['steering'] },
    });
  });

  it('anonymises a former member, keeps membership dates and leaves the audit log readable and unchanged', async () => {
    const input = municipal({ name: 'Karen Kristensen', email: 'karen@kk.dk', termStart: '2024-01-01' });
    await h.service.appoint(input, 'sec');
    h.clock.advance(60_000);
    await h.service.changeRole('steering', input.personId, 'chair', 'sec');
    h.clock.advance(60_000);
    await h.service.endMembership('steering', input.personId, '2026-01-15', 'sec');
    h.clock.advance(60_000);
    const logBefore = await h.audit.export('2026-01', '2026-01');

    const erased = await h.service.erasePerson(input.personId, 'sec');
    expect(erased.ok).toBe(true);
    const person = await h.people.getPerson(input.personId);
    expect(person?.name).toMatch(/^Tidligere medlem #[0-9a-f]{6}$/);
    expect(person?.email).toBeUndefined();
    expect(person?.anonymisedAt).toBeDefined();

    // Memberships keep their dates; the history shows the pseudonym.
    const history = await h.service.history('steering');
    expect(
      history.map((r) => [r.person.name, r.membership.termStart, r.membership.endedOn, r.membership.role]),
    ).toEqual([[person!.name, '2024-01-01', '2026-01-15', 'chair']]);

    // The log was appended to, never rewritten; no entry holds the name or e-mail.
    const logAfter = await h.audit.export('2026-01', '2026-01');
    expect(logAfter.slice(0, logBefore.length)).toEqual(logBefore);
    expect(logAfter.slice(logBefore.length).map((e) => e.action)).toEqual(['person.anonymised']);
    expect(JSON.stringify(logAfter)).not.toMatch(/Karen|karen@/);

    // The decisions stay readable, with the name resolved now: the pseudonym, in the reader's language.
    const trail = await h.service.auditTrailOf(input.personId, 'en');
    expect(trail.map((t) => [t.entry.action, t.subjectName, t.entry.details?.groupId])).toEqual([
      ['membership.appointed', person!.name.replace('Tidligere medlem', 'Former member'), 'steering'],
      ['membership.role-changed', expect.stringMatching(/^Former member #/), 'steering'],
      ['membership.ended', expect.stringMatching(/^Former member #/), 'steering'],
      ['person.anonymised', expect.stringMatching(/^Former member #/), undefined],
    ]);
    expect(trail[1]!.entry.details).toMatchObject({ from: 'member', to: 'chair' });

    // Erasing again changes nothing.
    const again = await h.service.erasePerson(input.personId, 'sec');
    expect(again.ok && again.alreadyDone).toBe(true);
    expect((await h.people.getPerson(input.personId))?.name).toBe(person!.name);
  });
});
