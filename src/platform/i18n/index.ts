import type { Locale } from '../../domain/model';
import { da, type Catalogue } from './da';
import { en } from './en';
import { genitive } from './genitive';

export type { Catalogue } from './da';
export { genitive } from './genitive';
export type Section = keyof Catalogue;
/** A catalogue key written "section.key", e.g. "binding.bound". */
export type MessageKey = { [S in Section]: `${S}.${Extract<keyof Catalogue[S], string>}` }[Section];
export type MessageParams = Record<string, string | number>;
export type Translate = (key: MessageKey, params?: MessageParams) => string;

const catalogues: Record<Locale, Catalogue> = { da, en };

/** Teams sends e.g. "en-US", "da-DK", or nothing: English only when asked for, Danish otherwise. */
export function localeOf(activityLocale: string | undefined | null): Locale {
  return activityLocale && activityLocale.toLowerCase().startsWith('en') ? 'en' : 'da';
}

/** A language the bot speaks from a Teams locale ("en-US", "da-DK"); undefined for any other. */
export function languageOfLocale(teamsLocale: string | undefined | null): Locale | undefined {
  const lower = teamsLocale?.trim().toLowerCase() ?? '';
  if (lower === 'en' || lower.startsWith('en-')) return 'en';
  if (lower === 'da' || lower.startsWith('da-')) return 'da';
  return undefined;
}

/** What decides the language of a turn (teams-bot.ts gathers it; nothing else decides). */
export interface LanguageTurn {
  conversation: 'channel' | 'groupChat' | 'personal';
  /**
   * The language of the body whose channel this is (the governance file's), or the file's default
   * where no body is bound (an unbound channel, a group chat, a personal chat).
   */
  bodyLanguage: Locale;
  /** The user's own choice (`sprog en`), when they made one. */
  preference?: Locale;
  /** Teams' locale of the user (activity.locale, else the clientInfo entity's). */
  teamsLocale?: string;
}

/**
 * The language of a turn (issue 26.5). Whatever is posted where others see it (a channel, a group
 * chat) is in the body's language, whoever wrote or clicked; a personal chat is the user's: their
 * own choice, else Teams' language, else the body default.
 */
export function languageFor(turn: LanguageTurn): Locale {
  if (turn.conversation !== 'personal') return turn.bodyLanguage;
  return turn.preference ?? languageOfLocale(turn.teamsLocale) ?? turn.bodyLanguage;
}

export function translate(locale: Locale, key: MessageKey, params: MessageParams = {}): string {
  const [section, name] = key.split('.') as [Section, string];
  const template = (catalogues[locale][section] as Record<string, string> | undefined)?.[name];
  // An unknown key is a programming error, but a visible key beats a crash in front of a user.
  if (template === undefined) return key;
  // `{person:gen}` is the genitive of the parameter in the text's language ("Mads'", "Annes").
  return template.replace(/\{(\w+)(:gen)?\}/g, (whole, param: string, gen?: string) =>
    param in params ? (gen ? genitive(String(params[param]), locale) : String(params[param])) : whole,
  );
}

export function translatorFor(locale: Locale): Translate {
  return (key, params) => translate(locale, key, params);
}
