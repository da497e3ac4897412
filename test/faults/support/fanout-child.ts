/**
 * The bot process that kill-mid-fanout.test.ts kills: the app as main.ts composes it (development
 * mode, the real proactive sender, the store ledger, the app's lease timings) on the SQLite store
 * in DATA_DIR, running one due-scan at the given instant against the Bot Connector stand-in the
 * conversation references point at. Bundled with esbuild and run with `node`.
 *
 *   node fanout-child.js <dataDir> <scan instant> [hang-before-sent:<n>]
 *
 * With `hang-before-sent:<n>` the n-th "sent" mark of the ledger never happens: the process stops
 * there (and says so on stdout) with that moment's post delivered and recorded but the moment not
 * marked sent, the exact place the parent kills it. Every stdout line is one JSON object.
 */
import { composeApp } from '../../../src/app/compose';
import { ManualClock } from '../../../src/domain/clock';
import type {
  Collection,
  CollectionName,
  DocumentStore,
  NewDocument,
} from '../../../src/platform/storage/port';
import { SqliteStore } from '../../../src/platform/storage/sqlite/sqlite-store';

const say = (line: Record<string, unknown>) => process.stdout.write(`${JSON.stringify(line)}\n`);

/** The store, except that the n-th write marking a ledger entry "sent" (replace or update) blocks forever. */
function hangingBeforeSent(inner: DocumentStore, n: number): DocumentStore {
  let sentMarks = 0;
  const hangIfNth = async (key: unknown) => {
    if (++sentMarks !== n) return;
    say({ hanging: n, key });
    await new Promise(() => undefined);
  };
  // "Sent" is written by a replace at the etag this process knows, or an update when that lost.
  const replaceHanging =
    (target: Collection): Collection['replace'] =>
    async (doc, options) => {
      if ((doc as { status?: unknown }).status === 'sent') await hangIfNth((doc as { key?: unknown }).key);
      return target.replace(doc, options);
    };
  const schedule = (collection: Collection): Collection =>
    new Proxy(collection, {
      get: (target, property, receiver) => {
        if (property === 'replace') return replaceHanging(target);
        if (property !== 'update') return Reflect.get(target, property, receiver);
        return async (pk: string, id: string, mutate: (current: NewDocument) => NewDocument | undefined) => {
          const current = await target.read(pk, id);
          if (current && mutate(current)?.status === 'sent') await hangIfNth(current.key);
          return target.update(pk, id, mutate as never);
        };
      },
    });
  return {
    kind: inner.kind,
    collection: (name: CollectionName) =>
      name === 'schedule' ? schedule(inner.collection(name)) : inner.collection(name),
    health: () => inner.health(),
    close: () => inner.close(),
  };
}

async function main(): Promise<void> {
  const [dataDir, instant, mode] = process.argv.slice(2) as [string, string, string | undefined];
  const now = new Date(instant);
  const opened = SqliteStore.open(dataDir);
  const hangAt = mode?.startsWith('hang-before-sent:') ? Number(mode.split(':')[1]) : undefined;
  const store = hangAt ? hangingBeforeSent(opened, hangAt) : opened;
  const app = await composeApp(
    { NODE_ENV: 'test', DATA_DIR: dataDir, LOG_LEVEL: 'silent', SCHEDULER_ENABLED: 'false' },
    { store, clock: new ManualClock(now) },
  );
  say({ pid: process.pid, instanceId: app.scheduler.instanceId });
  const report = await app.scheduler.runScan(now);
  say({ report });
  await app.drain();
  await opened.close();
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    say({ error: String(error) });
    process.exit(1);
  },
);
