/**
 * `npm run bench`: the figures of issue 12 on both storage adapters, printed as Markdown and
 * written to bench-output/latest.md (git-ignored). Logging is silenced (LOG_LEVEL=silent).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../src/app/paths';
import { DEFAULT_OPTIONS, renderReport, runBench } from './run';
import { growthSvg } from './growth-report';
import type { StoreKind } from './setup';

async function main(): Promise<void> {
  process.env.LOG_LEVEL = 'silent';
  // BENCH_COSMOS_GROWTH=off leaves the growth steps out on the local Cosmos server, whose
  // index-less queries make the larger steps take tens of minutes (see growth.ts).
  const growthOptions =
    DEFAULT_OPTIONS.growth && process.env.BENCH_COSMOS_GROWTH === 'off'
      ? { ...DEFAULT_OPTIONS.growth, cosmosSteps: [] }
      : DEFAULT_OPTIONS.growth;
  // BENCH_ONLY=fan-out runs the proactive fan-out alone (issue 24.5), BENCH_STORES=sqlite one store.
  const only = process.env.BENCH_ONLY === 'fan-out' ? ('fan-out' as const) : undefined;
  if (process.env.BENCH_ONLY && !only) throw new Error(`BENCH_ONLY: only "fan-out" is known`);
  const stores = (process.env.BENCH_STORES?.split(',') ?? DEFAULT_OPTIONS.stores) as StoreKind[];
  if (stores.some((store) => !DEFAULT_OPTIONS.stores.includes(store)))
    throw new Error(`BENCH_STORES: a comma-separated list of ${DEFAULT_OPTIONS.stores.join(', ')}`);
  // BENCH_REPETITIONS=n: more repetitions (for the fan-out: more seeds of the 429 pattern).
  const repetitions = Number(process.env.BENCH_REPETITIONS ?? DEFAULT_OPTIONS.repetitions);
  if (!(Number.isInteger(repetitions) && repetitions >= 1))
    throw new Error('BENCH_REPETITIONS: a whole number ≥ 1');
  const results = await runBench({
    ...DEFAULT_OPTIONS,
    stores,
    repetitions,
    only,
    growth: growthOptions,
    progress: (line) => process.stderr.write(`${line}\n`),
  });
  const report = renderReport(results);
  process.stdout.write(`\n${report}`);
  const outDir = path.join(projectRoot(), 'bench-output');
  mkdirSync(outDir, { recursive: true });
  const command = `${only ? `BENCH_ONLY=${only} ` : ''}${process.env.BENCH_STORES ? `BENCH_STORES=${process.env.BENCH_STORES} ` : ''}${process.env.BENCH_REPETITIONS ? `BENCH_REPETITIONS=${repetitions} ` : ''}npm run bench`;
  // A partial run does not overwrite the full report.
  const file = path.join(outDir, only ? `${only}.md` : 'latest.md');
  writeFileSync(file, `# Bench ${new Date().toISOString()}\n\nCommand: \`${command}\`\n\n${report}`);
  const growth = results.stores.flatMap((store) => store.growth);
  if (growth.length > 0) writeFileSync(path.join(outDir, 'growth.svg'), growthSvg(growth));
  process.stderr.write(`written to ${file} (and growth.svg)\n`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
