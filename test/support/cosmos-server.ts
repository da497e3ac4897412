/**
 * A local Cosmos DB server for contract tests: @vercel/cosmosdb-server speaking the real HTTP API
 * over TLS with a self-signed certificate, on 127.0.0.1 and a free port. The CosmosClient gets an
 * agent that accepts that certificate (tests only) and any base64 key (the emulator's well-known one).
 */
import { Agent } from 'node:https';
import type { AddressInfo } from 'node:net';
import type * as CosmosServerModule from '@vercel/cosmosdb-server';

/** The public, well-known Cosmos emulator key: not a secret. */
export const EMULATOR_KEY =
  'C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw==';

export interface LocalCosmosServer {
  endpoint: string;
  key: string;
  agent: Agent;
  stop(): Promise<void>;
}

type BatchHandler = (
  account: unknown,
  req: unknown,
  res: unknown,
  params: { dbId: string; collId: string },
) => Promise<unknown>;

interface ServerItems {
  _data: Map<unknown, unknown>;
  _index: Map<unknown, unknown>;
  _ridCount: number;
}

/**
 * The server runs a batch's operations one by one and stops at the first failure, but does NOT undo
 * the ones before it, whereas the real service executes a transactional batch all-or-nothing. We
 * wrap its batch handler (before its route table captures it) to restore the container's documents
 * when an operation failed, so the contract tests the adapter against the service's real semantics:
 * one batch request, failures mapped to the port's errors.
 */
function loadServerWithAtomicBatch(): typeof CosmosServerModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const batchModule = require('@vercel/cosmosdb-server/lib/handler/batch-documents') as {
    default: BatchHandler & { atomic?: true };
  };
  if (!batchModule.default.atomic) {
    const original = batchModule.default;
    const atomic: BatchHandler & { atomic?: true } = async (account, req, res, params) => {
      const collection = (
        account as { database(id: string): { collection(id: string): { documents?: ServerItems } } }
      )
        .database(params.dbId)
        .collection(params.collId);
      const items = collection.documents;
      const snapshot = items && {
        data: new Map(items._data),
        index: new Map(items._index),
        ridCount: items._ridCount,
      };
      const result = await original(account, req, res, params);
      const failed =
        Array.isArray(result) && result.some((op: { statusCode: number }) => op.statusCode >= 400);
      if (failed && items && snapshot) {
        items._data = snapshot.data;
        items._index = snapshot.index;
        items._ridCount = snapshot.ridCount;
      }
      return result;
    };
    atomic.atomic = true;
    batchModule.default = atomic;
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('@vercel/cosmosdb-server') as typeof CosmosServerModule;
}

export async function startCosmosServer(): Promise<LocalCosmosServer> {
  const { createHttpsServer } = loadServerWithAtomicBatch();
  // keepAlive: otherwise the server closes every connection and each request pays a TLS handshake.
  const server = createHttpsServer({ keepAlive: true });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const agent = new Agent({ rejectUnauthorized: false, keepAlive: true });
  return {
    endpoint: `https://127.0.0.1:${port}`,
    key: EMULATOR_KEY,
    agent,
    async stop() {
      agent.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
