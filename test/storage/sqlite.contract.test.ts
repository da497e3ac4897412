import { SqliteStore } from '../../src/platform/storage/sqlite/sqlite-store';
import { CONTRACT_QUERIED_FIELDS, storeContract } from './contract';

storeContract('SQLite (:memory:)', async () =>
  SqliteStore.inMemory({ queriedFields: CONTRACT_QUERIED_FIELDS }),
);
