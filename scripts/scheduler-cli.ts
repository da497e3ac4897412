/**
 * Operator command for the reminder scheduler (support and testing), on the configured store
 * (COSMOS_ENDPOINT set: Cosmos; otherwise the embedded SQLite store in DATA_DIR, default ./data).
 *
 *   npm run scheduler -- upcoming [--days 60] [--from 2027-03-01T00:00:00Z]
 *   npm run scheduler -- scan --at 2027-03-04T09:00:00Z
 *   npm run scheduler -- unsent
 *
 * `scan` is a dry run: it reads the real ledger, prints what a scan at that instant would post and
 * keeps its claims in memory, so support can test "what happens at time X" on a live store
 * without sending or marking anything. Real sends happen only in the running bot.
 */
import { readEnvironment } from '../src/platform/config/environment';
import { parseArgs } from 'node:util';
import { loadGovernance, defaultGovernancePath } from '../src/platform/governance/governance-loader';
import type { Governance } from '../src/domain/governance';
import type { Group, Meeting } from '../src/domain/model';
import { fromProjectRoot } from '../src/app/paths';
import { formatInstant } from '../src/platform/cards/reminders';
import { createScheduler, membershipSourceFrom } from '../src/app/scheduler';
import { dryRunLedger } from '../src/platform/scheduler/dry-run-ledger';
import { createStoreLedger } from '../src/platform/scheduler/ledger-repository';
import type { GroupSource, MeetingSource } from '../src/features/meetings/meeting-moments';
import type { ChannelMessenger, OutboundMessage } from '../src/domain/ports';
import type { DocumentStore } from '../src/platform/storage/port';
import { CosmosStore, cosmosOptionsFromEnv } from '../src/platform/storage/cosmos/cosmos-store';
import { GroupRepository } from '../src/features/binding/groups-repository';
import { PeopleRepository } from '../src/features/members/people-repository';
import { SqliteStore } from '../src/platform/storage/sqlite/sqlite-store';

const USAGE = `usage:
  scheduler upcoming [--days 60] [--from <ISO instant>]   list the moments due in the next days
  scheduler scan --at <ISO instant>                        dry-run one scan at that instant
  scheduler unsent                                         list claims not sent yet (claimed, retrying)`;

export interface CliOutput {
  log(line: string): void;
}

async function openStore(env: NodeJS.ProcessEnv): Promise<DocumentStore> {
  if (env.COSMOS_ENDPOINT) return CosmosStore.connect(cosmosOptionsFromEnv(env));
  return SqliteStore.open(fromProjectRoot(env.DATA_DIR?.trim() || 'data'));
}

/** Groups from the store; before the bot's first start, the permanent groups of the config. */
function groupSource(store: DocumentStore, governance: Governance): GroupSource {
  const repository = new GroupRepository(store);
  return {
    async listGroups(): Promise<Group[]> {
      const stored = await repository.listGroups();
      if (stored.length > 0) return stored;
      return governance.bodies.map((body) => ({
        id: body.id,
        kind: body.kind,
        name: body.name,
        status: 'active',
        createdAt: '',
      }));
    },
  };
}

/**
 * Meetings as stored documents of type "meeting" (cross-partition scan: an operator command, not a
 * hot path). The composition root wires the meetings repository instead once it exists.
 */
function storedMeetings(store: DocumentStore): MeetingSource {
  return {
    async listUpcoming(from, to) {
      const meetings: Meeting[] = [];
      for await (const doc of store.collection('schedule').scan({ type: 'meeting' })) {
        const startsAt = Date.parse(String(doc.startsAt));
        if (startsAt >= from.getTime() && startsAt <= to.getTime()) meetings.push(doc as unknown as Meeting);
      }
      return meetings;
    },
  };
}

function printingMessenger(out: CliOutput): ChannelMessenger {
  let n = 0;
  return {
    async postToGroup(groupId: string, message: OutboundMessage) {
      out.log(`  would post to ${groupId}: ${message.summary ?? message.text ?? '(card)'}`);
      return { activityId: `dry-run-${++n}` };
    },
    async updateInGroup() {},
  };
}

function instantArg(value: string | undefined, name: string): Date {
  const date = value ? new Date(value) : new Date();
  if (Number.isNaN(date.getTime()))
    throw new Error(`--${name} must be an ISO instant such as 2027-03-04T09:00:00Z, got "${value}"`);
  return date;
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
  const governance = loadGovernance(
    env.GOVERNANCE_FILE?.trim() ? fromProjectRoot(env.GOVERNANCE_FILE.trim()) : defaultGovernancePath(),
  );
  const ownsStore = !store;
  const db = store ?? (await openStore(env));
  try {
    const zone = governance.timeZone;
    const realLedger = createStoreLedger(db.collection('schedule'));
    const groups = groupSource(db, governance);
    const scheduler = createScheduler({
      store: db,
      governance,
      messenger: printingMessenger(out),
      groups,
      meetings: storedMeetings(db),
      memberships: membershipSourceFrom(groups, new PeopleRepository(db)),
      ledger: dryRunLedger(realLedger),
      instanceId: 'scheduler-cli',
    });

    if (command === 'upcoming') {
      const days = values.days ? Number(values.days) : 60;
      if (!Number.isFinite(days) || days <= 0)
        throw new Error(`--days must be a positive number, got "${values.days}"`);
      const moments = await scheduler.upcoming(instantArg(values.from, 'from'), days);
      if (moments.length === 0) out.log(`no moments in the next ${days} days`);
      for (const moment of moments) {
        out.log(
          `${formatInstant(moment.dueAt, 'en', zone)}  ${moment.kind}  ${moment.groupId}  [${moment.status ?? 'pending'}]  ${moment.describe}`,
        );
      }
    } else if (command === 'scan') {
      if (!values.at) throw new Error('scan needs --at <ISO instant>');
      const at = instantArg(values.at, 'at');
      out.log(
        `dry-run scan at ${at.toISOString()} (${formatInstant(at, 'en', zone)}), nothing is sent or recorded:`,
      );
      const report = await scheduler.runScan(at);
      out.log(
        `performed ${report.performed.length}, failed ${report.failed.length}, expired ${report.expired.length}, already done or in progress ${report.skipped.length}`,
      );
      for (const key of report.expired) out.log(`  expired (not sent): ${key}`);
    } else {
      const unsent = await realLedger.listUnsent();
      if (unsent.length === 0) out.log('no unsent claims');
      for (const entry of unsent) {
        out.log(
          `${entry.key}  ${entry.status}  attempts ${entry.attempts}  holder ${entry.holderId}${entry.lastError ? `  last error: ${entry.lastError}` : ''}`,
        );
      }
    }
    return 0;
  } finally {
    if (ownsStore) await db.close();
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
