/**
 * The byte budget of a card that shows user text (comments, titles, descriptions, names).
 *
 * Teams refuses a message over ~28 KB (MAX_CARD_BYTES), and user text grows in bytes on the way:
 * markdownText puts a backslash before each markdown character and JSON doubles that backslash, so
 * `*` costs 3 bytes, `æ` 2 and a control character 6. A hearing with 13 voters who each wrote the
 * 2,000 characters the comment field allows came to 79 KB: the result would never have been posted.
 *
 * So such a card is built through `fitCard`: the builder takes every user text through `fit.text`
 * and every list of user-written entries through `fit.items`, and `fitCard` builds it again,
 * shorter, until it fits:
 * 1. in full when it fits;
 * 2. else every user text clipped to one common length, the longest that fits (short texts stay
 *    whole; only the long ones are cut, each with "…"), but not below MIN_CLIPPED_CHARS;
 * 3. else, at that shortest length, as many entries of each list as fit; the rest is left out.
 * The builder says how many were shortened and left out (`fit.shortened`, `fit.leftOut`, counted
 * while it builds; `fitNote` writes the sentence) and links to where the full text is.
 */
import type { Translate } from '../i18n';
import { markdownText } from './text';
import { paragraph, type AdaptiveCard, type TextBlock } from './builders';
import { MAX_CARD_BYTES } from './validate';

/** Leaves room for the activity envelope around the card (the invoke response or the message). */
export const CARD_BUDGET_BYTES = MAX_CARD_BYTES - 3 * 1024;

/** The shortest a user text is clipped to; below it a list leaves entries out instead. */
export const MIN_CLIPPED_CHARS = 80;

/** What a card builder asks of the budget while it builds one version of the card. */
export interface TextFit {
  /** User text escaped for card markdown, clipped to this version's length ("…" when cut). */
  text(value: string | undefined | null): string;
  /** The same clipped user text without markdown escaping, for what is not markdown (a button's title). */
  plain(value: string | undefined | null): string;
  /** The entries of a list this version shows (its first ones); the rest count as left out. */
  items<T>(list: readonly T[]): readonly T[];
  /** User texts shortened so far in this version. */
  readonly shortened: number;
  /** List entries left out so far in this version. */
  readonly leftOut: number;
}

export interface FittedCard {
  card: AdaptiveCard;
  shortened: number;
  leftOut: number;
  bytes: number;
}

export function cardBytes(card: object): number {
  return Buffer.byteLength(JSON.stringify(card), 'utf8');
}

/** One version of the card: texts clipped to `maxChars` code points, lists cut to `maxItems`. */
class FitPass implements TextFit {
  shortened = 0;
  leftOut = 0;
  /** The longest text and list seen (code points, entries): the upper ends of the searches. */
  longestText = 0;
  longestList = 0;

  constructor(
    private readonly maxChars: number,
    private readonly maxItems: number,
  ) {}

  text(value: string | undefined | null): string {
    const clipped = this.clip(value);
    return clipped.cut ? `${markdownText(clipped.text)}…` : markdownText(clipped.text);
  }

  plain(value: string | undefined | null): string {
    const clipped = this.clip(value);
    return clipped.cut ? `${clipped.text}…` : clipped.text;
  }

  private clip(value: string | undefined | null): { text: string; cut: boolean } {
    if (value === undefined || value === null) return { text: '', cut: false };
    const raw = String(value);
    // Most texts are short: only a text that could be over the limit is split into code points.
    if (raw.length <= this.maxChars) {
      this.longestText = Math.max(this.longestText, raw.length);
      return { text: raw, cut: false };
    }
    const points = Array.from(raw);
    this.longestText = Math.max(this.longestText, points.length);
    if (points.length <= this.maxChars) return { text: raw, cut: false };
    this.shortened += 1;
    return { text: points.slice(0, this.maxChars).join('').trimEnd(), cut: true };
  }

  items<T>(list: readonly T[]): readonly T[] {
    this.longestList = Math.max(this.longestList, list.length);
    if (list.length <= this.maxItems) return list;
    this.leftOut += list.length - this.maxItems;
    return list.slice(0, this.maxItems);
  }
}

/** The largest n in [low, high] with fits(n), given fits(low); binary search. */
function largest(low: number, high: number, fits: (n: number) => boolean): number {
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (fits(mid)) low = mid;
    else high = mid - 1;
  }
  return low;
}

/**
 * Builds the card in full when it fits `budgetBytes`, else shortened as the header says. Returns
 * the smallest version when even that is over (a builder whose own texts are too long; the tests
 * keep every card at its maxima under the budget).
 */
export function fitCard(
  build: (fit: TextFit) => AdaptiveCard,
  budgetBytes: number = CARD_BUDGET_BYTES,
): FittedCard {
  const run = (maxChars: number, maxItems: number): FittedCard & { pass: FitPass } => {
    const pass = new FitPass(maxChars, maxItems);
    const card = build(pass);
    return { card, shortened: pass.shortened, leftOut: pass.leftOut, bytes: cardBytes(card), pass };
  };
  const strip = ({ card, shortened, leftOut, bytes }: FittedCard): FittedCard => ({
    card,
    shortened,
    leftOut,
    bytes,
  });
  const full = run(Infinity, Infinity);
  if (full.bytes <= budgetBytes) return strip(full);
  const { longestText, longestList } = full.pass;
  const fitsAt = (maxChars: number, maxItems: number) => run(maxChars, maxItems).bytes <= budgetBytes;

  if (longestText > MIN_CLIPPED_CHARS && fitsAt(MIN_CLIPPED_CHARS, Infinity)) {
    const chars = largest(MIN_CLIPPED_CHARS, longestText - 1, (n) => fitsAt(n, Infinity));
    return strip(run(chars, Infinity));
  }
  if (fitsAt(MIN_CLIPPED_CHARS, 0)) {
    const items = largest(0, Math.max(0, longestList - 1), (n) => fitsAt(MIN_CLIPPED_CHARS, n));
    return strip(run(MIN_CLIPPED_CHARS, items));
  }
  return strip(run(MIN_CLIPPED_CHARS, 0));
}

/**
 * The sentence a shortened card shows: how many user texts were shortened and how many entries
 * left out, and where the full text is. Undefined when the card is whole.
 */
export function fitNote(t: Translate, fit: Pick<TextFit, 'shortened' | 'leftOut'>): TextBlock | undefined {
  const { shortened, leftOut } = fit;
  if (shortened === 0 && leftOut === 0) return undefined;
  const key =
    shortened > 0 && leftOut > 0
      ? 'core.fitShortenedAndLeftOut'
      : shortened > 0
        ? 'core.fitShortened'
        : 'core.fitLeftOut';
  return paragraph(t(key, { shortened, leftOut }), { color: 'Warning', size: 'Small' });
}
