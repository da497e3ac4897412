/**
 * THE CONTRACT FOR BOT FEATURES. Read this before adding a feature.
 *
 * A feature is a plain object (`BotFeature`) with commands and/or card actions, in its own folder
 * src/features/<name>/ with a public entry index.ts (the only file other features import). Register it in
 * src/app/features.ts (`allFeatures`). The bot core (teams-bot.ts) does everything
 * Teams-specific: it strips the @mention, matches the command name (case/accent tolerant, in any
 * language's catalogue), checks the tenant and the roles, resolves the group bound to the
 * channel, and gives your handler a context. Features never import botbuilder.
 *
 * Commands
 *   - `id`: the command's names and help card example are the catalogues' `commands.<id>` (one
 *     entry per language, issue 23): `names` every name it answers to ("|" between them, the first
 *     shown on the help card), multi-word names are fine ("fjern tilknytning"), compared after
 *     normalisation (see parse.ts), so write them naturally ("næste møde"); `usage` the example
 *     ("tilknyt [gruppe]"). The bot answers to every language's names everywhere, so a name must
 *     call one command only, and every catalogue must name every command (both checked at start).
 *   - `helpKey`: catalogue key of the one-line description shown on the help card.
 *   - `allowedRoles`: when set, the actor needs at least one of them; otherwise refused with
 *     core.roleRefused naming the command and the roles (a card action: core.buttonRoleRefused,
 *     naming the roles only, since its verb means nothing to a user). Roles: the person roles (global: administer, triage,
 *     hearings, workingGroups, management; body-roles.ts), chair/member (of the group bound to the
 *     current channel), representative (the person's organisation).
 *   - `requires`: 'channel' (must be in a team channel) or 'boundGroup' (channel bound to a group);
 *     refused with core.notInChannel / core.noGroupBound otherwise.
 *   - `callerOnly: true`: the handler needs neither the channel's group nor the caller's roles, so
 *     the core does not read them (see Gate.callerOnly).
 *   - Declare it with `command({ ..., args: schema, handle(ctx, args) })` (define.ts): the zod
 *     schema beside the handler (<name>-input.ts) parses what follows the command name.
 *   - `handle(ctx, args)`: reply through `ctx.reply(...)`. Unknown commands get the help card (never silence).
 *
 * Card actions
 *   - Cards send `Action.Execute` with `verb` (Universal Actions; the bot answers the
 *     `adaptiveCard/action` invoke) or `Action.Submit` with `data: { verb, ... }`. `ctx.data` is the
 *     action data merged with the card's input values.
 *   - Declare it with `cardAction({ ..., input: schema, handle(ctx, input) })` (define.ts): data
 *     that does not fit the schema is answered in the user's language and nothing is stored.
 *   - `handle(ctx, input)` returns `{ kind: 'card', card }` (the card replaces the one clicked) or
 *     `{ kind: 'message', text }`. Teams may deliver the same action twice: handlers must be
 *     idempotent (check state first; use the store's create-if-absent for "exactly once").
 *   - Answer quickly (Teams waits ~15 s for an invoke response): do slow work afterwards.
 *
 * Services: `ctx.services`, complete; declare your feature's own onto `FeatureServices` in its
 * index.ts and build it in src/app/services.ts. Texts: `ctx.t('section.key', params)` in the
 * user's locale; add keys to src/platform/i18n/da.ts and en.ts under a section named after your
 * feature. Cards: typed builders (src/platform/cards/builders.ts, schema 1.5) in the feature's
 * *-cards.ts files.
 */
import type { Group, Locale } from '../../domain/model';
import type { MessageKey, Translate } from '../i18n';
import type { Clock } from '../../domain/clock';
import type { Governance } from '../../domain/governance';
import type {
  AuditLog,
  ChannelBinding,
  ChannelMessenger,
  GroupRegistry,
  MemberRegister,
  OutboundMessage,
} from '../../domain/ports';
import type { ActorRole, RoleResolver } from '../../domain/roles';
import { localText } from '../../domain/localized-text';

/**
 * Everything a handler may use, built once and complete by the composition root (src/app). The
 * platform names only what every feature shares; each feature adds its own services under its own
 * names in its public entry (`declare module` on this interface), so the platform knows no feature
 * and a feature's service missing from the composition is a type error, not a run-time guard.
 */
export interface FeatureServices {
  clock: Clock;
  /** The validated governance configuration (config/fki-governance.yaml by default). */
  governance: Governance;
  groups: GroupRegistry;
  members: MemberRegister;
  audit: AuditLog;
  messenger: ChannelMessenger;
  roles: RoleResolver;
}

