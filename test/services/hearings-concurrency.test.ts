/**
 * Simultaneous votes on one hearing, on both storage adapters: no vote is lost, the close happens
 * once, and a vote racing the close is either counted or refused (never "recorded" but not counted).
 */
import type { DocumentStore } from '../../src/platform/storage/port';
import { HearingRepository } from '../../src/features/hearings/hearings-repository';
import { SqliteStore } from '../../src/platform/storage/sqlite/sqlite-store';
import { useLocalCosmos } from '../support/local-cosmos';
import { hearingWorld, openHearing } from './hearings-fixture';

const cosmos = useLocalCosmos('hearings');

const adapters: Array<[string, () => Promise<DocumentStore>]> = [
  ['SqliteStore', async () => SqliteStore.inMemory()],
  ['CosmosStore (local server)', () => cosmos.connect()],
];

describe.each(adapters)('concurrent votes on %s', (_name, connect) => {
  it('counts all 50 simultaneous votes (no lost update)', async () => {
    const store = await connect();
    try {
      // 51 voters: after 50 votes the hearing is still open, so the tally is the live one.
      const w = await hearingWorld(store, { voterCount: 51 });
      const hearing = await openHearing(w);
      const voters = w.voters.slice(0, 50);
      const ballotReads = jest.spyOn(HearingRepository.prototype, 'ballotsOf');
      const hearingReads = jest.spyOn(HearingRepository.prototype, 'get');
      let reads: { ballots: number; hearing: number };
      const results = await Promise.all(
        voters.map((id, index) =>
          w.service.vote(hearing.id, { id }, index % 3 === 0 ? 'reject' : 'approve', `c${index}`),
        ),
      ).finally(() => {
        reads = {
          ballots: ballotReads.mock.calls.length,
          hearing: hearingReads.mock.calls.length,
        };
        ballotReads.mockRestore();
        hearingReads.mockRestore();
      });
      // Simultaneous voters share the hearing read: fewer reads than votes. The ballot batch with the
      // hearing's tally is the close-race guard, and the tally replaces reading
      // every ballot: the ballots are read once, to build the tally of a hearing that has none yet.
      expect(reads!.hearing).toBeGreaterThan(0);
      expect(reads!.hearing).toBeLessThan(voters.length);
      expect(reads!.ballots).toBe(1);
      expect(results.every((result) => result.kind === 'recorded')).toBe(true);
      const votes = await w.service.votes(hearing.id);
      expect(votes.map((vote) => vote.voterId).sort()).toEqual(voters);
      const tally = await w.service.tally((await w.service.get(hearing.id))!);
      expect(tally).toEqual({ approve: 33, reject: 17, abstain: 0, cast: 50 });
      // The voters' own cards, built together as the bot does after the votes, reuse the groups the
      // opening's card read (kept a minute: a card needs only their names); later cards read them again.
      const groupReads = jest.spyOn(w.groups, 'getGroup');
      let groupReadCount = 0;
      let laterReadCount = 0;
      const cards = await Promise.all(
        results.map((result) => (result.kind === 'recorded' ? w.service.votedCard(result, 'da') : undefined)),
      ).finally(() => {
        groupReadCount = groupReads.mock.calls.length;
      });
      w.clock.advance(61_000);
      const later = results[0]!;
      if (later.kind === 'recorded') await w.service.votedCard(later, 'da');
      laterReadCount = groupReads.mock.calls.length - groupReadCount;
      groupReads.mockRestore();
      expect(cards.every((card) => JSON.stringify(card).includes('Referencegruppe'))).toBe(true);
      expect(groupReadCount).toBe(0);
      expect(laterReadCount).toBe(1);
      expect(
        (await w.audit.export('2027-01', '2027-01')).filter((e) => e.action === 'hearing.vote'),
      ).toHaveLength(50);
      // The shared card is refreshed off the vote path, coalesced: far fewer updates than votes, and
      // the last one shows the final tally.
      await w.service.idle();
      expect(w.messenger.updates.length).toBeGreaterThan(0);
      expect(w.messenger.updates.length).toBeLessThan(50);
      expect(JSON.stringify(w.messenger.updates.at(-1)!.message.card)).toContain('33 for, 17 imod');
    } finally {
      await store.close();
    }
  });

  it('closes exactly once when the last votes arrive together, and counts every vote', async () => {
    const store = await connect();
    try {
      const w = await hearingWorld(store, { voterCount: 12 });
      const hearing = await openHearing(w);
      const results = await Promise.all(w.voters.map((id) => w.service.vote(hearing.id, { id }, 'approve')));
      expect(results.every((result) => result.kind === 'recorded')).toBe(true);
      expect(results.filter((result) => result.kind === 'recorded' && result.closedNow)).toHaveLength(1);
      const closed = (await w.service.get(hearing.id))!;
      expect(closed.result).toMatchObject({
        outcome: 'approved',
        approve: 12,
        cast: 12,
        reason: 'full-turnout',
      });
      expect(
        (await w.audit.export('2027-01', '2027-01')).filter((e) => e.action === 'hearing.close'),
      ).toHaveLength(1);
      expect((await w.groups.listGroups()).filter((g) => g.kind === 'working')).toHaveLength(1);
      const resultPosts = w.messenger.posts.filter((post) =>
        JSON.stringify(post.message.card).includes('Resultat af høringen'),
      );
      expect(resultPosts.map((post) => post.groupId).sort()).toEqual(['ref-arkitektur', 'steering']);
    } finally {
      await store.close();
    }
  });

  it('a vote racing the close is either counted or refused, never recorded-but-lost', async () => {
    const store = await connect();
    try {
      const w = await hearingWorld(store, { voterCount: 30 });
      const hearing = await openHearing(w);
      const votes = w.voters.slice(0, 29).map((id) => w.service.vote(hearing.id, { id }, 'approve'));
      const closing = w.service.close(hearing.id, 'deadline');
      const results = await Promise.all(votes);
      await closing;
      const closed = (await w.service.get(hearing.id))!;
      const counted = new Set(closed.result!.counted.map((vote) => vote.voterId));
      const recorded = results.flatMap((result) => (result.kind === 'recorded' ? [result.vote.voterId] : []));
      for (const voterId of recorded) expect(counted.has(voterId)).toBe(true);
      expect(counted.size).toBe(recorded.length);
      expect(results.every((result) => result.kind === 'recorded' || result.kind === 'closed')).toBe(true);
      // What is stored is exactly what was counted.
      expect((await w.service.votes(hearing.id)).map((vote) => vote.voterId).sort()).toEqual(
        [...counted].sort(),
      );
    } finally {
      await store.close();
    }
  });
});
