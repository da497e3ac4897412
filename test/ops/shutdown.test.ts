import { EventEmitter } from 'node:events';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GracefulShutdown, closeHttpServer } from '../../src/platform/ops/shutdown';

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

function get(port: number): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: '/', agent: false }, (res) => {
      let body = '';
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

describe('GracefulShutdown', () => {
  it('runs closers one after another in registration order, once', async () => {
    const order: string[] = [];
    const httpDone = deferred();
    const shutdown = new GracefulShutdown()
      .register('http', async () => {
        order.push('http:start');
        await httpDone.promise;
        order.push('http:end');
      })
      .register('scheduler', () => {
        order.push('scheduler');
      })
      .register('store', () => {
        order.push('store');
      });
    const first = shutdown.shutdown('SIGTERM');
    const second = shutdown.shutdown('SIGINT');
    await Promise.resolve();
    // The scheduler must not stop before HTTP requests have drained.
    expect(order).toEqual(['http:start']);
    httpDone.resolve();
    const results = await first;
    expect(await second).toBe(results);
    expect(order).toEqual(['http:start', 'http:end', 'scheduler', 'store']);
    expect(results.map((r) => r.outcome)).toEqual(['closed', 'closed', 'closed']);
  });

  it('keeps going after a failing or hanging closer and reports each outcome', async () => {
    const storeClosed = jest.fn();
    const results = await new GracefulShutdown({ defaultTimeoutMs: 1_000 })
      .register('scheduler', () => {
        throw new Error('lease release failed');
      })
      .register('hung', () => new Promise<void>(() => undefined), { timeoutMs: 20 })
      .register('store', storeClosed)
      .shutdown();
    expect(results).toEqual([
      { name: 'scheduler', outcome: 'failed', error: 'lease release failed' },
      { name: 'hung', outcome: 'timed-out' },
      { name: 'store', outcome: 'closed' },
    ]);
    expect(storeClosed).toHaveBeenCalledTimes(1);
  });

  it('refuses new closers once shutdown has started', async () => {
    const shutdown = new GracefulShutdown();
    await shutdown.shutdown();
    expect(() => shutdown.register('late', () => undefined)).toThrow(/already started/);
  });

  it('shuts down on SIGTERM from the given emitter and exits 0, or 1 when a closer failed', async () => {
    for (const [failing, expectedCode] of [
      [false, 0],
      [true, 1],
    ] as const) {
      const fakeProcess = new EventEmitter();
      const exited = new Promise<number>((resolve) => {
        const shutdown = new GracefulShutdown().register('store', () => {
          if (failing) throw new Error('x');
        });
        shutdown.listen(['SIGTERM', 'SIGINT'], fakeProcess, resolve);
      });
      fakeProcess.emit('SIGTERM', 'SIGTERM');
      fakeProcess.emit('SIGINT', 'SIGINT'); // a second signal does not run the closers again
      expect(await exited).toBe(expectedCode);
    }
  });

  it('removes its signal listeners when asked', () => {
    const fakeProcess = new EventEmitter();
    const stop = new GracefulShutdown().listen(['SIGTERM'], fakeProcess, () => undefined);
    expect(fakeProcess.listenerCount('SIGTERM')).toBe(1);
    stop();
    expect(fakeProcess.listenerCount('SIGTERM')).toBe(0);
  });
});

describe('closeHttpServer', () => {
  let server: Server;
  let port: number;
  let releaseSlowRequest: () => void;
  let slowRequestArrived: Promise<void>;

  beforeEach(async () => {
    const arrived = deferred();
    slowRequestArrived = arrived.promise;
    const release = deferred();
    releaseSlowRequest = release.resolve;
    server = createServer((_req, res) => {
      arrived.resolve();
      void release.promise.then(() => res.end('done'));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });

  afterEach(async () => {
    releaseSlowRequest();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('stops accepting connections but lets the in-flight request finish', async () => {
    const inFlight = get(port);
    await slowRequestArrived;
    let closed = false;
    const closing = closeHttpServer(server, 10_000).then(() => (closed = true));
    await expect(get(port)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    expect(closed).toBe(false);
    releaseSlowRequest();
    await expect(inFlight).resolves.toEqual({ status: 200, body: 'done' });
    await closing;
    expect(closed).toBe(true);
  });

  it('cuts connections still open after the drain timeout', async () => {
    const inFlight = get(port);
    await slowRequestArrived;
    await closeHttpServer(server, 20);
    await expect(inFlight).rejects.toMatchObject({ code: 'ECONNRESET' });
  });
});
