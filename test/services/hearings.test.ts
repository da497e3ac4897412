import { governanceRoles } from '../../src/domain/governance';
import { validateCard } from '../../src/platform/cards/validate';
import { createScheduler } from '../../src/app/scheduler';
import { hearingJobsOf } from '../../src/features/hearings/hearings-service';
import { SqliteStore } from '../../src/platform/storage/sqlite/sqlite-store';
import { RoleResolver } from '../../src/domain/roles';
import { ExtensionRepository, ExtensionService } from '../../src/features/working-groups';
import type { ActorInGroups } from '../../src/features/working-groups/working-groups-service';
import { baseGovernance, hearingWorld, openHearing, withRule, type HearingWorld } from './hearings-fixture';

let worlds: HearingWorld[] = [];

async function world(options: Parameters<typeof hearingWorld>[1] = {}) {
  const created = await hearingWorld(SqliteStore.inMemory(), options);
  worlds.push(created);
  return created;
}

afterEach(async () => {
  for (const w of worlds) await w.store.close();
  worlds = [];
});

const json = (value: unknown) => JSON.stringify(value);

/** The parent reference group's vote on extensions, on the world's store and register. */
function extensionsOf(w: HearingWorld): ExtensionService {
  return new ExtensionService({
    repository: new ExtensionRepository(w.store),
    workingGroups: w.workingGroups,
    roles: new RoleResolver(w.people, w.clock, [], w.governance.timeZone, governanceRoles(w.governance)),
    messenger: w.messenger,
    audit: w.audit,
    clock: w.clock,
    governance: w.governance,
  });
}

describe('opening a hearing', () => {
  it('posts a valid vote card in the steering channel, stores its activity id and snapshots the current steering members', async () => {
    const w = await world();
    const hearing = await openHearing(w);
    expect(hearing.eligibleVoterIds).toEqual(w.voters); // not "former", not "ref1"
    expect(hearing.closesAt).toBe('2027-01-25T15:00:00.000Z'); // 14 local days, to 16:00 that day
    const [post] = w.messenger.postsTo('steering');
    expect(post).toBeDefined();
    expect(hearing.activityId).toBe(post!.activityId);
    expect(validateCard(post!.message.card).problems).toEqual([]);
    const card = post!.message.card as { refresh?: { userIds: string[] } };
    expect(card.refresh?.userIds).toEqual(w.voters.map((id) => `8:orgid:${id}`));
    expect(await w.service.ranking()).toEqual([
      { id: `hearing:${hearing.id}`, title: 'Fælles log-format', planned: true },
    ]);
  });

  it('opens one hearing for a submit delivered twice (same request key)', async () => {
    const w = await world();
    const input = {
      proposal: (await import('./hearings-fixture')).PROPOSAL,
      proposingGroupId: 'ref-arkitektur',
      proposer: { id: 'ref1' },
      requestKey: 'card-1',
    };
    const a = await w.service.open(input);
    const b = await w.service.open(input);
    expect(b.id).toBe(a.id);
    expect(w.messenger.postsTo('steering')).toHaveLength(1);
  });

  it('falls back to the shared view beyond 60 voters and says so', async () => {
    const w = await world({ voterCount: 61 });
    await openHearing(w);
    const card = w.messenger.postsTo('steering')[0]!.message.card as { refresh?: unknown };
    expect(card.refresh).toBeUndefined();
    expect(json(card)).toContain('mere end 60');
    expect(validateCard(card).ok).toBe(true);
  });
});

