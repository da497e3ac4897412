/**
 * `node dist/bench/vote-cost.js` (bundled like main.ts): the vote and proposal scenarios on the
 * local Cosmos server only, with each run's Cosmos operations and cost-model RU per action broken
 * down by operation and collection. Why: the op counts and the cost model are deterministic, so
 * reworking the vote path needs them, not the whole bench.
 */
import { ConnectorProcess, CosmosProcess } from './processes';
import { runProposals, runVotes } from './scenarios';
import { startBenchApp } from './setup';

async function main(): Promise<void> {
  process.env.LOG_LEVEL = 'silent';
  const withProposals = process.argv.includes('--proposals');
  const connector = await ConnectorProcess.start();
  const cosmos = await CosmosProcess.start();
  const bench = await startBenchApp('cosmos', connector.url, cosmos);
  try {
    for (const concurrency of [1, 10, 100]) {
      const count = concurrency === 1 ? 40 : 100;
      await runVotes(bench, connector.url, concurrency, concurrency);
      const scenarios = withProposals
        ? ([
            ['vote', runVotes],
            ['proposal', runProposals],
          ] as const)
        : ([['vote', runVotes]] as const);
      for (const [name, scenario] of scenarios) {
        const run = await scenario(bench, connector.url, count, concurrency);
        const breakdown = bench.opened.charges!.byOperationAndCollection();
        const lines = Object.entries(breakdown)
          .sort(([a], [b]) => a.localeCompare(b))
          .map(
            ([key, totals]) =>
              `    ${key}: ${(totals.operations / count).toFixed(2)} ops, ${(totals.estimatedCharge / count).toFixed(2)} RU`,
          );
        const p50 = [...run.load.latenciesMs].sort((a, b) => a - b)[Math.floor(count / 2)] ?? 0;
        process.stdout.write(
          `${name} @${concurrency}: ${((run.operations ?? 0) / count).toFixed(2)} ops, ${((run.estimatedCharge ?? 0) / count).toFixed(2)} RU per action, lost ${run.lost}, unconfirmed ${run.unconfirmed}, failures ${run.load.failures.length}, p50 ${p50.toFixed(1)} ms\n${lines.join('\n')}\n`,
        );
      }
    }
  } finally {
    await bench.stop();
    await connector.stop();
    await cosmos.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
