import { SqliteStore } from '../../src/platform/storage/sqlite/sqlite-store';
import { workingGroupsContract } from './working-groups.contract';

workingGroupsContract('SQLite (:memory:)', async () => SqliteStore.inMemory());
