/**
 * The contract section of the hearing votes (one ballot document per voter, written in one batch
 * with the hearing's tally, guarded by the tally's etag), run by storeContract on every adapter.
 * Two repositories on one store stand for two bot instances: their commits meet on the etag.
 */
import type { DocumentStore } from '../../src/platform/storage/port';
import { HearingRepository, type StoredVote } from '../../src/features/hearings/hearings-repository';
import { tallyIdOf } from '../../src/features/hearings/hearing-tally';

const vote = (
  voterId: string,
  choice: StoredVote['choice'],
  castAt = '2027-01-11T09:00:00.000Z',
): StoredVote => ({
  hearingId: 'h1',
  hearingGroupId: 'steering',
  voterId,
  choice,
  castAt,
});

export function hearingTallyContract(store: () => DocumentStore): void {
  describe('hearing votes (ballots and the tally in one batch, guarded by its etag)', () => {
    it('counts every vote of two instances voting at once, each once, the tally matching the ballots', async () => {
      const instances = [new HearingRepository(store()), new HearingRepository(store())];
      const voters = Array.from({ length: 40 }, (_, i) => `v${String(i).padStart(2, '0')}`);
      const outcomes = await Promise.all(
        voters.map((voterId, i) =>
          instances[i % 2]!.putVote(vote(voterId, i % 3 === 0 ? 'reject' : 'approve')),
        ),
      );
      expect(outcomes.every((outcome) => outcome.kind === 'committed')).toBe(true);
      const ballots = await instances[0]!.ballotsOf('steering', 'h1');
      expect(ballots.map((ballot) => ballot.voterId).sort()).toEqual(voters);
      const choices = await instances[1]!.choicesOf('steering', 'h1');
      expect(choices).toEqual(Object.fromEntries(ballots.map((ballot) => [ballot.voterId, ballot.choice])));
      // A changed vote replaces the voter's choice; it is not counted twice.
      await instances[1]!.putVote(vote('v00', 'approve', '2027-01-11T09:05:00.000Z'));
      expect(Object.keys(await instances[0]!.choicesOf('steering', 'h1'))).toHaveLength(40);
      expect((await instances[0]!.choicesOf('steering', 'h1')).v00).toBe('approve');
    });

    it('builds the tally of a hearing voted on before it had one from its ballots', async () => {
      const repository = new HearingRepository(store());
      await repository.putVote(vote('v01', 'reject'));
      await store().collection('groups').delete('steering', tallyIdOf('h1'));
      expect(await repository.choicesOf('steering', 'h1')).toEqual({ v01: 'reject' });
      const outcome = await repository.putVote(vote('v02', 'approve'));
      expect(outcome).toEqual({ kind: 'committed', choices: { v01: 'reject', v02: 'approve' } });
    });

    it('stores no ballot after the fence, on another instance too, and fences once', async () => {
      const [closer, voter] = [new HearingRepository(store()), new HearingRepository(store())];
      await voter.putVote(vote('v01', 'approve'));
      await closer.fenceVotes('steering', 'h1');
      await closer.fenceVotes('steering', 'h1');
      expect(await voter.putVote(vote('v02', 'reject'))).toEqual({ kind: 'closed' });
      expect(await voter.putVote(vote('v01', 'reject'))).toEqual({ kind: 'closed' });
      expect(await voter.ballotsOf('steering', 'h1')).toEqual([
        { voterId: 'v01', choice: 'approve', castAt: '2027-01-11T09:00:00.000Z' },
      ]);
      // A hearing fenced before any vote had a tally is fenced all the same.
      await closer.fenceVotes('steering', 'h2');
      expect(await voter.putVote({ ...vote('v01', 'approve'), hearingId: 'h2' })).toEqual({ kind: 'closed' });
      expect(await voter.ballotsOf('steering', 'h2')).toEqual([]);
    });
  });
}
