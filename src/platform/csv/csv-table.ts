/**
 * Reading a CSV table for the register imports (members, municipalities): header matching with
 * Danish/English aliases, `;` or `,` as separator (Danish Excel writes `;`), and an error report
 * that names the line number and the field of every problem instead of stopping at the first.
 * Parsing itself is csv-parse's; this module only maps its output to lines and fields.
 */
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import type { z } from 'zod';
import { validationIssueOf, type ValidationIssue } from '../../domain/validation-issue';

export type CsvErrorCode =
  | 'too-large'
  | 'malformed'
  | 'empty'
  | 'missing-column'
  | 'unknown-column'
  | 'field-count'
  | 'required'
  | 'invalid'
  | 'duplicate'
  | 'conflict'
  | 'unknown-group'
  | 'unknown-municipality'
  | 'date-order'
  | 'overlap'
  | 'batch-too-large'
  | 'term-rule'
  | 'no-seat';

/**
 * A problem that zod did not find (file shape, register lookups, consistency between rows) as
 * plain data: `kind` names the bot's `csvImport.<kind>` text, the other members are its parameters.
 * Values are raw (from the file or the register); the bot escapes them for markdown.
 */
export type CsvErrorParams =
  | { kind: 'tooLarge'; length: number; max: number }
  | { kind: 'malformed' }
  | { kind: 'noHeader' }
  | { kind: 'noRows' }
  | { kind: 'unknownColumn'; column: string; expected: string }
  | { kind: 'missingColumn'; column: string }
  | { kind: 'duplicateColumn'; column: string; count: number }
  | { kind: 'fieldCount'; expected: number; actual: number }
  | { kind: 'unknownGroup'; group: string; known: string }
  | { kind: 'unknownMunicipality'; code: string }
  | { kind: 'duplicateMembership'; firstLine: number }
  | { kind: 'duplicateMunicipality'; code: string; firstLine: number }
  | { kind: 'conflict'; firstLine: number; value: string; earlier: string }
  | { kind: 'overlap'; from: string; to: string; group: string }
  | { kind: 'overlapOpen'; from: string; group: string }
  | { kind: 'groupBatchTooLarge'; group: string; count: number; max: number }
  | { kind: 'municipalityBatchTooLarge'; max: number }
  | { kind: 'maxTerm'; maxEnd: string; earliestReappointment: string }
  | { kind: 'pause'; lastEnded: string; earliestReappointment: string }
  | { kind: 'noSeat'; group: string; organisation: string; seats: number; occupied: number };

export type CsvErrorKind = CsvErrorParams['kind'];

interface CsvRowErrorBase {
  line: number;
  field: string;
  code: CsvErrorCode;
  /** English explanation for the CLI and logs only; the bot words `issue` or `params` instead. */
  reason: string;
  /** The offending value or the expected format, when useful. */
  detail?: string;
}

/**
 * One problem of an import: where (1-based line of the file, column name) and why. Every problem
 * is either zod's (`issue`) or one of ours (`params`), so the bot can always say it in the user's
 * language.
 */
export type CsvRowError = CsvRowErrorBase &
  ({ issue: ValidationIssue; params?: never } | { params: CsvErrorParams; issue?: never });

export interface CsvColumn<K extends string = string> {
  key: K;
  /** Accepted header names besides the key (compared case- and punctuation-insensitively). */
  aliases?: string[];
  required?: boolean;
}

export interface CsvTableRow<K extends string> {
  line: number;
  values: Partial<Record<K, string>>;
}

export interface CsvTable<K extends string> {
  rows: CsvTableRow<K>[];
  errors: CsvRowError[];
}

const normaliseHeader = (header: string) =>
  header
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9æøå]/g, '');

function detectDelimiter(text: string): ',' | ';' {
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  return firstLine.includes(';') && !firstLine.includes(',') ? ';' : ',';
}

