import { useLocalCosmos } from '../support/local-cosmos';
import { workingGroupsContract } from './working-groups.contract';

const cosmos = useLocalCosmos('working-groups-contract');

// A fresh database per test: the contract expects an empty store.
workingGroupsContract('Cosmos (local @vercel/cosmosdb-server over HTTPS)', () => cosmos.connect());
