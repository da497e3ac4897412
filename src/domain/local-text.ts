/**
 * Reading a text the governance file writes in its languages (issue 23): the one helper every
 * reader goes through, the bot's and the tab page's (src/tab/client, which bundles no zod: the
 * schema is in localized-text.ts, which re-exports these).
 */

/** A language code: model.ts's Locale (model.ts imports this module's type, so not the other way). */
type Locale = string;

/** A text by language: any subset of the languages, at least one (what the schema guarantees). */
export type LocalizedText = Readonly<Record<Locale, string>>;

/**
 * The text in `locale`; else in `fallbackLocale` (the body's or the file's default language, which
 * the schema requires in every text of the file); else the first language it has. Every reader of
 * a localized text goes through here, so a language a text lacks never shows as nothing.
 */
export function localText(text: LocalizedText | undefined, locale: Locale, fallbackLocale?: Locale): string {
  if (!text) return '';
  const fallback = fallbackLocale === undefined ? undefined : text[fallbackLocale];
  return text[locale] ?? fallback ?? Object.values(text)[0] ?? '';
}

/**
 * A text in no particular language (an id standing in for a missing name): under ISO 639's "und"
 * (undetermined), which localText falls back to whatever language is asked for.
 */
export function untranslated(text: string): LocalizedText {
  return { und: text };
}

/** Whether two texts say the same in the same languages (the order they were written in aside). */
export function sameLocalizedText(a: LocalizedText, b: LocalizedText): boolean {
  const languages = Object.keys(a);
  return (
    languages.length === Object.keys(b).length && languages.every((language) => a[language] === b[language])
  );
}
