import {
  CardFactory,
  MessageFactory,
  TeamsActivityHandler,
  TurnContext,
  type Activity,
  type AdaptiveCardInvokeResponse,
  type AdaptiveCardInvokeValue,
  type InvokeResponse,
} from 'botbuilder';
import { translatorFor, type Translate } from '../i18n';
import type { ChannelBinding, InstalledTeam, KnownChannel } from '../../domain/ports';
import type { Group } from '../../domain/model';
import type { ActorRole } from '../../domain/roles';
import { stripMentions } from './parse';
import { helpCardFor, welcomeCard } from '../cards/core-cards';
import type {
  Actor,
  BoundGroup,
  CardActionResult,
  FeatureContext,
  FeatureServices,
  Gate,
  Reply,
} from './feature';
import type { Log } from './log';
import { StoreError } from '../storage/port';
import type { FeatureRegistry } from './registry';
import { conversationOf, installedTeam, knownChannel, recordInstallation, tenantOf } from './installation';
import { incomingFilesOf } from './file-attachments';
import { quickTurnLanguage, turnLanguage, type TurnLanguageSources } from './turn-language';
import { answerPeopleSearch, SEARCH_INVOKE, type PeopleSearch } from './people-search';

export { conversationOf };

/** The store is down for a while (Cosmos 503/timeouts): the user is told to retry, nothing else. */
function storeUnavailable(error: unknown): boolean {
  return error instanceof StoreError && error.code === 'unavailable';
}

/** What the bot core itself asks of the channel bindings: the group of a channel, and the channels it is installed in. */
export interface BotCoreServices extends Pick<TurnLanguageSources, 'languages'> {
  binding: {
    groupOfChannel(
      channelId: string,
    ): Promise<{ binding: ChannelBinding; group: Group | undefined } | undefined>;
  };
  channels: {
    recordInstallation(team: InstalledTeam, channels: KnownChannel[]): Promise<void>;
    recordChannel(team: InstalledTeam, channel: KnownChannel): Promise<void>;
  };
  /** The person pickers' search (the members feature's): the register, and the directory where configured. */
  peopleSearch: PeopleSearch;
}

/** Who may search people: the secretariat, who appoints (a roster holds names and e-mails). */
const PEOPLE_SEARCH_GATE: Gate = { allowedRoles: ['administer'] };

export interface TeamsBotDeps {
  services: FeatureServices & BotCoreServices;
  registry: FeatureRegistry;
  /** When set, activities from any other tenant are refused (env TEAMS_TENANT_ID). */
  allowedTenantId?: string;
  log: Log;
  /** Remembers a person's personal chat with the bot, so personal messages can reach them later. */
  personalChats?: { remember(personId: string, reference: Record<string, unknown>): Promise<void> };
}

const CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';

/**
 * Teams never sends a message over ~28 KB, and the largest legitimate card payload (the member CSV
 * paste, 20 000 characters) is well below this. Anything larger is refused before routing, so no
 * handler stores it or echoes it back in a card Teams would reject.
 */
export const MAX_INPUT_CHARS = 64_000;

function oversized(activity: Activity): boolean {
  if ((activity.text?.length ?? 0) > MAX_INPUT_CHARS) return true;
  if (activity.value === undefined) return false;
  try {
    return JSON.stringify(activity.value).length > MAX_INPUT_CHARS;
  } catch {
    return true; // not serialisable: not something Teams sent
  }
}
const MESSAGE_CONTENT_TYPE = 'application/vnd.microsoft.activity.message';

/**
 * The Teams handler: records installations, routes messages to commands and card actions
 * (Action.Execute invokes and Action.Submit message-backs) to features, after the tenant and role
 * gates. Feature code sees only the contract in feature.ts.
 */
