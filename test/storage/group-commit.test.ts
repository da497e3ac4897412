/**
 * GroupCommit on its own and in the audit log: one batch per turn and partition, each caller
 * settles with its own operation's outcome, repeats of an id keep their order, and a conflict fails
 * only the operation that caused it. (The vote side: test/services/hearings-group-commit.test.ts.)
 */
import { GroupCommit, planBatches } from '../../src/platform/storage/group-commit';
import { AlreadyExistsError, type BatchOperation } from '../../src/platform/storage/port';
import { AuditRepository } from '../../src/platform/audit/audit-repository';
import { SqliteStore } from '../../src/platform/storage/sqlite/sqlite-store';
import { batchRecordingStore } from '../support/batch-recording-store';

const create = (id: string, n = 0): { operation: BatchOperation } => ({
  operation: { op: 'create', doc: { id, pk: 'p', type: 't', n } },
});

describe('planBatches', () => {
  it('keeps queue order, puts a repeated id in a later batch than its earlier operation, and caps the size', () => {
    const ids = (batches: Array<Array<{ operation: BatchOperation }>>) =>
      batches.map((batch) =>
        batch.map(({ operation }) => (operation.op === 'delete' ? operation.id : operation.doc.id)),
      );
    expect(ids(planBatches([create('a'), create('b'), create('a'), create('c'), create('a')], 100))).toEqual([
      ['a', 'b', 'c'],
      ['a'],
      ['a'],
    ]);
    expect(
      ids(
        planBatches(
          ['a', 'b', 'c', 'd', 'e'].map((id) => create(id)),
          2,
        ),
      ),
    ).toEqual([['a', 'b'], ['c', 'd'], ['e']]);
    // A repeat after a full batch: it goes after the batch of its earlier operation, not into a full one.
    expect(ids(planBatches([create('a'), create('b'), create('c'), create('a')], 2))).toEqual([
      ['a', 'b'],
      ['c', 'a'],
    ]);
    expect(planBatches([], 100)).toEqual([]);
  });
});

describe('GroupCommit', () => {
  let store: SqliteStore;
  beforeEach(() => {
    store = SqliteStore.inMemory();
  });
  afterEach(async () => {
    await store.close();
  });

  it('commits one turn of 250 writes in batches of at most 100, each readable once its promise resolves', async () => {
    const recorded = batchRecordingStore(store);
    const collection = recorded.store.collection('groups');
    const commits = new GroupCommit(collection);
    await Promise.all(
      Array.from({ length: 250 }, async (_, i) => {
        await commits.write('p', create(`d${i}`, i).operation);
        expect(await collection.read('p', `d${i}`)).toMatchObject({ n: i });
      }),
    );
    expect(recorded.batches.map((batch) => batch.ids.length)).toEqual([100, 100, 50]);
  });

  it('fails only the operation whose conflict failed the batch; the others are stored', async () => {
    const groups = store.collection('groups');
    await groups.create({ id: 'taken', pk: 'p', type: 't', n: -1 });
    const commits = new GroupCommit(groups);
    const results = await Promise.allSettled(
      ['x', 'taken', 'y'].map((id) => commits.write('p', create(id, 1).operation)),
    );
    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((results[1] as PromiseRejectedResult).reason).toBeInstanceOf(AlreadyExistsError);
    expect((await groups.queryAll('p', {})).map((doc) => doc.id).sort()).toEqual(['taken', 'x', 'y']);
    expect((await groups.read('p', 'taken'))?.n).toBe(-1);
  });

  it('applies two operations on one id in the order they were queued', async () => {
    const groups = store.collection('groups');
    const commits = new GroupCommit(groups);
    const results = await Promise.allSettled([
      commits.write('p', { op: 'upsert', doc: { id: 'a', pk: 'p', type: 't', n: 1 } }),
      commits.write('p', { op: 'upsert', doc: { id: 'a', pk: 'p', type: 't', n: 2 } }),
      commits.write('p', { op: 'create', doc: { id: 'a', pk: 'p', type: 't', n: 3 } }),
    ]);
    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'fulfilled', 'rejected']);
    expect((await groups.read('p', 'a'))?.n).toBe(2);
  });

  it('keeps partitions apart: one batch each', async () => {
    const recorded = batchRecordingStore(store);
    const commits = new GroupCommit(recorded.store.collection('groups'));
    await Promise.all([
      commits.write('p', create('a').operation),
      commits.write('q', { op: 'create', doc: { id: 'b', pk: 'q', type: 't' } }),
      commits.write('p', create('c').operation),
    ]);
    expect(recorded.batches.map((batch) => batch.ids).sort()).toEqual([['a', 'c'], ['b']]);
  });
});

describe('audit appends in one turn', () => {
  it('are committed together, exported in append order, and a repeated once-key stays one entry', async () => {
    const store = SqliteStore.inMemory();
    try {
      const recorded = batchRecordingStore(store);
      const audit = new AuditRepository(recorded.store);
      const at = '2027-03-01T10:00:00.000Z';
      await Promise.all([
        ...Array.from({ length: 20 }, (_, i) =>
          audit.append({ at, actorId: 'a', action: 'hearing.vote', subject: `s${i}` }),
        ),
        audit.append(
          { at, actorId: 'a', action: 'group.dissolved', subject: 'g' },
          { onceKey: 'dissolve:g' },
        ),
        audit.append(
          { at, actorId: 'a', action: 'group.dissolved', subject: 'g' },
          { onceKey: 'dissolve:g' },
        ),
      ]);
      const exported = await audit.export('2027-03', '2027-03');
      expect(
        exported.filter((entry) => entry.action === 'hearing.vote').map((entry) => entry.subject),
      ).toEqual(Array.from({ length: 20 }, (_, i) => `s${i}`));
      expect(exported.filter((entry) => entry.action === 'group.dissolved')).toHaveLength(1);
      // One batch for the turn, one for the repeated once-key; not one commit per entry.
      expect(recorded.batches.filter((batch) => batch.collection === 'audit')).toHaveLength(2);
    } finally {
      await store.close();
    }
  });
});
