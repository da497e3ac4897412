/**
 * The load generator: POSTs activities to /api/messages with a fixed number of concurrent
 * clients (each sends its next request when its previous answer arrived) and records each
 * request's latency (send to full response body).
 */
import { Agent, request } from 'node:http';

export interface LoadResult {
  latenciesMs: number[];
  wallMs: number;
  /** Requests answered with a non-2xx status or an error. */
  failures: Array<{ index: number; status?: number; error?: string }>;
  bodies: string[];
}

const agent = new Agent({ keepAlive: true, maxSockets: 1024 });

function post(url: URL, body: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

export async function runLoad(
  baseUrl: string,
  activities: Array<Record<string, unknown>>,
  concurrency: number,
): Promise<LoadResult> {
  const url = new URL('/api/messages', baseUrl);
  const payloads = activities.map((activity) => JSON.stringify(activity));
  const latenciesMs: number[] = new Array<number>(payloads.length);
  const bodies: string[] = new Array<string>(payloads.length);
  const failures: LoadResult['failures'] = [];
  let next = 0;
  const worker = async () => {
    for (;;) {
      const index = next++;
      if (index >= payloads.length) return;
      const started = performance.now();
      try {
        const response = await post(url, payloads[index]!);
        latenciesMs[index] = performance.now() - started;
        bodies[index] = response.body;
        if (response.status < 200 || response.status >= 300)
          failures.push({ index, status: response.status });
      } catch (error) {
        latenciesMs[index] = performance.now() - started;
        failures.push({ index, error: String(error) });
      }
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: Math.min(concurrency, payloads.length) }, worker));
  return { latenciesMs, wallMs: performance.now() - started, failures, bodies };
}
