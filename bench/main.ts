/**
 * `npm run bench`: the figures of issue 12 on both storage adapters, printed as Markdown and
 * written to bench-output/latest.md (git-ignored). Logging is silenced (LOG_LEVEL=silent).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../src/app/paths';
import { DEFAULT_OPTIONS, renderReport, runBench } from './run';
import { growthSvg } from './growth-report';

async function main(): Promise<void> {
  process.env.LOG_LEVEL = 'silent';
  // BENCH_COSMOS_GROWTH=off leaves the growth steps out on the local Cosmos server, whose
  // index-less queries make the larger steps take tens of minutes (see growth.ts).
  const growthOptions =
    DEFAULT_OPTIONS.growth && process.env.BENCH_COSMOS_GROWTH === 'off'
      ? { ...DEFAULT_OPTIONS.growth, cosmosSteps: [] }
      : DEFAULT_OPTIONS.growth;
  const results = await runBench({
    ...DEFAULT_OPTIONS,
    growth: growthOptions,
    progress: (line) => process.stderr.write(`${line}\n`),
  });
  const report = renderReport(results);
  process.stdout.write(`\n${report}`);
  const outDir = path.join(projectRoot(), 'bench-output');
  mkdirSync(outDir, { recursive: true });
  const file = path.join(outDir, 'latest.md');
  writeFileSync(file, `# Bench ${new Date().toISOString()}\n\nCommand: \`npm run bench\`\n\n${report}`);
  const growth = results.stores.flatMap((store) => store.growth);
  if (growth.length > 0) writeFileSync(path.join(outDir, 'growth.svg'), growthSvg(growth));
  process.stderr.write(`written to ${file} (and growth.svg)\n`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
