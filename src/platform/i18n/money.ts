/**
 * Whole kroner as the users read them, the one formatter of money in the bot's texts: "125.000 kr."
 * / "DKK 125,000", or only the number where the label already names the unit ("Udgifter (kr.)",
 * "Cost (DKK)"): the hearing card said "Udgifter (kr.) 125.000 kr." (issue 26.9).
 */
import type { Locale } from '../../domain/model';
import { formatTag } from './registry';

/** One formatter per locale: building an Intl.NumberFormat costs ~30 µs, and every vote card shows a sum. */
const digitFormats = new Map<Locale, Intl.NumberFormat>();

/** The amount's digits: "125.000" / "125,000" (integers only, so formatting is exact). */
export function formatKronerDigits(amount: number, locale: Locale): string {
  let format = digitFormats.get(locale);
  if (!format) {
    format = new Intl.NumberFormat(formatTag(locale), { maximumFractionDigits: 0 });
    digitFormats.set(locale, format);
  }
  return format.format(amount);
}

/** "125.000 kr." / "DKK 125,000". */
export function formatKroner(amount: number, locale: Locale): string {
  const digits = formatKronerDigits(amount, locale);
  return locale === 'da' ? `${digits} kr.` : `DKK ${digits}`;
}

/** A label that names the unit itself: "(kr.)", "(hele kr.)", "(DKK)", "(whole DKK)". */
const UNIT_IN_LABEL = /\((?:[^()]*\s)?(?:kr\.|DKK)\)/;

/** The amount under a label: only the number when the label says "(kr.)", else with the unit. */
export function kronerUnder(label: string, amount: number, locale: Locale): string {
  return UNIT_IN_LABEL.test(label) ? formatKronerDigits(amount, locale) : formatKroner(amount, locale);
}
