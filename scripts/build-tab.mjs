#!/usr/bin/env node
/**
 * Builds the tab's browser client: src/tab/client/main.ts (with @microsoft/teams-js and the tab
 * section of the i18n catalogues) bundled by esbuild into <outdir>/tab.js, plus index.html and
 * tab.css, the style sheets of src/tab/client (STYLESHEETS) joined in cascade order, so the page
 * still loads one style sheet. Default outdir dist/tab/public (what the server serves;
 * TAB_PUBLIC_DIR overrides).
 *
 *   node scripts/build-tab.mjs [--outdir <dir>] [--dev]
 */
import { build } from 'esbuild';
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { argv, cwd, stdout } from 'node:process';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = argv.slice(2);
const outdirArg = args.indexOf('--outdir');
const outdir = path.resolve(
  outdirArg >= 0 && args[outdirArg + 1] ? args[outdirArg + 1] : path.join(root, 'dist', 'tab', 'public'),
);
const dev = args.includes('--dev');
const client = path.join(root, 'src', 'tab', 'client');
/** The client's style sheets in cascade order: later ones override earlier ones. */
const STYLESHEETS = ['tab-base.css', 'tab-sections.css'];

await mkdir(outdir, { recursive: true });
await build({
  entryPoints: [path.join(client, 'main.ts')],
  outfile: path.join(outdir, 'tab.js'),
  bundle: true,
  format: 'iife',
  platform: 'browser',
  target: ['es2020', 'chrome100', 'edge100', 'safari15', 'firefox100'],
  minify: !dev,
  sourcemap: dev ? 'inline' : false,
  legalComments: 'none',
  logLevel: 'warning',
  define: { 'process.env.NODE_ENV': dev ? '"development"' : '"production"' },
});
await copyFile(path.join(client, 'index.html'), path.join(outdir, 'index.html'));
const styles = await Promise.all(STYLESHEETS.map((name) => readFile(path.join(client, name), 'utf8')));
await writeFile(path.join(outdir, 'tab.css'), styles.join('\n'));
stdout.write(`tab client built into ${path.relative(cwd(), outdir) || '.'}\n`);
