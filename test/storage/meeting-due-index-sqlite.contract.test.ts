import { SqliteStore } from '../../src/platform/storage/sqlite/sqlite-store';
import { meetingDueIndexContract } from './meeting-due-index.contract';

meetingDueIndexContract('SQLite (:memory:)', async () => SqliteStore.inMemory());
