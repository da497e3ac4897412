/**
 * The bench harness: runs the scenarios on both storage adapters and renders the Markdown report.
 * `npm run bench` runs it through main.ts; the smoke test (test/bench) calls `runBench` with a tiny
 * configuration. See README "Performance" for what each row means.
 */
import os from 'node:os';
import { ConnectorProcess, CosmosProcess } from './processes';
import { median, percentile } from './stats';
import {
  prepareScan,
  runFloor,
  runProposals,
  runVotes,
  startFloorServer,
  type ActionRun,
  type ScanRun,
  type ScanSeed,
} from './scenarios';
import { openStore, startBenchApp, type BenchApp, type StoreKind } from './setup';
import type { DocumentStore } from '../src/platform/storage/port';
import type { LoadResult } from './load';
import { runGrowth, type GrowthOptions, type GrowthRow } from './growth';
import { growthTable } from './growth-report';
import { fanOutTable, fanOutTargets, prepareFanOut, runFanOut, type FanOutRun } from './fan-out';

export interface BenchOptions {
  stores: StoreKind[];
  concurrencies: number[];
  /** Requests per configuration, by concurrency (at least the concurrency). */
  requestsAt(concurrency: number): number;
  repetitions: number;
  scan: ScanSeed;
  fanOutChannels: number;
  throttleShare: number;
  retryAfterSeconds: number;
  /** One extra vote run at the highest concurrency with Teams' own rate limits on the card refresh. */
  throttledVoteRun: boolean;
  /** The growth table (issue 24.3); undefined leaves it out. */
  growth?: GrowthOptions;
  /** 'fan-out' runs the proactive fan-out alone (BENCH_ONLY=fan-out): no card actions, scan or growth. */
  only?: 'fan-out';
  /** Progress lines on stderr. */
  progress?: (line: string) => void;
}

export const DEFAULT_OPTIONS: BenchOptions = {
  stores: ['sqlite', 'cosmos'],
  concurrencies: [1, 10, 100],
  requestsAt: (concurrency) => (concurrency === 1 ? 40 : 100),
  repetitions: 3,
  scan: { groups: 1_000, meetings: 4_000 },
  fanOutChannels: 100,
  throttleShare: 0.1,
  retryAfterSeconds: 1,
  throttledVoteRun: true,
  growth: {
    steps: [
      { meetings: 4_000, members: 1_000 },
      { meetings: 40_000, members: 10_000 },
    ],
    cosmosSteps: [
      { meetings: 4_000, members: 1_000 },
      { meetings: 12_000, members: 3_000 },
    ],
    groups: 1_000,
    votes: 40,
  },
};

export interface LoadFigures {
  requests: number;
  throughputPerS: number;
  p50Ms: number;
  p99Ms: number;
}

export interface ActionFigures extends LoadFigures {
  lost: number;
  unconfirmed: number;
  failures: number;
  /** Cosmos: median request charge and operations per action. */
  chargePerAction?: number;
  operationsPerAction?: number;
  /** Cosmos: median RU per action by the published cost model (ru-cost-model.ts). */
  estimatedChargePerAction?: number;
}

export interface StoreResults {
  store: StoreKind;
  /** Keyed by concurrency. */
  votes: Record<number, ActionFigures>;
  proposals: Record<number, ActionFigures>;
  floor: Record<number, LoadFigures>;
  /** The invoke-only floor (no reply message), for comparison; the ratios use `floor`. */
  invokeFloor: Record<number, LoadFigures>;
  throttledVotes?: ActionFigures;
  scan: { seedMs: number; runs: ScanRun[] };
  fanOut: FanOutRun[];
  growth: GrowthRow[];
}

export interface BenchResults {
  machine: string;
  options: BenchOptions;
  stores: StoreResults[];
  totalMs: number;
}

function loadFigures(runs: LoadResult[]): LoadFigures {
  return {
    requests: runs[0]?.latenciesMs.length ?? 0,
    throughputPerS: median(runs.map((run) => (run.latenciesMs.length / run.wallMs) * 1000)),
    p50Ms: median(runs.map((run) => percentile(run.latenciesMs, 50))),
    p99Ms: median(runs.map((run) => percentile(run.latenciesMs, 99))),
  };
}

