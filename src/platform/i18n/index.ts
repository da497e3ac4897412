import { bodyLanguage, type Governance } from '../../domain/governance';
import type { Locale } from '../../domain/model';
import type { Catalogue } from './da';
import type { CommandText } from './da';
import { genitive } from './genitive';
import { catalogueOf, DEFAULT_LANGUAGE, isRegisteredLanguage, registeredLanguages } from './registry';

export type { Catalogue, CommandText } from './da';
export { genitive } from './genitive';
export {
  catalogueOf,
  formatTag,
  isRegisteredLanguage,
  registeredLanguages,
  DEFAULT_LANGUAGE,
} from './registry';
/** The sections of texts (`commands` holds the command names, read by commandText, not translate). */
export type Section = Exclude<keyof Catalogue, 'commands'>;
/** A catalogue key written "section.key", e.g. "binding.bound". */
export type MessageKey = { [S in Section]: `${S}.${Extract<keyof Catalogue[S], string>}` }[Section];
export type MessageParams = Record<string, string | number>;
export type Translate = (key: MessageKey, params?: MessageParams) => string;

/**
 * Teams languages the bot has no catalogue for, and the closest it has: Norwegian (no) and nynorsk
 * (nn) read bokmål (nb) more easily than Danish or English.
 */
const CLOSEST_LANGUAGE: Readonly<Record<string, string>> = { no: 'nb', nn: 'nb' };

/**
 * The language among `languages` for a Teams locale ("en-US", "da-DK", "nb-NO"): its primary
 * subtag, or the closest language we have for it; undefined when none of them fits.
 */
export function closestLanguage<L extends string>(
  teamsLocale: string | undefined | null,
  languages: readonly L[],
): L | undefined {
  const primary = teamsLocale?.trim().toLowerCase().split(/[-_]/)[0] ?? '';
  const wanted = CLOSEST_LANGUAGE[primary] ?? primary;
  return languages.find((language) => language === wanted);
}

/** A language the bot speaks from a Teams locale ("en-US", "da-DK"); undefined for any other. */
export function languageOfLocale(teamsLocale: string | undefined | null): Locale | undefined {
  return closestLanguage(teamsLocale, registeredLanguages);
}

/** Teams sends e.g. "en-US", "da-DK", or nothing: the language asked for when we speak it, else the registry's first. */
export function localeOf(activityLocale: string | undefined | null): Locale {
  return languageOfLocale(activityLocale) ?? DEFAULT_LANGUAGE;
}

/** A command's names and usage line in a language; undefined for a command no catalogue knows. */
export function commandText(
  locale: Locale,
  commandId: string,
): { names: string[]; usage: string } | undefined {
  const text = (catalogueOf(locale).commands as Record<string, CommandText | undefined>)[commandId];
  if (!text) return undefined;
  const names = text.names
    .split('|')
    .map((name) => name.trim())
    .filter((name) => name !== '');
  return { names, usage: text.usage };
}

/** Every name of a command in every language (a user may type any of them in any conversation). */
export function commandNames(commandId: string): string[] {
  return [...new Set(registeredLanguages.flatMap((locale) => commandText(locale, commandId)?.names ?? []))];
}

/**
 * The language a person names in `sprog …`: a registered code ("nb"), or a name any catalogue
 * gives its own language ("norsk", "english"; `language.names`). Undefined for any other.
 */
export function languageNamed(text: string): Locale | undefined {
  const wanted = text.trim().toLowerCase();
  if (isRegisteredLanguage(wanted)) return wanted;
  return registeredLanguages.find((language) =>
    catalogueOf(language)
      .language.names.split('|')
      .some((name) => name.trim().toLowerCase() === wanted),
  );
}

/** The registered languages as the `sprog` answer lists them: `"sprog nb" (norsk bokmål)`. */
export function languageChoices(locale: Locale): string {
  const command = commandText(locale, 'language')?.names[0] ?? 'language';
  return registeredLanguages
    .map((language) => `"${command} ${language}" (${catalogueOf(language).language.name})`)
    .join(', ');
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
  // A stored choice of a language whose catalogue has since gone counts as no choice.
  const preference = isRegisteredLanguage(turn.preference) ? turn.preference : undefined;
  return preference ?? languageOfLocale(turn.teamsLocale) ?? turn.bodyLanguage;
}

/**
 * Where the bot finds a person's own language (`sprog en`): the language feature's store fits.
 * A port, so a feature that writes to someone personally needs no dependency on that feature.
 */
export interface PersonLanguages {
  preferenceOf(personId: string): Promise<Locale | undefined>;
}

/**
 * The language of a message the bot sends a person without a turn (a reminder, a notice, issue
 * 26.5): the same rule as their personal chat's turns, `languageFor`, with no Teams locale to hand
 * (none is stored), so their own choice, else the governance file's default.
 */
export async function personalLanguage(
  defaultLanguage: Locale,
  languages: PersonLanguages | undefined,
  personId: string,
): Promise<Locale> {
  return languageFor({
    conversation: 'personal',
    bodyLanguage: defaultLanguage,
    preference: await languages?.preferenceOf(personId),
  });
}

/** Who reads what the bot sends without a turn, and so its language (issue 26.5). */
export interface AudienceLanguages {
  /** A body's channel (or its members' copies of the body's card): the body's language. */
  channel(groupId: string): Locale;
  /** A person's personal chat: their own choice, else the governance file's default. */
  person(personId: string): Promise<Locale>;
}

export function audienceLanguages(
  governance: Pick<Governance, 'bodies' | 'language'>,
  languages?: PersonLanguages,
): AudienceLanguages {
  return {
    channel: (groupId) => bodyLanguage(governance, groupId),
    person: (personId) => personalLanguage(governance.language, languages, personId),
  };
}

export function translate(locale: Locale, key: MessageKey, params: MessageParams = {}): string {
  const [section, name] = key.split('.') as [Section, string];
  const template = (catalogueOf(locale)[section] as Record<string, string> | undefined)?.[name];
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
