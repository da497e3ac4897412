/**
 * The vote group commit (HearingRepository.putVote): votes arriving together are committed as one
 * batch per partition, each caller's promise settles only after the commit, a voter's later vote
 * wins, and a failed commit fails every vote in it (none is reported stored).
 */
import { HearingRepository, type StoredVote } from '../../src/features/hearings/hearings-repository';
import { SqliteStore } from '../../src/platform/storage/sqlite/sqlite-store';
import { batchRecordingStore } from '../support/batch-recording-store';

function vote(
  voterId: string,
  choice: StoredVote['choice'],
  castAt = '2027-01-11T09:00:00.000Z',
): StoredVote {
  return { hearingId: 'h1', hearingGroupId: 'steering', voterId, choice, castAt };
}

describe('vote group commit', () => {
  it('commits 30 simultaneous votes in far fewer batches, and each is stored when its promise resolves', async () => {
    const inner = SqliteStore.inMemory();
    try {
      const { store, batches } = batchRecordingStore(inner);
      const repository = new HearingRepository(store);
      const voters = Array.from({ length: 30 }, (_, i) => `v${String(i).padStart(2, '0')}`);
      await Promise.all(
        voters.map(async (voterId) => {
          await repository.putVote(vote(voterId, 'approve'));
          // Durable before the caller goes on: the vote is readable at once.
          expect(await repository.getVote('steering', 'h1', voterId)).toBeDefined();
        }),
      );
      // Each batch holds its ballots and the hearing's tally.
      const ballotIds = batches.flatMap((batch) => batch.ids.filter((id) => id.startsWith('vote:')));
      expect(ballotIds).toHaveLength(30);
      expect(batches.every((batch) => batch.ids.filter((id) => id === 'tally:h1').length === 1)).toBe(true);
      expect(batches.length).toBeLessThan(30);
      expect(await repository.choicesOf('steering', 'h1')).toEqual(
        Object.fromEntries(voters.map((voterId) => [voterId, 'approve'])),
      );
      expect((await repository.votesOf('steering', 'h1')).map((v) => v.voterId).sort()).toEqual(voters);
    } finally {
      await inner.close();
    }
  });

  it("keeps a voter's later vote when both arrive in one turn", async () => {
    const inner = SqliteStore.inMemory();
    try {
      const repository = new HearingRepository(inner);
      await Promise.all([
        repository.putVote(vote('v01', 'reject', '2027-01-11T09:00:00.000Z')),
        repository.putVote(vote('v01', 'approve', '2027-01-11T09:00:01.000Z')),
      ]);
      expect(await repository.ballotsOf('steering', 'h1')).toEqual([
        { voterId: 'v01', choice: 'approve', castAt: '2027-01-11T09:00:01.000Z' },
      ]);
      expect(await repository.choicesOf('steering', 'h1')).toEqual({ v01: 'approve' });
    } finally {
      await inner.close();
    }
  });

  it('fails every vote of a failed commit and stores none of them', async () => {
    const inner = SqliteStore.inMemory();
    try {
      const { store, fail } = batchRecordingStore(inner);
      const repository = new HearingRepository(store);
      fail.next = true;
      const results = await Promise.allSettled([
        repository.putVote(vote('v01', 'approve')),
        repository.putVote(vote('v02', 'reject')),
      ]);
      expect(results.map((result) => result.status)).toEqual(['rejected', 'rejected']);
      expect(await repository.votesOf('steering', 'h1')).toEqual([]);
      expect(await repository.choicesOf('steering', 'h1')).toEqual({});
    } finally {
      await inner.close();
    }
  });
});
