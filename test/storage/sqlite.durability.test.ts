/**
 * SQLite only: what was committed survives a close/reopen and a crash; an interrupted multi-document
 * write leaves all or nothing. The crash is real: a child node process runs the adapter (bundled from
 * the TypeScript source with esbuild), starts a large batch and is SIGKILLed while the batch's
 * uncommitted pages are already spilling into the WAL file.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { buildSync } from 'esbuild';
import { createStore } from '../../src/platform/storage/create-store';
import { SQLITE_FILE_NAME, SqliteStore } from '../../src/platform/storage/sqlite/sqlite-store';
import { CONTRACT_QUERIED_FIELDS } from './contract';

const projectRoot = resolve(__dirname, '../..');
let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'fki-sqlite-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

it('returns everything written after close and reopen', async () => {
  const first = SqliteStore.open(dir);
  const groups = first.collection('groups');
  for (let i = 0; i < 20; i++) await groups.create({ id: `d${i}`, pk: 'g1', type: 'note', n: i });
  await groups.update<{ id: string; pk: string; type: string; n: number }>('g1', 'd3', (doc) => ({
    ...doc,
    n: 33,
  }));
  await groups.batch('g1', [
    { op: 'delete', id: 'd0' },
    { op: 'create', doc: { id: 'b', pk: 'g1', type: 'note', n: -1 } },
  ]);
  await first.close();

  const reopened = SqliteStore.open(dir, { queriedFields: CONTRACT_QUERIED_FIELDS });
  try {
    const all = await reopened
      .collection('groups')
      .queryAll<{ id: string; pk: string; type: string; n: number }>('g1', { orderBy: { field: 'n' } });
    expect(all.map((doc) => doc.n)).toEqual(
      [-1, ...Array.from({ length: 19 }, (_, i) => i + 1)]
        .map((n) => (n === 3 ? 33 : n))
        .sort((a, b) => a - b),
    );
    expect(all).toHaveLength(20);
  } finally {
    await reopened.close();
  }
});

it('createStore opens the SQLite store in DATA_DIR (created if missing) when COSMOS_ENDPOINT is unset', async () => {
  const dataDir = join(dir, 'nested', 'data');
  const store = await createStore({ DATA_DIR: dataDir });
  try {
    expect(store.kind).toBe('sqlite');
    await store.collection('audit').create({ id: 'x', pk: 'audit:2027-01', type: 't' });
    expect(existsSync(join(dataDir, SQLITE_FILE_NAME))).toBe(true);
    expect((await store.health()).ok).toBe(true);
  } finally {
    await store.close();
  }
});

it('leaves all or nothing of a batch when the process is killed in the middle of it', async () => {
  const bundle = join(dir, 'sqlite-store.js');
  buildSync({
    entryPoints: [join(projectRoot, 'src/platform/storage/sqlite/sqlite-store.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    outfile: bundle,
    external: ['better-sqlite3'],
    logLevel: 'silent',
  });
  const BIG = 60_000;
  const child = join(dir, 'child.js');
  writeFileSync(
    child,
    `const { SqliteStore } = require(${JSON.stringify(bundle)});
     (async () => {
       const store = SqliteStore.open(process.argv[2]);
       const groups = store.collection('groups');
       await groups.batch('committed', Array.from({ length: 10 }, (_, i) => ({ op: 'create', doc: { id: 'c' + i, pk: 'committed', type: 'x' } })));
       const padding = 'x'.repeat(400);
       const ops = Array.from({ length: ${BIG} }, (_, i) => ({ op: 'create', doc: { id: 'b' + i, pk: 'big', type: 'x', padding } }));
       process.stdout.write('started\\n');
       await groups.batch('big', ops);
       process.stdout.write('done\\n');
     })();`,
  );

  const walFile = join(dir, `${SQLITE_FILE_NAME}-wal`);
  const outcome = await new Promise<{
    signal: NodeJS.Signals | null;
    output: string;
    walBytesAtKill: number;
  }>((resolvePromise, reject) => {
    const proc = spawn(process.execPath, [child, dir], {
      env: { ...process.env, NODE_PATH: join(projectRoot, 'node_modules') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    let walBytesAtKill = 0;
    let walAtStart = -1;
    let poller: NodeJS.Timeout | undefined;
    proc.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('started') && !poller) {
        walAtStart = existsSync(walFile) ? statSync(walFile).size : 0;
        // Kill once the uncommitted batch has visibly reached the disk (cache spill into the WAL).
        poller = setInterval(() => {
          const size = existsSync(walFile) ? statSync(walFile).size : 0;
          if (size > walAtStart + 1_000_000) {
            walBytesAtKill = size;
            proc.kill('SIGKILL');
            clearInterval(poller);
          }
        }, 1);
      }
    });
    proc.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    proc.on('error', reject);
    proc.on('exit', (_code, signal) => {
      if (poller) clearInterval(poller);
      resolvePromise({ signal, output, walBytesAtKill });
    });
  });

  expect(outcome.output).toContain('started');
  expect(outcome.output).not.toContain('done');
  expect(outcome.signal).toBe('SIGKILL');
  expect(outcome.walBytesAtKill).toBeGreaterThan(0);

  const reopened = SqliteStore.open(dir);
  try {
    const groups = reopened.collection('groups');
    expect(await groups.queryAll('committed', {})).toHaveLength(10);
    const big = await groups.queryAll('big', {});
    expect([0, BIG]).toContain(big.length);
  } finally {
    await reopened.close();
  }
});

it('reports a closed store as unavailable, also for statements prepared (and cached) before the close', async () => {
  const store = SqliteStore.open(dir);
  const groups = store.collection('groups');
  await groups.create({ id: 'g1', pk: 'steering', type: 'group' });
  // Prepared and cached by this read; the close must not leave a usable or crashing statement behind.
  expect(await groups.read('steering', 'g1')).toMatchObject({ id: 'g1' });
  await store.close();
  await expect(groups.read('steering', 'g1')).rejects.toMatchObject({ name: 'StoreUnavailableError' });
  await expect(groups.create({ id: 'g2', pk: 'steering', type: 'group' })).rejects.toMatchObject({
    name: 'StoreUnavailableError',
  });
  expect((await store.health()).ok).toBe(false);
});
