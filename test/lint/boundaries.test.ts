/**
 * The boundary rules can fail: dependency-cruiser with the project's own configuration, run on a
 * fixture tree that breaks each rule once, reports each breach (and not the allowed imports).
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(__dirname, '../..');
const fixture = path.join(root, 'test/fixtures/boundaries');

interface Violation {
  from: string;
  to: string;
  rule: { name: string };
}

function cruiseFixture(): Violation[] {
  const output = execFileSync(
    process.execPath,
    [
      path.join(root, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs'),
      'src',
      '--config',
      path.join(root, '.dependency-cruiser.cjs'),
      '--output-type',
      'json',
    ],
    { cwd: fixture, encoding: 'utf8', maxBuffer: 32 * 1024 * 1024 },
  );
  return (JSON.parse(output) as { summary: { violations: Violation[] } }).summary.violations;
}

describe('the boundary rules (npm run lint)', () => {
  const violations = cruiseFixture();
  const breachesOf = (rule: string) => violations.filter((violation) => violation.rule.name === rule);

  it.each([
    [
      'feature-through-public-entry',
      'src/features/beta/reaches-into-alpha.ts',
      'src/features/alpha/alpha-internal.ts',
    ],
    ['pure-rules-import-no-io', 'src/domain/rule-with-io.ts', 'fs'],
    [
      'botbuilder-only-in-teams-adapter',
      'src/features/beta/talks-bot-framework.ts',
      'node_modules/botbuilder/',
    ],
    ['platform-knows-no-feature', 'src/platform/knows-a-feature.ts', 'src/features/alpha/index.ts'],
    ['only-the-root-imports-the-root', 'src/features/alpha/uses-the-root.ts', 'src/app/root.ts'],
    ['no-import-cycles', 'src/features/gamma/cycle-', 'src/features/gamma/cycle-'],
  ])('%s fails on its breach', (rule, from, to) => {
    const breaches = breachesOf(rule);
    expect(breaches.length).toBeGreaterThan(0);
    expect(breaches.some((breach) => breach.from.startsWith(from) && breach.to.includes(to))).toBe(true);
  });

  it('lets the allowed imports through: a feature via its public entry, a rule via luxon', () => {
    const allowed = ['src/features/beta/uses-alpha-entry.ts', 'src/domain/pure-rule.ts'];
    expect(violations.filter((violation) => allowed.includes(violation.from))).toEqual([]);
  });
});