/** One record of csv-parse with its position (`info.lines` is the line the record ends on). */
interface CsvRecord {
  record: string[];
  info: { lines: number; error?: unknown };
}

/**
 * Parses `text` into rows keyed by the column keys. Blank cells are absent. Every problem with the
 * header or the row shape is in `errors`; rows with a wrong field count are left out of `rows`.
 */
export function parseCsvTable<K extends string>(
  text: string,
  columns: readonly CsvColumn<K>[],
  options: { maxChars?: number } = {},
): CsvTable<K> {
  if (options.maxChars !== undefined && text.length > options.maxChars) {
    return { rows: [], errors: [tooLargeError(text.length, options.maxChars)] };
  }
  const read = readRecords(text);
  if (!Array.isArray(read)) return { rows: [], errors: [read] };
  const [header, ...body] = read;
  if (!header) {
    return {
      rows: [],
      errors: [
        {
          line: 1,
          field: '(file)',
          code: 'empty',
          reason: 'the CSV has no header line',
          params: { kind: 'noHeader' },
        },
      ],
    };
  }
  const headerKeys = headerKeysOf(header.record, columns);
  const errors = headerErrors(header, headerKeys, columns);
  // With a wrong header every row would repeat the same problem: report the header only.
  if (errors.length > 0) return { rows: [], errors };
  if (body.length === 0) {
    errors.push({
      line: header.info.lines,
      field: '(file)',
      code: 'empty',
      reason: 'the CSV has no data rows',
      params: { kind: 'noRows' },
    });
  }
  return { rows: tableRows(body, header.record.length, headerKeys, errors), errors };
}

function tooLargeError(length: number, max: number): CsvRowError {
  return {
    line: 0,
    field: '(file)',
    code: 'too-large',
    reason: `the CSV has ${length} characters, the limit is ${max}`,
    detail: String(max),
    params: { kind: 'tooLarge', length, max },
  };
}

/** The records of the file, or the one error that says it cannot be read as CSV at all. */
function readRecords(text: string): CsvRecord[] | CsvRowError {
  try {
    return parse(text, {
      bom: true,
      delimiter: detectDelimiter(text),
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
    }) as CsvRecord[];
  } catch (error) {
    const failure = error as { lines?: number; message?: string };
    return {
      line: failure.lines ?? 0,
      field: '(file)',
      code: 'malformed',
      reason: `the CSV cannot be read: ${failure.message ?? String(error)}`,
      params: { kind: 'malformed' },
    };
  }
}

/** The column key of each header cell (undefined for a header no column accepts). */
function headerKeysOf<K extends string>(
  header: string[],
  columns: readonly CsvColumn<K>[],
): Array<K | undefined> {
  const byHeader = new Map<string, K>();
  for (const column of columns) {
    for (const name of [column.key, ...(column.aliases ?? [])])
      byHeader.set(normaliseHeader(name), column.key);
  }
  return header.map((name) => byHeader.get(normaliseHeader(name)));
}

/** Unknown header cells first, then each column that is missing or appears more than once. */
function headerErrors<K extends string>(
  header: CsvRecord,
  headerKeys: Array<K | undefined>,
  columns: readonly CsvColumn<K>[],
): CsvRowError[] {
  const errors: CsvRowError[] = [];
  const expected = columns.map((c) => c.key).join(', ');
  header.record.forEach((name, index) => {
    if (headerKeys[index] === undefined) {
      errors.push({
        line: header.info.lines,
        field: name,
        code: 'unknown-column',
        reason: `unknown column "${name}"; expected: ${expected}`,
        detail: expected,
        params: { kind: 'unknownColumn', column: name, expected },
      });
    }
  });
  for (const column of columns) {
    const count = headerKeys.filter((key) => key === column.key).length;
    if (column.required && count === 0) {
      errors.push({
        line: header.info.lines,
        field: column.key,
        code: 'missing-column',
        reason: `the column "${column.key}" is missing`,
        params: { kind: 'missingColumn', column: column.key },
      });
    }
    if (count > 1) {
      errors.push({
        line: header.info.lines,
        field: column.key,
        code: 'duplicate',
        reason: `the column "${column.key}" appears ${count} times`,
        params: { kind: 'duplicateColumn', column: column.key, count },
      });
    }
  }
  return errors;
}

