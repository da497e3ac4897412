import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { composeApp, type App, type ComposeOverrides } from '../../../src/app/compose';
import { ManualClock } from '../../../src/domain/clock';
import { SqliteStore } from '../../../src/platform/storage/sqlite/sqlite-store';
import { ConnectorStandIn } from '../../support/connector-standin';
import { postActivity } from './activities';

export const SECRETARIAT = { aadObjectId: 'aad-secretariat', name: 'Sekretær Sara' };
export const OUTSIDER = { aadObjectId: 'aad-outsider', name: 'Menig Mads' };

export interface Harness {
  app: App;
  connector: ConnectorStandIn;
  url: string;
  clock: ManualClock;
  post(activity: Record<string, unknown>): Promise<{ status: number; body: unknown }>;
  stop(): Promise<void>;
}

/** The whole app in development mode on a free port, with an in-memory store and a stand-in connector. */
export async function startHarness(
  env: NodeJS.ProcessEnv = {},
  overrides: ComposeOverrides = {},
): Promise<Harness> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'fki-bot-'));
  const clock = new ManualClock('2027-01-10T09:00:00Z');
  // The test activities reply to made-up card ids, so updates of unknown activities are accepted.
  const connector = await new ConnectorStandIn(clock, { unknownUpdates: 'accept' }).start();
  const app = await composeApp(
    { NODE_ENV: 'test', DATA_DIR: dataDir, SECRETARIAT_AAD_IDS: SECRETARIAT.aadObjectId, ...env },
    { clock, store: SqliteStore.inMemory(), ...overrides },
  );
  const { url } = await app.start(0, '127.0.0.1');
  return {
    app,
    connector,
    url,
    clock,
    post: (activity) => postActivity(url, activity),
    async stop() {
      await app.stop();
      await connector.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
