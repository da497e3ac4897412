/**
 * No file in src/ is over 400 lines, style sheets and pages included (eslint's max-lines covers
 * only TypeScript); the text catalogues are the exception, one key per line.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const SRC = path.resolve(__dirname, '../../src');
/** One catalogue per language, named by its code (da.ts, en.ts, nb.ts). */
const CATALOGUE = /^platform\/i18n\/[a-z]{2}\.ts$/;

function filesUnder(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(folder, entry.name);
    return entry.isDirectory() ? filesUnder(full) : [full];
  });
}

it('keeps every source file at 400 lines or fewer, the catalogues excepted', () => {
  const oversized = filesUnder(SRC)
    .map((full) => ({ full, file: path.relative(SRC, full).split(path.sep).join('/') }))
    .filter(({ file }) => !CATALOGUE.test(file))
    .map(({ full, file }) => ({ file, lines: readFileSync(full, 'utf8').split('\n').length - 1 }))
    .filter(({ lines }) => lines > 400);
  expect(oversized).toEqual([]);
});
