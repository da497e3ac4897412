/**
 * THE storage contract: one suite, run against every adapter (sqlite.contract.test.ts,
 * cosmos.contract.test.ts). Each test gets a fresh, empty store from the factory.
 */
import { z } from 'zod';
import {
  AlreadyExistsError,
  InvalidDocumentError,
  NotFoundError,
  PreconditionFailedError,
} from '../../src/platform/storage/port';
import type { DocumentStore, NewDocument, QuerySpec } from '../../src/platform/storage/port';
import { QUERIED_FIELDS, type QueriedFieldLists } from '../../src/platform/storage/queried-fields';
import { defineDocument, typedCollection } from '../../src/platform/storage/repository';
import { AuditRepository } from '../../src/platform/audit/audit-repository';
import { GroupRepository } from '../../src/features/binding/groups-repository';
import type { ChannelBinding } from '../../src/features/binding/groups-repository';
import { createStoreLedger } from '../../src/platform/scheduler/ledger-repository';
import { PeopleRepository } from '../../src/features/members/people-repository';
import type { Group, Person } from '../../src/domain/model';
import { RequestRepository, type InputRequest } from '../../src/features/requests';
import { endorsedItemWrite, requestedInputItemWrite } from '../../src/features/agenda';
import { EndorsementRepository, type Endorsement } from '../../src/features/endorsements';
import { ProposalRepository } from '../../src/features/agenda/proposals-repository';
import { RecruitmentRepository, type Recruitment } from '../../src/features/recruitment';
import { ManualClock } from '../../src/domain/clock';
import { loadGovernance } from '../../src/platform/governance/governance-loader';
import { GovernanceVersionRepository } from '../../src/platform/governance/governance-versions';
import { hearingTallyContract } from './hearing-tally.contract';

/** The production fields and the ones the contract's own test documents are queried on. */
export const CONTRACT_QUERIED_FIELDS: QueriedFieldLists = {
  fields: [...QUERIED_FIELDS, 'n', 'tag', 'flag', 'title', 'email', 'author'],
  arrayFields: ['tags'],
  rangeFields: ['startsAt', 'at', 'n'],
};

export type StoreFactory = () => Promise<DocumentStore>;

interface Item extends NewDocument {
  n: number;
  tag?: string;
  tags?: string[];
  flag?: boolean;
}

const item = (id: string, n: number, extra: Partial<Item> = {}): Item => ({
  id,
  pk: 'p1',
  type: 'item',
  n,
  ...extra,
});

