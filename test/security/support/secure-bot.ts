/**
 * The whole app as the security and fault tests drive it: composeApp in development mode with
 * TEAMS_TENANT_ID set, activities POSTed to /api/messages with a serviceUrl pointing at the local
 * Bot Connector stand-in, a register with one person per role, and the steering group and one
 * reference group bound to channels. One instance per test file (compose is the slow part).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { composeApp, type App, type ComposeOverrides } from '../../../src/app/compose';
import { ManualClock } from '../../../src/domain/clock';
import type { DocumentStore } from '../../../src/platform/storage/port';
import { SqliteStore } from '../../../src/platform/storage/sqlite/sqlite-store';
import { ConnectorStandIn } from '../../support/connector-standin';
import { seedPerson } from '../../support/people';
import { CapturingMessenger } from '../../services/hearings-fixture';

export const TENANT = 'tenant-fki';
export const FOREIGN_TENANT = 'tenant-elsewhere';
export const STEERING_CHANNEL = '19:steering@thread.tacv2';
export const REFERENCE_CHANNEL = '19:ref-arkitektur@thread.tacv2';
export const UNBOUND_CHANNEL = '19:unbound@thread.tacv2';
export const TEAM = '19:team@thread.tacv2';
/** The reference group the matrix uses (the personas chair/member sit in it and in the steering group). */
export const REFERENCE_GROUP = 'ref-arkitektur';

/** The roles of the authorisation matrix (issue 13). */
export type MatrixRole =
  'secretariat' | 'chair' | 'member' | 'KL' | 'UDK' | 'KOMBIT' | 'non-member' | 'other-tenant';
export const MATRIX_ROLES: readonly MatrixRole[] = [
  'secretariat',
  'chair',
  'member',
  'KL',
  'UDK',
  'KOMBIT',
  'non-member',
  'other-tenant',
];

export interface Persona {
  aadObjectId: string;
  name: string;
  tenantId: string;
}

/**
 * One person per role. chair/member sit in the steering group and the reference group; the
 * KL/UDK/KOMBIT representatives are NOT members of those groups (so the matrix sees the
 * organisation role alone); other-tenant is the secretariat's own identity from a foreign tenant
 * (the strongest case: even a privileged id is refused from elsewhere).
 */
export const PERSONAS: Record<MatrixRole, Persona> = {
  secretariat: { aadObjectId: 'p-sec', name: 'Sekretær Sara', tenantId: TENANT },
  chair: { aadObjectId: 'p-chair', name: 'Formand Frida', tenantId: TENANT },
  member: { aadObjectId: 'p-member', name: 'Medlem Mikkel', tenantId: TENANT },
  KL: { aadObjectId: 'p-kl', name: 'KL Karen', tenantId: TENANT },
  UDK: { aadObjectId: 'p-udk', name: 'UDK Uffe', tenantId: TENANT },
  KOMBIT: { aadObjectId: 'p-kombit', name: 'KOMBIT Kim', tenantId: TENANT },
  'non-member': { aadObjectId: 'p-out', name: 'Menig Mads', tenantId: TENANT },
  'other-tenant': { aadObjectId: 'p-sec', name: 'Sekretær Sara', tenantId: FOREIGN_TENANT },
};

export interface Reply {
  /** HTTP status of /api/messages. */
  status: number;
  /** Texts of messages the bot sent (and the invoke's message value). */
  texts: string[];
  /** Adaptive cards the bot sent or answered the invoke with. */
  cards: object[];
  /** Everything, for "contains" assertions. */
  all: string;
}

export interface SecureBot {
  app: App;
  connector: ConnectorStandIn;
  /** The in-memory messenger (undefined with messenger: 'real'). */
  posts?: CapturingMessenger;
  clock: ManualClock;
  url: string;
  dataDir: string;
  say(text: string, who: Persona, options?: ConversationOptions): Promise<Reply>;
  invoke(
    verb: string,
    data: Record<string, unknown>,
    who: Persona,
    options?: ConversationOptions,
  ): Promise<Reply>;
  /** Action.Submit (a message with value.verb and no text). */
  submit(
    data: Record<string, unknown>,
    who: Persona,
    options?: { channelId?: string; locale?: string },
  ): Promise<Reply>;
  stop(options?: { keepData?: boolean }): Promise<void>;
}

let counter = 0;

