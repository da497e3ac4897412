/**
 * CSV import problems (member register, municipality register) in the user's language.
 *
 * The services describe every problem as data: a zod issue (`issue`, worded by validation-text)
 * or one of their own checks (`params`, whose `kind` names a `csvImport.*` text). Their English
 * `reason` is for the CLI and logs and never reaches a card. Values from the file are
 * markdown-escaped: the lines go into cards, which Teams renders as markdown.
 */
import type { MessageKey, MessageParams, Translate } from '../i18n';
import type { CsvErrorParams, CsvRowError } from '../csv/csv-table';
import { markdownText } from './text';
import { validationText } from './validation-text';

/** The problem alone, e.g. "Gruppen "x" findes ikke. Kendte grupper: steering, …". */
export function csvProblemText(t: Translate, params: CsvErrorParams): string {
  const { kind, ...values } = params;
  const escaped: MessageParams = {};
  for (const [name, value] of Object.entries(values) as Array<[string, string | number]>)
    escaped[name] = typeof value === 'number' ? value : markdownText(value);
  return t(`csvImport.${kind}` satisfies MessageKey, escaped);
}

/**
 * One error as a line of the import report: "Linje 7, groupId: …". A problem with the whole file
 * (line 0) has no line number; one with a whole line ("(row)", "(file)") names no field.
 */
export function csvErrorText(t: Translate, error: CsvRowError): string {
  if (error.issue) {
    const text = validationText(t, error.issue);
    return error.line > 0 ? t('validation.atLine', { line: error.line, text }) : text;
  }
  const reason = csvProblemText(t, error.params);
  if (error.line <= 0) return reason;
  if (error.field.startsWith('(')) return t('validation.atLine', { line: error.line, text: reason });
  return t('members.csvErrorLine', { line: error.line, field: markdownText(error.field), reason });
}
