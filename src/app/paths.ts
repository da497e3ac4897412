import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * The project root: the nearest folder above this module with a package.json. The same from src/
 * (tests) and from dist/src/ (the built app), so relative paths (./data, config/) mean one thing.
 */
export function projectRoot(): string {
  let dir = __dirname;
  for (;;) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return process.cwd();
    dir = parent;
  }
}

/** An absolute path as is; a relative one from the project root. */
export function fromProjectRoot(target: string): string {
  return path.isAbsolute(target) ? target : path.join(projectRoot(), target);
}