describe('voting', () => {
  it('refuses a non-member with the reason, and does not count the attempt', async () => {
    const w = await world();
    const hearing = await openHearing(w);
    const result = await w.service.vote(hearing.id, { id: 'ref1' }, 'approve');
    expect(result.kind).toBe('not-eligible');
    // A former member is told when their term ended (issue 20), not the generic refusal.
    const former = await w.service.vote(hearing.id, { id: 'former' }, 'approve');
    expect(former).toMatchObject({ kind: 'term-ended', endedOn: '2024-12-31' });
    expect(await w.service.votes(hearing.id)).toEqual([]);
    const card = await w.service.userCard(hearing, 'ref1', 'da', 'refused');
    expect(json(card)).toContain('Kun styregruppens medlemmer');
    expect(json(card)).not.toContain('hearing.vote');
  });

  it('lets a voter change the vote until the close: the last vote counts, and their own card shows it', async () => {
    const w = await world();
    const hearing = await openHearing(w);
    await w.service.vote(hearing.id, { id: 'v01' }, 'reject', 'for dyrt');
    w.clock.advance(60_000);
    const changed = await w.service.vote(hearing.id, { id: 'v01' }, 'approve', 'ok efter afklaring');
    expect(changed.kind).toBe('recorded');
    if (changed.kind === 'recorded') expect(changed.tally).toMatchObject({ approve: 1, reject: 0, cast: 1 });
    const own = await w.service.userCard((await w.service.get(hearing.id))!, 'v01', 'da');
    expect(validateCard(own).problems).toEqual([]);
    expect(json(own)).toContain('Din stemme: For');
    expect(json(own)).toContain('ok efter afklaring');
    // The shared card was updated in place with the live tally (off the vote's path: wait for it).
    await w.service.idle();
    const lastUpdate = w.messenger.updates.at(-1)!;
    expect(lastUpdate.activityId).toBe(hearing.activityId);
    expect(json(lastUpdate.message.card)).toContain('1 for, 0 imod');
    const audit = await w.audit.export('2027-01', '2027-01');
    expect(audit.filter((entry) => entry.action === 'hearing.vote')).toHaveLength(2);
  });

  it('closes as soon as every eligible voter has voted, exactly once, and posts the result to both channels', async () => {
    const w = await world({ voterCount: 3 });
    const hearing = await openHearing(w);
    await w.service.vote(hearing.id, { id: 'v01' }, 'approve', 'godt forslag');
    await w.service.vote(hearing.id, { id: 'v02' }, 'reject');
    const last = await w.service.vote(hearing.id, { id: 'v03' }, 'approve');
    expect(last.kind === 'recorded' && last.closedNow).toBe(true);
    const closed = (await w.service.get(hearing.id))!;
    expect(closed.status).toBe('closed');
    expect(closed.result).toMatchObject({
      outcome: 'approved',
      approve: 2,
      reject: 1,
      reason: 'full-turnout',
    });
    expect(await w.service.close(hearing.id, 'deadline')).toBe(false); // already closed
    const results = w.messenger.posts.filter((post) =>
      json(post.message.card).includes('Resultat af høringen'),
    );
    expect(results.map((post) => post.groupId).sort()).toEqual(['ref-arkitektur', 'steering']);
    for (const post of results) expect(validateCard(post.message.card).problems).toEqual([]);
    expect(json(results[0]!.message.card)).toContain('godt forslag');
    const late = await w.service.vote(hearing.id, { id: 'v02' }, 'approve');
    expect(late.kind).toBe('closed');
    const audit = await w.audit.export('2027-01', '2027-01');
    expect(audit.filter((entry) => entry.action === 'hearing.close')).toHaveLength(1);
  });
});

describe('outcome rules', () => {
  it('a tie is rejected', async () => {
    const w = await world({ voterCount: 4 });
    const hearing = await openHearing(w);
    await w.service.vote(hearing.id, { id: 'v01' }, 'approve');
    await w.service.vote(hearing.id, { id: 'v02' }, 'reject');
    await w.service.vote(hearing.id, { id: 'v03' }, 'abstain');
    await w.service.close(hearing.id, 'deadline');
    expect((await w.service.get(hearing.id))!.result).toMatchObject({
      outcome: 'rejected',
      approve: 1,
      reject: 1,
      abstain: 1,
    });
    expect((await w.groups.listGroups()).some((g) => g.kind === 'working')).toBe(false);
    expect(await w.service.ranking()).toEqual([]);
  });

  it('too few voters is no quorum', async () => {
    const w = await world({ voterCount: 5 });
    const hearing = await openHearing(w);
    await w.service.vote(hearing.id, { id: 'v01' }, 'approve');
    await w.service.vote(hearing.id, { id: 'v02' }, 'approve');
    await w.service.close(hearing.id, 'deadline');
    const result = (await w.service.get(hearing.id))!.result!;
    expect(result.outcome).toBe('no-quorum');
    expect(result.turnout).toBeCloseTo(0.4);
  });

  it('silence is consent when configured: a lone reject loses against the silent majority', async () => {
    const w = await world({ voterCount: 5, governance: withRule('silence-is-consent') });
    const hearing = await openHearing(w);
    await w.service.vote(hearing.id, { id: 'v01' }, 'reject');
    await w.service.close(hearing.id, 'deadline');
    expect((await w.service.get(hearing.id))!.result).toMatchObject({
      outcome: 'approved',
      reject: 1,
      cast: 1,
    });
    expect((await w.service.get(hearing.id))!.workingGroupId).toBe('wg-faelles-log-format');
  });
});