export class FkiTeamsBot extends TeamsActivityHandler {
  constructor(private readonly deps: TeamsBotDeps) {
    super();

    this.onTurn(async (context, next) => {
      await this.rememberPersonalChat(context);
      await next();
    });

    this.onMessage(async (context, next) => {
      try {
        await this.handleMessage(context);
      } catch (error) {
        if (!storeUnavailable(error)) throw error; // onTurnError logs and apologises
        this.deps.log.warn({ err: error }, 'store unavailable during a message');
        await context.sendActivity(this.translator(context)('core.storeUnavailable')).catch(() => undefined);
      }
      await next();
    });

    // Classic install signal: the bot itself among the members added. Greets once per install.
    this.onMembersAdded(async (context, next) => {
      const botId = context.activity.recipient?.id;
      if ((context.activity.membersAdded ?? []).some((member) => member.id === botId)) {
        if (this.tenantAllowed(context.activity)) {
          await this.recordInstallation(context);
          await context.sendActivity(cardMessage({ card: welcomeCard(this.translator(context)) }));
        } else {
          this.deps.log.warn(
            { tenantId: tenantOf(context.activity) },
            'install from a foreign tenant ignored',
          );
        }
      }
      await next();
    });

    // Newer install signal; Teams sends it alongside the conversationUpdate, so it only records.
    this.onInstallationUpdateAdd(async (context, next) => {
      if (this.tenantAllowed(context.activity)) await this.recordInstallation(context);
      await next();
    });

    this.onTeamsChannelCreatedEvent(async (channelInfo, teamInfo, context, next) => {
      if (this.tenantAllowed(context.activity) && teamInfo?.id && channelInfo?.id) {
        await this.deps.services.channels.recordChannel(
          installedTeam(context.activity, this.deps.services.clock, teamInfo.id, teamInfo.name),
          knownChannel(context.activity, channelInfo),
        );
      }
      await next();
    });
  }

  /** A person writing in personal chat (or installing it): where their personal messages go. */
  private async rememberPersonalChat(context: TurnContext): Promise<void> {
    const activity = context.activity;
    const personId = activity.from?.aadObjectId;
    if (!this.deps.personalChats || !personId || activity.conversation?.conversationType !== 'personal')
      return;
    if (!this.tenantAllowed(activity)) return;
    const reference = TurnContext.getConversationReference(activity) as Record<string, unknown>;
    await this.deps.personalChats.remember(personId, reference).catch((error: unknown) => {
      // Not remembering costs a later createConversation, never this turn.
      this.deps.log.warn({ err: error }, 'could not remember a personal chat');
    });
  }

  // ---- messages and commands ----

  private async handleMessage(context: TurnContext): Promise<void> {
    const activity = context.activity;
    const t = this.translator(context);
    if (!this.tenantAllowed(activity)) {
      await context.sendActivity(t('core.wrongTenant'));
      return;
    }
    if (oversized(activity)) {
      await context.sendActivity(t('core.inputTooLarge'));
      return;
    }
    const submitted = activity.value as Record<string, unknown> | undefined;
    if (submitted && typeof submitted.verb === 'string' && !activity.text?.trim()) {
      await this.handleSubmit(context, submitted.verb, submitted);
      return;
    }
    const files = incomingFilesOf(activity);
    const onFiles = this.deps.registry.fileHandler;
    if (files.length > 0 && onFiles) {
      const base = await this.featureContext(context, onFiles);
      const refusal = this.refusal(onFiles, base);
      return refusal ? base.reply(refusal) : onFiles.handle({ ...base, files });
    }
    const text = TurnContext.removeRecipientMention(activity) ?? activity.text ?? '';
    const match = this.deps.registry.match(text);
    if (match.kind !== 'matched') {
      const base = await this.featureContext(context);
      const card = helpCardFor(base, match.kind === 'unknown' ? stripMentions(text) : undefined);
      await context.sendActivity(cardMessage({ card, summary: t('help.title') }));
      return;
    }
    const command = match.value;
    const base = await this.featureContext(context, command);
    // The refusal names the command as the user wrote it (an English alias stays English).
    const typedName = this.deps.registry.typedName(command, match.name);
    const refusal = this.refusal(command, base, typedName);
    if (refusal) {
      await base.reply(refusal);
      return;
    }
    await command.handle({ ...base, commandName: typedName, args: match.args });
  }

