/**
 * A validation problem as plain data, so the bot can say it in the user's language.
 *
 * zod's issue `message` is English (and written for logs and the CLI). Services that refuse input
 * keep that message for logs, and also hand over this language-neutral form: the field path, the
 * kind of problem and its limit. `src/platform/cards/validation-text.ts` turns it into a catalogue text.
 */
import type { z } from 'zod';

export type ValidationCode =
  | 'required'
  | 'invalid_type'
  | 'too_small'
  | 'too_big'
  | 'invalid_format'
  | 'invalid_value'
  | 'unrecognized_keys'
  | 'invalid';

/** What a too_small / too_big limit counts: characters, a number, list items or a date. */
export type ValidationOrigin = 'string' | 'number' | 'array' | 'date';

export interface ValidationIssue {
  /** Dotted path of the offending field (e.g. `organisation.kind`); `''` for the whole input. */
  field: string;
  code: ValidationCode;
  origin?: ValidationOrigin;
  /** The minimum (too_small) or maximum (too_big), as a number or a YYYY-MM-DD date. */
  limit?: number | string;
  /** Whether the limit itself is allowed (≥ / ≤) or not (> / <). */
  inclusive?: boolean;
  /** zod's string format of an invalid_format issue: email, date, datetime, url, regex, … */
  format?: string;
  /** The allowed values of an invalid_value issue, or the unknown keys of unrecognized_keys. */
  values?: string[];
  /** The English explanation, for logs and the CLI only. */
  message: string;
}

const CODES: ReadonlySet<string> = new Set<ValidationCode>([
  'required',
  'invalid_type',
  'too_small',
  'too_big',
  'invalid_format',
  'invalid_value',
  'unrecognized_keys',
  'invalid',
]);

function originOf(value: unknown): ValidationOrigin | undefined {
  if (value === 'string' || value === 'number' || value === 'array' || value === 'date') return value;
  if (value === 'bigint' || value === 'int') return 'number';
  if (value === 'set') return 'array';
  return undefined;
}

function limitOf(value: unknown): number | string | undefined {
  if (typeof value === 'number' || typeof value === 'string') return value;
  if (typeof value === 'bigint') return Number(value);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return undefined;
}

/**
 * One zod issue as a ValidationIssue. A missing value and an empty string where at least one
 * character is needed are both `required`: the user left the field empty. Pass the parsed input
 * to tell a missing value from one of the wrong type (without it, a wrong type counts as missing).
 * A custom issue may name its kind through `params` (`{ code: 'invalid_value', values: [...] }`).
 */
export function validationIssueOf(issue: z.core.$ZodIssue, parsedInput?: unknown): ValidationIssue {
  const field = issue.path.map(String).join('.');
  const base = { field, message: issue.message };
  switch (issue.code) {
    case 'invalid_type':
      // zod 4 leaves `input` out of issues unless asked; then the parsed value at the path tells.
      return ('input' in issue ? issue.input : valueAt(parsedInput, issue.path)) === undefined
        ? { ...base, code: 'required' }
        : { ...base, code: 'invalid_type' };
    case 'too_small': {
      const origin = originOf(issue.origin);
      if (origin === 'string' && Number(issue.minimum) === 1) return { ...base, code: 'required' };
      return {
        ...base,
        code: 'too_small',
        origin,
        limit: limitOf(issue.minimum),
        inclusive: issue.inclusive ?? true,
      };
    }
    case 'too_big':
      return {
        ...base,
        code: 'too_big',
        origin: originOf(issue.origin),
        limit: limitOf(issue.maximum),
        inclusive: issue.inclusive ?? true,
      };
    case 'invalid_format':
      return { ...base, code: 'invalid_format', format: issue.format };
    case 'invalid_value':
      return { ...base, code: 'invalid_value', values: issue.values.map(String) };
    case 'unrecognized_keys':
      return { ...base, code: 'unrecognized_keys', values: [...issue.keys] };
    case 'custom': {
      // A refinement names its kind in params, e.g. { code: 'too_small', origin: 'date', limit: '2026-01-01' }.
      const params = (issue.params ?? {}) as Partial<Omit<ValidationIssue, 'field' | 'message'>>;
      if (typeof params.code === 'string' && CODES.has(params.code)) {
        return {
          ...base,
          code: params.code,
          ...(params.origin ? { origin: params.origin } : {}),
          ...(params.limit !== undefined ? { limit: params.limit } : {}),
          ...(params.inclusive !== undefined ? { inclusive: params.inclusive } : {}),
          ...(params.format ? { format: params.format } : {}),
          ...(Array.isArray(params.values) ? { values: params.values.map(String) } : {}),
        };
      }
      return { ...base, code: 'invalid' };
    }
    default:
      return { ...base, code: 'invalid' };
  }
}

/** The first issue of a failed parse (zod always reports at least one). */
export function firstValidationIssue(error: z.ZodError, parsedInput?: unknown): ValidationIssue {
  const issue = error.issues[0];
  return issue ? validationIssueOf(issue, parsedInput) : { field: '', code: 'invalid', message: 'invalid' };
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let value = root;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}
