/**
 * Which connector failures are worth another attempt, and how long to wait before it.
 * 429 and 5xx (and network errors without a status) are transient; any other 4xx is our fault
 * (bad payload, bot removed from the team, unknown conversation) and retrying would not help.
 */

export interface RetryPolicy {
  /** Total attempts, the first included. */
  maxAttempts: number;
  /** Base of the exponential backoff (attempt n waits about base * 2^(n-1)). */
  baseDelayMs: number;
  /** Cap of one wait, Retry-After included (a longer Retry-After is honoured up to this cap). */
  maxDelayMs: number;
  /** Uniform [0, 1); injected so tests are deterministic. */
  random: () => number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 5,
  baseDelayMs: 1_000,
  maxDelayMs: 60_000,
  random: Math.random,
};

/** What we know about a failed connector call. */
export interface FailureInfo {
  /** HTTP status, undefined for a network error (no response). */
  status?: number;
  /** Parsed Retry-After in milliseconds, when the response had one. */
  retryAfterMs?: number;
  message: string;
}

export function isRetriable(failure: FailureInfo): boolean {
  const { status } = failure;
  if (status === undefined) return true;
  return status === 429 || status >= 500;
}

/**
 * The wait before attempt `nextAttempt` (2 = the first retry). A Retry-After from the service is
 * the wait, exactly (up to the cap): it says when this conversation may be retried, and our own
 * back-off on top would only stack a second wait (the limiter already paces the tenant). Without
 * one (5xx, network errors): exponential backoff with "equal jitter" (half fixed, half random) so
 * many senders do not retry in lockstep.
 */
export function retryDelayMs(policy: RetryPolicy, nextAttempt: number, failure: FailureInfo): number {
  if (failure.retryAfterMs !== undefined) return Math.min(policy.maxDelayMs, failure.retryAfterMs);
  const exponential = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, nextAttempt - 2));
  return exponential / 2 + (exponential / 2) * policy.random();
}

/** Retry-After is either delta-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfter(value: string | null | undefined, now: Date): number | undefined {
  if (value === null || value === undefined || value.trim() === '') return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now.getTime());
}

/**
 * Reads status and Retry-After from what botframework-connector throws: a RestError of
 * @azure/core-rest-pipeline (`statusCode`, `response.headers.get()`), defensively, because the
 * compat layer has changed shape between botbuilder versions.
 */
export function describeFailure(error: unknown, now: Date): FailureInfo {
  const e = (error ?? {}) as {
    statusCode?: unknown;
    status?: unknown;
    message?: unknown;
    response?: {
      status?: unknown;
      headers?: { get?: (name: string) => string | undefined | null } | Record<string, unknown>;
    };
  };
  const rawStatus = e.statusCode ?? e.status ?? e.response?.status;
  const status = typeof rawStatus === 'number' && rawStatus > 0 ? rawStatus : undefined;
  const headers = e.response?.headers;
  let retryAfter: string | undefined | null;
  if (headers && typeof (headers as { get?: unknown }).get === 'function') {
    retryAfter = (headers as { get: (name: string) => string | undefined | null }).get('retry-after');
  } else if (headers) {
    const value = (headers as Record<string, unknown>)['retry-after'];
    retryAfter = typeof value === 'string' ? value : undefined;
  }
  const message = typeof e.message === 'string' ? e.message : String(error);
  return { status, retryAfterMs: parseRetryAfter(retryAfter, now), message };
}
