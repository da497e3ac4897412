/**
 * The GDPR holder of the endorsements: the export lists the endorsements a person drafted and the
 * votes they cast, with the names kept at the time; the erasure puts the pseudonym in their place
 * and keeps the draft, the votes and who cast them (by id); it is safe to run again.
 */
import { SqliteStore } from '../../src/platform/storage/sqlite/sqlite-store';
import { endorsementsPersonData } from '../../src/features/endorsements';
import { draft, endorsementWorld, vote, type EndorsementWorld } from './support';

let w: EndorsementWorld;
beforeEach(async () => {
  w = await endorsementWorld(SqliteStore.inMemory());
  await draft(w, 'ci-1');
  await vote(w, 'r1', 'for');
  await vote(w, 'r2', 'against');
});
afterEach(async () => w.store.close());

test('exports what the person drafted and voted, with the names kept', async () => {
  const holder = endorsementsPersonData(w.store);
  expect(holder.section).toBe('endorsements');
  expect(await holder.exportOf!('r1')).toEqual([
    expect.objectContaining({ id: 'ci-1', authorName: 'Rikke Ærø' }),
    expect.objectContaining({ voterId: 'r1', choice: 'for' }),
  ]);
  expect(await holder.exportOf!('r2')).toEqual([
    expect.objectContaining({ voterId: 'r2', choice: 'against' }),
  ]);
  expect(await holder.namesOf!('r1')).toEqual(['Rikke Ærø', 'Navn r1']);
  expect(await holder.exportOf!('o1')).toEqual([]);
});

test("erasure replaces the person's name copies, keeps the draft and the votes, and runs again harmlessly", async () => {
  const holder = endorsementsPersonData(w.store);
  for (let run = 0; run < 2; run++)
    await holder.erase({ personId: 'r1', names: ['Rikke Ærø', 'Navn r1'], pseudonym: 'Slettet person 1' });
  const endorsement = (await w.service.get('steering', 'ci-1'))!;
  expect(endorsement).toMatchObject({ authorId: 'r1', authorName: 'Slettet person 1' });
  expect(endorsement.text).toContain('fælles log-format');
  const votes = await w.repository.votesOf('steering', 'ci-1');
  expect(votes.map((v) => `${v.voterId}:${v.voterName}:${v.choice}`).sort()).toEqual([
    'r1:Slettet person 1:for',
    'r2:Navn r2:against',
  ]);
  expect(JSON.stringify({ endorsement, votes })).not.toContain('Rikke');
});
