import { useLocalCosmos } from '../support/local-cosmos';
import { registerSeedContract } from './register-seed.contract';

const cosmos = useLocalCosmos('municipality-seed');

registerSeedContract('Cosmos (local @vercel/cosmosdb-server over HTTPS)', () => cosmos.connect());
