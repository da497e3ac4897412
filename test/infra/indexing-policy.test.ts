import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_ORDER_BY_FIELDS } from '../../src/platform/storage/cosmos/cosmos-store';
import { indexingPolicyFor } from '../../src/platform/storage/cosmos/indexing-policy';
import { QUERIED_FIELDS } from '../../src/platform/storage/queried-fields';

const root = join(__dirname, '..', '..');
const policyFile = join(root, 'infra', 'cosmos-indexing-policy.json');
// After a change to queried-fields.ts: UPDATE_INDEXING_POLICY=1 npx jest test/infra/indexing-policy.test.ts
if (process.env.UPDATE_INDEXING_POLICY === '1') {
  writeFileSync(policyFile, `${JSON.stringify(indexingPolicyFor(DEFAULT_ORDER_BY_FIELDS), null, 2)}\n`);
}
const deployed = JSON.parse(readFileSync(policyFile, 'utf8'));

describe('the containers index only what the queries use', () => {
  it('deploys the same policy the adapter creates containers with', () => {
    expect(deployed).toEqual(indexingPolicyFor(DEFAULT_ORDER_BY_FIELDS));
  });

  it('loads that policy into every container of the Bicep file', () => {
    const bicep = readFileSync(join(root, 'infra', 'main.bicep'), 'utf8');
    expect(bicep).toMatch(/indexingPolicy:\s*loadJsonContent\('cosmos-indexing-policy\.json'\)/);
  });

  it('indexes the queried fields and leaves every other path out', () => {
    const policy = indexingPolicyFor(DEFAULT_ORDER_BY_FIELDS);
    expect(policy.excludedPaths).toContainEqual({ path: '/*' });
    expect(policy.includedPaths?.map((path) => path.path)).toEqual([
      '/pk/?',
      ...QUERIED_FIELDS.map((field) => `/${field}/?`),
    ]);
    // A sorted field is stable: a composite index (field, id) both ways.
    expect(policy.compositeIndexes).toHaveLength(DEFAULT_ORDER_BY_FIELDS.length * 2);
  });
});