  // ---- card actions ----

  /** The typeahead of a person picker (people-search.ts), behind the tenant and role gates. */
  protected override async onInvokeActivity(context: TurnContext): Promise<InvokeResponse> {
    if (context.activity.name !== SEARCH_INVOKE) return super.onInvokeActivity(context);
    const t = this.translator(context);
    return answerPeopleSearch(context, {
      people: this.deps.services.peopleSearch,
      log: this.deps.log,
      t,
      refusal: async () => {
        if (!this.tenantAllowed(context.activity)) return t('core.wrongTenant');
        if (oversized(context.activity)) return t('core.inputTooLarge');
        return this.refusal(PEOPLE_SEARCH_GATE, await this.featureContext(context, PEOPLE_SEARCH_GATE));
      },
    });
  }

  protected override async onAdaptiveCardInvoke(
    context: TurnContext,
    invokeValue: AdaptiveCardInvokeValue,
  ): Promise<AdaptiveCardInvokeResponse> {
    const t = this.translator(context);
    if (!this.tenantAllowed(context.activity))
      return invokeResponse({ kind: 'message', text: t('core.wrongTenant') });
    if (oversized(context.activity))
      return invokeResponse({ kind: 'message', text: t('core.inputTooLarge') });
    const { verb, data } = invokeValue.action;
    try {
      return invokeResponse(await this.runCardAction(context, verb, (data ?? {}) as Record<string, unknown>));
    } catch (error) {
      // Resolving the context (roles, binding) failed: the clicked card still gets an answer, not a 500.
      this.deps.log.error({ err: error, verb }, 'card action could not start');
      return invokeResponse({
        kind: 'message',
        text: t(storeUnavailable(error) ? 'core.storeUnavailable' : 'core.unknownError'),
      });
    }
  }

  private async handleSubmit(
    context: TurnContext,
    verb: string,
    data: Record<string, unknown>,
  ): Promise<void> {
    const result = await this.runCardAction(context, verb, data);
    const replyToId = context.activity.replyToId;
    if (result.kind === 'card' && replyToId) {
      await context.updateActivity({ ...cardMessage({ card: result.card }), id: replyToId });
    } else if (result.kind === 'card') {
      await context.sendActivity(cardMessage({ card: result.card }));
    } else {
      await context.sendActivity(result.text);
    }
  }

  private async runCardAction(
    context: TurnContext,
    verb: string,
    data: Record<string, unknown>,
  ): Promise<CardActionResult> {
    const action = this.deps.registry.cardAction(verb);
    const base = await this.featureContext(context, action);
    if (!action) return { kind: 'message', text: base.t('core.unknownCardAction', { verb }) };
    const refusal = this.refusal(action, base);
    if (refusal) return { kind: 'message', text: refusal };
    const { verb: _verb, ...actionData } = data;
    try {
      return await action.handle({
        ...base,
        verb,
        data: actionData,
        cardActivityId: context.activity.replyToId,
      });
    } catch (error) {
      // The clicked card must get an answer (not a generic Teams error): log, apologise, keep the card.
      this.deps.log.error({ err: error, verb }, 'card action failed');
      return {
        kind: 'message',
        text: base.t(storeUnavailable(error) ? 'core.storeUnavailable' : 'core.unknownError'),
      };
    }
  }

  // ---- shared pieces ----

