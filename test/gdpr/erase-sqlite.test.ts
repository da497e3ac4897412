/**
 * GDPR erasure on the embedded store (a file, WAL mode): after erasing a person who left a trace in
 * every kind of record, no stored document holds her name, e-mail, Teams name or her own comments,
 * and neither do the raw bytes of the database file and its write-ahead log; the decisions, the
 * votes and their counts stay. The export before it lists every kind of record she is in.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SqliteStore, SQLITE_FILE_NAME } from '../../src/platform/storage/sqlite/sqlite-store';
import { expectErasedEverywhere, expectFullExport } from './erase-checks';
import { endMemberships, ERASED_TEXTS, personWorld, type PersonWorld } from './person-world';

let dir: string;
let world: PersonWorld;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'fki-gdpr-'));
  world = await personWorld(SqliteStore.open(dir));
});
afterAll(async () => {
  await world?.h.stop();
  rmSync(dir, { recursive: true, force: true });
});

function rawBytes(): Buffer {
  const file = path.join(dir, SQLITE_FILE_NAME);
  const wal = `${file}-wal`;
  return Buffer.concat([readFileSync(file), existsSync(wal) ? readFileSync(wal) : Buffer.alloc(0)]);
}

test('the export lists every kind of record she is in', async () => {
  await expectFullExport(world);
});

test('before the erasure her name is in the files (the check can fail)', () => {
  expect(rawBytes().includes(Buffer.from('Ærbæk', 'utf8'))).toBe(true);
});

test('the erasure leaves her name and comments in no document and in neither file; the decisions stay', async () => {
  await endMemberships(world.h);
  await expectErasedEverywhere(world);
  const bytes = rawBytes();
  for (const text of [...ERASED_TEXTS, 'aase@'])
    expect([text, bytes.includes(Buffer.from(text, 'utf8'))]).toEqual([text, false]);
});