function actionFigures(runs: ActionRun[]): ActionFigures {
  const charged = runs.filter((run) => run.requestCharge !== undefined);
  return {
    ...loadFigures(runs.map((run) => run.load)),
    // Lost and failed are summed over the repetitions: one lost vote anywhere is a failure.
    lost: runs.reduce((sum, run) => sum + run.lost, 0),
    unconfirmed: runs.reduce((sum, run) => sum + run.unconfirmed, 0),
    failures: runs.reduce((sum, run) => sum + run.load.failures.length, 0),
    ...(charged.length
      ? {
          chargePerAction: median(charged.map((run) => run.requestCharge! / run.sent)),
          operationsPerAction: median(charged.map((run) => run.operations! / run.sent)),
          estimatedChargePerAction: median(charged.map((run) => (run.estimatedCharge ?? 0) / run.sent)),
        }
      : {}),
  };
}

export function machineDescription(): string {
  const cpus = os.cpus();
  const model = cpus[0]?.model.trim() ?? 'unknown CPU';
  return `${model} × ${cpus.length} logical CPUs, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM, ${os.platform()} ${os.release()}, Node ${process.version}`;
}

type CardActionResults = Pick<
  StoreResults,
  'votes' | 'proposals' | 'floor' | 'invokeFloor' | 'throttledVotes'
>;

interface Servers {
  connector: ConnectorProcess;
  floorUrl: string;
  invokeFloorUrl: string;
}

async function measureCardActions(
  options: BenchOptions,
  store: StoreKind,
  bench: BenchApp,
  servers: Servers,
  progress: (line: string) => void,
): Promise<CardActionResults> {
  const { connector, floorUrl, invokeFloorUrl } = servers;
  const votes: StoreResults['votes'] = {};
  const proposals: StoreResults['proposals'] = {};
  const floor: StoreResults['floor'] = {};
  const invokeFloor: StoreResults['invokeFloor'] = {};
  for (const concurrency of options.concurrencies) {
    const count = Math.max(concurrency, options.requestsAt(concurrency));
    // A warm-up at this concurrency that is not measured: JIT, statement caches, and one
    // keep-alive connection per client (else the first repetition at 100 clients also times
    // opening 100 TCP connections, which a Teams bot's long-lived connections do not pay).
    await runFloor(floorUrl, connector.url, concurrency, concurrency);
    await runFloor(invokeFloorUrl, connector.url, concurrency, concurrency);
    await runVotes(bench, connector.url, concurrency, concurrency);
    await runProposals(bench, connector.url, concurrency, concurrency);
    const voteRuns: ActionRun[] = [];
    const proposalRuns: ActionRun[] = [];
    const floorRuns: LoadResult[] = [];
    const invokeFloorRuns: LoadResult[] = [];
    for (let r = 0; r < options.repetitions; r++) {
      // Interleaved, so a slow moment of the machine hits all three alike.
      floorRuns.push(await runFloor(floorUrl, connector.url, count, concurrency));
      invokeFloorRuns.push(await runFloor(invokeFloorUrl, connector.url, count, concurrency));
      voteRuns.push(await runVotes(bench, connector.url, count, concurrency));
      proposalRuns.push(await runProposals(bench, connector.url, count, concurrency));
    }
    votes[concurrency] = actionFigures(voteRuns);
    proposals[concurrency] = actionFigures(proposalRuns);
    floor[concurrency] = loadFigures(floorRuns);
    invokeFloor[concurrency] = loadFigures(invokeFloorRuns);
    progress(
      `[${store}] ${concurrency} concurrent: vote p99 ${votes[concurrency].p99Ms.toFixed(1)} ms, floor p99 ${floor[concurrency].p99Ms.toFixed(1)} ms (invoke only ${invokeFloor[concurrency].p99Ms.toFixed(1)} ms)`,
    );
  }
  let throttledVotes: ActionFigures | undefined;
  if (options.throttledVoteRun && store === 'sqlite') {
    const concurrency = Math.max(...options.concurrencies);
    progress(
      `[${store}] ${concurrency} concurrent votes with Teams' rate limits on the card refresh (takes ~40 s)`,
    );
    bench.messenger.current = bench.teamsLimitedSender;
    throttledVotes = actionFigures([
      await runVotes(
        bench,
        connector.url,
        Math.max(concurrency, options.requestsAt(concurrency)),
        concurrency,
      ),
    ]);
    bench.messenger.current = bench.unlimitedSender;
  }
  return { votes, proposals, floor, invokeFloor, throttledVotes };
}

