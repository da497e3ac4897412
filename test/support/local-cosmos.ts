/**
 * The local Cosmos server for one test file: started before its tests, stopped after them, with
 * CosmosStores connected to it, each on a fresh database unless the caller names one (two clients
 * on one database).
 */
import { CosmosStore, type CosmosStoreOptions } from '../../src/platform/storage/cosmos/cosmos-store';
import { startCosmosServer, type LocalCosmosServer } from './cosmos-server';

export interface LocalCosmos {
  /** A database name not used before in this process (`<prefix>-<pid>-<n>`). */
  newDatabaseName(): string;
  /** A store on the server; on a fresh database unless `databaseName` is given. */
  connect(options?: Partial<Omit<CosmosStoreOptions, 'endpoint' | 'key' | 'agent'>>): Promise<CosmosStore>;
}

/** Call at the top level of a test file (it registers beforeAll/afterAll). */
export function useLocalCosmos(databasePrefix: string): LocalCosmos {
  let server: LocalCosmosServer | undefined;
  let databases = 0;
  beforeAll(async () => {
    server = await startCosmosServer();
  });
  afterAll(async () => {
    await server?.stop();
  });
  const newDatabaseName = () => `${databasePrefix}-${process.pid}-${++databases}`;
  return {
    newDatabaseName,
    connect(options = {}) {
      if (!server)
        throw new Error('useLocalCosmos: connect() runs in a test or hook, after the server started');
      return CosmosStore.connect({
        ...options,
        endpoint: server.endpoint,
        key: server.key,
        agent: server.agent,
        databaseName: options.databaseName ?? newDatabaseName(),
      });
    },
  };
}
