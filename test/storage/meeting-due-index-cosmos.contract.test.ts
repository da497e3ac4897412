import { useLocalCosmos } from '../support/local-cosmos';
import { meetingDueIndexContract } from './meeting-due-index.contract';

const cosmos = useLocalCosmos('meeting-due-index');

// A fresh database per test: the contract expects an empty store.
meetingDueIndexContract('Cosmos (local @vercel/cosmosdb-server over HTTPS)', () => cosmos.connect());
