/**
 * The tab API's HTTP conventions: an error carries its status and an ApiError body, request bodies
 * are checked by zod (400 naming the bad fields), and every JSON answer is `no-store`.
 */
import type { Request, Response } from 'restify';
import type { z } from 'zod';
import type { Locale } from '../domain/model';
import { localeOf } from '../platform/i18n';
import type { ApiError } from './api-types';

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: ApiError,
  ) {
    super(body.reason ?? body.error);
  }
}

/** The page's `?lang=` (the client sends a registered language, src/tab/client/i18n.ts langOf). */
export function localeOfRequest(req: Request): Locale {
  const lang = (req.query as Record<string, unknown> | undefined)?.lang;
  return localeOf(typeof lang === 'string' ? lang : undefined);
}

export function parseBody<T>(schema: z.ZodType<T>, body: unknown): T {
  const result = schema.safeParse(body ?? {});
  if (!result.success)
    throw new HttpError(400, {
      error: 'bad-request',
      reason: result.error.issues.map((i) => i.path.join('.') || i.message).join(', '),
    });
  return result.data;
}

export type JsonRoute = (
  handler: (req: Request) => Promise<unknown>,
) => (req: Request, res: Response) => Promise<void>;

/** Wraps a JSON handler: errors become their status, anything unexpected a 500 without details. */
export function jsonRoute(log: { warn(obj: object, msg: string): void } | undefined): JsonRoute {
  return (handler) =>
    async (req: Request, res: Response): Promise<void> => {
      res.setHeader('Cache-Control', 'no-store');
      try {
        res.json(200, await handler(req));
      } catch (error) {
        if (error instanceof HttpError) {
          if (error.status === 401) res.setHeader('WWW-Authenticate', 'Bearer');
          res.json(error.status, error.body);
          return;
        }
        log?.warn({ err: error, path: req.path() }, 'tab API request failed');
        res.json(500, { error: 'unavailable' } satisfies ApiError);
      }
    };
}
