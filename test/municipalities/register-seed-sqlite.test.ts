import { SqliteStore } from '../../src/platform/storage/sqlite/sqlite-store';
import { registerSeedContract } from './register-seed.contract';

registerSeedContract('SQLite (:memory:)', async () => SqliteStore.inMemory());
