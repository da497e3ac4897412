/**
 * Checks a card the way a client would: the Adaptive Cards SDK parses it (unknown elements and
 * other problems are reported as serialization events), validateProperties() must be clean, the
 * version must be 1.5 and the JSON must fit Teams' message size limit (28 KB).
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const AC = require('adaptivecards/dist/adaptivecards.js') as typeof import('adaptivecards');

export const MAX_CARD_BYTES = 28 * 1024;

export interface CardValidation {
  ok: boolean;
  problems: string[];
}

export function validateCard(card: unknown): CardValidation {
  const problems: string[] = [];
  const json = JSON.stringify(card);
  const bytes = Buffer.byteLength(json, 'utf8');
  if (bytes >= MAX_CARD_BYTES) problems.push(`card is ${bytes} bytes, limit ${MAX_CARD_BYTES}`);
  const raw = card as { type?: unknown; version?: unknown };
  if (raw?.type !== 'AdaptiveCard') problems.push(`type is ${String(raw?.type)}, expected AdaptiveCard`);
  if (raw?.version !== '1.5') problems.push(`version is ${String(raw?.version)}, expected 1.5`);

  const parsed = new AC.AdaptiveCard();
  const context = new AC.SerializationContext();
  parsed.parse(JSON.parse(json), context);
  for (let i = 0; i < context.eventCount; i++) {
    const event = context.getEventAt(i);
    problems.push(`parse: ${event.message}`);
  }
  const validation = parsed.validateProperties();
  for (const event of validation.validationEvents) problems.push(`validate: ${event.message}`);
  return { ok: problems.length === 0, problems };
}

/** For tests: throws with every problem listed. */
export function assertValidCard(card: unknown): void {
  const { ok, problems } = validateCard(card);
  if (!ok) throw new Error(`invalid Adaptive Card:\n- ${problems.join('\n- ')}`);
}
