/**
 * The genitive of a name, for catalogue texts written `{person:gen}` (issue 26.9: "{person}s"
 * made "Madss periode").
 *
 * Danish (Retskrivningsordbogen): add "s" ("Annes"), but after s, x and z only an apostrophe
 * ("Mads'", "Max'", "Lenz'"); after an abbreviation "'s" ("KL's"). English: add "'s" ("Anne's"),
 * after s only an apostrophe ("Mads'"). Norwegian bokmål (Språkrådet): add "s" without an
 * apostrophe, abbreviations too ("Annes", "NRKs"), after s, x and z only an apostrophe ("Lars'",
 * "KS'").
 */

/** All capitals (and digits), at least two: an abbreviation such as KL or KS. */
const ABBREVIATION = /^[\p{Lu}\d]{2,}$/u;

type GenitiveRule = (trimmed: string, last: string, lastWord: string) => string;

const sibilantApostrophe = (trimmed: string, last: string) =>
  last === 's' || last === 'x' || last === 'z' ? `${trimmed}'` : `${trimmed}s`;

/** One rule per language with a catalogue; a language without one gets the Danish rule. */
const RULES: Readonly<Record<string, GenitiveRule>> = {
  da: (trimmed, last, lastWord) =>
    ABBREVIATION.test(lastWord) ? `${trimmed}'s` : sibilantApostrophe(trimmed, last),
  en: (trimmed, last) => (last === 's' ? `${trimmed}'` : `${trimmed}'s`),
  nb: (trimmed, last) => sibilantApostrophe(trimmed, last),
};

export function genitive(name: string, language: string): string {
  const trimmed = name.trimEnd();
  if (trimmed === '') return name;
  const lastWord = trimmed.split(/\s+/).pop()!;
  const last = trimmed.slice(-1).toLowerCase();
  return (RULES[language] ?? RULES.da!)(trimmed, last, lastWord);
}
