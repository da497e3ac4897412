/**
 * Graceful shutdown. App Service (and Ctrl+C locally) sends SIGTERM/SIGINT; the app then closes in
 * the order closers were registered, which the composition root makes:
 *   1. the HTTP server: stop accepting connections, let in-flight requests finish (bounded wait),
 *   2. the work in flight: the scheduler (stop the cron job, release its lease so another instance
 *      can take over) and what requests started off their path (card updates, posts, sends),
 *   3. the store (and last, telemetry flush). See src/app/shutdown.ts.
 * Every closer runs even if an earlier one fails or hangs (each has its own timeout); the process
 * exits 0 when all closed cleanly, 1 otherwise. Signals and exit are injectable so tests can drive it.
 */
import type { EventEmitter } from 'node:events';

export type CloseFn = () => Promise<void> | void;

export interface CloserResult {
  name: string;
  outcome: 'closed' | 'failed' | 'timed-out';
  error?: string;
}

export interface ShutdownLogger {
  info(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export interface GracefulShutdownOptions {
  /** Upper bound for a closer that was registered without its own timeout (default 10 s). */
  defaultTimeoutMs?: number;
  logger?: ShutdownLogger;
}

interface Closer {
  name: string;
  close: CloseFn;
  timeoutMs: number;
}

const TIMED_OUT = Symbol('timed-out');

function withTimeout(work: Promise<void>, timeoutMs: number): Promise<void | typeof TIMED_OUT> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<typeof TIMED_OUT>((resolve) => {
    timer = setTimeout(() => resolve(TIMED_OUT), timeoutMs);
    timer.unref();
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

export class GracefulShutdown {
  private readonly closers: Closer[] = [];
  private running: Promise<CloserResult[]> | undefined;
  private readonly defaultTimeoutMs: number;

  constructor(private readonly options: GracefulShutdownOptions = {}) {
    this.defaultTimeoutMs = options.defaultTimeoutMs ?? 10_000;
  }

  /** Adds a closer; closers run one after another in registration order. */
  register(name: string, close: CloseFn, options: { timeoutMs?: number } = {}): this {
    if (this.running) throw new Error(`cannot register "${name}": shutdown already started`);
    this.closers.push({ name, close, timeoutMs: options.timeoutMs ?? this.defaultTimeoutMs });
    return this;
  }

  get started(): boolean {
    return this.running !== undefined;
  }

  /** Runs every closer once; later calls (a second signal) get the same result. */
  shutdown(reason = 'shutdown'): Promise<CloserResult[]> {
    this.running ??= this.runClosers(reason);
    return this.running;
  }

  private async runClosers(reason: string): Promise<CloserResult[]> {
    this.options.logger?.info({ reason, closers: this.closers.map((c) => c.name) }, 'shutting down');
    const results: CloserResult[] = [];
    for (const closer of this.closers) {
      results.push(await this.runCloser(closer));
    }
    this.options.logger?.info({ results }, 'shutdown complete');
    return results;
  }

  private async runCloser(closer: Closer): Promise<CloserResult> {
    try {
      const outcome = await withTimeout(Promise.resolve().then(closer.close), closer.timeoutMs);
      if (outcome === TIMED_OUT) {
        this.options.logger?.error({ closer: closer.name, timeoutMs: closer.timeoutMs }, 'closer timed out');
        return { name: closer.name, outcome: 'timed-out' };
      }
      return { name: closer.name, outcome: 'closed' };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.options.logger?.error({ closer: closer.name, err: error }, 'closer failed');
      return { name: closer.name, outcome: 'failed', error: message };
    }
  }

  /**
   * Shuts down on the first of the given signals, then calls exit(0 or 1).
   * Returns a function that removes the listeners (tests, or re-wiring).
   */
  listen(
    signals: NodeJS.Signals[] = ['SIGTERM', 'SIGINT'],
    target: Pick<EventEmitter, 'on' | 'off'> = process,
    exit: (code: number) => void = (code) => process.exit(code),
  ): () => void {
    const onSignal = (signal: NodeJS.Signals): void => {
      void this.shutdown(signal).then((results) =>
        exit(results.every((r) => r.outcome === 'closed') ? 0 : 1),
      );
    };
    for (const signal of signals) target.on(signal, onSignal);
    return () => {
      for (const signal of signals) target.off(signal, onSignal);
    };
  }
}

/** The parts of node:http's Server (also restify's `server.server`) used to close it. */
export interface ClosableHttpServer {
  close(callback?: (error?: Error) => void): unknown;
  closeIdleConnections?(): void;
  closeAllConnections?(): void;
}

/**
 * Stops accepting connections and resolves when in-flight requests have finished; after
 * `drainTimeoutMs` the remaining connections are cut so shutdown cannot hang on a slow client.
 */
export function closeHttpServer(server: ClosableHttpServer, drainTimeoutMs = 5_000): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const forceTimer = setTimeout(() => server.closeAllConnections?.(), drainTimeoutMs);
    forceTimer.unref();
    server.close((error) => {
      clearTimeout(forceTimer);
      // "Server is not running" means there is nothing left to close.
      if (error && (error as NodeJS.ErrnoException).code !== 'ERR_SERVER_NOT_RUNNING') reject(error);
      else resolve();
    });
    // Keep-alive connections with no request in flight would otherwise hold close() open.
    server.closeIdleConnections?.();
  });
}
