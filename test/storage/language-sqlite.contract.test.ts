import { SqliteStore } from '../../src/platform/storage/sqlite/sqlite-store';
import { languageContract } from './language.contract';

languageContract('SQLite (:memory:)', async () => SqliteStore.inMemory());
