/**
 * The id-prefix range of the SQLite adapter at the edges of Unicode (the contract suite covers the
 * usual ids on both stores): the upper bound must be the next string in UTF-8 byte order.
 */
import { prefixUpperBound, scanQuery } from '../../src/platform/storage/sqlite/sqlite-query';
import { SqliteStore } from '../../src/platform/storage/sqlite/sqlite-store';

describe('prefixUpperBound', () => {
  it('raises the last code point, skipping what cannot be raised or stored', () => {
    expect(prefixUpperBound('vote:h1:')).toBe('vote:h1;');
    expect(prefixUpperBound('a\u{10FFFF}')).toBe('b');
    expect(prefixUpperBound('a😀')).toBe('a😁');
    expect(prefixUpperBound('a\uD7FF')).toBe('a\uE000');
    expect(prefixUpperBound('\u{10FFFF}\u{10FFFF}')).toBeUndefined();
  });
});

describe('SQLite id-prefix query at the edges of Unicode', () => {
  it('finds exactly the ids that start with a prefix ending in the highest code point', async () => {
    const store = SqliteStore.inMemory();
    try {
      const groups = store.collection('groups');
      const ids = ['x\u{10FFFF}', 'x\u{10FFFF}a', 'x\u{10FFFF}\u{10FFFF}', 'y', 'x\uFFFF', 'x'];
      for (const id of ids) await groups.create({ id, pk: 'p', type: 't' });
      const found = async (idPrefix: string) =>
        (await groups.queryAll('p', { idPrefix })).map((doc) => doc.id).sort();
      expect(await found('x\u{10FFFF}')).toEqual(
        ['x\u{10FFFF}', 'x\u{10FFFF}\u{10FFFF}', 'x\u{10FFFF}a'].sort(),
      );
      expect(await found('\u{10FFFF}')).toEqual([]);
      expect(await found('x')).toEqual(ids.filter((id) => id.startsWith('x')).sort());
    } finally {
      await store.close();
    }
  });
});

describe('SQLite range index', () => {
  it('answers the scheduler scan of meetings starting in a window from the startsAt index', async () => {
    const store = SqliteStore.inMemory();
    // A year of meetings in many groups, so the planner weighs the index against a full pass.
    for (let m = 0; m < 2000; m++) {
      const startsAt = new Date(Date.UTC(2027, 0, 1) + m * 4 * 3_600_000).toISOString();
      await store
        .collection('groups')
        .create({ id: `m${m}`, pk: `g${m % 50}`, type: 'meeting', status: 'scheduled', startsAt });
    }
    const { sql, params } = scanQuery(
      'groups',
      {
        type: 'meeting',
        where: { status: 'scheduled' },
        range: { field: 'startsAt', from: '2027-01-01', to: '2027-02-01' },
      },
      undefined,
    );
    const db = (
      store as unknown as { db: { prepare(sql: string): { all(...p: unknown[]): { detail: string }[] } } }
    ).db;
    const plan = db
      .prepare(`EXPLAIN QUERY PLAN ${sql}`)
      .all(...params)
      .map((row) => row.detail)
      .join(' | ');
    expect(plan).toMatch(/documents_range_startsAt/);
    void store.close();
  });
});
