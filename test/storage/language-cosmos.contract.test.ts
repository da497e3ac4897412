import { useLocalCosmos } from '../support/local-cosmos';
import { languageContract } from './language.contract';

const cosmos = useLocalCosmos('language-contract');

// A fresh database per test: the contract expects an empty store.
languageContract('Cosmos (local @vercel/cosmosdb-server over HTTPS)', () => cosmos.connect());
