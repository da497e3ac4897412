/**
 * Data residency (issue #25 point 10): the template defaults to an EU region whatever the resource
 * group's region, and Cosmos DB (the governance record, the members' personal data) is placed only
 * in an EU region unless `allowCosmosOutsideEu` is set on purpose. There is no Bicep CLI here, so
 * the template text is read (as in bicep.test.ts).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');
const bicep = readFileSync(join(root, 'infra', 'main.bicep'), 'utf8');
const parameters = (
  JSON.parse(readFileSync(join(root, 'infra', 'main.parameters.json'), 'utf8')) as {
    parameters: Record<string, { value: unknown }>;
  }
).parameters;

/** Azure regions in EU member states (the Azure geographies list). */
const EU_MEMBER_STATE_REGIONS = new Set([
  'swedencentral',
  'swedensouth',
  'northeurope', // Ireland
  'westeurope', // the Netherlands
  'germanywestcentral',
  'germanynorth',
  'francecentral',
  'francesouth',
  'italynorth',
  'polandcentral',
  'spaincentral',
  'austriaeast',
  'belgiumcentral',
  'denmarkeast',
]);
/** European, but not in the EU: must not be in the template's list. */
const NOT_EU = ['uksouth', 'ukwest', 'norwayeast', 'norwaywest', 'switzerlandnorth', 'switzerlandwest'];

const euRegions = (): string[] => {
  const list = /^var euRegions = \[([^\]]*)\]/m.exec(bicep)?.[1] ?? '';
  return [...list.matchAll(/'([^']+)'/g)].map((m) => m[1] as string);
};
const param = (name: string) => new RegExp(`^param ${name} (\\w+) = (.+)$`, 'm').exec(bicep);

describe('infra/main.bicep data residency', () => {
  test('the EU list holds EU regions only, and the usual ones', () => {
    const regions = euRegions();
    expect(regions.length).toBeGreaterThanOrEqual(5);
    expect(regions.filter((region) => !EU_MEMBER_STATE_REGIONS.has(region))).toEqual([]);
    expect(regions).toEqual(expect.arrayContaining(['swedencentral', 'northeurope', 'westeurope']));
    for (const region of NOT_EU) expect(regions).not.toContain(region);
  });

  test("the region defaults to an EU region, not the resource group's", () => {
    const location = param('location');
    expect(location?.[1]).toBe('string');
    const fallback = /^'([a-z0-9]+)'$/.exec(location?.[2] ?? '')?.[1];
    expect(euRegions()).toContain(fallback);
    expect(bicep).not.toMatch(/^param location string = resourceGroup\(\)\.location/m);
    expect(euRegions()).toContain(parameters.location?.value);
  });

  test('Cosmos DB stands only in an EU region unless allowCosmosOutsideEu is set on purpose', () => {
    expect(param('allowCosmosOutsideEu')?.slice(1)).toEqual(['bool', 'false']);
    expect(parameters.allowCosmosOutsideEu?.value).toBe(false);
    const decision = /^var cosmosLocation = (.+)$/m.exec(bicep)?.[1] ?? '';
    // EU region or the explicit override: the location; anything else: the deployment fails, saying why.
    expect(decision).toMatch(
      /^\(allowCosmosOutsideEu \|\| contains\(euRegions, toLower\(location\)\)\) \? location : fail\('Cosmos DB must be in an EU region.*allowCosmosOutsideEu=true/,
    );
    const cosmos = /^resource cosmos 'Microsoft\.DocumentDB\/databaseAccounts@[^']+' = \{([\s\S]*?)^\}/m.exec(
      bicep,
    )?.[1];
    expect(cosmos).toMatch(/^ {2}location: cosmosLocation$/m);
    expect(cosmos).toMatch(/locationName: cosmosLocation,/);
    expect(cosmos).not.toMatch(/location(Name)?: location\b/);
  });
});
