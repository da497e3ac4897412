/**
 * The genitive of a name, for catalogue texts written `{person:gen}` (issue 26.9: "{person}s"
 * made "Madss periode").
 *
 * Danish (Retskrivningsordbogen): add "s" ("Annes"), but after s, x and z only an apostrophe
 * ("Mads'", "Max'", "Lenz'"); after an abbreviation "'s" ("KL's"). English: add "'s" ("Anne's"),
 * after s only an apostrophe ("Mads'").
 */
import type { Locale } from '../../domain/model';

/** All capitals (and digits), at least two: an abbreviation such as KL, UDK or KOMBIT. */
const ABBREVIATION = /^[\p{Lu}\d]{2,}$/u;

export function genitive(name: string, locale: Locale): string {
  const trimmed = name.trimEnd();
  if (trimmed === '') return name;
  const lastWord = trimmed.split(/\s+/).pop()!;
  const last = trimmed.slice(-1).toLowerCase();
  if (locale === 'en') return last === 's' ? `${trimmed}'` : `${trimmed}'s`;
  if (ABBREVIATION.test(lastWord)) return `${trimmed}'s`;
  return last === 's' || last === 'x' || last === 'z' ? `${trimmed}'` : `${trimmed}s`;
}