export function storeContract(adapterName: string, newStore: StoreFactory): void {
  describe(`DocumentStore contract: ${adapterName}`, () => {
    let store: DocumentStore;
    beforeEach(async () => {
      store = await newStore();
    });
    afterEach(async () => {
      await store.close();
    });

    describe('range filters', () => {
      const instants = ['2027-01-05T09:00:00.000Z', '2027-02-01T09:00:00.000Z', '2027-03-01T09:00:00.000Z'];
      beforeEach(async () => {
        const groups = store.collection('groups');
        for (const [i, at] of instants.entries()) {
          await groups.create({ id: `m${i}`, pk: i === 1 ? 'q' : 'p', type: 'meeting', at, n: i * 10 });
        }
        // A number where an instant is expected matches no string range, and the other way round.
        await groups.create({ id: 'odd', pk: 'p', type: 'meeting', at: 5, n: '15' });
      });

      it('queries a partition between two instants, bounds included', async () => {
        const found = await store.collection('groups').queryAll('p', {
          type: 'meeting',
          range: { field: 'at', from: instants[0], to: '2027-02-15T00:00:00.000Z' },
        });
        expect(found.map((doc) => doc.id)).toEqual(['m0']);
      });

      it('scans every partition with one open bound, strings and numbers kept apart', async () => {
        const ids = async (spec: QuerySpec) => {
          const found: string[] = [];
          for await (const doc of store.collection('groups').scan(spec)) found.push(doc.id);
          return found.sort();
        };
        expect(await ids({ range: { field: 'at', from: instants[1] } })).toEqual(['m1', 'm2']);
        expect(await ids({ range: { field: 'at', to: instants[1] } })).toEqual(['m0', 'm1']);
        expect(await ids({ range: { field: 'n', from: 10, to: 20 } })).toEqual(['m1', 'm2']);
        expect(await ids({ type: 'meeting', range: { field: 'n', to: 0 } })).toEqual(['m0']);
      });

      it('refuses a range on a field without a range index, or with bounds of two types', async () => {
        const groups = store.collection('groups');
        await expect(groups.queryAll('p', { range: { field: 'tag', from: 'a' } })).rejects.toThrow(
          /"tag".*RANGE_FIELDS/,
        );
        await expect(groups.queryAll('p', { range: { field: 'n', from: 1, to: 'z' } })).rejects.toThrow(
          /two types/,
        );
      });
    });

    describe('only indexed fields are queried', () => {
      it('refuses a query on a field the Cosmos index leaves out, naming the field and where to add it', async () => {
        const groups = store.collection('groups');
        await groups.create({ id: 'a', pk: 'p', type: 't', unindexed: 1 });
        await expect(groups.queryAll('p', { where: { unindexed: 1 } })).rejects.toThrow(
          /"unindexed".*QUERIED_FIELDS in src\/platform\/storage\/queried-fields\.ts/,
        );
        await expect(groups.queryAll('p', { orderBy: { field: 'unindexed' } })).rejects.toThrow(
          /"unindexed"/,
        );
        const scan = async () => {
          for await (const doc of groups.scan({ arrayContains: { field: 'unindexedList', value: 1 } }))
            void doc;
        };
        await expect(scan()).rejects.toThrow(/"unindexedList".*QUERIED_ARRAY_FIELDS/);
        expect((await groups.queryAll('p', { where: { n: 1 } })).length).toBe(0);
      });
    });

    describe('compaction after an erasure', () => {
      it('compact() keeps every current document and what was deleted stays deleted', async () => {
        const groups = store.collection('groups');
        await groups.create(item('kept', 1));
        await groups.create(item('gone', 2));
        await groups.replace(item('kept', 3));
        await groups.delete('p1', 'gone');
        await store.compact?.();
        expect((await groups.read<Item>('p1', 'kept'))?.n).toBe(3);
        expect(await groups.read('p1', 'gone')).toBeUndefined();
        await groups.create(item('after', 4));
        expect((await groups.read<Item>('p1', 'after'))?.n).toBe(4);
      });
    });

    describe('CRUD and conditional writes', () => {
      it('creates, reads, replaces, upserts and deletes', async () => {
        const groups = store.collection('groups');
        const created = await groups.create(item('a', 1));
        expect(created).toMatchObject({ id: 'a', pk: 'p1', n: 1 });
        expect(typeof created.etag).toBe('string');
        expect(await groups.read('p1', 'a')).toMatchObject({ n: 1, etag: created.etag });
        expect(await groups.read('other', 'a')).toBeUndefined();

        const replaced = await groups.replace(item('a', 2));
        expect(replaced.etag).not.toBe(created.etag);
        expect((await groups.read<Item>('p1', 'a'))?.n).toBe(2);

        await groups.upsert(item('a', 3));
        await groups.upsert(item('b', 4));
        expect((await groups.read<Item>('p1', 'a'))?.n).toBe(3);
        expect((await groups.read<Item>('p1', 'b'))?.n).toBe(4);

        await groups.delete('p1', 'a');
        expect(await groups.read('p1', 'a')).toBeUndefined();
        await expect(groups.delete('p1', 'a')).rejects.toBeInstanceOf(NotFoundError);
        await expect(groups.replace(item('zz', 1))).rejects.toBeInstanceOf(NotFoundError);
      });

      it('keeps collections and partitions apart', async () => {
        await store.collection('groups').create(item('a', 1));
        await store.collection('directory').create(item('a', 2));
        await store.collection('groups').create({ ...item('a', 3), pk: 'p2' });
        expect((await store.collection('groups').read<Item>('p1', 'a'))?.n).toBe(1);
        expect((await store.collection('directory').read<Item>('p1', 'a'))?.n).toBe(2);
        expect((await store.collection('groups').read<Item>('p2', 'a'))?.n).toBe(3);
      });

      it('refuses a duplicate create with AlreadyExistsError (409)', async () => {
        const groups = store.collection('groups');
        await groups.create(item('a', 1));
        await expect(groups.create(item('a', 2))).rejects.toBeInstanceOf(AlreadyExistsError);
        expect((await groups.read<Item>('p1', 'a'))?.n).toBe(1);
      });

      it('refuses a stale etag with PreconditionFailedError (412) on replace and delete', async () => {
        const groups = store.collection('groups');
        const first = await groups.create(item('a', 1));
        const second = await groups.replace(item('a', 2), { ifMatch: first.etag });
        await expect(groups.replace(item('a', 3), { ifMatch: first.etag })).rejects.toBeInstanceOf(
          PreconditionFailedError,
        );
        await expect(groups.delete('p1', 'a', { ifMatch: first.etag })).rejects.toBeInstanceOf(
          PreconditionFailedError,
        );
        expect((await groups.read<Item>('p1', 'a'))?.n).toBe(2);
        await groups.delete('p1', 'a', { ifMatch: second.etag });
        expect(await groups.read('p1', 'a')).toBeUndefined();
      });

      it('does not store the etag field inside the document', async () => {
        const groups = store.collection('groups');
        const created = await groups.create(item('a', 1));
        const again = await groups.replace({ ...created, n: 5 }, { ifMatch: created.etag });
        const read = await groups.read<Item>('p1', 'a');
        expect(read?.etag).toBe(again.etag);
        expect(Object.keys(read ?? {}).filter((key) => key.startsWith('_'))).toEqual([]);
      });
    });

    describe('update', () => {
      it('lands all of 50 concurrent updates to one document (no lost update)', async () => {
        const groups = store.collection('groups');
        await groups.create(item('counter', 0));
        await Promise.all(
          Array.from({ length: 50 }, () =>
            groups.update<Item>('p1', 'counter', (current) => ({ ...current, n: current.n + 1 }), {
              maxAttempts: 100,
            }),
          ),
        );
        expect((await groups.read<Item>('p1', 'counter'))?.n).toBe(50);
      });

      it('leaves the document unchanged when the mutator returns undefined, and 404s on a missing one', async () => {
        const groups = store.collection('groups');
        const created = await groups.create(item('a', 1));
        const same = await groups.update<Item>('p1', 'a', () => undefined);
        expect(same.etag).toBe(created.etag);
        await expect(groups.update<Item>('p1', 'missing', (c) => c)).rejects.toBeInstanceOf(NotFoundError);
      });
    });

    describe('query', () => {
      it('pages with continuation tokens across several pages in a stable order (ties broken by id)', async () => {
        const groups = store.collection('groups');
        // 23 items, order values with ties (n = i mod 5), ids shuffled on insert.
        const ids = Array.from({ length: 23 }, (_, i) => `item-${String(i).padStart(2, '0')}`);
        for (const [index, id] of [...ids].reverse().entries())
          await groups.create(item(id, (23 - 1 - index) % 5));
        await groups.create({ ...item('other-type', 0), type: 'other' });
        await groups.create({ ...item('other-pk', 0), pk: 'p2' });

        const seen: Item[] = [];
        let continuation: string | undefined;
        let pages = 0;
        do {
          const page = await groups.query<Item>(
            'p1',
            { type: 'item', orderBy: { field: 'n' } },
            { limit: 5, continuation },
          );
          expect(page.items.length).toBeLessThanOrEqual(5);
          seen.push(...page.items);
          continuation = page.continuation;
          pages += 1;
        } while (continuation);
        expect(pages).toBeGreaterThanOrEqual(5);
        const expected = ids
          .map((id) => ({ id, n: Number(id.slice(5)) % 5 }))
          .sort((a, b) => a.n - b.n || (a.id < b.id ? -1 : 1))
          .map((entry) => entry.id);
        expect(seen.map((doc) => doc.id)).toEqual(expected);
      });

      it('pages descending', async () => {
        const groups = store.collection('groups');
        for (let i = 0; i < 7; i++) await groups.create(item(`d${i}`, i * 10));
        const first = await groups.query<Item>(
          'p1',
          { orderBy: { field: 'n', direction: 'DESC' } },
          { limit: 4 },
        );
        const second = await groups.query<Item>(
          'p1',
          { orderBy: { field: 'n', direction: 'DESC' } },
          { limit: 4, continuation: first.continuation },
        );
        expect([...first.items, ...second.items].map((doc) => doc.n)).toEqual([60, 50, 40, 30, 20, 10, 0]);
        expect(second.continuation).toBeUndefined();
      });

      it('filters by equality (typed), by array membership, and reads all pages with queryAll', async () => {
        const groups = store.collection('groups');
        await groups.create(item('a', 1, { tag: 'x', tags: ['red', 'blue'], flag: true }));
        await groups.create(item('b', 2, { tag: 'y', tags: ['blue'], flag: false }));
        await groups.create(item('c', 1, { tag: 'x', tags: [] }));
        const ids = async (spec: Parameters<typeof groups.queryAll>[1]) =>
          (await groups.queryAll('p1', spec)).map((d) => d.id).sort();
        expect(await ids({ where: { tag: 'x' } })).toEqual(['a', 'c']);
        expect(await ids({ where: { tag: 'x', n: 1 } })).toEqual(['a', 'c']);
        expect(await ids({ where: { flag: true } })).toEqual(['a']);
        expect(await ids({ where: { n: 2 } })).toEqual(['b']);
        expect(await ids({ arrayContains: { field: 'tags', value: 'blue' } })).toEqual(['a', 'b']);
        expect(await ids({ arrayContains: { field: 'tags', value: 'red' } })).toEqual(['a']);
        expect(await ids({ type: 'nothing' })).toEqual([]);
      });

      it('filters by id prefix exactly: no neighbour in key order, other filters and paging still apply', async () => {
        const groups = store.collection('groups');
        const matching = ['vote:h1:', 'vote:h1:a', 'vote:h1:b', 'vote:h1:é', 'vote:h1:😀', 'vote:h1:~~'];
        // Neighbours of the prefix in key order: shorter, one character on (':' + 1 = ';'), longer hearing id.
        const others = ['vote:h1', 'vote:h1;x', 'vote:h10:a', 'vote:h2:a', 'vote:h0:z', 'vote:'];
        for (const [n, id] of [...matching, ...others].entries()) await groups.create(item(id, n));
        await groups.create({ ...item('vote:h1:c', 0), pk: 'p2' });
        await groups.create({ ...item('vote:h1:t', 0), type: 'other' });

        const all = await groups.queryAll<Item>('p1', { type: 'item', idPrefix: 'vote:h1:' });
        expect(all.map((doc) => doc.id).sort()).toEqual([...matching].sort());
        expect((await groups.queryAll<Item>('p1', { idPrefix: 'vote:h1:' })).map((d) => d.id)).toContain(
          'vote:h1:t',
        );
        expect(
          (await groups.queryAll<Item>('p1', { idPrefix: 'vote:h1:', where: { n: 1 } })).map((d) => d.id),
        ).toEqual(['vote:h1:a']);

        const paged: string[] = [];
        let continuation: string | undefined;
        do {
          const page = await groups.query<Item>(
            'p1',
            { type: 'item', idPrefix: 'vote:h1:', orderBy: { field: 'n', direction: 'DESC' } },
            { limit: 2, continuation },
          );
          paged.push(...page.items.map((doc) => doc.id));
          continuation = page.continuation;
        } while (continuation);
        expect(paged).toEqual([...matching].reverse());

        const scanned: string[] = [];
        for await (const doc of groups.scan({ idPrefix: 'vote:h1:' })) scanned.push(`${doc.pk}/${doc.id}`);
        expect(scanned.sort()).toEqual(
          [...matching.map((id) => `p1/${id}`), 'p1/vote:h1:t', 'p2/vote:h1:c'].sort(),
        );
        await expect(groups.queryAll('p1', { idPrefix: '' })).rejects.toThrow(/idPrefix/);
      });

      it('scans across partitions with a type filter', async () => {
        const schedule = store.collection('schedule');
        for (let p = 0; p < 3; p++)
          for (let i = 0; i < 3; i++) await schedule.create({ ...item(`s${i}`, i), pk: `part-${p}` });
        await schedule.create({ ...item('x', 0), type: 'other' });
        const found: string[] = [];
        for await (const doc of schedule.scan({ type: 'item' })) found.push(`${doc.pk}/${doc.id}`);
        expect(found.sort()).toHaveLength(9);
        expect(new Set(found).size).toBe(9);
      });
    });

    describe('batch', () => {
      it('applies all operations of a batch', async () => {
        const groups = store.collection('groups');
        const existing = await groups.create(item('keep', 1));
        await groups.create(item('gone', 1));
        await groups.batch('p1', [
          { op: 'create', doc: item('new', 1) },
          { op: 'upsert', doc: item('up', 2) },
          { op: 'replace', doc: item('keep', 9), ifMatch: existing.etag },
          { op: 'delete', id: 'gone' },
        ]);
        expect((await groups.read<Item>('p1', 'keep'))?.n).toBe(9);
        expect(await groups.read('p1', 'new')).toBeDefined();
        expect(await groups.read('p1', 'up')).toBeDefined();
        expect(await groups.read('p1', 'gone')).toBeUndefined();
      });

      it('is all-or-nothing: a failing operation in the middle leaves nothing', async () => {
        const groups = store.collection('groups');
        await groups.create(item('dup', 1));
        await expect(
          groups.batch('p1', [
            { op: 'create', doc: item('b1', 1) },
            { op: 'create', doc: item('dup', 2) },
            { op: 'create', doc: item('b3', 3) },
          ]),
        ).rejects.toBeInstanceOf(AlreadyExistsError);
        expect(await groups.read('p1', 'b1')).toBeUndefined();
        expect(await groups.read('p1', 'b3')).toBeUndefined();
        expect((await groups.read<Item>('p1', 'dup'))?.n).toBe(1);

        const current = await groups.read<Item>('p1', 'dup');
        await groups.replace(item('dup', 5));
        await expect(
          groups.batch('p1', [
            { op: 'upsert', doc: item('c1', 1) },
            { op: 'replace', doc: item('dup', 6), ifMatch: current?.etag },
          ]),
        ).rejects.toBeInstanceOf(PreconditionFailedError);
        expect(await groups.read('p1', 'c1')).toBeUndefined();
        expect((await groups.read<Item>('p1', 'dup'))?.n).toBe(5);
      });
    });

    describe('repository validation', () => {
      const noteSchema = z.object({
        id: z.string().min(1),
        groupId: z.string().min(1),
        title: z.string().min(3),
        meta: z.object({ pages: z.number().int() }),
      });
      const noteDocument = defineDocument('note', noteSchema, {
        collection: 'groups',
        pk: (note) => note.groupId,
        id: (note) => `note:${note.id}`,
      });

      it('refuses an invalid document before it reaches the store, naming the field', async () => {
        const notes = typedCollection(store, noteDocument);
        const bad = { id: 'n1', groupId: 'g1', title: 'x', meta: { pages: 1 } };
        await expect(notes.create(bad)).rejects.toMatchObject({
          name: 'InvalidDocumentError',
          field: 'title',
        });
        await expect(
          notes.create({ ...bad, title: 'long enough', meta: { pages: 1.5 } }),
        ).rejects.toMatchObject({ field: 'meta.pages' });
        await expect(notes.create(bad)).rejects.toBeInstanceOf(InvalidDocumentError);
        expect(await store.collection('groups').read('g1', 'note:n1')).toBeUndefined();
      });

      it('round-trips a valid entity, keeping its own id next to the document id', async () => {
        const notes = typedCollection(store, noteDocument);
        await notes.create({ id: 'n1', groupId: 'g1', title: 'Budget', meta: { pages: 2 } });
        const raw = await store.collection('groups').read('g1', 'note:n1');
        expect(raw).toMatchObject({ type: 'note', entityId: 'n1' });
        const read = await notes.get('g1', 'note:n1');
        expect(read).toMatchObject({ id: 'n1', groupId: 'g1', title: 'Budget', meta: { pages: 2 } });
        const updated = await notes.update('g1', 'note:n1', (note) => ({ ...note, title: 'Budget 2028' }));
        expect(updated.title).toBe('Budget 2028');
        expect((await notes.queryAll('g1')).map((note) => note.id)).toEqual(['n1']);
      });

      it('returns from every write exactly what a read of it returns (zod output, entity id, etag)', async () => {
        // The writes return the entity validated on the way in; it must equal the parsed read,
        // including what zod changed (the unknown key dropped) and the store's new etag.
        const notes = typedCollection(store, noteDocument);
        const note = { id: 'n2', groupId: 'g1', title: 'Budget', meta: { pages: 2 } };
        const withExtra = { ...note, stray: 'dropped by the schema' } as typeof note;
        const created = await notes.create(withExtra);
        expect(created).toEqual(await notes.get('g1', 'note:n2'));
        expect(created).not.toHaveProperty('stray');
        expect(created).not.toHaveProperty('pk');
        expect(created).not.toHaveProperty('entityId');

        const upserted = await notes.upsert({ ...note, title: 'Budget, upserted' });
        expect(upserted.etag).not.toBe(created.etag);
        expect(upserted).toEqual(await notes.get('g1', 'note:n2'));

        const replaced = await notes.replace(
          { ...note, title: 'Budget, replaced' },
          { ifMatch: upserted.etag },
        );
        expect(replaced).toEqual(await notes.get('g1', 'note:n2'));

        const updated = await notes.update('g1', 'note:n2', (current) => ({
          ...current,
          meta: { pages: 3 },
        }));
        expect(updated).toEqual(await notes.get('g1', 'note:n2'));
        expect(updated).toMatchObject({ id: 'n2', title: 'Budget, replaced', meta: { pages: 3 } });

        const unchanged = await notes.update('g1', 'note:n2', () => undefined);
        expect(unchanged).toEqual(updated);
        // A read of a version this process wrote skips the parse; it must give what the parse gives.
        const raw = await store.collection('groups').read('g1', 'note:n2');
        expect(await notes.get('g1', 'note:n2')).toEqual(noteDocument.fromDocument(raw!));
        expect(await notes.queryAll('g1')).toContainEqual(noteDocument.fromDocument(raw!));
      });

      it('parses a version written around the repository, and refuses it when it is corrupt', async () => {
        const notes = typedCollection(store, noteDocument);
        await notes.create({ id: 'n3', groupId: 'g1', title: 'Budget', meta: { pages: 2 } });
        const raw = store.collection('groups');
        const current = (await raw.read('g1', 'note:n3'))!;
        // Another process (or an operator) writes a bad version: a new etag, so it is parsed again.
        await raw.replace({ ...current, meta: { pages: 'two' } } as NewDocument);
        await expect(notes.get('g1', 'note:n3')).rejects.toMatchObject({
          name: 'InvalidDocumentError',
          field: 'meta.pages',
        });
        await expect(notes.queryAll('g1')).rejects.toBeInstanceOf(InvalidDocumentError);
      });

      it('parses a version read through another definition than the one that wrote it', async () => {
        const notes = typedCollection(store, noteDocument);
        await notes.create({ id: 'n4', groupId: 'g1', title: 'Budget', meta: { pages: 2 } });
        // Same collection and key, another definition whose schema the note does not satisfy.
        const strictDocument = defineDocument(
          'strict-note',
          z.object({ id: z.string(), groupId: z.string(), title: z.string(), author: z.string() }),
          { collection: 'groups', pk: (note) => note.groupId, id: (note) => `note:${note.id}` },
        );
        await expect(typedCollection(store, strictDocument).get('g1', 'note:n4')).rejects.toMatchObject({
          name: 'InvalidDocumentError',
          field: 'author',
        });
      });

      it('does not add the document id to an entity without an id of its own', async () => {
        const tallySchema = z.object({ groupId: z.string(), count: z.number().int() });
        const tallyDocument = defineDocument('tally', tallySchema, {
          collection: 'groups',
          pk: (tally) => tally.groupId,
          id: () => 'tally',
        });
        const tallies = typedCollection(store, tallyDocument);
        const created = await tallies.create({ groupId: 'g1', count: 1 });
        expect(created).not.toHaveProperty('id');
        const read = await tallies.get('g1', 'tally');
        expect(read).toEqual(created);
        expect(read).not.toHaveProperty('id');
        expect(await tallies.update('g1', 'tally', (t) => ({ ...t, count: 2 }))).not.toHaveProperty('id');
        expect(await tallies.get('g1', 'tally')).toEqual({
          groupId: 'g1',
          count: 2,
          etag: expect.any(String),
        });
      });
    });

    describe('repositories', () => {
      const group = (id: string): Group => ({
        id,
        kind: 'reference',
        name: { da: `Gruppe ${id}`, en: `Group ${id}` },
        status: 'active',
        createdAt: '2027-01-01T00:00:00.000Z',
      });
      const binding = (groupId: string, channelId: string): ChannelBinding => ({
        groupId,
        channelId,
        teamId: 'team-1',
        boundBy: 'aad-1',
        boundAt: '2027-01-02T10:00:00.000Z',
      });

      it('groups: saves and lists groups, binds a channel and finds the group by channel', async () => {
        const groups = new GroupRepository(store);
        await groups.saveGroup(group('ref-b'));
        await groups.saveGroup(group('ref-a'));
        expect((await groups.listGroups()).map((g) => g.id)).toEqual(['ref-a', 'ref-b']);
        expect(await groups.getGroup('ref-a')).toEqual(group('ref-a'));
        expect(await groups.getGroup('nope')).toBeUndefined();

        expect(await groups.bind(binding('ref-a', '19:chan-a@thread.tacv2'))).toMatchObject({
          kind: 'bound',
        });
        expect(await groups.bindingOfChannel('19:chan-a@thread.tacv2')).toMatchObject({
          groupId: 'ref-a',
          teamId: 'team-1',
        });
        expect(await groups.bindingOfGroup('ref-a')).toMatchObject({ channelId: '19:chan-a@thread.tacv2' });
        expect(await groups.bind(binding('ref-a', '19:chan-a@thread.tacv2'))).toMatchObject({
          kind: 'already-bound-here',
        });
        expect(await groups.bind(binding('ref-a', '19:other'))).toMatchObject({
          kind: 'group-bound-elsewhere',
        });
        expect(await groups.bind(binding('ref-b', '19:chan-a@thread.tacv2'))).toMatchObject({
          kind: 'channel-bound-to-other',
          existing: { groupId: 'ref-a' },
        });

        expect(await groups.unbind('ref-a', '19:chan-a@thread.tacv2')).toBe(true);
        expect(await groups.bindingOfChannel('19:chan-a@thread.tacv2')).toBeUndefined();
        expect(await groups.bind(binding('ref-b', '19:chan-a@thread.tacv2'))).toMatchObject({
          kind: 'bound',
        });
        expect(await groups.bindingOfChannel('19:chan-a@thread.tacv2')).toMatchObject({ groupId: 'ref-b' });
      });

      it('groups: of two racing binds for one channel exactly one wins', async () => {
        const groups = new GroupRepository(store);
        const outcomes = await Promise.all([
          groups.bind(binding('g1', 'chan')),
          groups.bind(binding('g2', 'chan')),
        ]);
        expect(outcomes.map((o) => o.kind).sort()).toEqual(['bound', 'channel-bound-to-other']);
        const winner = outcomes.find((o) => o.kind === 'bound');
        const owner = await groups.bindingOfChannel('chan');
        expect(owner?.groupId).toBe(winner?.kind === 'bound' ? winner.binding.groupId : 'none');
        const loser = owner?.groupId === 'g1' ? 'g2' : 'g1';
        expect(await groups.bindingOfGroup(loser)).toBeUndefined();
      });

      it('groups: a bind interrupted after claiming the channel is finished by re-running it, and a stale claim does not block others', async () => {
        const groups = new GroupRepository(store);
        // Simulate a crash after step 1: an unconfirmed channel claim, no group side.
        await store.collection('directory').create({
          id: 'binding',
          pk: 'channel:chan',
          type: 'channel-binding',
          ...binding('g1', 'chan'),
          confirmed: false,
        });
        expect(await groups.bindingOfChannel('chan')).toBeUndefined();
        expect(await groups.bind(binding('g2', 'chan'))).toMatchObject({ kind: 'bound' });
        expect(await groups.bindingOfChannel('chan')).toMatchObject({ groupId: 'g2' });
      });

      it('groups: records installations and serves the conversation reference of a bound group', async () => {
        const groups = new GroupRepository(store);
        await groups.recordInstallation(
          { teamId: 'team-1', teamName: 'FKI', installedAt: '2027-01-01T00:00:00.000Z' },
          [
            {
              teamId: 'team-1',
              channelId: 'chan',
              channelName: 'Styregruppe',
              conversationReference: { serviceUrl: 'https://smba', conversation: { id: 'chan' } },
            },
          ],
        );
        await groups.bind(binding('g1', 'chan'));
        expect(await groups.listInstallations()).toEqual([
          expect.objectContaining({ teamId: 'team-1', channelIds: ['chan'] }),
        ]);
        expect(await groups.conversationReferenceOfGroup('g1')).toEqual({
          serviceUrl: 'https://smba',
          conversation: { id: 'chan' },
        });
      });

      it('people: persons and memberships; roles in one single-partition read', async () => {
        const people = new PeopleRepository(store);
        const person: Person = {
          id: 'aad-1',
          name: 'Mette Hansen',
          email: 'mh@kommune.dk',
          organisation: { kind: 'municipality', municipalityCode: '101', name: 'København' },
        };
        await people.savePerson(person);
        await people.saveMembership({
          personId: 'aad-1',
          groupId: 'steering',
          role: 'chair',
          termStart: '2026-01-01',
        });
        await people.saveMembership({
          personId: 'aad-1',
          groupId: 'ref-a',
          role: 'member',
          termStart: '2025-01-01',
        });
        await people.saveMembership({
          personId: 'aad-2',
          groupId: 'steering',
          role: 'member',
          termStart: '2026-01-01',
        });
        expect(await people.getPerson('aad-1')).toEqual(person);
        expect(await people.endMembership('ref-a', 'aad-1', '2025-01-01', '2026-06-30')).toBe(true);

        const both = await people.personWithMemberships('aad-1');
        expect(both.person?.name).toBe('Mette Hansen');
        expect(both.memberships.map((m) => m.groupId).sort()).toEqual(['ref-a', 'steering']);
        expect((await people.rolesOf('aad-1', '2026-07-01')).map((m) => `${m.groupId}:${m.role}`)).toEqual([
          'steering:chair',
        ]);
        expect((await people.rolesOf('aad-1', '2026-03-01', 'ref-a')).map((m) => m.role)).toEqual(['member']);
        expect((await people.membersOf('steering')).map((m) => m.personId).sort()).toEqual([
          'aad-1',
          'aad-2',
        ]);
        await expect(people.savePerson({ ...person, email: 'not-an-email' })).rejects.toMatchObject({
          field: 'email',
        });
      });

      it("people: a membership stored without its organisation reads with the person's (issue 26.9)", async () => {
        const people = new PeopleRepository(store);
        const kl: Person['organisation'] = { kind: 'KL', name: 'KL' };
        const aarhus: Person['organisation'] = {
          kind: 'municipality',
          municipalityCode: '751',
          name: 'Aarhus',
        };
        await people.savePerson({ id: 'aad-9', name: 'Mads', organisation: kl });
        // Stored as before 26.9: no organisation on the membership.
        await people.saveMembership({
          personId: 'aad-9',
          groupId: 'steering',
          role: 'member',
          termStart: '2026-01-01',
        });
        await people.saveMembership({
          personId: 'aad-9',
          groupId: 'ref-a',
          role: 'member',
          termStart: '2026-02-01',
          organisation: aarhus,
        });
        const byGroup = (list: Array<{ groupId: string; organisation?: unknown }>) =>
          Object.fromEntries(list.map((m) => [m.groupId, m.organisation]));
        expect(byGroup(await people.membershipsOf('aad-9'))).toEqual({ steering: kl, 'ref-a': aarhus });
        expect(byGroup((await people.personWithMemberships('aad-9')).memberships)).toEqual({
          steering: kl,
          'ref-a': aarhus,
        });
        expect((await people.membersOf('steering'))[0]!.organisation).toEqual(kl);
        // Pinned before the person's organisation changes: the old term keeps KL.
        await people.pinOrganisations('aad-9');
        await people.savePerson({ id: 'aad-9', name: 'Mads', organisation: aarhus });
        expect((await people.membersOf('steering'))[0]!.organisation).toEqual(kl);
        expect(byGroup(await people.membershipsOf('aad-9'))).toEqual({ steering: kl, 'ref-a': aarhus });
      });

      it('audit: append-only, exported per month range in time order, as JSON lines', async () => {
        const audit = new AuditRepository(store);
        await audit.append({
          at: '2027-03-31T23:00:00.000Z',
          actorId: 'a',
          action: 'bind',
          subject: 'group:g1',
        });
        await audit.append({
          at: '2027-03-01T08:00:00.000Z',
          actorId: 'a',
          action: 'create',
          subject: 'group:g1',
          details: { x: 1 },
        });
        await audit.append({
          at: '2027-04-02T08:00:00.000Z',
          actorId: 'b',
          action: 'vote',
          subject: 'hearing:h1',
        });
        expect((await audit.export('2027-03', '2027-03')).map((e) => e.action)).toEqual(['create', 'bind']);
        const all = await audit.export('2027-01', '2027-12');
        expect(all.map((e) => e.action)).toEqual(['create', 'bind', 'vote']);
        expect(all[0]).toEqual({
          at: '2027-03-01T08:00:00.000Z',
          actorId: 'a',
          action: 'create',
          subject: 'group:g1',
          details: { x: 1 },
        });
        const lines = (await audit.exportJsonLines('2027-04', '2027-04')).split('\n');
        expect(lines.map((line) => JSON.parse(line).action)).toEqual(['vote']);
        expect(Object.getOwnPropertyNames(AuditRepository.prototype).sort()).toEqual([
          'append',
          'constructor',
          'export',
          'exportJsonLines',
        ]);
        await expect(
          audit.append({ at: 'yesterday', actorId: 'a', action: 'x', subject: 'y' }),
        ).rejects.toMatchObject({ field: 'at' });
      });

      it('ledger: a key is claimed once; unsent entries are listed; a take-over and a skip win once', async () => {
        const ledger = createStoreLedger(store.collection('schedule'));
        const at = new Date('2027-03-01T08:00:00.000Z');
        const claimOf = (key: string, holderId: string, dueAt = at) => ({
          key,
          kind: 'reminder',
          groupId: 'steering',
          dueAt,
          holderId,
          now: at,
        });
        const key = 'reminder/steering/2027-04-01/4w';
        const claims = await Promise.all(
          ['h1', 'h2', 'h3', 'h4', 'h5'].map((holder) => ledger.claim(claimOf(key, holder))),
        );
        expect(claims.filter(Boolean)).toHaveLength(1);
        const claimed = claims.find(Boolean)!;
        expect(claimed).toMatchObject({ key, status: 'claimed', attempts: 1, dueAt: at.toISOString() });
        expect(await ledger.claim(claimOf(key, 'late'))).toBeUndefined();

        const sent = (await ledger.claim(claimOf('other', 'h1')))!;
        await ledger.markSent(sent, at);
        // "sent" wins: a failure recorded afterwards changes nothing.
        await ledger.markAttemptFailed(sent, { error: 'late failure', final: true });
        expect(await ledger.get('other')).toMatchObject({ status: 'sent', sentAt: at.toISOString() });
        const failed = (await ledger.claim(claimOf('failed', 'h1')))!;
        await ledger.markAttemptFailed(failed, { error: 'boom', final: true });
        expect(await ledger.get('failed')).toMatchObject({ status: 'failed', lastError: 'boom' });
        const retry = (await ledger.claim(claimOf('retry', 'h1', new Date('2027-02-01T08:00:00.000Z'))))!;
        await ledger.markAttemptFailed(retry, {
          error: 'busy',
          nextAttemptAt: new Date('2027-03-01T08:05:00.000Z'),
          final: false,
        });

        // Claimed and retrying entries, by due time; sent and failed ones are not listed.
        const unsent = await ledger.listUnsent();
        expect(unsent.map((entry) => [entry.key, entry.status])).toEqual([
          ['retry', 'retrying'],
          [key, 'claimed'],
        ]);
        expect(unsent[0]).toMatchObject({ lastError: 'busy', nextAttemptAt: '2027-03-01T08:05:00.000Z' });

        // Two instances take the same stale claim over: the etag lets exactly one win.
        const takeovers = await Promise.all(
          ['t1', 't2'].map((holder) =>
            ledger.takeOver(claimed, holder, new Date('2027-03-01T09:00:00.000Z')),
          ),
        );
        expect(takeovers.filter(Boolean)).toHaveLength(1);
        const taken = takeovers.find(Boolean)!;
        expect(taken).toMatchObject({
          status: 'claimed',
          attempts: 2,
          claimedAt: '2027-03-01T09:00:00.000Z',
        });
        expect(await ledger.markSkipped(claimed, 'stale etag')).toBe(false);
        expect(await ledger.markSkipped(taken, 'meeting started')).toBe(true);
        expect(await ledger.get(key)).toMatchObject({ status: 'skipped', lastError: 'meeting started' });
        expect((await ledger.listUnsent()).map((entry) => entry.key)).toEqual(['retry']);
      });

      it('ledger: the lease is held by one instance at a time', async () => {
        const ledger = createStoreLedger(store.collection('schedule'));
        const t0 = new Date('2027-03-01T08:00:00.000Z');
        const later = (ms: number) => new Date(t0.getTime() + ms);
        const racing = await Promise.all(
          ['i1', 'i2', 'i3'].map((holder) => ledger.acquireLease(holder, 60_000, t0)),
        );
        expect(racing.filter(Boolean)).toHaveLength(1);
        const holder = ['i1', 'i2', 'i3'][racing.indexOf(true)] as string;
        const other = holder === 'i1' ? 'i2' : 'i1';
        expect(await ledger.acquireLease(other, 60_000, later(30_000))).toBe(false);
        expect(await ledger.renewLease(holder, 60_000, later(30_000))).toBe(true);
        expect(await ledger.acquireLease(other, 60_000, later(80_000))).toBe(false);
        expect(await ledger.renewLease(other, 60_000, later(80_000))).toBe(false);
        // Expired: exactly one of two contenders takes it over; the old holder cannot renew.
        const takeover = await Promise.all([
          ledger.acquireLease('i8', 60_000, later(200_000)),
          ledger.acquireLease('i9', 60_000, later(200_000)),
        ]);
        expect(takeover.filter(Boolean)).toHaveLength(1);
        expect(await ledger.renewLease(holder, 60_000, later(200_000))).toBe(false);
        const newHolder = takeover[0] ? 'i8' : 'i9';
        // The old holder's release does not free the new holder's lease.
        await ledger.releaseLease(holder);
        expect(await ledger.acquireLease(other, 60_000, later(200_001))).toBe(false);
        expect(await ledger.renewLease(newHolder, 60_000, later(200_001))).toBe(true);
        await ledger.releaseLease(newHolder);
        expect(await ledger.acquireLease(other, 60_000, later(200_002))).toBe(true);
      });

      it('ledger: posts are recorded on the entry as they happen and survive the outcome marks', async () => {
        const ledger = createStoreLedger(store.collection('schedule'));
        const at = new Date('2027-03-01T08:00:00.000Z');
        const claimOf = (key: string) => ({
          key,
          kind: 'term-ending',
          groupId: 'secretariat',
          dueAt: at,
          holderId: 'h1',
          now: at,
        });
        const post = (activityId: string, fingerprint = `fp-${activityId}`) => ({
          groupId: 'secretariat',
          fingerprint,
          activityId,
          postedAt: '2027-03-01T08:00:01.000Z',
          scanAt: at.toISOString(),
        });
        const entry = (await ledger.claim(claimOf('term-1')))!;
        expect(entry.posts).toBeUndefined();
        // Two writers recording at once (the sender and a retry of the same write): both kept, none lost.
        await Promise.all([
          ledger.recordPost('term-1', post('a-1')),
          ledger.recordPost('term-1', post('a-2')),
        ]);
        // The same activity id again is no second post.
        await ledger.recordPost('term-1', post('a-1'));
        const recorded = (await ledger.get('term-1'))!;
        expect(recorded.posts?.map((p) => p.activityId).sort()).toEqual(['a-1', 'a-2']);
        expect(recorded.posts?.find((p) => p.activityId === 'a-1')).toEqual(post('a-1'));
        // Recording changes the etag: a holder working from the older read loses a guarded write.
        expect(await ledger.markSkipped(entry, 'stale')).toBe(false);
        await ledger.markSent(recorded, at);
        expect((await ledger.get('term-1'))!).toMatchObject({ status: 'sent', posts: recorded.posts });
        await expect(ledger.recordPost('never-claimed', post('a-3'))).rejects.toThrow();
      });

      it('ledger: a take-over of an unfinished claim names the holder it recovered from, and keeps its posts', async () => {
        const ledger = createStoreLedger(store.collection('schedule'));
        const at = new Date('2027-03-01T08:00:00.000Z');
        const later = new Date('2027-03-01T08:01:00.000Z');
        const claimOf = (key: string) => ({
          key,
          kind: 'reminder',
          groupId: 'steering',
          dueAt: at,
          holderId: 'dead',
          now: at,
        });
        await ledger.claim(claimOf('unfinished'));
        await ledger.recordPost('unfinished', {
          groupId: 'steering',
          fingerprint: 'fp',
          activityId: 'a-9',
          postedAt: at.toISOString(),
          scanAt: at.toISOString(),
        });
        const taken = (await ledger.takeOver((await ledger.get('unfinished'))!, 'heir', later))!;
        expect(taken).toMatchObject({ holderId: 'heir', recoveredFrom: 'dead', attempts: 2 });
        expect(taken.posts?.map((p) => p.activityId)).toEqual(['a-9']);
        expect(await ledger.get('unfinished')).toMatchObject({ recoveredFrom: 'dead', posts: taken.posts });

        // A retry after a recorded failure knows how the attempt ended: nothing to recover.
        const failed = (await ledger.claim(claimOf('failed-once')))!;
        await ledger.markAttemptFailed(failed, { error: 'busy', final: false, nextAttemptAt: at });
        const retried = (await ledger.takeOver((await ledger.get('failed-once'))!, 'heir', later))!;
        expect(retried.status).toBe('claimed');
        expect(retried.recoveredFrom).toBeUndefined();
      });

      it('ledger: the lease of a holder the caller names as dead is taken over before it expires, once', async () => {
        const ledger = createStoreLedger(store.collection('schedule'));
        const t0 = new Date('2027-03-01T08:00:00.000Z');
        const soon = new Date(t0.getTime() + 1_000);
        expect(await ledger.leaseHolder()).toBeUndefined();
        expect(await ledger.acquireLease('dead', 60_000, t0)).toBe(true);
        expect(await ledger.leaseHolder()).toEqual({
          holderId: 'dead',
          expiresAt: '2027-03-01T08:01:00.000Z',
        });
        expect(await ledger.acquireLease('heir', 60_000, soon)).toBe(false);
        // Naming another holder frees nothing.
        expect(await ledger.acquireLease('heir', 60_000, soon, { replacing: 'someone-else' })).toBe(false);
        const racing = await Promise.all(
          ['heir-1', 'heir-2'].map((holder) =>
            ledger.acquireLease(holder, 60_000, soon, { replacing: 'dead' }),
          ),
        );
        expect(racing.filter(Boolean)).toHaveLength(1);
        const heir = racing[0] ? 'heir-1' : 'heir-2';
        expect(await ledger.leaseHolder()).toEqual({ holderId: heir, expiresAt: '2027-03-01T08:01:01.000Z' });
        expect(await ledger.renewLease('dead', 60_000, soon)).toBe(false);
        // Once replaced, the dead holder's name opens nothing any more.
        expect(await ledger.acquireLease('heir-3', 60_000, soon, { replacing: 'dead' })).toBe(false);
      });
    });

    describe('requests for input (the answer and its agenda item in one batch)', () => {
      const request = (id: string, steeringGroupId = 'steering'): InputRequest => ({
        id,
        steeringGroupId,
        referenceGroupId: 'ref-arkitektur',
        topic: 'Fælles log æøå',
        question: 'Hvad anbefaler I?',
        background: '',
        material: [],
        dueDate: '2027-02-10',
        requestedBy: 's1',
        requestedByName: 'Søren Styr',
        requestedAs: 'decide',
        requestedAt: '2027-01-11T10:00:00.000Z',
        status: 'open',
      });
      const answered = (open: InputRequest): InputRequest => ({
        ...open,
        status: 'answered',
        answer: { text: 'OIDC', material: [], by: 'r1', at: '2027-02-01T10:00:00.000Z', late: false },
      });
      const item = (requestId: string) =>
        requestedInputItemWrite({
          requestId,
          groupId: 'steering',
          meetingId: 'm1',
          title: 'Belysning fra referencegruppen Arkitektur og udvikling: Fælles log æøå',
          description: 'OIDC',
          minutes: 15,
          material: [],
          answeredBy: 'r1',
          answeredAt: '2027-02-01T10:00:00.000Z',
          late: false,
        }).operation;

      it('creates a request once and lists the open ones across steering groups', async () => {
        const requests = new RequestRepository(store);
        expect((await requests.createOnce(request('a'))).created).toBe(true);
        const again = await requests.createOnce({ ...request('a'), topic: 'Andet emne' });
        expect(again).toEqual({ request: request('a'), created: false });
        await requests.createOnce(request('b', 'steering-2'));
        expect((await requests.listOpen()).map((r) => r.id).sort()).toEqual(['a', 'b']);
      });

      it('writes the answer and the agenda item together, and neither on a stale etag or an existing item', async () => {
        const requests = new RequestRepository(store);
        const proposals = new ProposalRepository(store);
        await requests.createOnce(request('a'));
        const read = (await requests.get('steering', 'a'))!;
        expect((await requests.answer(answered(request('a')), read.etag, item('a'))).kind).toBe('written');
        expect((await requests.get('steering', 'a'))?.status).toBe('answered');
        expect((await proposals.get('steering', 'input-a'))?.status).toBe('accepted');
        expect(await requests.listOpen()).toEqual([]);
        // A second answer at the old etag: refused, nothing changes.
        expect((await requests.answer(answered(request('a')), read.etag, item('a'))).kind).toBe('conflict');

        await requests.createOnce(request('c'));
        await proposals.createOnce({ ...(await proposals.get('steering', 'input-a'))!, id: 'input-c' });
        const fresh = (await requests.get('steering', 'c'))!;
        expect((await requests.answer(answered(request('c')), fresh.etag, item('c'))).kind).toBe('conflict');
        expect((await requests.get('steering', 'c'))?.status).toBe('open');
      });

      it('refuses a request with a malformed due date before the store sees it', async () => {
        const requests = new RequestRepository(store);
        await expect(requests.createOnce({ ...request('a'), dueDate: '10.02.2027' })).rejects.toThrow(
          InvalidDocumentError,
        );
        expect(await requests.get('steering', 'a')).toBeUndefined();
      });
    });

    describe('endorsements (one vote document per voter; the close and its agenda item in one batch)', () => {
      const endorsement = (id: string, steeringGroupId = 'steering'): Endorsement => ({
        id,
        steeringGroupId,
        referenceGroupId: 'ref-arkitektur',
        title: 'Fælles log æøå',
        text: 'Vi indstiller fælles logning.',
        material: [],
        authorId: 'r1',
        authorName: 'Rikke Ærø',
        openedAt: '2027-01-11T10:00:00.000Z',
        closesAt: '2027-01-16T10:00:00.000Z',
        rule: { kind: 'majority-of-answers', days: 5 },
        status: 'open',
      });
      const endorsed = (open: Endorsement): Endorsement => ({
        ...open,
        status: 'endorsed',
        closed: { at: '2027-01-16T10:00:00.000Z', tally: { for: 2, against: 1, abstain: 0 } },
      });
      const item = (endorsementId: string) =>
        endorsedItemWrite({
          endorsementId,
          groupId: 'steering',
          meetingId: 'm1',
          title: 'Indstilling fra referencegruppen Arkitektur og udvikling: Fælles log æøå',
          description: 'Vi indstiller fælles logning.',
          minutes: 15,
          material: [],
          authorId: 'r1',
          closedAt: '2027-01-16T10:00:00.000Z',
        }).operation;
      const vote = (endorsementId: string, voterId: string, choice: 'for' | 'against' | 'abstain') => ({
        endorsementId,
        steeringGroupId: 'steering',
        voterId,
        choice,
        castAt: '2027-01-12T10:00:00.000Z',
      });

      it('creates once, lists the open ones, keeps one vote per voter and each endorsement its own', async () => {
        const endorsements = new EndorsementRepository(store);
        expect((await endorsements.createOnce(endorsement('a'))).created).toBe(true);
        const again = await endorsements.createOnce({ ...endorsement('a'), title: 'Andet' });
        expect(again).toEqual({ endorsement: endorsement('a'), created: false });
        await endorsements.createOnce(endorsement('b', 'steering-2'));
        expect((await endorsements.listOpen()).map((e) => e.id).sort()).toEqual(['a', 'b']);
        await Promise.all([
          endorsements.putVote(vote('a', 'r1', 'against')),
          endorsements.putVote(vote('a', 'r2', 'for')),
          endorsements.putVote(vote('a1', 'r3', 'for')),
        ]);
        await endorsements.putVote(vote('a', 'r1', 'for'));
        const votes = await endorsements.votesOf('steering', 'a');
        expect(votes.map((v) => `${v.voterId}:${v.choice}`).sort()).toEqual(['r1:for', 'r2:for']);
      });

      it('writes the close and the agenda item together, and neither on a stale etag or an existing item', async () => {
        const endorsements = new EndorsementRepository(store);
        const proposals = new ProposalRepository(store);
        await endorsements.createOnce(endorsement('a'));
        const read = (await endorsements.get('steering', 'a'))!;
        expect(await endorsements.close(endorsed(endorsement('a')), read.etag, item('a'))).toBe('written');
        expect((await endorsements.get('steering', 'a'))?.status).toBe('endorsed');
        expect((await proposals.get('steering', 'endorsement-a'))?.status).toBe('accepted');
        expect(await endorsements.listOpen()).toEqual([]);
        expect(await endorsements.close(endorsed(endorsement('a')), read.etag, item('a'))).toBe('conflict');

        await endorsements.createOnce(endorsement('c'));
        await proposals.createOnce({
          ...(await proposals.get('steering', 'endorsement-a'))!,
          id: 'endorsement-c',
        });
        const fresh = (await endorsements.get('steering', 'c'))!;
        expect(await endorsements.close(endorsed(endorsement('c')), fresh.etag, item('c'))).toBe('conflict');
        expect((await endorsements.get('steering', 'c'))?.status).toBe('open');
      });
    });

    describe('recruitments (candidates inside; the closed ones scanned for erasure)', () => {
      const recruitment = (id: string, groupId = 'steering'): Recruitment => ({
        id,
        groupId,
        seat: { kind: 'vacant', leavingPersonId: 'ole', replaceBy: '2027-01-01' },
        status: 'open',
        openedAt: '2027-01-11T10:00:00.000Z',
        openedBy: 'sofie',
        candidates: [],
      });
      const candidate = (id: string) => ({
        id,
        status: 'candidate' as const,
        registeredAt: '2027-01-11T10:00:00.000Z',
        personId: `p-${id}`,
        name: `Søren Ærø ${id}`,
        email: `${id}@kommune.dk`,
        municipalityCode: '751',
        competences: 'Arkitektur',
        assessment: 'Matcher profilen',
      });

      it('creates once, adds candidates at the same time without losing one, lists by status', async () => {
        const recruitments = new RecruitmentRepository(store);
        expect((await recruitments.createOnce(recruitment('a'))).created).toBe(true);
        const again = await recruitments.createOnce({ ...recruitment('a'), openedBy: 'other' });
        expect(again).toEqual({ recruitment: recruitment('a'), created: false });
        await Promise.all(
          ['x', 'y', 'z'].map((id) =>
            recruitments.update('steering', 'a', (current) => ({
              ...current,
              candidates: [...current.candidates, candidate(id)],
            })),
          ),
        );
        const stored = (await recruitments.get('steering', 'a'))!;
        expect(stored.candidates.map((c) => c.id).sort()).toEqual(['x', 'y', 'z']);
        await recruitments.createOnce({ ...recruitment('b', 'ref-drift'), status: 'closed' });
        expect((await recruitments.listOf('steering', 'open')).map((r) => r.id)).toEqual(['a']);
        expect((await recruitments.scanStatus('closed')).map((r) => r.id)).toEqual(['b']);
        expect(await recruitments.listOf('steering', 'closed')).toEqual([]);
      });

      it('refuses a candidate with a malformed erase date before the store sees it', async () => {
        const recruitments = new RecruitmentRepository(store);
        const bad = { ...candidate('x'), status: 'not-chosen' as const, eraseOn: '13.06.2027' };
        await expect(recruitments.createOnce({ ...recruitment('a'), candidates: [bad] })).rejects.toThrow(
          InvalidDocumentError,
        );
        expect(await recruitments.get('steering', 'a')).toBeUndefined();
      });
    });

    describe('governance versions (create-once by hash, the previous one closed)', () => {
      const clockAt = (at: string) => new ManualClock(at);
      const fki = loadGovernance();
      const changed = { ...fki, hearing: { ...fki.hearing, closingDays: fki.hearing.closingDays + 7 } };

      it('stores a new version, nothing for the same rules again, and closes the previous one', async () => {
        const versions = new GovernanceVersionRepository(store);
        const first = await versions.record(fki, clockAt('2027-01-10T09:00:00.000Z'));
        expect(first.created).toBe(true);
        expect(first.version).toMatchObject({ validFrom: '2027-01-10T09:00:00.000Z' });
        expect(JSON.parse(first.version.canonical).hearing.closingDays).toBe(fki.hearing.closingDays);
        const again = await versions.record(fki, clockAt('2027-01-11T09:00:00.000Z'));
        expect(again).toEqual({ version: first.version, created: false });
        const second = await versions.record(changed, clockAt('2027-02-01T09:00:00.000Z'));
        expect(second.created).toBe(true);
        expect(second.version.id).not.toBe(first.version.id);
        expect(second.version.previousId).toBe(first.version.id);
        expect(await versions.get(first.version.id)).toMatchObject({ validTo: '2027-02-01T09:00:00.000Z' });
        expect((await versions.latest())?.id).toBe(second.version.id);
        expect((await versions.list()).map((v) => v.id)).toEqual([first.version.id, second.version.id]);
      });

      it('stores one version when two instances start together with the same file', async () => {
        const clock = clockAt('2027-01-10T09:00:00.000Z');
        const [a, b] = await Promise.all([
          new GovernanceVersionRepository(store).record(fki, clock),
          new GovernanceVersionRepository(store).record(fki, clock),
        ]);
        expect(a.version.id).toBe(b.version.id);
        expect([a.created, b.created].sort()).toEqual([false, true]);
        expect(await new GovernanceVersionRepository(store).list()).toHaveLength(1);
      });

      it('starts a new version when an earlier file comes back', async () => {
        const versions = new GovernanceVersionRepository(store);
        const first = await versions.record(fki, clockAt('2027-01-10T09:00:00.000Z'));
        await versions.record(changed, clockAt('2027-02-01T09:00:00.000Z'));
        const back = await versions.record(fki, clockAt('2027-03-01T09:00:00.000Z'));
        expect(back.created).toBe(true);
        expect(back.version.id).not.toBe(first.version.id);
        expect(back.version.hash).toBe(first.version.hash);
        expect((await versions.list()).filter((v) => v.validTo === undefined)).toHaveLength(1);
      });
    });

    hearingTallyContract(() => store);
  });
}
