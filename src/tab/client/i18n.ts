/**
 * The tab's texts in the browser: the `tab` section of the one catalogue per language, read from
 * the registry (src/platform/i18n/registry.ts), bundled by esbuild. No second copy of any text,
 * and no second list of the languages.
 */
import type { da } from '../../platform/i18n/da';
import { catalogueOf, DEFAULT_LANGUAGE, formatTag, isRegisteredLanguage } from '../../platform/i18n/registry';

export { localText } from '../../domain/local-text';

/** A registered language code ("da", "en", "nb"). */
export type Lang = string;
export type TabKey = keyof typeof da.tab;
export type T = (key: TabKey, params?: Record<string, string | number>) => string;

/** Norwegian and nynorsk read bokmål (as the bot's Teams-locale mapping does). */
const CLOSEST: Readonly<Record<string, string>> = { no: 'nb', nn: 'nb' };

/** The language of a Teams locale or `?lang=` ("en-US", "nb-NO"); the registry's first otherwise. */
export function langOf(value: string | null | undefined): Lang {
  const primary = value?.trim().toLowerCase().split(/[-_]/)[0] ?? '';
  const wanted = CLOSEST[primary] ?? primary;
  return isRegisteredLanguage(wanted) ? wanted : DEFAULT_LANGUAGE;
}

/** The regional tag the page formats dates and amounts in. */
export function localeTagOf(lang: Lang): string {
  return formatTag(lang);
}

export function translator(lang: Lang): T {
  const texts: Record<string, string> = catalogueOf(lang).tab;
  return (key, params = {}) =>
    (texts[key] ?? key).replace(/\{(\w+)\}/g, (whole, name: string) =>
      name in params ? String(params[name]) : whole,
    );
}
