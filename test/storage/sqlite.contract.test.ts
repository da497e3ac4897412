import { SqliteStore } from '../../src/platform/storage/sqlite/sqlite-store';
import { storeContract } from './contract';

storeContract('SQLite (:memory:)', async () => SqliteStore.inMemory());