/** The data rows keyed by column; a row with the wrong field count becomes an error in `errors`. */
function tableRows<K extends string>(
  body: CsvRecord[],
  fieldCount: number,
  headerKeys: Array<K | undefined>,
  errors: CsvRowError[],
): CsvTableRow<K>[] {
  const rows: CsvTableRow<K>[] = [];
  for (const { record, info } of body) {
    // csv-parse reports the line a record ENDS on; quoted line breaks move the start up.
    const line = info.lines - record.reduce((sum, value) => sum + (value.match(/\n/g)?.length ?? 0), 0);
    if (record.length !== fieldCount) {
      errors.push({
        line,
        field: '(row)',
        code: 'field-count',
        reason: `expected ${fieldCount} fields, got ${record.length}`,
        detail: `${fieldCount}/${record.length}`,
        params: { kind: 'fieldCount', expected: fieldCount, actual: record.length },
      });
      continue;
    }
    const values: Partial<Record<K, string>> = {};
    record.forEach((value, index) => {
      const key = headerKeys[index];
      if (key !== undefined && value !== '') values[key] = unsafeCsvCell(value);
    });
    rows.push({ line, values });
  }
  return rows;
}

/** Every zod issue of one row as a row error (field = the column key, falls back to "(row)"). */
export function zodRowErrors(line: number, error: z.ZodError): CsvRowError[] {
  return error.issues.map((zodIssue) => {
    const field = zodIssue.path.length > 0 ? zodIssue.path.map(String).join('.') : '(row)';
    const issue = { ...validationIssueOf(zodIssue), field };
    const missing = zodIssue.code === 'invalid_type' && (zodIssue as { input?: unknown }).input === undefined;
    return missing
      ? { line, field, code: 'required' as const, reason: 'a value is required', issue }
      : { line, field, code: 'invalid' as const, reason: zodIssue.message, detail: zodIssue.message, issue };
  });
}

/** CSV text with a header line, `,` separated, every row in `keys` order (blank for absent values). */
/**
 * A cell a spreadsheet would run as a formula (starting with =, +, -, @, a tab or a carriage
 * return; a plain negative number excepted) is written with a leading apostrophe, so it is shown
 * as text. Every CSV the bot writes goes through this; the reader takes the apostrophe off again.
 */
export function safeCsvCell(value: string): string {
  return /^[=+\-@\t\r]/.test(value) && !/^-?\d+$/.test(value) ? `'${value}` : value;
}

/** The inverse of safeCsvCell, so an exported file reads back unchanged. */
function unsafeCsvCell(value: string): string {
  return /^'[=+\-@\t\r]/.test(value) && !/^'-?\d+$/.test(value) ? value.slice(1) : value;
}

export function toCsv<K extends string>(
  keys: readonly K[],
  rows: Array<Partial<Record<K, string | number | undefined>>>,
): string {
  return stringify(
    rows.map((row) => keys.map((key) => (row[key] === undefined ? '' : safeCsvCell(String(row[key]))))),
    { header: true, columns: keys as unknown as string[] },
  );
}

/** Sorted by line, then field: the order a person fixes a file in. */
export function sortErrors(errors: CsvRowError[]): CsvRowError[] {
  return [...errors].sort((a, b) => a.line - b.line || a.field.localeCompare(b.field));
}

/** One line per error, for the CLI: "line 4, termStart: expected a date YYYY-MM-DD". */
export function formatCsvError(error: CsvRowError): string {
  return `line ${error.line}, ${error.field}: ${error.reason}`;
}
