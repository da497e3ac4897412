import type { Locale } from '../../domain/model';
import { da, type Catalogue } from './da';
import { en } from './en';

export type { Catalogue } from './da';
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

export function translate(locale: Locale, key: MessageKey, params: MessageParams = {}): string {
  const [section, name] = key.split('.') as [Section, string];
  const template = (catalogues[locale][section] as Record<string, string> | undefined)?.[name];
  // An unknown key is a programming error, but a visible key beats a crash in front of a user.
  if (template === undefined) return key;
  return template.replace(/\{(\w+)\}/g, (whole, param: string) =>
    param in params ? String(params[param]) : whole,
  );
}

export function translatorFor(locale: Locale): Translate {
  return (key, params) => translate(locale, key, params);
}
