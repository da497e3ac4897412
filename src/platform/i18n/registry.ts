/**
 * THE REGISTRY OF LANGUAGES (issue 23): one line per language the bot speaks, its catalogue and the
 * regional tag it formats dates and numbers in (Intl, luxon). Adding a language is writing its
 * catalogue (typed as Catalogue, like en.ts: a missing key does not compile, a missing command
 * name fails test/bot/i18n.test.ts) and adding its line here; nothing else names the languages.
 * The governance loader refuses a file naming a language not listed here, and the tab's page
 * (src/tab/client) reads the same registry, so this module imports only the catalogues.
 */
import { da, type Catalogue } from './da';
import { en } from './en';
import { nb } from './nb';

interface RegisteredLanguage {
  catalogue: Catalogue;
  formatTag: string;
}

const REGISTRY: Readonly<Record<string, RegisteredLanguage>> = {
  da: { catalogue: da, formatTag: 'da-DK' },
  en: { catalogue: en, formatTag: 'en-GB' },
  nb: { catalogue: nb, formatTag: 'nb-NO' },
};

/** The registered languages, in the registry's order (the first is the default of a file that names none). */
export const registeredLanguages: readonly string[] = Object.keys(REGISTRY);

/** The language of last resort: a code no catalogue has never reaches a user, but reads as this. */
export const DEFAULT_LANGUAGE = registeredLanguages[0]!;

export function isRegisteredLanguage(language: string | undefined | null): language is string {
  return typeof language === 'string' && Object.hasOwn(REGISTRY, language);
}

function entryOf(language: string): RegisteredLanguage {
  return REGISTRY[language] ?? REGISTRY[DEFAULT_LANGUAGE]!;
}

/** The catalogue of a language; the default's for a code without one (validated input never has one). */
export function catalogueOf(language: string): Catalogue {
  return entryOf(language).catalogue;
}

/** The regional tag a language formats dates and numbers in ("da-DK", "nb-NO"). */
export function formatTag(language: string): string {
  return entryOf(language).formatTag;
}
