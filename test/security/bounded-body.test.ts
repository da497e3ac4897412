/**
 * Bodies are bounded before authentication: an anonymous body over the route's limit is refused
 * with 413 while it is still arriving (the client cannot finish sending it), multipart is refused
 * without a temporary file, and only JSON is read. A body within the limit still reaches the
 * adapter, which answers an unauthenticated one with 401.
 */
import { readdirSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { startHarness, type Harness } from '../bot/support/app-harness';

let harness: Harness;
beforeAll(async () => {
  // Authenticated mode: /api/messages needs a Bot Framework token, as in production.
  harness = await startHarness({
    MicrosoftAppId: '00000000-0000-0000-0000-000000000001',
    MicrosoftAppPassword: 'secret',
  });
});
afterAll(async () => harness.stop());

interface Sent {
  status: number;
  body: string;
  /** How much of the body the client had written when the answer came. */
  bytesWritten: number;
}

/** POSTs `total` bytes in 64 KB chunks, as fast as the socket takes them, until the server answers. */
function streamPost(path: string, total: number, headers: Record<string, string>): Promise<Sent> {
  const url = new URL(path, harness.url);
  return new Promise((resolve, reject) => {
    let bytesWritten = 0;
    let answered = false;
    const req = request(
      url,
      { method: 'POST', headers: { ...headers, 'content-length': String(total) } },
      (res) => {
        answered = true;
        let body = '';
        res.on('data', (chunk) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body, bytesWritten }));
      },
    );
    req.on('error', (error) => (answered ? undefined : reject(error)));
    const chunk = Buffer.alloc(64 * 1024, 'x');
    const pump = () => {
      while (!answered && bytesWritten < total) {
        bytesWritten += chunk.length;
        if (!req.write(chunk)) return void req.once('drain', pump);
      }
      if (!answered) req.end();
    };
    pump();
  });
}

const uploadFiles = () => readdirSync(tmpdir()).filter((name) => name.startsWith('upload_'));

describe('/api/messages before authentication', () => {
  it('refuses a 200 MB JSON body with 413 before it has arrived', async () => {
    const total = 200 * 1024 * 1024;
    const sent = await streamPost('/api/messages', total, { 'content-type': 'application/json' });
    expect(sent.status).toBe(413);
    expect(JSON.parse(sent.body)).toEqual({ error: 'body-too-large', maxBytes: 256 * 1024 });
    // The answer came on the declared length: the client had sent a small part of the body.
    expect(sent.bytesWritten).toBeLessThan(total / 10);
  });

  it('refuses a body that says nothing of its length once it passes the limit', async () => {
    const response = await fetch(`${harness.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: new ReadableStream({
        pull(controller) {
          controller.enqueue(new Uint8Array(64 * 1024).fill(0x20));
        },
      }),
      duplex: 'half',
    } as RequestInit);
    expect(response.status).toBe(413);
  });

  it('refuses multipart with 415 and writes no temporary file', async () => {
    const before = uploadFiles();
    const boundary = 'x-boundary';
    const body = `--${boundary}\r\nContent-Disposition: form-data; name="f"; filename="a.bin"\r\n\r\n${'y'.repeat(100_000)}\r\n--${boundary}--\r\n`;
    for (const path of ['/api/messages', '/api/tab/groups/steering/meetings']) {
      const response = await fetch(`${harness.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
        body,
      });
      expect(response.status).toBe(415);
    }
    expect(uploadFiles()).toEqual(before);
  });

  it('refuses a tab form over its 16 KB limit', async () => {
    const response = await fetch(`${harness.url}/api/tab/groups/steering/meetings`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ location: 'x'.repeat(20 * 1024) }),
    });
    expect(response.status).toBe(413);
  });

  it('passes a JSON body within the limit to the adapter, which asks for a token', async () => {
    const response = await fetch(`${harness.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'message', text: 'hjælp' }),
    });
    expect(response.status).toBe(401);
  });

  it('refuses a body that is not JSON with 400', async () => {
    const response = await fetch(`${harness.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{ not json',
    });
    expect(response.status).toBe(400);
  });
});