  /** A command's refusal names the command as typed; a button's names who may press it (a verb means nothing to users). */
  private refusal(gate: Gate, ctx: FeatureContext, typedCommand?: string): string | undefined {
    if (gate.requires && ctx.conversation.kind !== 'channel') return ctx.t('core.notInChannel');
    if (gate.requires === 'boundGroup' && !ctx.boundGroup) return ctx.t('core.noGroupBound');
    if (gate.allowedRoles && !gate.allowedRoles.some((role) => ctx.actor.roles.includes(role))) {
      const roles = roleNames(ctx.t, gate.allowedRoles);
      return typedCommand === undefined
        ? ctx.t('core.buttonRoleRefused', { roles })
        : ctx.t('core.roleRefused', { command: typedCommand, roles });
    }
    return undefined;
  }

  private async featureContext(context: TurnContext, gate?: Gate): Promise<FeatureContext> {
    const activity = context.activity;
    const { services, registry } = this.deps;
    const conversation = conversationOf(activity);
    let boundGroup: BoundGroup | undefined;
    if (conversation.channelId && !gate?.callerOnly) {
      const bound = await services.binding.groupOfChannel(conversation.channelId);
      if (bound?.group) boundGroup = { group: bound.group, binding: bound.binding };
    }
    const locale = await turnLanguage(activity, conversation, boundGroup?.group.id, services, gate);
    const identity = {
      aadObjectId: activity.from?.aadObjectId,
      channelAccountId: activity.from?.id ?? '',
      name: activity.from?.name,
      tenantId: conversation.tenantId,
    };
    const actor: Actor = gate?.callerOnly
      ? new ActorWithoutRoles(identity)
      : { ...identity, roles: await services.roles.rolesOf(identity.aadObjectId, boundGroup?.group.id) };
    return {
      locale,
      t: translatorFor(locale),
      actor,
      conversation,
      boundGroup,
      services,
      commands: registry.commands,
      features: registry.features,
      reply: async (message: Reply) => {
        await context.sendActivity(typeof message === 'string' ? message : cardMessage(message));
      },
    };
  }

  private translator(context: TurnContext): Translate {
    return translatorFor(quickTurnLanguage(context.activity, this.deps.services.governance));
  }

  private tenantAllowed(activity: Activity): boolean {
    return !this.deps.allowedTenantId || tenantOf(activity) === this.deps.allowedTenantId;
  }

  private recordInstallation(context: TurnContext): Promise<void> {
    const { services, log } = this.deps;
    return recordInstallation(context, { channels: services.channels, clock: services.clock, log });
  }
}

/**
 * An actor whose roles were not resolved (the gate is callerOnly): reading them throws.
 * A class with a prototype getter, not defineProperty per turn (which is slow on every vote).
 */
class ActorWithoutRoles implements Actor {
  readonly aadObjectId?: string;
  readonly channelAccountId: string;
  readonly name?: string;
  readonly tenantId?: string;

  constructor(identity: Omit<Actor, 'roles'>) {
    this.aadObjectId = identity.aadObjectId;
    this.channelAccountId = identity.channelAccountId;
    this.name = identity.name;
    this.tenantId = identity.tenantId;
  }

  get roles(): never {
    throw new Error('actor.roles were not resolved: this gate is callerOnly');
  }
}

function roleNames(t: Translate, roles: readonly ActorRole[]): string {
  return roles.map((role) => t(`core.role_${role}`)).join(', ');
}

export function cardMessage(message: { text?: string; card?: object; summary?: string }): Partial<Activity> {
  if (!message.card) return MessageFactory.text(message.text ?? '');
  const activity = MessageFactory.attachment(CardFactory.adaptiveCard(message.card), message.text);
  if (message.summary) activity.summary = message.summary;
  return activity;
}

function invokeResponse(result: CardActionResult): AdaptiveCardInvokeResponse {
  return result.kind === 'card'
    ? { statusCode: 200, type: CARD_CONTENT_TYPE, value: result.card as Record<string, unknown> }
    : // Teams expects a string value for a message response; the schema type is too narrow.
      {
        statusCode: 200,
        type: MESSAGE_CONTENT_TYPE,
        value: result.text as unknown as Record<string, unknown>,
      };
}
