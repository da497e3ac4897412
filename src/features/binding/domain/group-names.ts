/**
 * Finding a group by the name a person would write: its id, its name in any language, or a
 * unique part of one, in the form people say it. Danish puts the article at the end of the noun
 * ("sekretariatet", "styregruppen", "referencegruppen forretning"), English in front ("the
 * secretariat"), so both sides are compared word by word after the definite ending and the
 * articles are taken off: "tilknyt sekretariatet" finds "Sekretariat FKI" as "tilknyt
 * styregruppen" finds "Kommunestyregruppen".
 */
import type { LocalizedText } from '../../../domain/localized-text';
import { normaliseForMatch } from '../../../domain/normalise';

export interface NamedGroup {
  id: string;
  name: LocalizedText;
}

/** Danish definite and plural endings, longest first; a stem keeps at least four letters. */
const DANISH_ENDINGS = ['erne', 'ene', 'et', 'en', 'e', 'n'];
const MIN_STEM = 4;
const ARTICLES = new Set(['the', 'den', 'det', 'de']);

/** A word without its Danish ending: "gruppen" and "gruppe" both become "grupp". */
function stemWord(word: string): string {
  const ending = DANISH_ENDINGS.find((end) => word.endsWith(end) && word.length - end.length >= MIN_STEM);
  return ending ? word.slice(0, -ending.length) : word;
}

/** The comparable form of a name: normalised, articles dropped, every word stemmed. */
export function nameStem(text: string): string {
  return normaliseForMatch(text)
    .split(/[\s-]+/)
    .filter((word) => word.length > 0 && !ARTICLES.has(word))
    .map(stemWord)
    .join(' ');
}

function namesOf(group: NamedGroup): string[] {
  return [group.id, ...Object.values(group.name)];
}

/** The one group the reference names, first as written, then by stems; undefined when none or several. */
export function matchGroup<G extends NamedGroup>(groups: readonly G[], reference: string): G | undefined {
  for (const form of [normaliseForMatch, nameStem]) {
    const wanted = form(reference);
    if (wanted.length === 0) continue;
    const exact = groups.find((group) => namesOf(group).some((name) => form(name) === wanted));
    if (exact) return exact;
    // A unique partial match ("forretning" for "Referencegruppe Forretning") is unambiguous enough.
    const partial = groups.filter(
      (group) => wanted.length >= 3 && namesOf(group).some((name) => form(name).includes(wanted)),
    );
    if (partial.length === 1) return partial[0];
    if (partial.length > 1) return undefined;
  }
  return undefined;
}
