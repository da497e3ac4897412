/**
 * The audit log: every decision, vote, binding, role change and appointment is written with who,
 * when and what; the log is append-only and exportable (JSON Lines, by month).
 */
import { AuditRepository, type AuditEntry } from '../../src/platform/audit/audit-repository';
import { PERSONAS, STEERING_CHANNEL, startSecureBot, type SecureBot } from './support/secure-bot';
import {
  freshHearing,
  freshMeeting,
  freshPerson,
  freshProposal,
  freshWorkingGroup,
} from './support/fixtures';

let bot: SecureBot;
const { secretariat, member, chair } = PERSONAS;
beforeAll(async () => {
  bot = await startSecureBot();
});
afterAll(async () => bot?.stop());

const allEntries = () => bot.app.repositories.audit.export('2027-01', '2027-12');

/**
 * Entries in `after` that are not in `before`, counting duplicates. (Entries of the same
 * millisecond export in id order, which is random within the millisecond, so no slicing by count.)
 */
function added(before: AuditEntry[], after: AuditEntry[]): AuditEntry[] {
  const remaining = new Map<string, number>();
  for (const entry of before)
    remaining.set(JSON.stringify(entry), (remaining.get(JSON.stringify(entry)) ?? 0) + 1);
  return after.filter((entry) => {
    const key = JSON.stringify(entry);
    const left = remaining.get(key) ?? 0;
    if (left > 0) remaining.set(key, left - 1);
    return left === 0;
  });
}

/** Runs `act` through the bot and returns the audit entries it wrote. */
async function audited(act: () => Promise<unknown>): Promise<AuditEntry[]> {
  const before = await allEntries();
  await act();
  return added(before, await allEntries());
}

const now = () => bot.clock.now().toISOString();

test('binding a channel: who, when, what', async () => {
  const entries = await audited(() =>
    bot.say('tilknyt ref-forretning', secretariat, { channelId: '19:audit-bind@thread.tacv2' }),
  );
  expect(entries).toEqual([
    {
      at: now(),
      actorId: secretariat.aadObjectId,
      action: 'channel.bind',
      subject: 'group:ref-forretning',
      details: expect.any(Object),
      governanceVersion: expect.stringMatching(/^gv-/),
    },
  ]);
});

test('a decision (triage of an agenda proposal)', async () => {
  const proposalId = await freshProposal(bot.app, await freshMeeting(bot.app));
  const entries = await audited(() =>
    bot.invoke('proposal.triage', { groupId: 'ref-arkitektur', proposalId, decision: 'accept' }, secretariat),
  );
  expect(entries).toContainEqual(
    expect.objectContaining({
      at: now(),
      actorId: secretariat.aadObjectId,
      action: 'proposal.accept',
      subject: expect.stringContaining(proposalId),
    }),
  );
});

test('a vote in a written hearing, and the outcome when the hearing closes', async () => {
  const hearingId = await freshHearing(bot.app);
  const first = await audited(() =>
    bot.invoke('hearing.vote', { hearingId, choice: 'approve', comment: 'OK' }, member, {
      channelId: STEERING_CHANNEL,
    }),
  );
  expect(first).toContainEqual({
    at: now(),
    actorId: member.aadObjectId,
    action: 'hearing.vote',
    subject: `hearing:${hearingId}`,
    details: { choice: 'approve', comment: 'OK' },
    governanceVersion: expect.stringMatching(/^gv-/),
  });
  const last = await audited(() =>
    bot.invoke('hearing.vote', { hearingId, choice: 'approve' }, chair, { channelId: STEERING_CHANNEL }),
  );
  expect(last.map((e) => e.action)).toEqual(expect.arrayContaining(['hearing.vote', 'hearing.close']));
});

test('an appointment and a role change', async () => {
  const groupId = await freshWorkingGroup(bot.app);
  const personId = await freshPerson(bot.app);
  const appointed = await audited(() =>
    bot.invoke(
      'members.appoint',
      { groupId, personId, role: 'member', organisation: 'KOMBIT', termStart: '2027-01-11' },
      secretariat,
    ),
  );
  expect(appointed).toContainEqual(
    expect.objectContaining({
      at: now(),
      actorId: secretariat.aadObjectId,
      action: 'membership.appointed',
      subject: `person:${personId}`,
    }),
  );
  const changed = await audited(() =>
    bot.invoke('members.changeRole', { groupId, personId, role: 'chair' }, secretariat),
  );
  expect(changed).toContainEqual(
    expect.objectContaining({
      actorId: secretariat.aadObjectId,
      action: 'membership.role-changed',
      subject: `person:${personId}`,
    }),
  );
  expect(JSON.stringify(changed)).toContain('chair');
});

test('a refused action writes no audit entry', async () => {
  const hearingId = await freshHearing(bot.app);
  expect(
    await audited(() =>
      bot.invoke('hearing.vote', { hearingId, choice: 'approve' }, PERSONAS['non-member'], {
        channelId: STEERING_CHANNEL,
      }),
    ),
  ).toEqual([]);
  expect(
    await audited(() => bot.say('tilknyt steering', member, { channelId: '19:audit-refused@thread.tacv2' })),
  ).toEqual([]);
});

describe('append-only and exportable', () => {
  test('the repository offers no way to change or delete an entry', () => {
    const methods = Object.getOwnPropertyNames(AuditRepository.prototype).filter(
      (name) => name !== 'constructor',
    );
    expect(methods.sort()).toEqual(['append', 'export', 'exportJsonLines']);
  });

  test('appending the same content twice keeps both entries (nothing is overwritten)', async () => {
    const entry = { at: now(), actorId: 'test', action: 'test.same', subject: 'x' };
    const entries = await audited(async () => {
      await bot.app.repositories.audit.append(entry);
      await bot.app.repositories.audit.append(entry);
    });
    // Each carries the governance version it was written under (issue 23.3).
    const stamped = { ...entry, governanceVersion: expect.stringMatching(/^gv-/) };
    expect(entries).toEqual([stamped, stamped]);
  });

  test('export spans months, oldest first, as JSON Lines with who/when/what on every line', async () => {
    bot.clock.set('2027-02-03T10:00:00.000Z');
    await bot.say('tilknyt ref-drift', secretariat, { channelId: '19:audit-feb@thread.tacv2' });
    const lines = (await bot.app.repositories.audit.exportJsonLines('2027-01', '2027-02')).split('\n');
    const entries = lines.map((line) => JSON.parse(line) as AuditEntry);
    expect(entries.length).toBeGreaterThan(5);
    for (const entry of entries) {
      expect(entry).toEqual(
        expect.objectContaining({
          at: expect.any(String),
          actorId: expect.any(String),
          action: expect.any(String),
          subject: expect.any(String),
        }),
      );
    }
    const times = entries.map((e) => e.at);
    expect(times).toEqual([...times].sort());
    expect(entries.at(-1)).toMatchObject({
      action: 'channel.bind',
      subject: 'group:ref-drift',
      at: '2027-02-03T10:00:00.000Z',
    });
    // A one-month export leaves the other month out.
    expect(
      (await bot.app.repositories.audit.export('2027-01', '2027-01')).some((e) => e.at.startsWith('2027-02')),
    ).toBe(false);
  });
});
