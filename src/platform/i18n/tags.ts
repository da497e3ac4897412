import type { Locale } from '../../domain/model';

/**
 * The regional tag each language formats dates and numbers in (Intl, luxon): one entry per
 * registered language, so a new catalogue's language does not compile until it has one.
 */
export const FORMAT_TAGS: Readonly<Record<Locale, string>> = { da: 'da-DK', en: 'en-GB' };
