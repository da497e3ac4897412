/**
 * Builds what each scenario runs against: a store (SQLite in a temp dir, or Cosmos on the local
 * server), the real app (composeApp, development mode, silent logs) whose proactive posts go
 * through a ProactiveSender to the connector stand-in, and the channel bindings the activities use.
 */
import { Agent } from 'node:https';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CloudAdapter } from 'botbuilder';
import { composeApp, type App } from '../src/app/compose';
import { createBotFrameworkAuthentication } from '../src/platform/teams/auth-config';
import { ProactiveSender, type RateWindow } from '../src/platform/teams/proactive';
import type { ChannelMessenger, OutboundMessage } from '../src/domain/ports';
import { CosmosStore } from '../src/platform/storage/cosmos/cosmos-store';
import type { DocumentStore } from '../src/platform/storage/port';
import { InMemoryRequestChargeRecorder } from '../src/platform/storage/request-charges';
import { AuditRepository } from '../src/platform/audit/audit-repository';
import { GroupRepository } from '../src/features/binding/groups-repository';
import { SqliteStore } from '../src/platform/storage/sqlite/sqlite-store';
import type { CosmosProcess } from './processes';

export type StoreKind = 'sqlite' | 'cosmos';

export const TENANT = 'tenant-bench';
export const TEAM_ID = '19:bench-team@thread.tacv2';
export const BOT_ID = '28:bench-bot';

/** The environment of every app the bench composes: development mode, no logs. */
export function benchEnv(dataDir: string): NodeJS.ProcessEnv {
  return {
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    DATA_DIR: dataDir,
    PUBLIC_BASE_URL: 'https://bench.example.org',
  };
}

/** Limits so high they never wait: the figure is then the handling cost, not Teams' pacing. */
export const UNLIMITED: readonly RateWindow[] = [{ limit: 1_000_000_000, windowMs: 1_000 }];

export interface OpenedStore {
  store: DocumentStore;
  /** Cosmos only: every operation's request charge. */
  charges?: InMemoryRequestChargeRecorder;
  /** Removes the temp dir (SQLite); the store itself is closed by whoever owns it. */
  cleanup(): void;
}

let databaseCounter = 0;