async function measureScan(
  options: BenchOptions,
  store: StoreKind,
  cosmos: CosmosProcess | undefined,
  progress: (line: string) => void,
): Promise<StoreResults['scan']> {
  progress(`[${store}] seeding ${options.scan.groups} groups and ${options.scan.meetings} meetings`);
  const scanBench = await prepareScan(store, options.scan, cosmos);
  const runs: ScanRun[] = [];
  try {
    for (let r = 0; r < options.repetitions; r++) runs.push(await scanBench.run(r));
  } finally {
    await scanBench.stop();
  }
  return { seedMs: scanBench.seedMs, runs };
}

export async function runBench(options: BenchOptions = DEFAULT_OPTIONS): Promise<BenchResults> {
  const progress = options.progress ?? (() => undefined);
  const fanOutOnly = options.only === 'fan-out';
  const started = performance.now();
  const connector = await ConnectorProcess.start();
  const cosmos = options.stores.includes('cosmos') ? await CosmosProcess.start() : undefined;
  const floorServer = await startFloorServer();
  const invokeFloorServer = await startFloorServer('invoke-only');
  const servers = { connector, floorUrl: floorServer.url, invokeFloorUrl: invokeFloorServer.url };
  const results: StoreResults[] = [];
  try {
    for (const store of options.stores) {
      if (fanOutOnly) {
        results.push({
          ...noCardActions(),
          ...(await measureFanOutAlone(options, store, connector, cosmos, progress)),
        });
        continue;
      }
      progress(`[${store}] starting the app`);
      const bench = await startBenchApp(store, connector.url, cosmos);
      try {
        const cardActions = await measureCardActions(options, store, bench, servers, progress);
        const fanOut = await measureFanOut(options, store, bench.opened.store, connector, progress);
        const scan = await measureScan(options, store, cosmos, progress);
        const growth = options.growth
          ? await runGrowth(bench, store, connector.url, floorServer.url, options.growth, progress)
          : [];
        results.push({ store, growth, ...cardActions, fanOut, scan });
      } finally {
        await bench.stop();
      }
    }
  } finally {
    await floorServer.stop();
    await invokeFloorServer.stop();
    await connector.stop();
    await cosmos?.stop();
  }
  return { machine: machineDescription(), options, stores: results, totalMs: performance.now() - started };
}

function noCardActions(): CardActionResults & Pick<StoreResults, 'scan' | 'growth'> {
  return { votes: {}, proposals: {}, floor: {}, invokeFloor: {}, scan: { seedMs: 0, runs: [] }, growth: [] };
}

async function measureFanOut(
  options: BenchOptions,
  store: StoreKind,
  documents: DocumentStore,
  connector: ConnectorProcess,
  progress: (line: string) => void,
): Promise<FanOutRun[]> {
  progress(`[${store}] proactive fan-out to ${options.fanOutChannels} channels`);
  const groupIds = await prepareFanOut(documents, connector.url, options.fanOutChannels);
  const fanOut: FanOutRun[] = [];
  for (let r = 0; r < options.repetitions; r++) {
    fanOut.push(
      await runFanOut(documents, connector, groupIds, options.throttleShare, options.retryAfterSeconds, r),
    );
    progress(`[${store}] fan-out ${r + 1}: ${fanOutLine(fanOut[r]!)}`);
  }
  return fanOut;
}

/** BENCH_ONLY=fan-out: a bare store, no composed app (the fan-out measures the sender alone). */
async function measureFanOutAlone(
  options: BenchOptions,
  store: StoreKind,
  connector: ConnectorProcess,
  cosmos: CosmosProcess | undefined,
  progress: (line: string) => void,
): Promise<Pick<StoreResults, 'store' | 'fanOut'>> {
  const opened = await openStore(store, cosmos);
  try {
    return { store, fanOut: await measureFanOut(options, store, opened.store, connector, progress) };
  } finally {
    await opened.store.close();
    opened.cleanup();
  }
}

function fanOutLine(run: FanOutRun): string {
  return `${run.totalMs.toFixed(0)} ms, ideal ${run.idealMs} ms (${(run.totalMs / run.idealMs).toFixed(2)}×), tenant floor ${run.floorWithRetriesMs} ms (${(run.totalMs / run.floorWithRetriesMs).toFixed(2)}×), ${run.requests} requests, ${run.throttled} 429s, ${run.foreignRequests} requests of another sender, reference reads ${run.referenceReadsMs.toFixed(0)} ms`;
}

