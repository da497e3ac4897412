/**
 * JSON logs with pino: one line per event on stdout, which App Service forwards to Log Analytics.
 * Secrets never reach the log: known secret-bearing fields are redacted wherever they appear in the
 * first levels of a logged object (request headers, environment dumps, config objects).
 */
import pino, { type DestinationStream, type Logger } from 'pino';

export type { Logger } from 'pino';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Field names whose values are secrets. Matched at the top level and one or two levels down. */
const SECRET_FIELDS = [
  'authorization',
  'Authorization',
  'cookie',
  'MicrosoftAppPassword',
  'microsoftAppPassword',
  'COSMOS_KEY',
  'cosmosKey',
  // The link signing secrets (src/platform/links/link-tokens.ts), as variables and in LinkSigning.
  'LINK_SIGNING_SECRET',
  'LINK_SIGNING_SECRET_PREVIOUS',
  'secrets',
  'password',
  'clientSecret',
  'token',
  'accessToken',
  'access_token',
];

/** Paths in pino's redact syntax: `field`, `*.field`, `*.*.field`, and the usual header locations. */
export const REDACT_PATHS: string[] = [
  ...SECRET_FIELDS.flatMap((field) => [field, `*.${field}`, `*.*.${field}`]),
  'req.headers.authorization',
  'request.headers.authorization',
  'headers.authorization',
  '*.headers.authorization',
  '*.*.headers.authorization',
];

export const REDACTED = '[redacted]';

/** LOG_LEVEL if it is a pino level; otherwise info (silent under jest unless LOG_LEVEL is set). */
export function logLevelFrom(env: NodeJS.ProcessEnv): LogLevel {
  const requested = env.LOG_LEVEL?.trim().toLowerCase();
  if (requested && (LOG_LEVELS as readonly string[]).includes(requested)) return requested as LogLevel;
  return env.NODE_ENV === 'test' ? 'silent' : 'info';
}

export interface LoggerOptions {
  env?: NodeJS.ProcessEnv;
  /** Where the JSON lines go (stdout by default); tests pass a collecting stream. */
  destination?: DestinationStream;
  /** Fields on every line, e.g. { component: 'scheduler' }. */
  base?: Record<string, unknown>;
}

export function createLogger(options: LoggerOptions = {}): Logger {
  const env = options.env ?? {};
  const pinoOptions: pino.LoggerOptions = {
    level: logLevelFrom(env),
    base: { service: 'fki-governance-bot', ...options.base },
    redact: { paths: REDACT_PATHS, censor: REDACTED },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: {
      // "level":"info" rather than a number: readable in Log Analytics queries.
      level: (label) => ({ level: label }),
    },
  };
  return options.destination ? pino(pinoOptions, options.destination) : pino(pinoOptions);
}

/** The process-wide logger; modules derive children with logger.child({ component }). */
export const logger: Logger = createLogger();
