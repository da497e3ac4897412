/** Dates, times and amounts in the group's time zone and the reader's language. */
import { localeTagOf as localeTag, type Lang } from './i18n';

export function formatDateTime(instant: string, lang: Lang, timeZone: string): string {
  return new Intl.DateTimeFormat(localeTag(lang), { dateStyle: 'full', timeStyle: 'short', timeZone }).format(
    new Date(instant),
  );
}

export function formatShortDateTime(instant: string, lang: Lang, timeZone: string): string {
  return new Intl.DateTimeFormat(localeTag(lang), {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone,
  }).format(new Date(instant));
}

export function formatTime(instant: string, lang: Lang, timeZone: string): string {
  return new Intl.DateTimeFormat(localeTag(lang), { hour: '2-digit', minute: '2-digit', timeZone }).format(
    new Date(instant),
  );
}

/** A calendar date (YYYY-MM-DD) as written in the language, without time-zone shifts. */
export function formatDate(date: string, lang: Lang): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return new Intl.DateTimeFormat(localeTag(lang), {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(Date.UTC(year, month - 1, day)));
}

export function formatAmount(kroner: number, lang: Lang): string {
  return new Intl.NumberFormat(localeTag(lang), { maximumFractionDigits: 0 }).format(kroner);
}

/** The calendar day of an instant in the group's time zone. */
export function formatInstantDate(instant: string, lang: Lang, timeZone: string): string {
  return new Intl.DateTimeFormat(localeTag(lang), {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone,
  }).format(new Date(instant));
}
