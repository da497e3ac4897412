/**
 * A real local HTTP server that speaks the part of the Bot Connector REST API the bot uses (the
 * `serviceUrl` of an activity):
 * - `POST /v3/conversations/{id}/activities[/{replyToId}]`: a new message or a reply (botbuilder's
 *   continueConversationAsync sends a proactive message as a "reply" to the continuation activity id);
 * - `PUT /v3/conversations/{id}/activities/{activityId}`: an update;
 * - `GET /v3/teams/{id}/conversations`: the team's channels (`teamChannels`), for install handling;
 * - `GET /v3/conversations/{id}/pagedmembers`: the roster (`roster`, paged by pageSize and
 *   continuationToken), for the people search;
 * - `POST /v3/conversations`: createConversation, a 1:1 chat with one member (Teams answers the same
 *   conversation id for the same user every time, and so does the stand-in).
 * It can be told to answer 429 (with Retry-After) or 5xx, and records every request with the time of
 * the injected clock (the system clock by default), so tests assert on rate limits with virtual
 * time, never wall-clock time. It runs beside restify in the same process (see `answer`).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { systemClock, type Clock } from '../../src/domain/clock';

/** Any request as received: the method, the decoded path and the JSON body. */
export interface CapturedCall {
  method: string;
  path: string;
  body: Record<string, unknown>;
}

export interface ConnectorRequest {
  method: 'POST' | 'PUT' | string;
  conversationId: string;
  /** For PUT: the activity being updated; for an accepted POST: the id the stand-in assigned. */
  activityId?: string;
  body: Record<string, unknown>;
  /** Injected clock time of arrival (ms). */
  at: number;
  /** What the stand-in answered. */
  status: number;
}

/** A scripted failure; undefined = accept. */
export interface Fault {
  status: number;
  /** Sent as the Retry-After header (seconds, or an HTTP date string). */
  retryAfter?: string;
}

export type FaultPlan = (
  request: Omit<ConnectorRequest, 'status' | 'at'>,
  index: number,
) => Fault | undefined;

/** Fails a deterministic share of requests (seeded), e.g. 30 % with 429 + Retry-After: 1. */
export function failShare(share: number, fault: Fault, seed = 42): FaultPlan {
  let state = seed >>> 0 || 1;
  const next = () => {
    // xorshift32: deterministic across runs and platforms.
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state / 0x100000000;
  };
  return () => (next() < share ? fault : undefined);
}

export const failAlways =
  (fault: Fault): FaultPlan =>
  () =>
    fault;

/** Fails the first `count` requests, then accepts. */
export const failFirst =
  (count: number, fault: Fault): FaultPlan =>
  (_request, index) =>
    index < count ? fault : undefined;

export interface ConnectorStandInOptions {
  /**
   * What an update of an activity the stand-in never delivered gets: `not-found` (404, as the real
   * connector answers) or `accept` (stored as a new message; for tests whose card activities are
   * made up, e.g. an invoke with `replyToId: 'card-9'`).
   */
  unknownUpdates?: 'not-found' | 'accept';
}

export class ConnectorStandIn {
  /** Activity requests (POST/PUT) with what the stand-in answered. */
  readonly requests: ConnectorRequest[] = [];
  /** Every request as received, activity or not, oldest first (`clear` empties it). */
  readonly calls: CapturedCall[] = [];
  /** Messages as stored: activity id -> latest body (updates replace it). */
  readonly messages = new Map<
    string,
    { conversationId: string; body: Record<string, unknown>; versions: number }
  >();
  faults: FaultPlan = () => undefined;
  /**
   * Runs after a new message was stored and before the stand-in answers: a test can hold the
   * answer (or kill the bot) while the message is already in the channel, the window in which a
   * sender cannot know that its post arrived.
   */
  beforeAnswer: ((request: ConnectorRequest) => Promise<void>) | undefined;
  /** Channels returned for GET /v3/teams/{id}/conversations; undefined => 404 (the bot's fallback path). */
  teamChannels: Array<{ id: string; name?: string }> | undefined;
  /** Members returned for GET /v3/conversations/{id}/pagedmembers (a team's or a chat's); undefined => 404. */
  roster: Array<{ id: string; name: string; aadObjectId: string; email?: string }> | undefined;
  url = '';
  private readonly server = http.createServer((req, res) => void this.handle(req, res));
  private nextId = 1;