/** Where an activity comes from: a team channel (default), or the person's personal chat with the bot. */
export interface ConversationOptions {
  channelId?: string;
  locale?: string;
  /** The person's one-to-one chat with the bot (no team, no channel) instead of a channel. */
  personal?: boolean;
}

/** The same personal conversation id for the same person (as Teams gives it), so it is remembered once. */
export const personalConversationId = (who: Persona) => `a:personal-${who.aadObjectId}`;

function activity(
  serviceUrl: string,
  who: Persona,
  channelId: string,
  locale: string,
  personal = false,
): Record<string, unknown> {
  counter += 1;
  if (personal)
    return {
      type: 'message',
      id: `in-${counter}`,
      channelId: 'msteams',
      serviceUrl,
      timestamp: new Date().toISOString(),
      locale,
      from: { id: `29:${who.aadObjectId}`, name: who.name, aadObjectId: who.aadObjectId },
      recipient: { id: '28:bot', name: 'FKI' },
      conversation: { id: personalConversationId(who), conversationType: 'personal', tenantId: who.tenantId },
      channelData: { tenant: { id: who.tenantId } },
    };
  return {
    type: 'message',
    id: `in-${counter}`,
    channelId: 'msteams',
    serviceUrl,
    timestamp: new Date().toISOString(),
    locale,
    from: { id: `29:${who.aadObjectId}`, name: who.name, aadObjectId: who.aadObjectId },
    recipient: { id: '28:bot', name: 'FKI' },
    conversation: {
      id: `${channelId};messageid=${counter}`,
      conversationType: 'channel',
      isGroup: true,
      tenantId: who.tenantId,
    },
    channelData: {
      team: { id: TEAM, name: 'FKI' },
      channel: { id: channelId, name: channelId },
      tenant: { id: who.tenantId },
    },
  };
}

export interface StartOptions {
  env?: NodeJS.ProcessEnv;
  overrides?: ComposeOverrides;
  /** Reuse a data dir (restart tests); the store is then the file-backed SQLite under it. */
  dataDir?: string;
  /** An in-memory store by default; pass `file` to use DATA_DIR (restart tests). */
  store?: 'memory' | 'file';
  /** Seed the register and bindings (default true; false when reopening an existing DATA_DIR). */
  seed?: boolean;
  clock?: ManualClock;
  connector?: ConnectorStandIn;
  /**
   * 'capturing' (default): proactive posts are recorded in memory — the real sender's rate limiter
   * waits on the (manual) clock, which would stall a test posting many cards to one channel.
   * 'real': the ProactiveSender posting to the connector stand-in (the connector fault tests).
   */
  messenger?: 'capturing' | 'real';
}

