/**
 * Starts the helper processes (child-entry.ts). The entry is bundled once with esbuild into
 * dist/bench, so the same code runs from `npm run bench` (bundled) and from the jest smoke test (ts-jest).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { buildSync } from 'esbuild';
import { projectRoot } from '../src/app/paths';
import type { ChildReply, ChildRequest, ConnectorStats } from './protocol';

let bundled: string | undefined;

function childScript(): string {
  if (bundled) return bundled;
  const root = projectRoot();
  const entry = path.join(root, 'bench', 'child-entry.ts');
  if (!existsSync(entry)) throw new Error(`${entry} not found`);
  // Inside the project (dist/ is git-ignored), so the bundle resolves node_modules.
  const outfile = path.join(root, 'dist', 'bench', `child-${process.pid}.js`);
  buildSync({
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    packages: 'external',
    outfile,
    logLevel: 'warning',
  });
  bundled = outfile;
  return outfile;
}

class HelperProcess {
  /** Replies come in request order (the children answer each request at once). */
  readonly waiting: Array<(reply: ChildReply) => void> = [];

  constructor(readonly child: ChildProcess) {
    child.on('message', (reply: ChildReply) => this.waiting.shift()?.(reply));
  }

  request(message: ChildRequest): Promise<ChildReply> {
    return new Promise((resolve) => {
      this.waiting.push(resolve);
      this.child.send(message);
    });
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.child.send({ cmd: 'stop' } satisfies ChildRequest);
    const timer = setTimeout(() => this.child.kill(), 5_000);
    await exited;
    clearTimeout(timer);
  }
}

async function startHelper(
  role: 'connector' | 'cosmos',
): Promise<{ helper: HelperProcess; ready: Extract<ChildReply, { cmd: 'ready' }> }> {
  const child = fork(childScript(), [role], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    env: { ...process.env, LOG_LEVEL: 'silent' },
  });
  const helper = new HelperProcess(child);
  const ready = await new Promise<ChildReply>((resolve, reject) => {
    helper.waiting.push(resolve);
    child.once('exit', (code) => reject(new Error(`bench ${role} process exited with ${code}`)));
  });
  if (ready.cmd !== 'ready') throw new Error(`bench ${role} process: unexpected ${ready.cmd}`);
  return { helper, ready };
}

/** The Bot Connector stand-in (test/support/connector-standin.ts) in its own process. */
export class ConnectorProcess {
  private constructor(
    private readonly helper: HelperProcess,
    /** Base URL, ending in "/": use as the activities' serviceUrl. */
    readonly url: string,
  ) {}

  static async start(): Promise<ConnectorProcess> {
    const { helper, ready } = await startHelper('connector');
    return new ConnectorProcess(helper, ready.url);
  }

  /** Answer 429 with Retry-After on a deterministic share of requests (0 = never). */
  async throttle(share: number, retryAfterSeconds = 1, seed = 42): Promise<void> {
    await this.helper.request({ cmd: 'faults', share, retryAfterSeconds, seed });
  }

  async reset(): Promise<void> {
    await this.helper.request({ cmd: 'reset' });
  }

  async stats(): Promise<ConnectorStats> {
    const reply = await this.helper.request({ cmd: 'stats' });
    if (reply.cmd !== 'stats') throw new Error('connector process: unexpected reply');
    return reply.stats;
  }

  stop(): Promise<void> {
    return this.helper.stop();
  }
}

/** @vercel/cosmosdb-server (test/support/cosmos-server.ts) in its own process. */
export class CosmosProcess {
  private constructor(
    private readonly helper: HelperProcess,
    readonly endpoint: string,
    readonly key: string,
  ) {}

  static async start(): Promise<CosmosProcess> {
    const { helper, ready } = await startHelper('cosmos');
    return new CosmosProcess(helper, ready.url, ready.key ?? '');
  }

  stop(): Promise<void> {
    return this.helper.stop();
  }
}
