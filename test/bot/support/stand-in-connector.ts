import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface CapturedCall {
  method: string;
  path: string;
  body: Record<string, unknown>;
}

/**
 * A tiny stand-in for the Bot Framework connector (the `serviceUrl` of an activity): captures the
 * bot's replies (`POST /v3/conversations/.../activities`), updates (PUT) and answers the team
 * channel list (`GET /v3/teams/{id}/conversations`) so install handling can be tested offline.
 */
export class StandInConnector {
  readonly calls: CapturedCall[] = [];
  /** Channels returned for GET /v3/teams/{id}/conversations; undefined => 404 (fallback path). */
  teamChannels: Array<{ id: string; name?: string }> | undefined;
  private readonly server = http.createServer((req, res) => this.handle(req, res));
  private counter = 0;
  url = '';

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** Activities the bot sent (new messages and replies), oldest first. */
  get sent(): Record<string, unknown>[] {
    return this.calls.filter((c) => c.method === 'POST' && /\/activities/.test(c.path)).map((c) => c.body);
  }

  get updates(): CapturedCall[] {
    return this.calls.filter((c) => c.method === 'PUT');
  }

  clear(): void {
    this.calls.length = 0;
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    let raw = '';
    req.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
    req.on('end', () => {
      const path = decodeURIComponent(req.url ?? '');
      const body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
      this.calls.push({ method: req.method ?? '', path, body });
      res.setHeader('content-type', 'application/json');
      if (req.method === 'GET' && /^\/v3\/teams\/[^/]+\/conversations/.test(path)) {
        if (!this.teamChannels) {
          res.statusCode = 404;
          res.end(JSON.stringify({ error: { code: 'NotFound', message: 'no channels' } }));
          return;
        }
        res.end(JSON.stringify({ conversations: this.teamChannels }));
        return;
      }
      this.counter += 1;
      res.end(JSON.stringify({ id: `activity-${this.counter}` }));
    });
  }
}

/** Texts and cards of sent activities, for assertions. */
export function textsOf(activities: Record<string, unknown>[]): string[] {
  return activities.map((a) => String(a.text ?? ''));
}

export function cardsOf(activities: Record<string, unknown>[]): Record<string, unknown>[] {
  return activities.flatMap((a) =>
    ((a.attachments as Array<{ contentType: string; content: Record<string, unknown> }> | undefined) ?? [])
      .filter((att) => att.contentType === 'application/vnd.microsoft.card.adaptive')
      .map((att) => att.content),
  );
}
