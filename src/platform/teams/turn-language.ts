/**
 * Gathers what decides a turn's language (issue 26.5) and asks the one rule, `languageFor`
 * (src/platform/i18n): the body's language in a channel, the user's in personal chat. At most one
 * store read: the user's own choice on a personal turn, or, on a callerOnly turn in a channel
 * (a vote), the channel's binding, and that only when the governance file gives some body another
 * language than the default (otherwise every channel speaks the default and nothing is read).
 */
import type { Activity } from 'botbuilder';
import { bodiesShareLanguage, bodyLanguage, type Governance } from '../../domain/governance';
import type { Locale } from '../../domain/model';
import type { ChannelBinding } from '../../domain/ports';
import { languageFor } from '../i18n';
import type { ConversationInfo } from './feature';
import { conversationOf } from './installation';

/** Where the bot core finds the user's own choice (`sprog en`) and, when it must, the channel's group. */
export interface TurnLanguageSources {
  governance: Pick<Governance, 'bodies' | 'language'>;
  groups: { bindingOfChannel(channelId: string): Promise<ChannelBinding | undefined> };
  languages: { preferenceOf(personId: string): Promise<Locale | undefined> };
}

/** Teams' locale of the user: the activity's, else the clientInfo entity's. */
export function teamsLocaleOf(activity: Pick<Activity, 'locale' | 'entities'>): string | undefined {
  if (activity.locale) return activity.locale;
  const info = activity.entities?.find((entity) => entity.type === 'clientInfo') as
    { locale?: unknown } | undefined;
  return typeof info?.locale === 'string' ? info.locale : undefined;
}

/** The language before anything is read (a refusal, the welcome card): no choice, no bound body. */
export function quickTurnLanguage(activity: Activity, governance: Pick<Governance, 'language'>): Locale {
  return languageFor({
    conversation: conversationOf(activity).kind,
    bodyLanguage: governance.language,
    teamsLocale: teamsLocaleOf(activity),
  });
}

/**
 * The language of a turn, the one place the bot core decides it. `boundGroupId`: the group bound
 * to the channel as the core resolved it, which it did not look up for a callerOnly `gate`.
 */
export async function turnLanguage(
  activity: Pick<Activity, 'locale' | 'entities' | 'from'>,
  conversation: Pick<ConversationInfo, 'kind' | 'channelId'>,
  boundGroupId: string | undefined,
  sources: TurnLanguageSources,
  gate?: { callerOnly?: true },
): Promise<Locale> {
  const personId = activity.from?.aadObjectId ?? activity.from?.id;
  const personal = conversation.kind === 'personal';
  return languageFor({
    conversation: conversation.kind,
    bodyLanguage: personal
      ? sources.governance.language
      : await channelLanguage(conversation.channelId, gate?.callerOnly ? null : boundGroupId, sources),
    preference: personal && personId ? await sources.languages.preferenceOf(personId) : undefined,
    teamsLocale: teamsLocaleOf(activity),
  });
}

async function channelLanguage(
  channelId: string | undefined,
  boundGroupId: string | undefined | null,
  sources: TurnLanguageSources,
): Promise<Locale> {
  const { governance } = sources;
  if (boundGroupId !== null) return bodyLanguage(governance, boundGroupId);
  if (!channelId || bodiesShareLanguage(governance)) return governance.language;
  return bodyLanguage(governance, (await sources.groups.bindingOfChannel(channelId))?.groupId);
}
