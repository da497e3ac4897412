/**
 * The one rewrite of the append-only audit log, and the law's: a GDPR erasure drops the erased
 * person's own free text (a vote's comment, a closing note) from the log. What was done, by whom
 * (an id) and when stays. Kept apart from AuditRepository so the log's everyday interface stays
 * append-only; names elsewhere in the log are replaced by the store-wide name sweep
 * (storage/name-scrub.ts) that follows an erasure.
 */
import type { DocumentStore, StoredDocument } from '../storage/port';
import { auditDocument } from './audit-repository';

/** Details that hold what someone wrote in their own words. */
export const FREE_TEXT_DETAILS: readonly string[] = ['comment', 'note', 'closeNote', 'text'];

/** A record of the person's: some `...Id`/`...By` field of it holds their id. */
function isRecordOf(value: Record<string, unknown>, personId: string): boolean {
  return Object.entries(value).some(([key, field]) => field === personId && /(Id|By)$/.test(key));
}

/**
 * The value without the person's free text, deep; the same reference when nothing of theirs is in
 * it. `own`: this object is theirs (the details of an entry they made).
 */
function withoutFreeTextOf<T>(value: T, personId: string, own: boolean): T {
  if (Array.isArray(value)) {
    const items = value.map((item: unknown) => withoutFreeTextOf(item, personId, false));
    return (items.some((item, i) => item !== value[i]) ? items : value) as T;
  }
  if (value === null || typeof value !== 'object') return value;
  const record = value as Record<string, unknown>;
  const theirs = own || isRecordOf(record, personId);
  let changed = false;
  const result: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(record)) {
    if (theirs && FREE_TEXT_DETAILS.includes(key)) {
      changed = true;
      continue;
    }
    const next = withoutFreeTextOf(field, personId, false);
    if (next !== field) changed = true;
    result[key] = next;
  }
  return (changed ? result : value) as T;
}

/**
 * Drops the person's free text from the entries they made and from any record of theirs inside
 * another entry's details (their vote with its comment in a hearing's counted result), in every
 * month: a cross-partition scan, as an erasure is rare and deliberate. Returns the entries changed.
 */
export async function pseudonymiseAudit(store: DocumentStore, personId: string): Promise<number> {
  const raw = store.collection(auditDocument.collection);
  const changed: StoredDocument[] = [];
  for await (const doc of raw.scan({ type: auditDocument.type })) {
    const details = doc.details as Record<string, unknown> | undefined;
    if (!details) continue;
    const kept = withoutFreeTextOf(details, personId, doc.actorId === personId);
    if (kept !== details) changed.push({ ...doc, details: kept });
  }
  // Entries are never written after they are created, so the etag read is the etag to match.
  for (const { etag, ...body } of changed) await raw.replace(body, { ifMatch: etag });
  return changed.length;
}
