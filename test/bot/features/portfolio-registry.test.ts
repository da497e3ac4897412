import { allFeatures } from '../../../src/app/features';
import { FeatureRegistry } from '../../../src/platform/teams/registry';
import { commandNames } from '../../../src/platform/i18n';

it('registers the portfolio and budget commands without clashing with other features', () => {
  const registry = new FeatureRegistry(allFeatures());
  expect(registry).toBeDefined();
  const names = allFeatures().flatMap((f) => (f.commands ?? []).flatMap((c) => commandNames(c.id)));
  for (const name of [
    'initiativ',
    'initiative',
    'portefølje',
    'portfolio',
    'økonomi',
    'economy',
    'bevilling',
    'statusrapport',
  ])
    expect(names).toContain(name);
});
