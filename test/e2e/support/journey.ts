/**
 * The set-up every Playground journey shares (issue 23.2): the real app composed on a governance
 * profile (SQLite in a temporary DATA_DIR, development mode, the playground's user as the
 * administration through SECRETARIAT_AAD_IDS), one Agents Playground pointed at it, the municipality
 * register's two test municipalities, and the small steps a journey repeats: wait for a post, press
 * a card's button, appoint a member, bind a channel by the command of the bodies' language.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { composeApp, type App } from '../../../src/app/compose';
import type { Clock } from '../../../src/domain/clock';
import type { MemberRole } from '../../../src/domain/model';
import { translate, type MessageKey, type MessageParams } from '../../../src/platform/i18n';
import {
  Playground,
  readPlaygroundConfig,
  visibleText,
  type BotActivity,
  type PlaygroundConfig,
  type PlaygroundUser,
} from '../../support/playground';
import type { GovernanceProfile } from './governance-profiles';

export const WAIT_MS = 20_000;

/** The municipalities the journeys' members come from. */
export const MUNICIPALITIES_CSV =
  'code,name,citizens,k98Group\n751,Aarhus,367095,Storby\n461,Odense,207000,Storby\n';

/** A catalogue text as it appears inside a JSON answer (quotes escaped). */
export const inJson = (text: string): string => JSON.stringify(text).slice(1, -1);

/** A catalogue text in English (the messages' locale) and in the bodies' language: a reply may be in either. */
export function either(profile: GovernanceProfile, key: MessageKey, params?: MessageParams): string[] {
  return [profile.t(key, params), translate('en', key, params)];
}

/** Does the answer (JSON) carry the text in either language? */
export function saysEither(
  profile: GovernanceProfile,
  json: string,
  key: MessageKey,
  params?: MessageParams,
): boolean {
  return either(profile, key, params).some((text) => json.includes(inJson(text)));
}

interface CardActionJson {
  type?: string;
  verb?: string;
  data?: Record<string, unknown>;
}

