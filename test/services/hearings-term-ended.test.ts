/**
 * A member whose term has ended cannot vote (issue 20), with a clear reason naming the day it ended:
 * before the hearing opened (not on its list), and while it was open (on the list, not active on
 * the Copenhagen date of the vote). The tally's eligible count stays as fixed at opening, and a vote
 * cast while the term ran stays counted.
 */
import { SqliteStore } from '../../src/platform/storage/sqlite/sqlite-store';
import { hearingWorld, openHearing, type HearingWorld } from './hearings-fixture';

let worlds: HearingWorld[] = [];
async function world() {
  const created = await hearingWorld(SqliteStore.inMemory());
  worlds.push(created);
  return created;
}
afterEach(async () => {
  for (const w of worlds) await w.store.close();
  worlds = [];
});

/** v03's term in the steering group runs out on `plannedEnd` (the first day they are no longer a member). */
async function endsOn(w: HearingWorld, plannedEnd: string) {
  await w.people.saveMembership({
    personId: 'v03',
    groupId: 'steering',
    role: 'member',
    termStart: '2025-01-01',
    plannedEnd,
  });
}

describe('a vote by a member whose term has ended', () => {
  it('before the hearing opened: refused with the day it ended, not counted', async () => {
    const w = await world();
    await endsOn(w, '2027-01-11'); // the day the hearing opens (09:00 UTC = 10:00 Copenhagen)
    const hearing = await openHearing(w);
    expect(hearing.eligibleVoterIds).not.toContain('v03');
    expect(await w.service.vote(hearing.id, { id: 'v03' }, 'approve')).toMatchObject({
      kind: 'term-ended',
      endedOn: '2027-01-11',
    });
    expect(await w.service.votes(hearing.id)).toEqual([]);
  });

  it('while the hearing was open: counted the day before, refused from the Copenhagen end day', async () => {
    const w = await world();
    await endsOn(w, '2027-01-15');
    const hearing = await openHearing(w);
    expect(hearing.eligibleVoterIds).toContain('v03');

    // 23:30 on the 14th in Copenhagen (22:30 UTC): the last evening of the term.
    w.clock.set('2027-01-14T22:30:00.000Z');
    expect((await w.service.vote(hearing.id, { id: 'v03' }, 'reject', 'Imod')).kind).toBe('recorded');

    // 00:30 on the 15th in Copenhagen, while the UTC date is still the 14th: the term has ended.
    w.clock.set('2027-01-14T23:30:00.000Z');
    expect(await w.service.vote(hearing.id, { id: 'v03' }, 'approve')).toMatchObject({
      kind: 'term-ended',
      endedOn: '2027-01-15',
    });
    // The vote cast while the term ran is the one that stays.
    expect((await w.service.votes(hearing.id)).map((v) => [v.voterId, v.choice])).toEqual([
      ['v03', 'reject'],
    ]);
  });

  it('a term ended early by the secretariat counts from the day it was ended', async () => {
    const w = await world();
    const hearing = await openHearing(w);
    await w.people.saveMembership({
      personId: 'v03',
      groupId: 'steering',
      role: 'member',
      termStart: '2025-01-01',
      endedOn: '2027-01-12',
    });
    w.clock.set('2027-01-12T08:00:00.000Z');
    expect(await w.service.vote(hearing.id, { id: 'v03' }, 'approve')).toMatchObject({
      kind: 'term-ended',
      endedOn: '2027-01-12',
    });
  });

  it("the voter's own card says when the term ended and offers no vote buttons", async () => {
    const w = await world();
    await endsOn(w, '2027-01-15');
    const hearing = await openHearing(w);
    w.clock.set('2027-01-16T09:00:00.000Z');
    const json = JSON.stringify(await w.service.userCard(hearing, 'v03', 'da'));
    expect(json).toContain('Din periode i styregruppen sluttede 15. januar 2027');
    expect(json).not.toContain('hearing.vote');
    // A current voter's card still has them.
    expect(JSON.stringify(await w.service.userCard(hearing, 'v02', 'da'))).toContain('hearing.vote');
  });
});

describe('the tally after a term ended during the hearing', () => {
  it('keeps the eligible count fixed at opening; the ended member counts as not voting', async () => {
    const w = await world(); // five voters
    await endsOn(w, '2027-01-15');
    const hearing = await openHearing(w);
    w.clock.set('2027-01-16T09:00:00.000Z');
    for (const id of ['v01', 'v02', 'v04', 'v05'])
      expect((await w.service.vote(hearing.id, { id }, 'approve')).kind).toBe('recorded');
    // v03 can no longer vote, so full turnout never comes: the hearing stays open until its close.
    expect((await w.service.get(hearing.id))!.status).toBe('open');
    w.clock.set('2027-01-25T09:00:00.000Z');
    await w.service.close(hearing.id, 'deadline');
    const closed = (await w.service.get(hearing.id))!;
    expect(closed.result).toMatchObject({ eligibleCount: 5, cast: 4, approve: 4, outcome: 'approved' });
  });
});
