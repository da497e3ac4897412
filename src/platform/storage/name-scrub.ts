/**
 * The last step of a GDPR erasure: every document of every collection is read, and each stored
 * text that names the person (their register name, their e-mail, or a name a feature kept a copy
 * of, e.g. the Teams display name on a vote) gets the pseudonym in its place. Why a sweep over the
 * whole store and not only the fields the features know: names also sit in free text (a proposal's
 * chair, a decision "as Anna Hansen presented", a remembered conversation reference), and the
 * promise is that the name is nowhere. The features rewrite what they hold by id first (and drop
 * the person's own comments); this catches what is left.
 *
 * It is a cross-partition scan of everything, for an erasure only (a rare, deliberate act of the
 * secretariat), never a request path. Keys (`id`, `pk`, `type`) are never changed: ids hold object
 * ids, not names. A document changed meanwhile is read again (etag), so no concurrent write is lost.
 */
import {
  PreconditionFailedError,
  type Collection,
  type CollectionName,
  type DocumentStore,
  type NewDocument,
  type StoredDocument,
} from './port';

const COLLECTIONS: readonly CollectionName[] = ['groups', 'directory', 'schedule', 'audit'];
const KEYS = new Set(['id', 'pk', 'type', 'etag']);
/** Shorter "names" would hit inside ordinary words; a register name is always longer. */
const MIN_NAME_LENGTH = 3;
const MAX_ATTEMPTS = 5;

/**
 * A matcher for the names as whole words (not inside a longer word), any case. Longer names first,
 * so "Anna Hansen" is replaced as a whole before "Anna" could be.
 */
export function namePattern(names: Iterable<string>): RegExp | undefined {
  const distinct = [...new Set([...names].map((name) => name.trim()))]
    .filter((name) => name.length >= MIN_NAME_LENGTH)
    .sort((a, b) => b.length - a.length);
  if (distinct.length === 0) return undefined;
  const alternatives = distinct.map((name) =>
    name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+'),
  );
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives.join('|')})(?![\\p{L}\\p{N}])`, 'giu');
}

/** The value with every match replaced, deep (objects and arrays); the same reference when unchanged. */
export function replaceDeep(value: unknown, pattern: RegExp, replacement: string): unknown {
  if (typeof value === 'string') {
    pattern.lastIndex = 0;
    return pattern.test(value) ? value.replace(pattern, () => replacement) : value;
  }
  if (Array.isArray(value)) {
    const items = value.map((item) => replaceDeep(item, pattern, replacement));
    return items.some((item, i) => item !== value[i]) ? items : value;
  }
  if (value !== null && typeof value === 'object') {
    let changed = false;
    const result: Record<string, unknown> = {};
    for (const [key, field] of Object.entries(value)) {
      const next = replaceDeep(field, pattern, replacement);
      if (next !== field) changed = true;
      result[key] = next;
    }
    return changed ? result : value;
  }
  return value;
}

/** The document's body with the names replaced, or undefined when it names nobody. */
function scrubbed(doc: StoredDocument, pattern: RegExp, replacement: string): NewDocument | undefined {
  let changed = false;
  const result: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(doc)) {
    const next = KEYS.has(key) ? field : replaceDeep(field, pattern, replacement);
    if (next !== field) changed = true;
    if (key !== 'etag') result[key] = next;
  }
  return changed ? (result as NewDocument) : undefined;
}

async function scrubOne(
  collection: Collection,
  first: StoredDocument,
  pattern: RegExp,
  replacement: string,
): Promise<boolean> {
  let doc: StoredDocument | undefined = first;
  for (let attempt = 1; doc; attempt += 1) {
    const next = scrubbed(doc, pattern, replacement);
    if (!next) return false;
    try {
      await collection.replace(next, { ifMatch: doc.etag });
      return true;
    } catch (error) {
      if (!(error instanceof PreconditionFailedError) || attempt >= MAX_ATTEMPTS) throw error;
      doc = await collection.read(first.pk, first.id);
    }
  }
  return false;
}

/** Replaces the names in every stored document; returns how many documents were rewritten. */
export async function scrubNames(
  store: DocumentStore,
  names: Iterable<string>,
  replacement: string,
): Promise<number> {
  const pattern = namePattern(names);
  if (!pattern) return 0;
  let rewritten = 0;
  for (const name of COLLECTIONS) {
    const collection = store.collection(name);
    // Collected first: rewriting while the scan pages on could meet a document twice.
    const docs: StoredDocument[] = [];
    for await (const doc of collection.scan({})) if (scrubbed(doc, pattern, replacement)) docs.push(doc);
    for (const doc of docs) if (await scrubOne(collection, doc, pattern, replacement)) rewritten += 1;
  }
  return rewritten;
}
