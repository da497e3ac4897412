/**
 * Two scheduler instances on one store never send a reminder twice: with the lease electing one
 * runner, and even when their leases overlap (both scan at once), because the ledger claim is
 * create-once in the store. Run on the embedded SQLite store (two connections to one file, like
 * two processes) and on the local Cosmos server (two clients on one database).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DocumentStore } from '../../src/platform/storage/port';
import { SqliteStore } from '../../src/platform/storage/sqlite/sqlite-store';
import { createStoreLedger } from '../../src/platform/scheduler/ledger-repository';
import { useLocalCosmos } from '../support/local-cosmos';
import { MeetingList, RecordingMessenger, meeting, schedulerOn } from './support';

const MINUTE = 60_000;

interface TwoConnections {
  stores: [DocumentStore, DocumentStore];
  close(): Promise<void>;
}

function raceSuite(name: string, connectTwice: () => Promise<TwoConnections>) {
  describe(`two scheduler instances on one store: ${name}`, () => {
    let connections: TwoConnections;
    beforeEach(async () => {
      connections = await connectTwice();
    });
    afterEach(async () => {
      await connections.close();
    });

    it('send every reminder once, with overlapping leases and with lease election', async () => {
      const meetings = new MeetingList([
        meeting('m-apr', 'steering', '2027-04-01T08:00:00.000Z'),
        meeting('r-mar', 'ref-drift', '2027-03-31T08:00:00.000Z'),
      ]);
      const messenger = new RecordingMessenger();
      const [storeA, storeB] = connections.stores;
      const a = schedulerOn(storeA, meetings, messenger, 'instance-a');
      const b = schedulerOn(storeB, meetings, messenger, 'instance-b');

      const instants = [
        '2027-02-24T09:00:00.000Z',
        '2027-02-25T09:00:00.000Z',
        '2027-03-03T09:00:00.000Z',
        '2027-03-04T09:00:00.000Z',
        '2027-03-17T09:00:00.000Z',
        '2027-03-18T09:00:00.000Z',
      ];
      for (const instant of instants) {
        const now = new Date(instant);
        // Overlapping leases (clock skew, a paused process): both scan at the same time.
        await Promise.all([a.runScan(now, { ignoreLease: true }), b.runScan(now, { ignoreLease: true })]);
        // Normal operation a few minutes later: the lease lets exactly one of them run.
        const later = new Date(now.getTime() + 5 * MINUTE);
        const reports = await Promise.all([a.runScan(later), b.runScan(later)]);
        expect(reports.filter((report) => report.ran)).toHaveLength(1);
      }

      // 10 moments of the steering meeting (incl. the reference groups'), 3 of the reference meeting.
      expect(messenger.posts).toHaveLength(13);
      expect(messenger.posts.filter((post) => messenger.text(post).includes('Sendt for sent'))).toEqual([]); // all on time
      const keys = (await Promise.all([a.upcoming(new Date('2027-02-01T00:00:00Z'), 60)])).flat();
      expect(keys).toHaveLength(13);
      expect(keys.every((moment) => moment.status === 'sent')).toBe(true);
      expect(await createStoreLedger(storeA.collection('schedule')).listUnsent()).toEqual([]);
    });
  });
}

raceSuite('embedded SQLite (two connections to one file)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'jobs-race-'));
  const stores: [DocumentStore, DocumentStore] = [SqliteStore.open(dir), SqliteStore.open(dir)];
  return {
    stores,
    async close() {
      await Promise.all(stores.map((store) => store.close()));
      rmSync(dir, { recursive: true, force: true });
    },
  };
});

const cosmos = useLocalCosmos('jobs-race');

raceSuite('local Cosmos server (two clients on one database)', async () => {
  const databaseName = cosmos.newDatabaseName();
  const connect = () => cosmos.connect({ databaseName });
  const first = await connect();
  const second = await connect();
  const stores: [DocumentStore, DocumentStore] = [first, second];
  return {
    stores,
    async close() {
      await Promise.all(stores.map((store) => store.close()));
    },
  };
});
