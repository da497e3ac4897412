/**
 * `node dist/bench/scan-cost.js [sqlite|cosmos]` (bundled like main.ts): the reminder scan of
 * 4,000 meetings alone, with each moment source's time and the scan's store operations by
 * operation and collection. Why: the scan's cost is spread over sources and the ledger, and the
 * whole bench takes minutes; reworking the scan needs this breakdown.
 */
import { CosmosProcess } from './processes';
import { prepareScan } from './scenarios';
import type { StoreKind } from './setup';

async function main(): Promise<void> {
  process.env.LOG_LEVEL = 'silent';
  const stores = (process.argv[2]?.split(',') ?? ['sqlite', 'cosmos']) as StoreKind[];
  const repetitions = Number(process.argv[3] ?? 3);
  for (const store of stores) {
    const cosmos = store === 'cosmos' ? await CosmosProcess.start() : undefined;
    try {
      const bench = await prepareScan(store, { groups: 1_000, meetings: 4_000 }, cosmos);
      process.stdout.write(
        `[${store}] seeded in ${(bench.seedMs / 1000).toFixed(1)} s, index built in ${bench.indexBuildMs.toFixed(0)} ms\n`,
      );
      for (let r = 0; r < repetitions; r++) {
        const run = await bench.run(r, { breakdown: true });
        process.stdout.write(
          `[${store}] scan ${r}: ${run.scanMs.toFixed(0)} ms, ${run.performed} performed, ${run.failed} failed\n`,
        );
        for (const line of run.breakdown ?? []) process.stdout.write(`    ${line}\n`);
      }
      await bench.stop();
    } finally {
      await cosmos?.stop();
    }
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
