import { SqliteStore } from '../../src/storage/sqlite/sqlite-store';
import { storeContract } from './contract';

storeContract('SQLite (:memory:)', async () => SqliteStore.inMemory());
