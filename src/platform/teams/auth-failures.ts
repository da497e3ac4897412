/**
 * Failed authentications as the log sees them. botbuilder printed every failed token as a
 * multi-line stack on stderr, past pino and its redaction; an anonymous caller sending bad tokens
 * thus wrote a screen of stderr per request. Here a failure is one structured pino line, at most one
 * per window (a minute by default), carrying how many more were only counted since the last line.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Log } from './log';

export interface AuthFailureLog {
  /** One failed authentication: `reason` is the inner detail, for the log only, never the answer. */
  failed(reason: string, details?: Record<string, unknown>): void;
}

export interface AuthFailureLogOptions {
  /** At most one line per window; the default is a minute. */
  windowMs?: number;
  /** Milliseconds; injected so a test moves through the windows without waiting. */
  now?: () => number;
}

export function rateLimitedAuthLog(
  log: Pick<Log, 'warn'>,
  options: AuthFailureLogOptions = {},
): AuthFailureLog {
  const windowMs = options.windowMs ?? 60_000;
  const now = options.now ?? Date.now;
  let lineAt: number | undefined;
  let counted = 0;
  return {
    failed(reason, details = {}) {
      const at = now();
      if (lineAt !== undefined && at - lineAt < windowMs) {
        counted += 1;
        return;
      }
      log.warn(
        { event: 'auth.failed', status: 401, reason, ...details, notLoggedSinceLastLine: counted },
        'request not authenticated (answered 401); more failures within the minute are only counted',
      );
      lineAt = at;
      counted = 0;
    },
  };
}

/** Where console.error goes while a token is checked (see quietConsole). */
const consoleSink = new AsyncLocalStorage<(line: string) => void>();
/** Our own console.error wrappers: one is put in front of whatever console.error is at the time. */
const redirects = new WeakSet<object>();

function redirectConsoleError(): void {
  if (redirects.has(console.error)) return;
  const original = console.error;
  const redirect = function (this: Console, ...args: unknown[]): void {
    const sink = consoleSink.getStore();
    if (!sink) return original.apply(this, args);
    sink(args.map((arg) => (arg instanceof Error ? `${arg.name}: ${arg.message}` : String(arg))).join(' '));
  };
  redirects.add(redirect);
  console.error = redirect;
}

/**
 * Runs a token check with botframework-connector's own console.error lines (the stack of an expired
 * token, the signing keys it tried) sent to `sink` instead of stderr. Only calls made inside this
 * check are caught (AsyncLocalStorage); everything else still reaches stderr unchanged.
 */
export function quietConsole<T>(sink: (line: string) => void, check: () => Promise<T>): Promise<T> {
  redirectConsoleError();
  return consoleSink.run(sink, check);
}