/** The data of the card's Action.Execute with this verb whose data has `match`'s values (any depth). */
export function actionData(
  card: unknown,
  verb: string,
  match: Record<string, unknown> = {},
): Record<string, unknown> {
  let found: CardActionJson | undefined;
  const walk = (node: unknown): void => {
    if (found || !node || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach(walk);
    const action = node as CardActionJson;
    const matches = Object.entries(match).every(([key, value]) => action.data?.[key] === value);
    if (action.type === 'Action.Execute' && action.verb === verb && matches) found = action;
    else Object.values(node).forEach(walk);
  };
  walk(card);
  if (!found) throw new Error(`no ${verb} action on the card: ${JSON.stringify(card).slice(0, 800)}`);
  return found.data ?? {};
}

/** A text to wait for: one string, or variants of which any will do (the two languages). */
export type Expected = string | string[];

const shows = (activity: BotActivity, texts: Expected[]): boolean =>
  texts.every((text) =>
    (Array.isArray(text) ? text : [text]).some((variant) => visibleText(activity).includes(variant)),
  );

export interface JourneyOptions {
  /** The temporary DATA_DIR's prefix. */
  name: string;
  clock?: Clock;
  /** More environment for composeApp (after the profile's). */
  env?: Record<string, string>;
}

export interface AppointOptions {
  code?: string;
  role?: MemberRole;
  termStart?: string;
  plannedEnd?: string;
  /** A non-municipal organisation's id instead of a municipality. */
  organisation?: string;
}

export class Journey {
  private constructor(
    readonly profile: GovernanceProfile,
    readonly app: App,
    readonly playground: Playground,
    readonly config: PlaygroundConfig,
    readonly dataDir: string,
    /** The bot's own endpoint, for invokes the playground does not relay (the typeahead's search). */
    readonly botUrl: string,
  ) {}

  /** Composes the app on the profile, starts it and a playground, and loads the register. */
  static async start(profile: GovernanceProfile, options: JourneyOptions): Promise<Journey> {
    const config = readPlaygroundConfig();
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `e2e-${options.name}-`));
    const env = {
      NODE_ENV: 'test',
      DATA_DIR: dataDir,
      SECRETARIAT_AAD_IDS: config.currentUser.aadObjectId,
      TEAMS_TENANT_ID: config.tenantId,
      LOG_LEVEL: 'silent',
      ...profile.env,
      ...options.env,
    };
    const app = await composeApp(env, options.clock ? { clock: options.clock } : {});
    try {
      const { port } = await app.start(0, '127.0.0.1');
      const botUrl = `http://127.0.0.1:${port}/api/messages`;
      const playground = await Playground.start({ botEndpoint: botUrl });
      const journey = new Journey(profile, app, playground, config, dataDir, botUrl);
      const imported = await app.services.municipalities.importCsv(MUNICIPALITIES_CSV, {
        dryRun: false,
        actorId: config.currentUser.aadObjectId,
      });
      if (!imported.ok) throw new Error(`municipalities: ${JSON.stringify(imported)}`);
      return journey;
    } catch (error) {
      await app.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
      throw error;
    }
  }

  /** The playground's own user: the administration (SECRETARIAT_AAD_IDS). */
  get administrator(): PlaygroundUser {
    return this.config.currentUser;
  }

  /** The team's extra channel (a body's channel) and its General channel (whose id is the team's). */
  get channel(): string {
    return this.config.team.channels[0]!.id;
  }

  get generalChannel(): string {
    return this.config.team.id;
  }

  /** The next message the bot creates in the channel showing every text. */
  post(channel: string, ...texts: Expected[]): Promise<BotActivity> {
    return this.playground.nextBotActivity(
      (a) => a.action === 'createMessage' && a.channelOrChatId === channel && shows(a, texts),
      WAIT_MS,
    );
  }

  /** The next activity (a new message or an update of one) in the channel showing every text. */
  activity(channel: string, ...texts: Expected[]): Promise<BotActivity> {
    return this.playground.nextBotActivity((a) => a.channelOrChatId === channel && shows(a, texts), WAIT_MS);
  }

  /** Presses a card's Action.Execute as `asUser` (the playground's user when left out): the answer as JSON. */
  async press(
    on: BotActivity,
    verb: string,
    data: Record<string, unknown>,
    asUser?: string,
  ): Promise<string> {
    return JSON.stringify(await this.playground.invokeCardAction(on, { verb, data }, asUser));
  }

  /** Appoints a playground user to a body (a municipality's member from 1 January 2026 by default). */
  async appoint(user: PlaygroundUser, groupId: string, options: AppointOptions = {}): Promise<void> {
    const organisation = options.organisation
      ? { kind: options.organisation }
      : { kind: 'municipality', municipalityCode: options.code ?? '751' };
    const result = await this.app.services.memberService.appoint(
      {
        personId: user.aadObjectId,
        name: user.name,
        email: user.email,
        groupId,
        organisation,
        role: options.role ?? 'member',
        termStart: options.termStart ?? '2026-01-01',
        ...(options.plannedEnd ? { plannedEnd: options.plannedEnd } : {}),
      },
      this.administrator.aadObjectId,
    );
    if (!result.ok) throw new Error(`appoint ${user.name}: ${JSON.stringify(result.refusal)}`);
  }

  /** Installs the bot in the team and waits for its welcome. */
  async install(): Promise<void> {
    await this.playground.installInTeam();
    await this.post(this.generalChannel, either(this.profile, 'welcome.title'));
  }

  /** The administration binds the channel to a body, by the bind command of the bodies' language. */
  async bind(channel: string, groupId: string): Promise<void> {
    const group = await this.app.repositories.groups.getGroup(groupId);
    if (!group) throw new Error(`no group ${groupId}`);
    await this.playground.sendMessage(channel, `${this.profile.command('bind')} ${groupId}`);
    await this.post(channel, either(this.profile, 'binding.bound', { group: this.profile.text(group.name) }));
  }

  async stop(): Promise<void> {
    await this.playground.stop();
    await this.app.stop();
    fs.rmSync(this.dataDir, { recursive: true, force: true });
  }
}
