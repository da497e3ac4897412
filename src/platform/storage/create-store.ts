/**
 * Picks the adapter from the environment: Cosmos DB when COSMOS_ENDPOINT is set (production;
 * COSMOS_KEY for a key, otherwise managed identity), else the embedded SQLite store in DATA_DIR
 * (default ./data, created if missing).
 */
import { resolve } from 'node:path';
import type { DocumentStore, RequestChargeRecorder } from './port';
import { CosmosStore, cosmosOptionsFromEnv } from './cosmos/cosmos-store';
import { SqliteStore } from './sqlite/sqlite-store';

export async function createStore(
  env: NodeJS.ProcessEnv,
  options: { requestCharges?: RequestChargeRecorder } = {},
): Promise<DocumentStore> {
  if (env.COSMOS_ENDPOINT) {
    return CosmosStore.connect({ ...cosmosOptionsFromEnv(env), requestCharges: options.requestCharges });
  }
  return SqliteStore.open(resolve(env.DATA_DIR || './data'));
}
