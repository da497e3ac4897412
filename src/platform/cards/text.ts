/**
 * User text inside Adaptive Card markdown.
 *
 * Teams renders TextBlock text and FactSet values as a markdown subset (bold, italic, lists,
 * links). A title like `[klik](javascript:…)` or `**fed**` typed by a user must show as typed, not
 * become a link or formatting in the bot's own card: every user-provided value that goes into a
 * TextBlock, a FactSet value or a catalogue text with `{params}` passes through `markdownText`.
 * Input.* `value`s are not markdown and stay as typed.
 */

/** Characters with a markdown meaning anywhere in a line (CommonMark allows a backslash before any ASCII punctuation). */
const INLINE_SPECIAL = /[\\`*_[\]()~<>#|!]/g;
/** Line starts that make a list or a quote: "- x", "+ x", "1. x", "1) x". */
const LINE_START_LIST = /^(\s*)([-+]|\d+[.)])(?=\s|$)/gm;

/** Escapes user text for an Adaptive Card TextBlock / FactSet (markdown subset), by backslash. */
export function markdownText(value: string | undefined | null): string {
  if (value === undefined || value === null) return '';
  return String(value)
    .replace(INLINE_SPECIAL, (character) => `\\${character}`)
    .replace(
      LINE_START_LIST,
      (_match, indent: string, marker: string) => `${indent}${marker.replace(/([-+.)])$/, '\\$1')}`,
    );
}

/** The same for each value of a params object (for catalogue texts with user-provided {params}). */
export function markdownParams<T extends Record<string, string | number | undefined>>(params: T): T {
  const escaped: Record<string, string | number | undefined> = {};
  for (const [key, value] of Object.entries(params))
    escaped[key] = typeof value === 'string' ? markdownText(value) : value;
  return escaped as T;
}

/** Clips an echoed input value to at most `max` characters (code points, so no half surrogate pair). */
export function clipText(value: string, max: number): string {
  if (value.length <= max) return value;
  return Array.from(value).slice(0, max).join('');
}
