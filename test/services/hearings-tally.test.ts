/**
 * The vote path with the hearing's tally (hearing-tally.ts): a vote that was checked against an
 * open hearing but meets the fence of its close or withdrawal stores nothing and is told so, and a
 * vote's tally is the one committed with its ballot (no read of every ballot).
 */
import { HearingRepository } from '../../src/features/hearings/hearings-repository';
import { SqliteStore } from '../../src/platform/storage/sqlite/sqlite-store';
import { hearingWorld, openHearing } from './hearings-fixture';

describe('hearing votes with the tally', () => {
  it('answers "withdrawn" and stores nothing when the withdrawal fenced the votes after the vote read the hearing', async () => {
    const store = SqliteStore.inMemory();
    try {
      const w = await hearingWorld(store);
      const hearing = await openHearing(w);
      await w.service.vote(hearing.id, { id: 'v01' }, 'approve');
      const open = (await new HearingRepository(store).get('steering', hearing.id))!;
      expect((await w.service.withdraw(hearing.id, 'ref1')).kind).toBe('withdrawn');
      // The vote read the hearing just before the withdrawal (a stale read).
      const stale = jest.spyOn(HearingRepository.prototype, 'get').mockResolvedValueOnce(open);
      const result = await w.service
        .vote(hearing.id, { id: 'v02' }, 'reject')
        .finally(() => stale.mockRestore());
      expect(result.kind).toBe('withdrawn');
      expect((await w.service.votes(hearing.id)).map((vote) => vote.voterId)).toEqual(['v01']);
      expect(
        (await w.audit.export('2027-01', '2027-01')).filter((e) => e.action === 'hearing.vote'),
      ).toHaveLength(1);
    } finally {
      await store.close();
    }
  });

  it('answers "closed" with the result when the close fenced the votes after the vote read the hearing', async () => {
    const store = SqliteStore.inMemory();
    try {
      const w = await hearingWorld(store);
      const hearing = await openHearing(w);
      await w.service.vote(hearing.id, { id: 'v01' }, 'approve');
      const open = (await new HearingRepository(store).get('steering', hearing.id))!;
      await w.service.close(hearing.id, 'deadline');
      const stale = jest.spyOn(HearingRepository.prototype, 'get').mockResolvedValueOnce(open);
      const result = await w.service
        .vote(hearing.id, { id: 'v02' }, 'reject')
        .finally(() => stale.mockRestore());
      expect(result.kind).toBe('closed');
      if (result.kind === 'closed')
        expect(result.hearing.result?.counted.map((c) => c.voterId)).toEqual(['v01']);
      expect((await w.service.votes(hearing.id)).map((vote) => vote.voterId)).toEqual(['v01']);
    } finally {
      await store.close();
    }
  });

  it('gives each vote the tally committed with it, a changed vote counted once, without reading the ballots', async () => {
    const store = SqliteStore.inMemory();
    try {
      const w = await hearingWorld(store);
      const hearing = await openHearing(w);
      await w.service.vote(hearing.id, { id: 'v01' }, 'approve');
      const ballotReads = jest.spyOn(HearingRepository.prototype, 'ballotsOf');
      const second = await w.service.vote(hearing.id, { id: 'v02' }, 'reject');
      w.clock.advance(60_000);
      const changed = await w.service.vote(hearing.id, { id: 'v01' }, 'abstain');
      const reads = ballotReads.mock.calls.length;
      ballotReads.mockRestore();
      expect(reads).toBe(0);
      expect(second.kind === 'recorded' && second.tally).toEqual({
        approve: 1,
        reject: 1,
        abstain: 0,
        cast: 2,
      });
      expect(changed.kind === 'recorded' && changed.tally).toEqual({
        approve: 0,
        reject: 1,
        abstain: 1,
        cast: 2,
      });
      expect(await w.service.tally((await w.service.get(hearing.id))!)).toEqual({
        approve: 0,
        reject: 1,
        abstain: 1,
        cast: 2,
      });
    } finally {
      await store.close();
    }
  });
});
