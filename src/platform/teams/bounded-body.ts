/**
 * Request bodies, bounded before anyone is authenticated: only JSON is read, at most `maxBytes`
 * per route (a Bot Framework activity fits in 256 KB; Teams itself caps a message near 28 KB), and
 * a body that says or turns out to be larger is refused with 413 while it is still arriving: it is
 * never buffered whole, and nothing is written to disk (restify's bodyParser accepted any size and
 * multipart uploads into temporary files on every route).
 */
import type { IncomingMessage } from 'node:http';
import type { Next, Request, Response } from 'restify';

export interface BodyLimits {
  /** The limit of a route path (exact match), else `defaultBytes`. */
  byPath: Record<string, number>;
  defaultBytes: number;
}

export const BODY_LIMITS: BodyLimits = {
  byPath: { '/api/messages': 256 * 1024 },
  // The tab's forms (schedule a meeting, triage a proposal, the dev sign-in) are a few hundred bytes.
  defaultBytes: 16 * 1024,
};

const METHODS_WITH_BODY = new Set(['POST', 'PUT', 'PATCH']);

class BodyRefused extends Error {
  constructor(
    readonly status: 400 | 413 | 415,
    readonly code: string,
  ) {
    super(code);
  }
}

function isJson(contentType: string | undefined): boolean {
  return /^application\/([a-z.+-]*\+)?json\s*(;|$)/i.test(contentType ?? '');
}

/** Reads at most `maxBytes` of the body; refuses (and stops reading) as soon as it is more. */
function readBounded(req: IncomingMessage, maxBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const fail = (error: Error) => {
      req.removeAllListeners('data');
      req.pause();
      reject(error);
    };
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) fail(new BodyRefused(413, 'body-too-large'));
      else chunks.push(chunk);
    });
    req.once('end', () => resolve(Buffer.concat(chunks, size)));
    req.once('error', fail);
  });
}

async function parsedBody(req: Request, maxBytes: number): Promise<unknown> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared === 0 && req.headers['transfer-encoding'] === undefined) return undefined;
  if (!isJson(req.headers['content-type'])) throw new BodyRefused(415, 'json-only');
  if (declared > maxBytes) throw new BodyRefused(413, 'body-too-large');
  const raw = await readBounded(req, maxBytes);
  if (raw.length === 0) return undefined;
  try {
    return JSON.parse(raw.toString('utf8')) as unknown;
  } catch {
    throw new BodyRefused(400, 'invalid-json');
  }
}

/** restify middleware: `req.body` is the parsed JSON of a bounded body; anything else is refused. */
export function boundedJsonBody(limits: BodyLimits = BODY_LIMITS) {
  // Callback style: restify takes an async middleware's resolution as "go on", and a refused body
  // must end the chain.
  return (req: Request, res: Response, next: Next): void => {
    if (!METHODS_WITH_BODY.has(req.method ?? '')) return next();
    const maxBytes = limits.byPath[req.path()] ?? limits.defaultBytes;
    parsedBody(req, maxBytes).then(
      (body) => {
        req.body = body;
        next();
      },
      (error: unknown) => {
        if (!(error instanceof BodyRefused)) return next(error as Error);
        // The rest of a refused body is not read: the connection is closed after the answer.
        res.setHeader('Connection', 'close');
        res.json(error.status, { error: error.code, maxBytes });
        next(false);
      },
    );
  };
}