  constructor(
    private readonly clock: Clock = systemClock,
    private readonly options: ConnectorStandInOptions = {},
  ) {}

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/`;
    return this;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** Accepted new messages, in arrival order. */
  get delivered(): ConnectorRequest[] {
    return this.requests.filter((r) => r.method === 'POST' && r.status < 300);
  }

  /** The activities the bot sent (new messages and replies) and the stand-in accepted, oldest first. */
  get sent(): Record<string, unknown>[] {
    return this.delivered.map((request) => request.body);
  }

  /** Every update request (PUT), oldest first. */
  get updates(): CapturedCall[] {
    return this.calls.filter((call) => call.method === 'PUT');
  }

  /** Forgets the recorded requests (the stored messages stay, so they can still be updated). */
  clear(): void {
    this.calls.length = 0;
    this.requests.length = 0;
  }

  /** A conversation reference the sender can use for this stand-in. */
  reference(conversationId: string, tenantId = 'tenant-1'): Record<string, unknown> {
    return {
      channelId: 'msteams',
      serviceUrl: this.url,
      conversation: { id: conversationId, conversationType: 'channel', isGroup: true, tenantId },
      bot: { id: 'bot-id', name: 'FKI-bot' },
    };
  }

  /** One page of the roster; the continuation token is the index of the next member. */
  private answerRoster(res: http.ServerResponse, query: URLSearchParams): void {
    if (!this.roster) {
      answer(res, 404, {}, { error: { code: 'NotFound', message: 'no roster' } });
      return;
    }
    const size = Number(query.get('pageSize') ?? 100) || 100;
    const start = Number(query.get('continuationToken') ?? 0) || 0;
    const members = this.roster.slice(start, start + size);
    const next = start + size < this.roster.length ? String(start + size) : undefined;
    answer(res, 200, {}, next ? { members, continuationToken: next } : { members });
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
    const method = req.method ?? '';
    this.calls.push({ method, path: decodeURIComponent(req.url ?? ''), body });
    if (method === 'GET' && /^\/v3\/teams\/[^/]+\/conversations/.test(req.url ?? '')) {
      if (this.teamChannels) answer(res, 200, {}, { conversations: this.teamChannels });
      else answer(res, 404, {}, { error: { code: 'NotFound', message: 'no channels' } });
      return;
    }
    if (method === 'GET' && /^\/v3\/conversations\/[^/]+\/pagedmembers/.test(req.url ?? '')) {
      this.answerRoster(res, new URL(req.url ?? '', 'http://stand-in').searchParams);
      return;
    }
    if (method === 'POST' && /^\/v3\/conversations\/?$/.test(req.url ?? '')) {
      const [member] = (body.members ?? []) as Array<{ id?: string }>;
      if (!member?.id) answer(res, 400, {}, { error: { code: 'BadArgument', message: 'no member' } });
      else answer(res, 201, {}, { id: `a:personal-${member.id}` });
      return;
    }
    const match = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/?]+))?/.exec(req.url ?? '');
    if (!match || !(method === 'POST' || method === 'PUT')) {
      answer(res, 404);
      return;
    }
    const conversationId = decodeURIComponent(match[1] as string);
    const pathId = match[2] ? decodeURIComponent(match[2]) : undefined;
    const activityId = method === 'PUT' ? pathId : undefined;
    const request = { method, conversationId, activityId, body };
    const fault = this.faults(request, this.requests.length);
    const at = this.clock.now().getTime();
    if (fault) {
      this.requests.push({ ...request, at, status: fault.status });
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (fault.retryAfter !== undefined) headers['retry-after'] = fault.retryAfter;
      answer(res, fault.status, headers, {
        error: { code: 'Throttled', message: `stand-in ${fault.status}` },
      });
      return;
    }
    if (method === 'PUT') {
      if (activityId && !this.messages.has(activityId) && this.options.unknownUpdates === 'accept') {
        this.messages.set(activityId, { conversationId, body, versions: 0 });
      }
      const existing = activityId ? this.messages.get(activityId) : undefined;
      if (!existing || existing.conversationId !== conversationId) {
        this.requests.push({ ...request, at, status: 404 });
        answer(res, 404, {}, { error: { code: 'NotFound' } });
        return;
      }
      existing.body = body;
      existing.versions++;
      this.requests.push({ ...request, at, status: 200 });
      answer(res, 200, {}, { id: activityId });
      return;
    }
    const id = `activity-${this.nextId++}`;
    this.messages.set(id, { conversationId, body, versions: 1 });
    const accepted = { ...request, activityId: id, at, status: 201 };
    this.requests.push(accepted);
    await this.beforeAnswer?.(accepted);
    answer(res, 201, {}, { id });
  }
}

/**
 * Writes a JSON answer. Not chained (`writeHead(...).end(...)`): restify, loaded in the same
 * process by the app under test, patches ServerResponse.writeHead so that it returns undefined.
 */
function answer(
  res: http.ServerResponse,
  status: number,
  headers: Record<string, string> = {},
  body?: unknown,
): void {
  res.writeHead(status, body === undefined ? headers : { 'content-type': 'application/json', ...headers });
  res.end(body === undefined ? undefined : JSON.stringify(body));
}
