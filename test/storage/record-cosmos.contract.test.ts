import { useLocalCosmos } from '../support/local-cosmos';
import { recordContract } from './record.contract';

const cosmos = useLocalCosmos('record-contract');

// A fresh database per test: the contract expects an empty store.
recordContract('Cosmos (local @vercel/cosmosdb-server over HTTPS)', () => cosmos.connect());
