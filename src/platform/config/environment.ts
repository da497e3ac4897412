/**
 * Every environment variable the bot reads, in one schema. Start-up parses the environment once
 * here; a bad value stops it with a message naming the variable, instead of the bot running with a
 * silently ignored setting. Values stay strings (trimmed; empty means unset) so the modules that
 * read their part keep one shape; the schema guarantees each parses as its module expects.
 * Credentials are plain text here (never refused), so no secret is ever echoed in the message.
 */
import cron from 'node-cron';
import { z } from 'zod';
import { LOG_LEVELS } from '../ops/logger';

/** Unset, or set to whitespace only: both mean "not configured". */
const unsetWhenEmpty = (value: unknown) =>
  typeof value === 'string' && value.trim() === ''
    ? undefined
    : typeof value === 'string'
      ? value.trim()
      : value;

function optional(check: z.ZodType<string>) {
  return z.preprocess(unsetWhenEmpty, check.optional());
}

const text = optional(z.string());
const url = optional(z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }));
const yesNo = optional(z.string().regex(/^(true|false|1|0|yes|no)$/i, { error: 'must be true or false' }));
const port = optional(
  z.string().refine((value) => /^\d{1,5}$/.test(value) && Number(value) <= 65535, {
    error: 'must be a port number (0-65535)',
  }),
);
const hostName = optional(
  z.string().regex(/^[a-z0-9.-]+(:\d{1,5})?$/i, { error: 'must be a host name without https://' }),
);
const cronExpression = optional(
  z.string().refine((value) => cron.validate(value), { error: 'must be a cron expression' }),
);
const logLevel = optional(
  z.string().refine((value) => (LOG_LEVELS as readonly string[]).includes(value.toLowerCase()), {
    error: `must be one of ${LOG_LEVELS.join(', ')}`,
  }),
);
const days = optional(
  z.string().refine((value) => /^\d{1,4}$/.test(value) && Number(value) >= 1, {
    error: 'must be a whole number of days (1 or more)',
  }),
);
const appType = optional(
  z.string().regex(/^(multitenant|singletenant|userassignedmsi)$/i, {
    error: 'must be MultiTenant, SingleTenant or UserAssignedMSI',
  }),
);

export const environmentSchema = z.object({
  NODE_ENV: text,
  // Running without credentials (src/platform/teams/auth-config.ts): only with BOT_DEV_MODE=true.
  BOT_DEV_MODE: yesNo,
  PORT: port,
  DATA_DIR: text,
  GOVERNANCE_FILE: text,
  LOG_LEVEL: logLevel,
  APPLICATIONINSIGHTS_CONNECTION_STRING: text,
  // Bot Framework credentials (src/platform/teams/auth-config.ts decides the mode from them).
  MicrosoftAppId: text,
  MicrosoftAppPassword: text,
  MicrosoftAppTenantId: text,
  MicrosoftAppType: appType,
  TEAMS_TENANT_ID: text,
  SECRETARIAT_AAD_IDS: text,
  PUBLIC_BASE_URL: url,
  // The calendar, agenda and CSV links (src/platform/links/link-tokens.ts): signing and lifetime.
  LINK_SIGNING_SECRET: text,
  LINK_SIGNING_SECRET_PREVIOUS: text,
  LINK_VALID_DAYS: days,
  BOT_DOMAIN: hostName,
  SCHEDULER_ENABLED: yesNo,
  SCHEDULER_CRON: cronExpression,
  // Cosmos DB (production); without COSMOS_ENDPOINT the embedded SQLite store under DATA_DIR is used.
  COSMOS_ENDPOINT: url,
  COSMOS_KEY: text,
  COSMOS_DATABASE: text,
  COSMOS_CONTAINER_PREFIX: text,
  // The Teams tab's sign-in.
  TAB_APP_ID: text,
  ENTRA_TENANT_ID: text,
  ENTRA_JWKS_URI: url,
  TAB_DEV_SIGNIN: yesNo,
  // Client apps besides the Teams clients whose tokens the tab API accepts (comma-separated ids).
  TAB_EXTRA_CLIENT_IDS: text,
  TAB_PUBLIC_DIR: text,
});

export type Environment = z.infer<typeof environmentSchema>;

export class EnvironmentError extends Error {
  constructor(
    readonly variables: string[],
    details: string[],
  ) {
    super(`invalid environment: ${details.join('; ')}`);
    this.name = 'EnvironmentError';
  }
}

/** The validated environment; throws an EnvironmentError naming every bad variable. */
export function readEnvironment(source: Readonly<Record<string, string | undefined>>): Environment {
  const parsed = environmentSchema.safeParse(source);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues;
  const variables = [...new Set(issues.map((issue) => String(issue.path[0])))];
  const details = issues.map((issue) => {
    const name = String(issue.path[0]);
    return `${name} ${issue.message} (got "${source[name] ?? ''}")`;
  });
  throw new EnvironmentError(variables, details);
}

/** SCHEDULER_ENABLED: the reminder scheduler runs unless it is set to false (or 0/no). */
export function schedulerEnabled(environment: Environment): boolean {
  return !/^(false|0|no)$/i.test(environment.SCHEDULER_ENABLED ?? '');
}

/**
 * The process environment as `npm start` means it: its `--dev-mode` argument is BOT_DEV_MODE=true
 * unless the environment says otherwise. The explicit flag lives in the start script, so a fresh
 * checkout runs (`npm ci && npm start`) while `node dist/src/main.js`, as App Service runs it, gets
 * no development mode it was not given.
 */
export function startEnvironment(
  source: Readonly<Record<string, string | undefined>>,
  argv: readonly string[],
): Record<string, string | undefined> {
  const devMode = argv.includes('--dev-mode') && !source.BOT_DEV_MODE?.trim();
  return devMode ? { ...source, BOT_DEV_MODE: 'true' } : { ...source };
}
