/**
 * The store-wide name sweep of an erasure and the audit log's pseudonymisation, on the embedded
 * store: names are replaced as whole words in any case (not inside a longer word), keys are never
 * touched, and the person's own free text leaves the log while others' stays.
 */
import { pseudonymiseAudit } from '../../src/platform/audit/audit-erasure';
import { AuditRepository } from '../../src/platform/audit/audit-repository';
import { namePattern, replaceDeep, scrubNames } from '../../src/platform/storage/name-scrub';
import { SqliteStore } from '../../src/platform/storage/sqlite/sqlite-store';

test('a name is replaced as a whole word, any case, also across a line break; short names are ignored', () => {
  const pattern = namePattern(['Bo Ek', 'Bo', 'Åse Ærø'])!;
  expect(replaceDeep('Mødt: bo  ek og Bobby; ÅSE ÆRØ ja', pattern, 'X')).toBe('Mødt: X og Bobby; X ja');
  expect(replaceDeep({ a: ['Åse\nÆrø'], b: 2 }, pattern, 'X')).toEqual({ a: ['X'], b: 2 });
  const same = { a: 'ingen navne' };
  expect(replaceDeep(same, pattern, 'X')).toBe(same);
  expect(namePattern(['', 'Bo'])).toBeUndefined();
});

test('the sweep rewrites every collection but never a key, and counts what it rewrote', async () => {
  const store = SqliteStore.inMemory();
  try {
    await store
      .collection('groups')
      .create({ id: 'Anna Hansen', pk: 'g', type: 't', text: 'Anna Hansen sagde' });
    await store
      .collection('schedule')
      .create({ id: 's', pk: 'p', type: 't', nested: { who: ['anna hansen'] } });
    await store.collection('directory').create({ id: 'd', pk: 'p', type: 't', text: 'Annabel Hansen' });
    expect(await scrubNames(store, ['Anna Hansen'], 'Tidligere medlem #1')).toBe(2);
    expect(await store.collection('groups').read('g', 'Anna Hansen')).toMatchObject({
      text: 'Tidligere medlem #1 sagde',
    });
    expect(await store.collection('schedule').read('p', 's')).toMatchObject({
      nested: { who: ['Tidligere medlem #1'] },
    });
    expect(await store.collection('directory').read('p', 'd')).toMatchObject({ text: 'Annabel Hansen' });
  } finally {
    await store.close();
  }
});

test("the log loses the person's own comments, also inside another entry's details; others' stay", async () => {
  const store = SqliteStore.inMemory();
  try {
    const audit = new AuditRepository(store);
    const at = '2027-01-10T09:00:00.000Z';
    await audit.append({
      at,
      actorId: 'p1',
      action: 'hearing.vote',
      subject: 'h',
      details: { choice: 'approve', comment: 'mit' },
    });
    await audit.append({
      at,
      actorId: 'p2',
      action: 'hearing.vote',
      subject: 'h',
      details: { choice: 'reject', comment: 'andres' },
    });
    await audit.append({
      at,
      actorId: 'system',
      action: 'hearing.close',
      subject: 'h',
      details: {
        counted: [
          { voterId: 'p1', comment: 'mit' },
          { voterId: 'p2', comment: 'andres' },
        ],
      },
    });
    expect(await pseudonymiseAudit(store, 'p1')).toBe(2);
    expect((await audit.export('2027-01', '2027-01')).map((e) => e.details)).toEqual([
      { choice: 'approve' },
      { choice: 'reject', comment: 'andres' },
      { counted: [{ voterId: 'p1' }, { voterId: 'p2', comment: 'andres' }] },
    ]);
    expect(await pseudonymiseAudit(store, 'p1')).toBe(0);
  } finally {
    await store.close();
  }
});
