/**
 * Freezes a plain JSON-like value and everything in it. For a value shared between callers (e.g. a
 * read that simultaneous requests share): a caller that tries to change it gets a TypeError instead
 * of silently changing what the others see. Returns the same value.
 */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}