export async function startSecureBot(options: StartOptions = {}): Promise<SecureBot> {
  const dataDir = options.dataDir ?? mkdtempSync(path.join(tmpdir(), 'fki-sec-'));
  const clock = options.clock ?? new ManualClock('2027-01-11T09:00:00.000Z');
  const ownConnector = !options.connector;
  const connector = options.connector ?? (await new ConnectorStandIn(clock).start());
  const store: DocumentStore | undefined =
    (options.store ?? 'memory') === 'memory' ? SqliteStore.inMemory() : undefined;
  const posts = (options.messenger ?? 'capturing') === 'capturing' ? new CapturingMessenger() : undefined;
  const app = await composeApp(
    { NODE_ENV: 'test', LOG_LEVEL: 'silent', DATA_DIR: dataDir, TEAMS_TENANT_ID: TENANT, ...options.env },
    { clock, ...(store ? { store } : {}), ...(posts ? { messenger: posts } : {}), ...options.overrides },
  );
  const { url } = await app.start(0, '127.0.0.1');
  if (options.seed ?? true) await seed(app, connector, clock);

  const post = async (body: Record<string, unknown>): Promise<Reply> => {
    const before = connector.requests.length;
    const response = await fetch(`${url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const raw = await response.text();
    const texts: string[] = [];
    const cards: object[] = [];
    const collect = (a: Record<string, unknown>) => {
      if (typeof a.text === 'string' && a.text) texts.push(a.text);
      for (const att of (a.attachments as Array<{ contentType: string; content: object }> | undefined) ??
        []) {
        if (att.contentType === 'application/vnd.microsoft.card.adaptive') cards.push(att.content);
      }
    };
    for (const request of connector.requests.slice(before)) {
      // Only replies in the conversation of this activity; proactive posts elsewhere are not "the reply".
      const conversation = (body.conversation as { id: string }).id;
      if (request.conversationId === conversation && request.body.type === 'message') collect(request.body);
    }
    if (raw) {
      const parsed = JSON.parse(raw) as { type?: string; value?: unknown };
      if (parsed.type === 'application/vnd.microsoft.activity.message' && typeof parsed.value === 'string')
        texts.push(parsed.value);
      if (parsed.type === 'application/vnd.microsoft.card.adaptive' && parsed.value)
        cards.push(parsed.value as object);
    }
    return { status: response.status, texts, cards, all: JSON.stringify({ texts, cards }) };
  };

  return {
    app,
    connector,
    posts,
    clock,
    url,
    dataDir,
    say: (text, who, o = {}) =>
      post({
        ...activity(connector.url, who, o.channelId ?? REFERENCE_CHANNEL, o.locale ?? 'da-DK', o.personal),
        text: `<at>FKI</at> ${text}`,
        entities: [{ type: 'mention', text: '<at>FKI</at>', mentioned: { id: '28:bot', name: 'FKI' } }],
      }),
    invoke: (verb, data, who, o = {}) =>
      post({
        ...activity(connector.url, who, o.channelId ?? REFERENCE_CHANNEL, o.locale ?? 'da-DK', o.personal),
        type: 'invoke',
        name: 'adaptiveCard/action',
        replyToId: `card-${counter}`,
        value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
      }),
    submit: (data, who, o = {}) =>
      post({
        ...activity(connector.url, who, o.channelId ?? REFERENCE_CHANNEL, o.locale ?? 'da-DK'),
        text: '',
        value: data,
      }),
    async stop(stopOptions = {}) {
      await app.stop();
      if (ownConnector) await connector.stop();
      if (!stopOptions.keepData && !options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The register (one person per role) and the two bound channels. */
async function seed(app: App, connector: ConnectorStandIn, clock: ManualClock): Promise<void> {
  const { people, groups } = app.repositories;
  const municipality = { kind: 'municipality' as const, municipalityCode: '101', name: 'København' };
  await seedPerson(
    people,
    { id: 'p-sec', name: 'Sekretær Sara', organisation: { kind: 'KOMBIT', name: 'KOMBIT' } },
    [{ groupId: 'secretariat', role: 'staff', termStart: '2024-01-01' }],
  );
  await people.savePerson({ id: 'p-chair', name: 'Formand Frida', organisation: municipality });
  await people.savePerson({
    id: 'p-member',
    name: 'Medlem Mikkel',
    organisation: { ...municipality, municipalityCode: '147', name: 'Frederiksberg' },
  });
  for (const groupId of ['steering', REFERENCE_GROUP]) {
    await people.saveMembership({ personId: 'p-chair', groupId, role: 'chair', termStart: '2025-01-01' });
    await people.saveMembership({ personId: 'p-member', groupId, role: 'member', termStart: '2025-01-01' });
  }
  await seedPerson(people, { id: 'p-kl', name: 'KL Karen', organisation: { kind: 'KL', name: 'KL' } }, [
    { groupId: 'ref-drift', role: 'member', termStart: '2025-01-01' },
  ]);
  await people.savePerson({ id: 'p-udk', name: 'UDK Uffe', organisation: { kind: 'UDK', name: 'UDK' } });
  await people.savePerson({
    id: 'p-kombit',
    name: 'KOMBIT Kim',
    organisation: { kind: 'KOMBIT', name: 'KOMBIT' },
  });
  await people.savePerson({
    id: 'p-out',
    name: 'Menig Mads',
    organisation: { ...municipality, municipalityCode: '151', name: 'Ballerup' },
  });

  const at = clock.now().toISOString();
  const channels = [
    ['steering', STEERING_CHANNEL],
    [REFERENCE_GROUP, REFERENCE_CHANNEL],
    ['secretariat', '19:secretariat@thread.tacv2'],
  ] as const;
  await groups.recordInstallation(
    { teamId: TEAM, installedAt: at, serviceUrl: connector.url },
    channels.map(([groupId, channelId]) => ({
      teamId: TEAM,
      channelId,
      channelName: groupId,
      conversationReference: connector.reference(channelId, TENANT),
    })),
  );
  for (const [groupId, channelId] of channels)
    await groups.bind({ groupId, teamId: TEAM, channelId, boundBy: 'seed', boundAt: at });
}
