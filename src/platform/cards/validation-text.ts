/**
 * Validation problems in the user's language.
 *
 * Services hand over a ValidationIssue (field path + kind + limit) instead of showing zod's
 * English message; this turns it into a `validation.*` catalogue text. The field is named by the
 * feature's own form label when it has one (so the message matches the card), else by its path.
 * Every value that came from the user or a path is markdown-escaped: the result goes into cards
 * and replies, which Teams renders as markdown.
 */
import type { MessageKey, Translate } from '../i18n';
import { InvalidDocumentError } from '../storage/port';
import type { ValidationIssue } from '../../domain/validation-issue';
import { markdownText } from './text';

/** Field path → localised label (or undefined: the path is shown as it is). */
export type FieldLabels = (field: string) => string | undefined;

const noLabels: FieldLabels = () => undefined;

/** Known string formats with a text of their own; any other format gets the generic text. */
const FORMAT_KEYS: Record<string, MessageKey> = {
  email: 'validation.invalid_format_email',
  date: 'validation.invalid_format_date',
  datetime: 'validation.invalid_format_datetime',
  url: 'validation.invalid_format_url',
};

function fieldName(t: Translate, issue: Pick<ValidationIssue, 'field'>, labels: FieldLabels): string {
  if (!issue.field || issue.field.startsWith('(')) return t('validation.wholeInput');
  // "organisation.kind" may have no label of its own, but its parent "organisation" may.
  const parts = issue.field.split('.');
  for (let length = parts.length; length > 0; length--) {
    const label = labels(parts.slice(0, length).join('.'));
    if (label) return markdownText(label);
  }
  return markdownText(issue.field);
}

function limitKey(code: 'too_small' | 'too_big', issue: ValidationIssue): MessageKey {
  const origin = issue.origin ?? 'number';
  const strict = issue.inclusive === false && (origin === 'number' || origin === 'date') ? '_exclusive' : '';
  return `validation.${code}_${origin}${strict}` as MessageKey;
}

/** One validation issue as a sentence in the user's language, e.g. "Navn skal udfyldes.". */
export function validationText(t: Translate, issue: ValidationIssue, labels: FieldLabels = noLabels): string {
  const field = fieldName(t, issue, labels);
  switch (issue.code) {
    case 'required':
      return t('validation.required', { field });
    case 'too_small':
    case 'too_big':
      if (issue.limit === undefined) return t('validation.invalid', { field });
      return t(limitKey(issue.code, issue), { field, limit: markdownText(String(issue.limit)) });
    case 'invalid_format':
      return t((issue.format && FORMAT_KEYS[issue.format]) || 'validation.invalid_format', { field });
    case 'invalid_value':
      return issue.values && issue.values.length > 0
        ? t('validation.invalid_value', { field, values: issue.values.map(markdownText).join(', ') })
        : t('validation.invalid', { field });
    case 'unrecognized_keys':
      return t('validation.unrecognized_keys', { keys: (issue.values ?? []).map(markdownText).join(', ') });
    case 'invalid_type':
      return t('validation.invalid_type', { field });
    case 'invalid':
      return t('validation.invalid', { field });
  }
}

/**
 * A document the store refused (InvalidDocumentError), for a user: the field it names and a
 * generic "invalid", never the English reason (which is for logs).
 */
export function invalidDocumentText(
  t: Translate,
  error: InvalidDocumentError,
  labels: FieldLabels = noLabels,
): string {
  return validationText(t, { field: error.field, code: 'invalid', message: error.message }, labels);
}

/** A label lookup from a plain map (field path → catalogue key), for a feature's form labels. */
export function labelsFrom(t: Translate, keys: Record<string, MessageKey>): FieldLabels {
  return (field) => {
    const key = keys[field];
    return key ? t(key) : undefined;
  };
}