export async function openStore(kind: StoreKind, cosmos?: CosmosProcess): Promise<OpenedStore> {
  if (kind === 'sqlite') {
    const dir = mkdtempSync(path.join(tmpdir(), 'fki-bench-sqlite-'));
    return { store: SqliteStore.open(dir), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
  }
  if (!cosmos) throw new Error('the Cosmos scenarios need the local Cosmos server');
  const charges = new InMemoryRequestChargeRecorder();
  const store = await CosmosStore.connect({
    endpoint: cosmos.endpoint,
    key: cosmos.key,
    databaseName: `bench-${process.pid}-${++databaseCounter}`,
    agent: new Agent({ rejectUnauthorized: false, keepAlive: true }),
    requestCharges: charges,
  });
  return { store, charges, cleanup: () => undefined };
}

/** A messenger whose sender can be swapped (rate limits lifted or Teams' own) between runs. */
export class SwitchableMessenger implements ChannelMessenger {
  constructor(public current: ChannelMessenger) {}
  postToGroup(groupId: string, message: OutboundMessage) {
    return this.current.postToGroup(groupId, message);
  }
  updateInGroup(groupId: string, activityId: string, message: OutboundMessage) {
    return this.current.updateInGroup(groupId, activityId, message);
  }
}

/** A ProactiveSender on its own CloudAdapter (development mode: no token), with the given limits. */
export function proactiveSender(
  store: DocumentStore,
  windows?: { conversation: readonly RateWindow[]; tenant: readonly RateWindow[] },
): ProactiveSender {
  const { auth } = createBotFrameworkAuthentication(benchEnv(''));
  return new ProactiveSender({
    adapter: new CloudAdapter(auth),
    botAppId: '',
    references: new GroupRepository(store),
    failures: new AuditRepository(store),
    ...(windows ? { conversationWindows: windows.conversation, tenantWindows: windows.tenant } : {}),
  });
}

export function channelIdOf(name: string): string {
  return `19:${name}@thread.tacv2`;
}

/** Binds a group to a channel whose conversation reference points at the connector stand-in. */
export async function bindToStandIn(
  groups: GroupRepository,
  groupId: string,
  channelId: string,
  serviceUrl: string,
): Promise<void> {
  const at = new Date().toISOString();
  await groups.recordInstallation(
    { teamId: TEAM_ID, teamName: 'Bench', tenantId: TENANT, installedAt: at, serviceUrl },
    [
      {
        teamId: TEAM_ID,
        channelId,
        channelName: groupId,
        conversationReference: {
          channelId: 'msteams',
          serviceUrl,
          conversation: { id: channelId, conversationType: 'channel', isGroup: true, tenantId: TENANT },
          bot: { id: BOT_ID, name: 'FKI' },
        },
      },
    ],
  );
  const outcome = await groups.bind({
    groupId,
    teamId: TEAM_ID,
    channelId,
    channelName: groupId,
    tenantId: TENANT,
    boundBy: 'bench',
    boundAt: at,
  });
  if (outcome.kind !== 'bound' && outcome.kind !== 'already-bound-here')
    throw new Error(`bench: could not bind ${groupId}: ${outcome.kind}`);
}

export interface BenchApp {
  app: App;
  url: string;
  opened: OpenedStore;
  messenger: SwitchableMessenger;
  unlimitedSender: ProactiveSender;
  teamsLimitedSender: ProactiveSender;
  stop(): Promise<void>;
}

export const STEERING_CHANNEL = channelIdOf('bench-steering');
export const REFERENCE_GROUP = 'ref-forretning';
export const REFERENCE_CHANNEL = channelIdOf('bench-ref-forretning');
/** The secretariat's own channel: the triage cards go there (one channel post, as before issue 26.4). */
export const SECRETARIAT_CHANNEL = channelIdOf('bench-secretariat');

/** The real app on a fresh store, listening on a free port, with steering, one reference group and the secretariat bound. */
export async function startBenchApp(
  kind: StoreKind,
  serviceUrl: string,
  cosmos?: CosmosProcess,
): Promise<BenchApp> {
  const opened = await openStore(kind, cosmos);
  const unlimitedSender = proactiveSender(opened.store, { conversation: UNLIMITED, tenant: UNLIMITED });
  const teamsLimitedSender = proactiveSender(opened.store);
  const messenger = new SwitchableMessenger(unlimitedSender);
  const dataDir = mkdtempSync(path.join(tmpdir(), 'fki-bench-app-'));
  const app = await composeApp(benchEnv(dataDir), { store: opened.store, messenger });
  await bindToStandIn(app.repositories.groups, 'steering', STEERING_CHANNEL, serviceUrl);
  await bindToStandIn(app.repositories.groups, REFERENCE_GROUP, REFERENCE_CHANNEL, serviceUrl);
  await bindToStandIn(app.repositories.groups, 'secretariat', SECRETARIAT_CHANNEL, serviceUrl);
  const { url } = await app.start(0, '127.0.0.1');
  return {
    app,
    url,
    opened,
    messenger,
    unlimitedSender,
    teamsLimitedSender,
    stop: async () => {
      await app.stop();
      opened.cleanup();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** An Action.Execute invoke from a channel, as Teams posts it (only the fields the bot reads). */
export function cardInvoke(
  serviceUrl: string,
  verb: string,
  data: Record<string, unknown>,
  from: { aadObjectId: string; name: string },
  channelId: string,
  sequence: number,
): Record<string, unknown> {
  return {
    type: 'invoke',
    name: 'adaptiveCard/action',
    id: `bench-${sequence}`,
    channelId: 'msteams',
    serviceUrl,
    timestamp: new Date().toISOString(),
    locale: 'da-DK',
    from: { id: `29:${from.aadObjectId}`, name: from.name, aadObjectId: from.aadObjectId },
    recipient: { id: BOT_ID, name: 'FKI' },
    conversation: {
      id: `${channelId};messageid=card-${sequence}`,
      conversationType: 'channel',
      isGroup: true,
      tenantId: TENANT,
    },
    channelData: {
      team: { id: TEAM_ID, name: 'Bench' },
      channel: { id: channelId, name: 'Bench' },
      tenant: { id: TENANT },
    },
    replyToId: `card-${sequence}`,
    value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
  };
}
