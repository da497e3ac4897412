#!/usr/bin/env node
/**
 * Fails when an installed runtime dependency is below its known-safe version (npm audit cannot
 * reach the advisory service here, so the advisories we know of are listed by hand). Reads
 * package-lock.json; exits 1 naming each package that is too old.
 *
 *   node scripts/check-dependencies.mjs [path/to/package-lock.json]
 */
/* global process, console */
import { readFileSync } from 'node:fs';

/** Package -> the first version with the fix, and why. */
export const KNOWN_SAFE = {
  'find-my-way': { version: '8.2.2', why: 'GHSA-rrr8-f88r-h8q6 (ReDoS in route parameters), under restify' },
};

function compare(a, b) {
  const [x, y] = [a, b].map((v) => v.split(/[.-]/).slice(0, 3).map(Number));
  for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return x[i] - y[i];
  return 0;
}

export function tooOld(lock) {
  const problems = [];
  for (const [path, entry] of Object.entries(lock.packages ?? {})) {
    const name = path.split('node_modules/').pop();
    const safe = KNOWN_SAFE[name];
    if (safe && entry.version && compare(entry.version, safe.version) < 0)
      problems.push(`${path} is ${entry.version}, below ${safe.version}: ${safe.why}`);
  }
  return problems;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const lock = JSON.parse(readFileSync(process.argv[2] ?? 'package-lock.json', 'utf8'));
  const problems = tooOld(lock);
  for (const problem of problems) console.error(problem);
  if (problems.length > 0) process.exit(1);
  console.log(
    `every listed dependency is at or above its known-safe version (${Object.keys(KNOWN_SAFE).length} listed)`,
  );
}