// ---- the report

const ms = (value: number) => (value >= 100 ? value.toFixed(0) : value.toFixed(1));
const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MiB`;

function medianOf<T>(runs: T[], pick: (run: T) => number): number {
  return median(runs.map(pick));
}

export function renderReport(results: BenchResults): string {
  const { options } = results;
  const lines: string[] = [];
  lines.push(`Machine: ${results.machine}`);
  lines.push(
    `Each figure is the median of ${options.repetitions} repetition(s); lost/failed are summed over them. Bench run took ${(results.totalMs / 1000).toFixed(0)} s.`,
  );
  if (options.only !== 'fan-out') lines.push(...cardActionAndScanLines(results));
  lines.push('');
  lines.push(...fanOutTable(results.stores, options));
  const growth = results.stores.flatMap((store) => store.growth);
  if (growth.length > 0) {
    lines.push('');
    lines.push(
      'Growth: the same app, each step adding meetings (the first step the coming year, then held meetings of the past ten years) and members (half with ended terms); one scan of a fresh window, votes at 1 concurrent, RSS of the bench process (the bot runs in it):',
    );
    lines.push('');
    lines.push(...growthTable(growth));
  }
  lines.push('');
  lines.push(...targetLines(results));
  return lines.join('\n') + '\n';
}

function cardActionAndScanLines(results: BenchResults): string[] {
  const { options } = results;
  const lines: string[] = [];
  lines.push('');
  lines.push(
    'Card actions through POST /api/messages (real app, development mode; proactive sends to the local connector stand-in with the rate limits lifted):',
  );
  lines.push('');
  lines.push(
    '| store | action | concurrent | requests | throughput /s | p50 ms | p99 ms | × floor p50 | × floor throughput | lost | not confirmed | RU / action (local server) | RU / action (cost model) | Cosmos ops / action |',
  );
  lines.push('|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const store of results.stores) {
    for (const concurrency of options.concurrencies) {
      const floor = store.floor[concurrency]!;
      lines.push(
        `| ${store.store} | framework floor | ${concurrency} | ${floor.requests} | ${floor.throughputPerS.toFixed(0)} | ${ms(floor.p50Ms)} | ${ms(floor.p99Ms)} | 1.00 | 1.00 | – | – | – | – |`,
      );
      const invokeFloor = store.invokeFloor[concurrency]!;
      lines.push(
        `| ${store.store} | framework floor, invoke response only | ${concurrency} | ${invokeFloor.requests} | ${invokeFloor.throughputPerS.toFixed(0)} | ${ms(invokeFloor.p50Ms)} | ${ms(invokeFloor.p99Ms)} | ${(invokeFloor.p50Ms / floor.p50Ms).toFixed(2)} | ${(floor.throughputPerS / invokeFloor.throughputPerS).toFixed(2)} | – | – | – | – |`,
      );
      for (const [action, figures] of [
        ['vote', store.votes[concurrency]!],
        ['proposal', store.proposals[concurrency]!],
      ] as const) {
        lines.push(
          `| ${store.store} | ${action} | ${concurrency} | ${figures.requests} | ${figures.throughputPerS.toFixed(0)} | ${ms(figures.p50Ms)} | ${ms(figures.p99Ms)} | ${(figures.p50Ms / floor.p50Ms).toFixed(2)} | ${(floor.throughputPerS / figures.throughputPerS).toFixed(2)} | ${figures.lost} | ${figures.unconfirmed + figures.failures} | ${figures.chargePerAction?.toFixed(1) ?? '–'} | ${figures.estimatedChargePerAction?.toFixed(1) ?? '–'} | ${figures.operationsPerAction?.toFixed(1) ?? '–'} |`,
        );
      }
    }
    if (store.throttledVotes) {
      const t = store.throttledVotes;
      lines.push(
        `| ${store.store} | vote, Teams rate limits on | ${Math.max(...options.concurrencies)} | ${t.requests} | ${t.throughputPerS.toFixed(1)} | ${ms(t.p50Ms)} | ${ms(t.p99Ms)} | – | – | ${t.lost} | ${t.unconfirmed + t.failures} | – | – |`,
      );
    }
  }
  lines.push('');
  lines.push(
    `Reminder scan (${options.scan.groups} groups, ${options.scan.meetings} meetings seeded through the repositories; runScan with a recording messenger; each repetition at a later date so it meets unsent moments):`,
  );
  lines.push('');
  lines.push(
    '| store | seed s | runScan ms | moments performed | heap Δ | rss Δ | dueMoments ms (domain only) | due moments | dueMoments heap Δ |',
  );
  lines.push('|---|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const store of results.stores) {
    const runs = store.scan.runs;
    lines.push(
      `| ${store.store} | ${(store.scan.seedMs / 1000).toFixed(1)} | ${ms(medianOf(runs, (r) => r.scanMs))} | ${medianOf(runs, (r) => r.performed)}${runs.some((r) => r.failed) ? ` (${runs.reduce((s, r) => s + r.failed, 0)} failed)` : ''} | ${mib(medianOf(runs, (r) => r.heapDeltaBytes))} | ${mib(medianOf(runs, (r) => r.rssDeltaBytes))} | ${ms(medianOf(runs, (r) => r.dueMomentsMs))} | ${medianOf(runs, (r) => r.dueMomentsCount)} | ${mib(medianOf(runs, (r) => r.dueMomentsHeapDeltaBytes))} |`,
    );
  }
  return lines;
}

/** The README targets, checked. */
export function targetLines(results: BenchResults): string[] {
  const lines = ['Targets:', ''];
  const top = Math.max(...results.options.concurrencies);
  const check = (ok: boolean, text: string) => lines.push(`- ${ok ? 'MET' : 'MISSED'}: ${text}`);
  for (const [ok, text] of fanOutTargets(results.stores)) check(ok, text);
  if (results.options.only === 'fan-out') return lines;
  for (const store of results.stores) {
    const lost =
      Object.values(store.votes).reduce((s, f) => s + f.lost, 0) +
      Object.values(store.proposals).reduce((s, f) => s + f.lost, 0);
    check(lost === 0, `zero lost votes/proposals at up to ${top} concurrent (${store.store}: ${lost} lost)`);
  }
  for (const store of results.stores) {
    const [first, ...later] = store.growth;
    for (const row of later) {
      // On Cosmos the figure is the cost model's RU: the local server's time follows every document
      // of the container (it has no index), which the real service does not.
      const byRu = row.scanEstimatedRu !== undefined && first!.scanEstimatedRu !== undefined;
      const ratio = byRu ? row.scanEstimatedRu! / first!.scanEstimatedRu! : row.scanMs / first!.scanMs;
      check(
        ratio < 2,
        `scan at ${row.meetings} meetings under 2× the scan at ${first!.meetings} (${store.store}${byRu ? ', RU by the cost model' : ''}: ${ratio.toFixed(2)}×)`,
      );
    }
  }
  const embedded = results.stores.find((s) => s.store === 'sqlite');
  if (embedded) {
    const worstRatio = Math.max(
      ...results.options.concurrencies.map((c) => embedded.votes[c]!.p50Ms / embedded.floor[c]!.p50Ms),
    );
    check(
      worstRatio <= 2,
      `vote handling within 2× the framework floor on the embedded store (worst p50 ratio ${worstRatio.toFixed(2)}×)`,
    );
    const worstInvokeRatio = Math.max(
      ...results.options.concurrencies.map((c) => embedded.votes[c]!.p50Ms / embedded.invokeFloor[c]!.p50Ms),
    );
    lines.push(
      `- (for comparison: against the invoke-only floor the worst vote p50 ratio is ${worstInvokeRatio.toFixed(2)}×)`,
    );
    for (const concurrency of results.options.concurrencies) {
      const p99 = embedded.votes[concurrency]!.p99Ms;
      check(
        p99 < 100,
        `vote p99 under 100 ms on the embedded store at ${concurrency} concurrent (${ms(p99)} ms; invoke-only floor ${ms(embedded.invokeFloor[concurrency]!.p99Ms)} ms)`,
      );
    }
    const scan = median(embedded.scan.runs.map((r) => r.scanMs));
    check(
      scan < 1000,
      `reminder scan of ${results.options.scan.meetings} meetings under 1 s on the embedded store (${ms(scan)} ms)`,
    );
  }
  return lines;
}
