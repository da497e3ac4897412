/** The logging the bot layer needs; a pino logger (src/platform/ops/logger.ts) satisfies it. */
export interface Log {
  info(details: object, message?: string): void;
  warn(details: object, message?: string): void;
  error(details: object, message?: string): void;
}

export const silentLog: Log = { info: () => {}, warn: () => {}, error: () => {} };
