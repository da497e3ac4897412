/**
 * POST /api/messages, checked in the order that costs an anonymous caller the least (the body is
 * already bounded, bounded-body.ts):
 * 1. with credentials configured, a request without a bearer token is refused (401) here, before
 *    botbuilder would fetch the Bot Framework's OpenID metadata to check a token that is not there;
 * 2. a body that is no activity (`{}`, an array, no `type`) is refused (400) before the token check,
 *    where botbuilder threw and restify answered 500;
 * 3. botbuilder checks the token and runs the turn. A token that does not hold is a 401 with a fixed
 *    body: the inner detail (a metadata URL, a DNS failure) goes to the log only, one rate-limited
 *    line (auth-failures.ts), never to the caller or stderr.
 */
import type { Activity, TurnContext } from 'botbuilder';
import { AuthenticationError } from 'botframework-connector';
import type { Request, Response } from 'restify';
import type { TeamsAdapter } from './adapter';
import type { AuthFailureLog } from './auth-failures';
import type { Log } from './log';

/** The whole answer to an unauthenticated request, whatever the reason. */
export const UNAUTHORIZED_BODY = { error: 'unauthorized' } as const;
export const NOT_AN_ACTIVITY_BODY = { error: 'not-an-activity' } as const;

export interface MessagesEndpointDeps {
  adapter: Pick<TeamsAdapter, 'processIncoming'>;
  handleTurn(context: TurnContext): Promise<void>;
  log: Log;
  authFailures: AuthFailureLog;
  /** Credentials are configured: a request must carry a bearer token to reach botbuilder. */
  requireToken: boolean;
}

function authorizationOf(req: Request): string {
  const header = req.headers.authorization;
  return (Array.isArray(header) ? header[0] : header)?.trim() ?? '';
}

/** The body as an activity, as botbuilder's validateAndFixActivity makes it; undefined when it is none. */
export function activityOf(body: unknown): Activity | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return undefined;
  const activity = body as Record<string, unknown>;
  if (typeof activity.type !== 'string' || activity.type === '') return undefined;
  for (const [field, raw] of [
    ['timestamp', 'rawTimestamp'],
    ['expiration', 'rawExpiration'],
    ['localTimestamp', 'rawLocalTimestamp'],
  ] as const) {
    const value = activity[field];
    if (typeof value === 'string') {
      activity[raw] = value;
      activity[field] = new Date(value);
    }
  }
  return activity as unknown as Activity;
}

function unauthorized(res: Response): void {
  res.setHeader('WWW-Authenticate', 'Bearer');
  res.json(401, UNAUTHORIZED_BODY);
}

export function messagesEndpoint(deps: MessagesEndpointDeps) {
  return async (req: Request, res: Response): Promise<void> => {
    const authorization = authorizationOf(req);
    if (deps.requireToken && !/^Bearer\s+\S+$/i.test(authorization)) {
      deps.authFailures.failed(authorization ? 'not a bearer token' : 'no Authorization header');
      return unauthorized(res);
    }
    const activity = activityOf(req.body);
    if (!activity) {
      res.json(400, NOT_AN_ACTIVITY_BODY);
      return;
    }
    try {
      const invoke = await deps.adapter.processIncoming(authorization, activity, (context) =>
        deps.handleTurn(context),
      );
      // As CloudAdapter.process answers: the invoke's status and body, else 200 and nothing.
      res.status(invoke?.status ?? 200);
      if (invoke?.body) res.send(invoke.body);
      res.end();
    } catch (error) {
      if (error instanceof AuthenticationError) {
        deps.authFailures.failed(error.message, { activityType: activity.type });
        return unauthorized(res);
      }
      deps.log.error({ err: error, activityType: activity.type }, '/api/messages failed outside the turn');
      res.json(500, { error: 'internal' });
    }
  };
}
