import { SqliteStore } from '../../src/platform/storage/sqlite/sqlite-store';
import { recordContract } from './record.contract';

recordContract('SQLite (:memory:)', async () => SqliteStore.inMemory());
