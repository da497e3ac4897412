/**
 * Test harness for the Microsoft 365 Agents Playground (@microsoft/m365agentsplayground): a real
 * Teams-like client that runs offline. It starts the playground CLI as a child process on a free
 * port, pointed at a bot endpoint, and drives it through the same HTTP/WebSocket API its web UI
 * uses (learnt from the package's bundled server, version 0.2.x):
 *
 * - `POST /_conversation/v1/conversations/{id}/messages` — the UI's "send": always sent as the
 *   config's `currentUser` (the server ignores `from.id` beyond validating it);
 * - `POST /_conversation/v1/invoke` — an Adaptive Card Action.Execute; answers with the bot's
 *   invoke response body;
 * - `GET /_internal/v1/customActivities/template?conversationId=&type=` and
 *   `POST /_internal/v1/customActivities` — arbitrary activities (install, conversationUpdate, or a
 *   message "from" another user of the mock tenant);
 * - WebSocket `/_ws_conversation/v1/conversations/stream` — what the bot posted or updated, as
 *   `{action: 'createMessage'|'updateMessage'|'typing', actionConversationId, message}`.
 *
 * Team, channels and users come from `.m365agentsplayground.yml` (repository root). The bot
 * replies through the playground's connector at `{serviceUrl}=http://localhost:{port}/_connector`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import WebSocket from 'ws';

const PROJECT_ROOT = path.resolve(__dirname, '..', '..');
export const PLAYGROUND_CONFIG_PATH = path.join(PROJECT_ROOT, '.m365agentsplayground.yml');
const CLI = path.join(PROJECT_ROOT, 'node_modules', '@microsoft', 'm365agentsplayground', 'cli.js');

export interface PlaygroundUser {
  id: string;
  name: string;
  aadObjectId: string;
  email: string;
}

/** The parts of `.m365agentsplayground.yml` tests need. */
export interface PlaygroundConfig {
  tenantId: string;
  bot: { id: string; name: string };
  currentUser: PlaygroundUser;
  users: PlaygroundUser[];
  personalChat: { id: string };
  groupChat: { id: string; name: string };
  /** `team.id` is also the General channel's conversation id. */
  team: { id: string; name: string; aadGroupId: string; channels: Array<{ id: string; name: string }> };
}

export function readPlaygroundConfig(configPath = PLAYGROUND_CONFIG_PATH): PlaygroundConfig {
  return parseYaml(fs.readFileSync(configPath, 'utf8')) as PlaygroundConfig;
}

/** One thing the bot did, as the playground's UI sees it. */
export interface BotActivity {
  action: 'createMessage' | 'updateMessage' | 'typing' | string;
  /** Where it appeared: a chat id, a channel id, or a channel thread (`{channel};messageid={root}`). */
  conversationId: string;
  /** The chat/channel part of conversationId (thread suffix removed). */
  channelOrChatId: string;
  message?: {
    messageId: string;
    text?: string;
    attachments?: Array<{ contentType: string; content: unknown }>;
    /** For a new top-level channel post: the post's own thread id (use it to reply or invoke). */
    postConversationId?: string;
    directLineConversationId?: string;
    [field: string]: unknown;
  };
}

export interface PlaygroundOptions {
  /** The bot's messaging endpoint, e.g. http://127.0.0.1:3978/api/messages. */
  botEndpoint: string;
  configPath?: string;
  /** Fixed port; default a free one. */
  port?: number;
  startupTimeoutMs?: number;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

const ADAPTIVE_CARD = 'application/vnd.microsoft.card.adaptive';

/** The first Adaptive Card of a bot message, if any. */
export function cardOf(activity: BotActivity): Record<string, unknown> | undefined {
  const attachment = activity.message?.attachments?.find((a) => a.contentType === ADAPTIVE_CARD);
  return attachment?.content as Record<string, unknown> | undefined;
}

/** All visible text of a bot message: its text plus every string in its cards, for assertions. */
export function visibleText(activity: BotActivity): string {
  const parts: string[] = [];
  const walk = (node: unknown): void => {
    if (typeof node === 'string') parts.push(node);
    else if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') Object.values(node).forEach(walk);
  };
  if (activity.message?.text) parts.push(activity.message.text);
  for (const attachment of activity.message?.attachments ?? []) walk(attachment.content);
  return parts.join('\n');
}

export class Playground {
  readonly url: string;
  readonly config: PlaygroundConfig;
  /** Everything the child process printed, for failure diagnostics. */
  readonly output: string[] = [];
  private readonly received: BotActivity[] = [];
  private waiters: Array<() => void> = [];
  private socket: WebSocket | undefined;
  private exited = false;
  /** 'close': the process exited and its stdio pipes are closed (no handle left for jest to wait on). */
  private readonly closed: Promise<void>;

  private constructor(
    readonly port: number,
    private readonly child: ChildProcess,
    config: PlaygroundConfig,
    private readonly workDir: string,
  ) {
    this.url = `http://127.0.0.1:${port}`;
    this.config = config;
    child.on('exit', () => {
      this.exited = true;
      this.wake();
    });
    this.closed = new Promise<void>((resolve) => child.once('close', () => resolve()));
  }

