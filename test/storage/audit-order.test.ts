/** The audit log's order within one millisecond, and create-once entries (src/platform/audit/audit-repository.ts). */
import { AuditRepository } from '../../src/platform/audit/audit-repository';
import { SqliteStore } from '../../src/platform/storage/sqlite/sqlite-store';

let store: SqliteStore;
let audit: AuditRepository;
beforeEach(() => {
  store = SqliteStore.inMemory();
  audit = new AuditRepository(store);
});
afterEach(() => store.close());

const at = '2027-03-04T09:00:00.000Z';

test('entries of the same millisecond export in the order they were written, every time', async () => {
  for (let index = 0; index < 50; index++)
    await audit.append({ at, actorId: 'a', action: `step.${index}`, subject: 'x' });
  const expected = Array.from({ length: 50 }, (_, index) => `step.${index}`);
  expect((await audit.export('2027-03', '2027-03')).map((e) => e.action)).toEqual(expected);
  expect((await audit.export('2027-03', '2027-03')).map((e) => e.action)).toEqual(expected);
});

test('a create-once entry is written once per key, and sorts by its time among the others', async () => {
  await audit.append({ at: '2027-03-04T08:00:00.000Z', actorId: 'a', action: 'before', subject: 'x' });
  await audit.append(
    { at, actorId: 'a', action: 'working-group.dissolve', subject: 'group:wg' },
    { onceKey: 'working-group.dissolve:wg' },
  );
  await audit.append(
    { at, actorId: 'b', action: 'working-group.dissolve', subject: 'group:wg' },
    { onceKey: 'working-group.dissolve:wg' },
  );
  await audit.append({ at: '2027-03-04T10:00:00.000Z', actorId: 'a', action: 'after', subject: 'x' });
  const entries = await audit.export('2027-03', '2027-03');
  expect(entries.map((e) => [e.action, e.actorId])).toEqual([
    ['before', 'a'],
    ['working-group.dissolve', 'a'],
    ['after', 'a'],
  ]);
});

test('a once-key with characters ids may not hold is still create-once', async () => {
  const key = 'membership.appointed:ref/x:p?1#2:2027-01-11:member';
  await audit.append(
    { at, actorId: 'a', action: 'membership.appointed', subject: 'person:p' },
    { onceKey: key },
  );
  await audit.append(
    { at, actorId: 'a', action: 'membership.appointed', subject: 'person:p' },
    { onceKey: key },
  );
  expect(await audit.export('2027-03', '2027-03')).toHaveLength(1);
});
