/** Runtime dependencies are at or above their known-safe versions (scripts/check-dependencies.mjs). */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const script = path.resolve(__dirname, '../../scripts/check-dependencies.mjs');

function run(lockPath?: string): { code: number; output: string } {
  try {
    const output = execFileSync(process.execPath, [script, ...(lockPath ? [lockPath] : [])], {
      cwd: path.resolve(__dirname, '../..'),
      encoding: 'utf8',
      stdio: 'pipe',
    });
    return { code: 0, output };
  } catch (error) {
    const failed = error as { status: number; stderr: string };
    return { code: failed.status, output: failed.stderr };
  }
}

it('the lockfile has the overridden find-my-way (the ReDoS fix) under restify', () => {
  expect(run()).toMatchObject({ code: 0 });
});

it('fails on a lockfile with the vulnerable version, naming it', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'fki-lock-'));
  const lock = path.join(dir, 'package-lock.json');
  writeFileSync(lock, JSON.stringify({ packages: { 'node_modules/find-my-way': { version: '7.7.0' } } }));
  const result = run(lock);
  expect(result.code).toBe(1);
  expect(result.output).toContain('find-my-way is 7.7.0, below 8.2.2');
});
