/**
 * Operator command for the reminder scheduler (support and testing), on the configured store
 * (COSMOS_ENDPOINT set: Cosmos; otherwise the embedded SQLite store in DATA_DIR, default ./data).
 *
 *   npm run scheduler -- upcoming [--days 60] [--from 2027-03-01T00:00:00Z]
 *   npm run scheduler -- scan --at 2027-03-04T09:00:00Z
 *   npm run scheduler -- unsent
 *
 * The moments come from the same scheduler the bot runs (composeApp: the same repositories, the
 * same sources: meetings, terms, working groups, hearings, triage catch-up), so the preview shows
 * what the bot will do, not a copy of its rules. `scan` is a dry run: it lists the moments a scan at
 * that instant would perform (due, inside the catch-up horizon, not sent yet) without performing
 * them, since performing runs the bot's hooks (recording the presenter, the portfolio requests).
 * Nothing is sent or recorded; the server is never started.
 */
import { readEnvironment } from '../src/platform/config/environment';
import { parseArgs } from 'node:util';
import { composeApp, type App } from '../src/app/compose';
import { formatInstant } from '../src/platform/cards/reminders';
import { createStoreLedger } from '../src/platform/scheduler/ledger-repository';
import type { UpcomingMoment } from '../src/platform/scheduler/scheduler';
import { DEFAULT_CATCH_UP_HORIZON_MS } from '../src/platform/scheduler/scheduler-options';
import type { ChannelMessenger } from '../src/domain/ports';
import type { DocumentStore } from '../src/platform/storage/port';

const USAGE = `usage:
  scheduler upcoming [--days 60] [--from <ISO instant>]   list the moments due in the next days
  scheduler scan --at <ISO instant>                        dry-run one scan at that instant
  scheduler unsent                                         list claims not sent yet (claimed, retrying)`;

const DAY_MS = 24 * 60 * 60 * 1000;
/** How far back the bot's scan looks for missed moments: the scheduler's own default. */
const CATCH_UP_DAYS = DEFAULT_CATCH_UP_HORIZON_MS / DAY_MS;

export interface CliOutput {
  log(line: string): void;
}

/** The CLI never performs a moment, so nothing may ever be sent through it. */
const refusingMessenger: ChannelMessenger = {
  async postToGroup() {
    throw new Error('the scheduler CLI sends nothing');
  },
  async updateInGroup() {
    throw new Error('the scheduler CLI sends nothing');
  },
};

function instantArg(value: string | undefined, name: string): Date {
  const date = value ? new Date(value) : new Date();
  if (Number.isNaN(date.getTime()))
    throw new Error(`--${name} must be an ISO instant such as 2027-03-04T09:00:00Z, got "${value}"`);
  return date;
}

function momentLine(moment: UpcomingMoment, zone: string): string {
  const when = formatInstant(moment.dueAt, 'en', zone);
  return `${when}  ${moment.kind}  ${moment.groupId}  [${moment.status ?? 'pending'}]  ${moment.describe}`;
}

/** The app as the bot composes it, on the given (or configured) store, with nothing started. */
async function composeForCli(env: NodeJS.ProcessEnv, store?: DocumentStore): Promise<App> {
  // The operator command needs no bot credentials: it never talks to Teams. Outside production it
  // says so explicitly (BOT_DEV_MODE), as the bot's own start-up requires.
  const production = env.NODE_ENV === 'production';
  return composeApp(
    {
      ...env,
      NODE_ENV: production ? 'production' : 'development',
      ...(production ? {} : { BOT_DEV_MODE: 'true' }),
      LOG_LEVEL: 'silent',
    },
    { ...(store ? { store } : {}), messenger: refusingMessenger },
  );
}

async function upcoming(app: App, values: { days?: string; from?: string }, out: CliOutput): Promise<void> {
  const days = values.days ? Number(values.days) : 60;
  if (!Number.isFinite(days) || days <= 0)
    throw new Error(`--days must be a positive number, got "${values.days}"`);
  const moments = await app.scheduler.upcoming(instantArg(values.from, 'from'), days);
  if (moments.length === 0) out.log(`no moments in the next ${days} days`);
  for (const moment of moments) out.log(momentLine(moment, app.services.governance.timeZone));
}

async function dryRunScan(app: App, atValue: string | undefined, out: CliOutput): Promise<void> {
  if (!atValue) throw new Error('scan needs --at <ISO instant>');
  const at = instantArg(atValue, 'at');
  const zone = app.services.governance.timeZone;
  out.log(
    `dry-run scan at ${at.toISOString()} (${formatInstant(at, 'en', zone)}), nothing is sent or recorded:`,
  );
  const from = new Date(at.getTime() - CATCH_UP_DAYS * DAY_MS);
  const window = await app.scheduler.upcoming(from, CATCH_UP_DAYS);
  const due = window.filter((moment) => moment.dueAt.getTime() <= at.getTime());
  const owed = due.filter((moment) => moment.status !== 'sent' && moment.status !== 'skipped');
  for (const moment of owed) out.log(`  would perform: ${momentLine(moment, zone)}`);
  out.log(`would perform ${owed.length}, already done ${due.length - owed.length}`);
}

async function unsent(store: DocumentStore, out: CliOutput): Promise<void> {
  const entries = await createStoreLedger(store.collection('schedule')).listUnsent();
  if (entries.length === 0) out.log('no unsent claims');
  for (const entry of entries) {
    out.log(
      `${entry.key}  ${entry.status}  attempts ${entry.attempts}  holder ${entry.holderId}${entry.lastError ? `  last error: ${entry.lastError}` : ''}`,
    );
  }
}

export async function runCli(
  argv: string[],
  env: NodeJS.ProcessEnv,
  out: CliOutput,
  store?: DocumentStore,
): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      days: { type: 'string' },
      from: { type: 'string' },
      at: { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  const command = positionals[0];
  if (values.help || !command || !['upcoming', 'scan', 'unsent'].includes(command)) {
    out.log(USAGE);
    return values.help ? 0 : 2;
  }
  const app = await composeForCli(env, store);
  try {
    if (command === 'upcoming') await upcoming(app, values, out);
    else if (command === 'scan') await dryRunScan(app, values.at, out);
    else await unsent(app.store, out);
    return 0;
  } finally {
    await app.drain();
    // A store handed in belongs to the caller (tests); the configured one is closed here.
    if (!store) await app.store.close();
  }
}

if (require.main === module) {
  runCli(process.argv.slice(2), readEnvironment(process.env), { log: (line) => console.log(line) }).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exitCode = 1;
    },
  );
}