  /** Starts the playground and resolves when its HTTP API and WebSocket are up. */
  static async start(options: PlaygroundOptions): Promise<Playground> {
    const configPath = options.configPath ?? PLAYGROUND_CONFIG_PATH;
    const config = readPlaygroundConfig(configPath);
    const port = options.port ?? (await freePort());
    // Its own cwd and log file: the CLI writes ./devTools/ otherwise.
    const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'playground-'));
    const child = spawn(
      process.execPath,
      [CLI, 'start', '-e', options.botEndpoint, '-c', 'msteams', '-p', String(port), '--disable-telemetry'],
      {
        cwd: workDir,
        env: {
          ...process.env,
          TEAMSAPPTESTER_BROWSER: 'none',
          M365_AGENTS_PLAYGROUND_CONFIG_PATH: configPath,
          M365_AGENTS_PLAYGROUND_LOGFILE: path.join(workDir, 'playground.log'),
          // Offline, unauthenticated: the playground must not try to get tokens.
          MicrosoftAppId: '',
          MicrosoftAppPassword: '',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const playground = new Playground(port, child, config, workDir);
    const capture = (chunk: Buffer) => playground.output.push(chunk.toString('utf8'));
    child.stdout?.on('data', capture);
    child.stderr?.on('data', capture);
    try {
      await playground.waitUntilReady(options.startupTimeoutMs ?? 30_000);
      await playground.connectStream();
    } catch (error) {
      await playground.stop();
      throw new Error(`${(error as Error).message}\nplayground output:\n${playground.output.join('')}`, {
        cause: error,
      });
    }
    return playground;
  }

  /** Kills the child process (SIGTERM, then SIGKILL) and removes its work dir. Safe to call twice. */
  async stop(): Promise<void> {
    this.socket?.removeAllListeners();
    this.socket?.terminate();
    this.socket = undefined;
    if (!this.exited && this.child.exitCode === null) {
      const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
      this.child.kill('SIGTERM');
      const timer = setTimeout(() => this.child.kill('SIGKILL'), 3_000);
      await exited;
      clearTimeout(timer);
    }
    // Bounded: a descendant still holding the pipes must not hang the suite's teardown.
    await Promise.race([this.closed, new Promise<void>((resolve) => setTimeout(resolve, 5_000).unref())]);
    fs.rmSync(this.workDir, { recursive: true, force: true });
  }

  // ---- the user's side

  /** Users of the mock tenant by id (currentUser included). */
  user(id: string): PlaygroundUser {
    const user = [this.config.currentUser, ...this.config.users].find((u) => u.id === id);
    if (!user) throw new Error(`no user "${id}" in the playground config`);
    return user;
  }

  isChannel(conversationId: string): boolean {
    const root = conversationId.split(';')[0];
    return root === this.config.team.id || this.config.team.channels.some((c) => c.id === root);
  }

  /**
   * Sends a message as `asUser` (default the config's currentUser). In a team channel the bot is
   * @mentioned, as Teams only delivers channel messages that mention the bot. The currentUser goes
   * through the UI's own message API; another user through a custom activity (the UI API always
   * sends as currentUser).
   */
  async sendMessage(conversationId: string, text: string, asUser?: string): Promise<void> {
    const user = this.user(asUser ?? this.config.currentUser.id);
    const mention = `<at>${this.config.bot.name}</at>`;
    const inChannel = this.isChannel(conversationId);
    const fullText = inChannel ? `${mention} ${text}` : text;
    if (user.id === this.config.currentUser.id) {
      await this.request(
        'POST',
        `/_conversation/v1/conversations/${encodeURIComponent(conversationId)}/messages`,
        {
          from: { id: user.id },
          text: fullText,
          textFormat: 'plain',
          ...(inChannel ? { mentions: [{ mentioned: { id: this.config.bot.id }, text: mention }] } : {}),
        },
      );
      return;
    }
    const base = await this.activityTemplate(conversationId);
    await this.sendCustomActivity({
      ...base,
      type: 'message',
      text: fullText,
      textFormat: 'plain',
      locale: 'en-US',
      from: { id: user.id, name: user.name, aadObjectId: user.aadObjectId },
      channelData: this.channelData(conversationId),
      entities: inChannel
        ? [
            {
              type: 'mention',
              mentioned: { id: this.config.bot.id, name: this.config.bot.name },
              text: mention,
            },
          ]
        : [],
    });
  }

  /**
   * Presses an Action.Execute button on a card the bot posted, as `asUser` (default currentUser; the
   * invoke API sends the activity from that user of the mock tenant, with their aadObjectId), and
   * returns the bot's invoke response body (e.g. the refreshed card).
   */
  async invokeCardAction(
    onMessage: BotActivity,
    action: { verb: string; data?: Record<string, unknown> },
    asUser?: string,
  ): Promise<unknown> {
    const messageId = onMessage.message?.messageId;
    if (!messageId) throw new Error('invokeCardAction needs a bot message (createMessage) to act on');
    return this.request('POST', '/_conversation/v1/invoke', {
      name: 'adaptiveCard/action',
      value: {
        action: { type: 'Action.Execute', verb: action.verb, data: action.data ?? {} },
        trigger: 'manual',
      },
      from: { id: asUser ?? this.config.currentUser.id },
      conversation: { id: onMessage.message?.postConversationId ?? onMessage.conversationId },
      replyToId: messageId,
    });
  }

  /** The playground's template for a custom activity (`type` e.g. install, botAdded, userAdded). */
  async activityTemplate(conversationId: string, type?: string): Promise<Record<string, unknown>> {
    const query = new URLSearchParams({ conversationId, ...(type ? { type } : {}) });
    return (await this.request('GET', `/_internal/v1/customActivities/template?${query}`)) as Record<
      string,
      unknown
    >;
  }

  /** Sends any activity to the bot through the playground (it answers before the bot is called). */
  async sendCustomActivity(activity: Record<string, unknown>): Promise<void> {
    await this.request('POST', '/_internal/v1/customActivities', activity);
  }

  /**
   * "Add the app to the team": the installationUpdate (action add) Teams sends for the team's
   * General channel, followed by the conversationUpdate (bot added, teamMemberAdded).
   */
  async installInTeam(): Promise<void> {
    const teamId = this.config.team.id;
    await this.sendCustomActivity(await this.activityTemplate(teamId, 'install'));
    await this.sendCustomActivity(await this.activityTemplate(teamId, 'botAdded'));
  }

  // ---- the bot's side

  /**
   * The next bot activity (oldest first, each returned once) that matches the predicate; earlier
   * non-matching ones stay queued for later calls.
   */
  async nextBotActivity(
    predicate: (activity: BotActivity) => boolean = () => true,
    timeoutMs = 15_000,
  ): Promise<BotActivity> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const index = this.received.findIndex(predicate);
      if (index >= 0) return this.received.splice(index, 1)[0] as BotActivity;
      if (this.exited) throw new Error(`the playground exited\n${this.output.join('')}`);
      const remaining = deadline - Date.now();
      if (remaining <= 0) {
        const pending = this.received.map(
          (a) => `${a.action} ${a.conversationId}: ${visibleText(a).slice(0, 200)}`,
        );
        throw new Error(
          `no matching bot activity within ${timeoutMs} ms; unmatched: ${JSON.stringify(pending)}`,
        );
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, remaining);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** The next new message (not typing/update) the bot posted in that chat or channel. */
  nextBotMessage(conversationId: string, timeoutMs?: number): Promise<BotActivity> {
    const root = conversationId.split(';')[0];
    return this.nextBotActivity((a) => a.action === 'createMessage' && a.channelOrChatId === root, timeoutMs);
  }

  /** Bot activities received and not yet consumed. */
  get pending(): readonly BotActivity[] {
    return this.received;
  }

  // ---- internals

  private channelData(conversationId: string): Record<string, unknown> {
    const tenant = { id: this.config.tenantId };
    if (!this.isChannel(conversationId)) return { tenant };
    const channelId = conversationId.split(';')[0] as string;
    const team = this.config.team;
    return {
      tenant,
      team: { id: team.id, name: team.name, aadGroupId: team.aadGroupId },
      channel: { id: channelId },
      teamsTeamId: team.id,
      teamsChannelId: channelId,
    };
  }

  private async request(method: 'GET' | 'POST', urlPath: string, body?: unknown): Promise<unknown> {
    const response = await fetch(`${this.url}${urlPath}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`playground ${method} ${urlPath} answered ${response.status}: ${text}`);
    if (!text) return undefined;
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return text;
    }
  }

  private async waitUntilReady(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let lastError: unknown;
    while (Date.now() < deadline) {
      if (this.exited) throw new Error(`the playground exited during startup (code ${this.child.exitCode})`);
      try {
        const response = await fetch(`${this.url}/_debug/ping`);
        if (response.ok) return;
        lastError = new Error(`ping answered ${response.status}`);
      } catch (error) {
        lastError = error;
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw new Error(`the playground did not start within ${timeoutMs} ms: ${String(lastError)}`);
  }

  private async connectStream(): Promise<void> {
    const socket = new WebSocket(`ws://127.0.0.1:${this.port}/_ws_conversation/v1/conversations/stream`);
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    socket.on('message', (data) => {
      let parsed: { action?: string; actionConversationId?: string; message?: BotActivity['message'] };
      try {
        parsed = JSON.parse(data.toString()) as typeof parsed;
      } catch {
        return;
      }
      const conversationId = parsed.actionConversationId ?? '';
      this.received.push({
        action: parsed.action ?? 'unknown',
        conversationId,
        channelOrChatId: conversationId.split(';')[0] as string,
        message: parsed.message,
      });
      this.wake();
    });
    this.socket = socket;
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }
}