describe('close by deadline through the scheduler', () => {
  it('reminds non-voters before the close, closes at the closing time, refuses later votes', async () => {
    const w = await world({ voterCount: 4 });
    const hearing = await openHearing(w);
    await w.service.vote(hearing.id, { id: 'v01' }, 'approve');
    await w.service.vote(hearing.id, { id: 'v02' }, 'approve');
    await w.service.vote(hearing.id, { id: 'v03' }, 'reject');
    const scheduler = createScheduler({
      store: w.store,
      governance: baseGovernance,
      messenger: w.messenger,
      groups: { listGroups: async () => [] },
      meetings: { listUpcoming: async () => [] },
      hearings: hearingJobsOf(w.service),
      instanceId: 'test',
    });
    // 2 days before the close (16:00 on the 25th): the reminder is due, the close is not.
    w.clock.set('2027-01-23T15:01:00.000Z');
    await scheduler.runScan(w.clock.now(), { ignoreLease: true });
    expect((await w.service.get(hearing.id))!.status).toBe('open');
    const reminder = w.messenger
      .postsTo('steering')
      .find((post) => post.message.text?.includes('Påmindelse'));
    expect(reminder?.message.text).toContain('Voter 4');
    expect(reminder?.message.text).not.toContain('Voter 1');

    w.clock.set('2027-01-25T15:05:00.000Z');
    const report = await scheduler.runScan(w.clock.now(), { ignoreLease: true });
    expect(report.performed.some((key) => key.startsWith('hearing-close:steering:'))).toBe(true);
    const closed = (await w.service.get(hearing.id))!;
    expect(closed.result).toMatchObject({ outcome: 'approved', approve: 2, reject: 1, reason: 'deadline' });
    expect((await w.service.vote(hearing.id, { id: 'v04' }, 'reject')).kind).toBe('closed');
    // A second scan does nothing more.
    const posts = w.messenger.posts.length;
    await scheduler.runScan(new Date(w.clock.now().getTime() + 10 * 60_000), { ignoreLease: true });
    expect(w.messenger.posts.length).toBe(posts);
  });

  it('a vote arriving after the closing time closes the hearing and is refused', async () => {
    const w = await world({ voterCount: 3 });
    const hearing = await openHearing(w);
    await w.service.vote(hearing.id, { id: 'v01' }, 'approve');
    await w.service.vote(hearing.id, { id: 'v02' }, 'approve');
    w.clock.set('2027-01-25T15:00:00.000Z');
    expect((await w.service.vote(hearing.id, { id: 'v03' }, 'reject')).kind).toBe('closed');
    expect((await w.service.get(hearing.id))!.result).toMatchObject({ outcome: 'approved', cast: 2 });
  });
});

describe('withdrawal', () => {
  it('only the proposer withdraws, before the close; votes are refused afterwards', async () => {
    const w = await world();
    const hearing = await openHearing(w);
    await w.service.vote(hearing.id, { id: 'v01' }, 'approve');
    expect((await w.service.withdraw(hearing.id, 'v02')).kind).toBe('not-proposer');
    expect((await w.service.withdraw(hearing.id, 'ref1')).kind).toBe('withdrawn');
    expect((await w.service.withdraw(hearing.id, 'ref1')).kind).toBe('withdrawn'); // retried: same answer
    expect((await w.service.vote(hearing.id, { id: 'v02' }, 'approve')).kind).toBe('withdrawn');
    expect(await w.service.close(hearing.id, 'deadline')).toBe(false);
    expect((await w.service.get(hearing.id))!.status).toBe('withdrawn');
    expect(await w.service.listOpen()).toEqual([]);
    expect(await w.service.ranking()).toEqual([]);
    expect(
      w.messenger.postsTo('ref-arkitektur').some((post) => post.message.text?.includes('trukket tilbage')),
    ).toBe(true);
    expect(json(w.messenger.updates.at(-1)!.message.card)).toContain('trukket tilbage');
  });
});

