/**
 * The GDPR holder of the requests for input: the export lists the requests a person filed and the
 * ones they answered, with the names kept at the time; the erasure puts the pseudonym in their
 * place and keeps the request, the answer's text and who gave it (by id); it is safe to run again.
 */
import { SqliteStore } from '../../src/platform/storage/sqlite/sqlite-store';
import { requestsPersonData } from '../../src/features/requests';
import { fileRequest, requestWorld, type RequestWorld } from './support';

let w: RequestWorld;
beforeEach(async () => {
  w = await requestWorld(SqliteStore.inMemory());
  await fileRequest(w, 'ci-1');
  await fileRequest(w, 'ci-2', { topic: 'Andet emne' });
  const answered = await w.service.answer({
    steeringGroupId: 'steering',
    requestId: 'ci-2',
    text: 'Vores råd',
    materialText: '',
    actor: { id: 'r1', name: 'Rikke Ærø' },
  });
  expect(answered.kind).toBe('answered');
});
afterEach(async () => w.store.close());

test('exports what the person filed and answered, with the names kept', async () => {
  const holder = requestsPersonData(w.store);
  expect(holder.section).toBe('inputRequests');
  expect((await holder.exportOf!('s1')).map((r) => (r as { id: string }).id).sort()).toEqual([
    'ci-1',
    'ci-2',
  ]);
  expect(await holder.exportOf!('r1')).toEqual([expect.objectContaining({ id: 'ci-2' })]);
  expect(await holder.namesOf!('r1')).toEqual(['Rikke Ærø']);
  expect(await holder.exportOf!('o1')).toEqual([]);
});

test("erasure replaces the person's name copies, keeps the answer, and runs again harmlessly", async () => {
  const holder = requestsPersonData(w.store);
  for (let run = 0; run < 2; run++) {
    await holder.erase({ personId: 'r1', names: ['Rikke Ærø'], pseudonym: 'Slettet person 1' });
    await holder.erase({ personId: 's1', names: ['Søren Styr'], pseudonym: 'Slettet person 2' });
  }
  const answered = await w.repository.get('steering', 'ci-2');
  expect(answered?.answer).toMatchObject({ by: 'r1', byName: 'Slettet person 1', text: 'Vores råd' });
  expect(answered?.requestedByName).toBe('Slettet person 2');
  expect((await w.repository.get('steering', 'ci-1'))?.requestedByName).toBe('Slettet person 2');
  const stored = JSON.stringify(await w.repository.forSteeringGroup('steering'));
  expect(stored).not.toContain('Rikke');
  expect(stored).not.toContain('Søren');
});
