import { DEFAULT_ORDER_BY_FIELDS } from '../../src/platform/storage/cosmos/cosmos-store';
import { InMemoryRequestChargeRecorder } from '../../src/platform/storage/request-charges';
import { useLocalCosmos } from '../support/local-cosmos';
import { CONTRACT_QUERIED_FIELDS, storeContract } from './contract';

const cosmos = useLocalCosmos('contract');

// A fresh database per test: the contract expects an empty store.
const connect = (requestCharges = new InMemoryRequestChargeRecorder()) =>
  cosmos.connect({
    requestCharges,
    orderByFields: [...DEFAULT_ORDER_BY_FIELDS, 'n'],
    queriedFields: CONTRACT_QUERIED_FIELDS,
  });

storeContract('Cosmos (local @vercel/cosmosdb-server over HTTPS)', () => connect());

describe('CosmosStore specifics', () => {
  it('records a request charge entry for every operation, per operation and collection', async () => {
    const recorder = new InMemoryRequestChargeRecorder();
    const store = await connect(recorder);
    try {
      const groups = store.collection('groups');
      await groups.create({ id: 'a', pk: 'p', type: 't' });
      await groups.read('p', 'a');
      await groups.read('p', 'missing');
      await groups.queryAll('p', { type: 't' });
      expect(recorder.byOperationAndCollection()).toMatchObject({
        'create groups': { operations: 1 },
        'read groups': { operations: 2 },
        'query groups': { operations: 1 },
      });
      expect(recorder.total().operations).toBe(4);
      // The local server's charges are not real; the cost model's are: a small create (4.95), a
      // read (1), a read that finds nothing (1) and a query returning one small item (2.3 + 1).
      expect(recorder.total().estimatedCharge).toBeCloseTo(4.95 + 1 + 1 + 3.3, 5);
      expect((await store.health()).ok).toBe(true);
    } finally {
      await store.close();
    }
  });

  it('refuses a batch larger than a Cosmos transactional batch can hold', async () => {
    const store = await connect();
    try {
      const operations = Array.from({ length: 101 }, (_, i) => ({
        op: 'create' as const,
        doc: { id: `x${i}`, pk: 'p', type: 't' },
      }));
      await expect(store.collection('groups').batch('p', operations)).rejects.toThrow(/at most 100/);
      expect(await store.collection('groups').read('p', 'x0')).toBeUndefined();
    } finally {
      await store.close();
    }
  });
});
