/**
 * The tab's texts in the browser: the `tab` section of the one catalogue per language
 * (src/platform/i18n/da.ts, src/platform/i18n/en.ts), bundled by esbuild. No second copy of any text.
 */
import { da } from '../../platform/i18n/da';
import { en } from '../../platform/i18n/en';

export type Lang = 'da' | 'en';
export type TabKey = keyof typeof da.tab;
export type T = (key: TabKey, params?: Record<string, string | number>) => string;

export function langOf(value: string | null | undefined): Lang {
  return value && value.toLowerCase().startsWith('en') ? 'en' : 'da';
}

export function translator(lang: Lang): T {
  const texts: Record<string, string> = lang === 'en' ? en.tab : da.tab;
  return (key, params = {}) =>
    (texts[key] ?? key).replace(/\{(\w+)\}/g, (whole, name: string) =>
      name in params ? String(params[name]) : whole,
    );
}
