/**
 * How a person is named once erased: a pseudonym stored in Danish ("Tidligere medlem #a1b2c3") and
 * shown in the reader's language. Every display resolves names through this, so an erased person
 * reads as the pseudonym everywhere without any other record being rewritten.
 */
import { randomBytes } from 'node:crypto';
import type { Locale, Person } from '../../domain/model';

const PSEUDONYM_PREFIX: Readonly<Record<string, string>> = {
  da: 'Tidligere medlem',
  en: 'Former member',
  nb: 'Tidligere medlem',
};

/** A fresh pseudonym for an erased person: the Danish prefix and six random hex digits. */
export function newPseudonym(): string {
  return `${PSEUDONYM_PREFIX.da!} #${randomBytes(3).toString('hex')}`;
}

/** The name to show: the pseudonym in the reader's language for an anonymised person. */
export function displayName(
  person: Pick<Person, 'name' | 'anonymisedAt'> | undefined,
  locale: Locale,
  fallback = '?',
): string {
  if (!person) return fallback;
  if (person.anonymisedAt)
    return person.name.replace(PSEUDONYM_PREFIX.da!, PSEUDONYM_PREFIX[locale] ?? PSEUDONYM_PREFIX.en!);
  return person.name;
}