export interface Actor {
  /** Entra ID object id (activity.from.aadObjectId); the key of the member register. */
  aadObjectId?: string;
  /** Teams user id (activity.from.id). */
  channelAccountId: string;
  name?: string;
  tenantId?: string;
  /** Roles for the group bound to the current channel (plus the global ones). */
  roles: ActorRole[];
}

/** The id the caller acts under: their Entra object id, or their Teams user id when Teams sends none. */
export function actorIdOf(actor: Actor): string {
  return actor.aadObjectId ?? actor.channelAccountId;
}

/** A group's name in the caller's language (the bound group without a read), or its id when it is unknown. */
export async function groupNameOf(ctx: FeatureContext, groupId: string): Promise<string> {
  if (ctx.boundGroup?.group.id === groupId) return localText(ctx.boundGroup.group.name, ctx.locale);
  return localText((await ctx.services.groups.getGroup(groupId))?.name, ctx.locale) || groupId;
}

export interface ConversationInfo {
  kind: 'channel' | 'personal' | 'groupChat';
  conversationId: string;
  teamId?: string;
  /** The Teams channel id, when in a channel. */
  channelId?: string;
  channelName?: string;
  tenantId?: string;
  /** In a channel: the channel's conversation reference as plain JSON (for the channel directory). */
  channelReference?: Record<string, unknown>;
}

export interface BoundGroup {
  group: Group;
  binding: ChannelBinding;
}

/** A reply: plain text, a card (Adaptive Card JSON), or both. */
export type Reply = string | OutboundMessage;

export interface FeatureContext {
  locale: Locale;
  t: Translate;
  actor: Actor;
  conversation: ConversationInfo;
  /** The group bound to the current channel, if any. */
  boundGroup?: BoundGroup;
  services: FeatureServices;
  /** Every registered command (for the help card). */
  commands: readonly CommandSpec[];
  /** Every registered feature, in order (the help card's sections). */
  features: readonly BotFeature[];
  reply(message: Reply): Promise<void>;
}

export interface CommandContext extends FeatureContext {
  /** The name the user typed, as a catalogue writes it ("foreslå", not the matched "foreslaa"). */
  commandName: string;
  /** Everything after the command name, as typed (mention removed, trimmed). */
  args: string;
}

export interface CardActionContext extends FeatureContext {
  verb: string;
  /** Action data merged with the card's input values. */
  data: Record<string, unknown>;
  /** Id of the message carrying the card (when Teams sends it). */
  cardActivityId?: string;
}

export type CardActionResult = { kind: 'card'; card: object } | { kind: 'message'; text: string };

export interface Gate {
  allowedRoles?: ActorRole[];
  requires?: 'channel' | 'boundGroup';
  /**
   * `true` when the handler uses only who the caller is (`ctx.actor` without roles), their locale
   * and the services: the core then resolves neither the group bound to the channel nor the
   * caller's roles, three store reads per turn (why: a vote needs neither, its hearing lists who may
   * vote, and those reads were a fifth of a vote in a burst). `ctx.boundGroup` is then undefined
   * and reading `ctx.actor.roles` throws, so a handler that starts to use them fails its tests
   * instead of silently seeing no role. Not with `allowedRoles` or `requires: 'boundGroup'`.
   */
  callerOnly?: true;
}

/** Where the help is asked for: a bound group's channel, a channel bound to none, a personal chat. */
export type HelpPlace = 'bound' | 'unbound' | 'personal';

export interface CommandSpec extends Gate {
  /** Also the key of its names and usage in the catalogues (`commands.<id>`). */
  id: string;
  helpKey: MessageKey;
  /**
   * How likely the command is the caller's next step in each place (1 first); the help shows the
   * three most likely of those the caller may use there first (issue 26.8).
   */
  helpRank?: Partial<Record<HelpPlace, number>>;
  handle(ctx: CommandContext): Promise<void>;
}

export interface CardActionSpec extends Gate {
  verb: string;
  handle(ctx: CardActionContext): Promise<CardActionResult>;
}

/** A file a user sent the bot in personal chat: where it lives and what it is, never its bytes. */
export interface IncomingFile {
  name: string;
  /** The file's place in the sender's OneDrive/SharePoint. */
  contentUrl: string;
  uniqueId: string;
  /** The extension Teams reports, e.g. "pdf". */
  fileType: string;
}

export interface FileMessageContext extends FeatureContext {
  files: IncomingFile[];
}

/** What a message carrying files does (one feature may take them: checked at start). */
export interface FileHandlerSpec extends Gate {
  handle(ctx: FileMessageContext): Promise<void>;
}

export interface BotFeature {
  id: string;
  commands?: CommandSpec[];
  cardActions?: CardActionSpec[];
  /** Files sent to the bot in personal chat (teams-bot.ts reads them, file-attachments.ts). */
  files?: FileHandlerSpec;
}