describe("a working group's life", () => {
  it('approval creates it (members by name, chair, parent, end date), asks the secretariat to bind it, then it is extended and dissolved', async () => {
    const w = await world({ voterCount: 2 });
    const hearing = await openHearing(w);
    await w.service.vote(hearing.id, { id: 'v01' }, 'approve');
    await w.service.vote(hearing.id, { id: 'v02' }, 'approve');
    const group = await w.groups.getGroup('wg-faelles-log-format');
    expect(group).toMatchObject({
      kind: 'working',
      parentGroupId: 'ref-arkitektur',
      plannedEnd: '2027-06-30',
      status: 'active',
    });
    const charter = await w.workingGroups.charter('wg-faelles-log-format');
    expect(charter?.proposal.members).toEqual([
      { name: 'Anna Jensen', organisation: 'Aarhus Kommune' },
      { name: 'Bo Hansen', organisation: 'KOMBIT' },
    ]);
    expect(charter?.proposal.chair).toBe('Anna Jensen');
    // Addressed to the secretariat (its channel, else its members personally: the app's secretariat
    // route, test/services/secretariat-delivery.test.ts), never the steering group's channel.
    const isBindRequest = (post: { message: { card?: object } }) =>
      json(post.message.card).includes('tilknyt wg-faelles-log-format');
    expect(w.messenger.postsTo('steering').some(isBindRequest)).toBe(false);
    const bindRequest = w.messenger.postsTo('secretariat').find(isBindRequest);
    expect(bindRequest).toBeDefined();
    expect(validateCard(bindRequest!.message.card).problems).toEqual([]);
    expect(await w.service.ranking()).toEqual([
      { id: 'wg-faelles-log-format', title: 'Fælles log-format', planned: false },
    ]);

    // Extension: a steering member may not ask; a member of the parent reference group may, and
    // the parent's vote decides it (working-group-extensions.ts).
    const extensions = extensionsOf(w);
    const outsider: ActorInGroups = { id: 'v01', secretariat: false, memberships: [] };
    const ask = (actor: ActorInGroups, end: string, reason: string) =>
      extensions.request(actor, 'wg-faelles-log-format', end, reason);
    expect((await ask(outsider, '2027-09-30', 'mere tid')).kind).toBe('not-allowed');
    const refMember = { id: 'ref1', secretariat: false, memberships: await w.people.membershipsOf('ref1') };
    expect((await ask(refMember, '2027-05-01', 'x')).kind).toBe('not-later');
    expect((await ask(refMember, '2027-09-30', '')).kind).toBe('missing-reason');
    const requested = await ask(refMember, '2027-09-30', 'Analysen kræver mere tid');
    if (requested.kind !== 'requested') throw new Error(requested.kind);
    await extensions.vote({
      parentGroupId: 'ref-arkitektur',
      requestId: requested.request.id,
      choice: 'for',
      voterId: 'ref1',
    });
    w.clock.set(requested.request.closesAt);
    expect((await extensions.close('ref-arkitektur', requested.request.id)).kind).toBe('closed');
    expect((await w.groups.getGroup('wg-faelles-log-format'))!.plannedEnd).toBe('2027-09-30');
    const decisions = (await w.audit.export('2027-01', '2027-01')).filter(
      (entry) => entry.action === 'decision.working-group.extend',
    );
    expect(decisions).toEqual([
      expect.objectContaining({
        details: {
          from: '2027-06-30',
          to: '2027-09-30',
          reason: 'Analysen kræver mere tid',
          requestId: requested.request.id,
        },
      }),
    ]);

    // Dissolution keeps the history, and the group becomes read-only.
    expect((await w.workingGroups.dissolve(refMember, 'wg-faelles-log-format')).kind).toBe('dissolved');
    expect((await w.groups.getGroup('wg-faelles-log-format'))!.status).toBe('dissolved');
    expect(await w.workingGroups.charter('wg-faelles-log-format')).toBeDefined();
    expect((await ask(refMember, '2027-12-31', 'igen')).kind).toBe('read-only');
    expect((await w.workingGroups.dissolve(refMember, 'wg-faelles-log-format')).kind).toBe(
      'already-dissolved',
    );
    expect(await w.service.ranking()).toEqual([]);
  });

  it('a second approved group with the same title gets its own id; re-running the close creates nothing twice', async () => {
    const w = await world({ voterCount: 1 });
    const first = await openHearing(w);
    await w.service.vote(first.id, { id: 'v01' }, 'approve');
    const second = await openHearing(w, { priority: 1 });
    await w.service.vote(second.id, { id: 'v01' }, 'approve');
    expect((await w.service.get(second.id))!.workingGroupId).toBe('wg-faelles-log-format-2');
    await w.service.close(first.id, 'deadline');
    const working = (await w.groups.listGroups()).filter((g) => g.kind === 'working').map((g) => g.id);
    expect(working).toEqual(['wg-faelles-log-format', 'wg-faelles-log-format-2']);
    // The second one was ranked first.
    expect((await w.service.ranking()).map((entry) => entry.id)).toEqual([
      'wg-faelles-log-format-2',
      'wg-faelles-log-format',
    ]);
  });
});
