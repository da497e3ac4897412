/**
 * The yearly citizens figures as Statistics Denmark exports them from Statistikbanken's table
 * FOLK1A (population on the first day of the quarter): one line per municipality with its area, the
 * quarter and the figure, semicolon- (or comma-/tab-) separated, e.g.
 *
 *   "101 København";"2026K1";644431       (code and name, the API's CodeAndValue)
 *   København;2026K1;644431                (name only; the API's default)
 *   OMRÅDE;TID;INDHOLD                     (a header line, skipped; more columns such as KØN are fine)
 *   ;"2026K1"  then  "København";644431    (Statistikbanken's table export: the quarter on top)
 *
 * Lines for the whole country, a region, a landsdel or Christiansø are skipped, as are title lines. Every line
 * naming a municipality is checked (zod) and every problem is reported at once; one quarter per
 * upload, so the budget can say which date its figures are from.
 */
import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import { QUARTER_PATTERN, type Municipality } from './municipalities-repository';

/** Maximum size of an upload (FOLK1A for 98 municipalities is ~3 KB; with regions and titles more). */
export const MAX_CITIZENS_CSV_CHARS = 100_000;

export type CitizensProblem =
  | { line: number; kind: 'tooLarge'; length: number; max: number }
  | { line: number; kind: 'malformed' }
  | { line: number; kind: 'noRows' }
  | { line: number; kind: 'unknownArea'; value: string }
  | { line: number; kind: 'badCitizens'; value: string }
  | { line: number; kind: 'noQuarter' }
  | { line: number; kind: 'mixedQuarters'; quarter: string; first: string }
  | { line: number; kind: 'duplicate'; name: string; firstLine: number };

export interface CitizensFigure {
  code: string;
  name: string;
  citizens: number;
  citizensAsOf: string;
}

export interface ParsedCitizens {
  figures: CitizensFigure[];
  /** The upload's quarter ("2026K1"), when any line had one. */
  quarter?: string;
  problems: CitizensProblem[];
}

/** One municipality's line, after the area is resolved: zod checks the figure and the quarter. */
const figureLineSchema = z.object({
  code: z.string().regex(/^\d{3}$/),
  citizens: z
    .string()
    .transform((value) => value.replace(/[.\s\u00a0]/g, ''))
    .pipe(z.string().regex(/^\d{1,7}$/))
    .transform(Number),
  quarter: z.string().regex(QUARTER_PATTERN),
});

/**
 * Areas FOLK1A lists besides the municipalities: the country, the regions, the landsdele, and
 * Christiansø (411), which belongs to no municipality. Their lines are skipped, with or without code.
 */
const NOT_A_MUNICIPALITY =
  /^(\d{3,4}\s+)?(hele landet|all denmark|i alt|total|region\b|landsdel\b|christiansø|ertholmene)/i;

/** Statistics Denmark exports with `;`; a title line may hold commas, so the whole text decides. */
function delimiterOf(text: string): string {
  if (text.includes(';')) return ';';
  if (text.includes('\t')) return '\t';
  return ',';
}

/** The register's municipality an area cell names: "101 København", "0101", "København", "Københavns Kommune". */
function resolver(register: readonly Municipality[]): (area: string) => Municipality | undefined {
  const byCode = new Map(register.map((m) => [m.code, m]));
  const byName = new Map(register.map((m) => [m.name.toLocaleLowerCase('da'), m]));
  return (area) => {
    const coded = /^0?(\d{3})(?:\s+(.*))?$/.exec(area);
    if (coded) return byCode.get(coded[1]!);
    const name = area
      .replace(/\s+(regions)?kommune$/i, '')
      .trim()
      .toLocaleLowerCase('da');
    return byName.get(name) ?? byName.get(name.replace(/s$/, ''));
  };
}

function readRecords(text: string): Array<{ cells: string[]; line: number }> | undefined {
  try {
    const records = parse(text, {
      delimiter: delimiterOf(text),
      bom: true,
      trim: true,
      skip_empty_lines: true,
      relax_column_count: true,
      relax_quotes: true,
      info: true,
    }) as Array<{ record: string[]; info: { lines: number } }>;
    return records.map(({ record, info }) => ({ cells: record, line: info.lines }));
  } catch {
    return undefined;
  }
}

interface Reading {
  figures: CitizensFigure[];
  problems: CitizensProblem[];
  firstLineOf: Map<string, number>;
  /** The quarter of a header line above (Statistikbanken's table export). */
  headerQuarter?: string;
  quarter?: string;
}

function readLine(reading: Reading, find: ReturnType<typeof resolver>, cells: string[], line: number): void {
  const filled = cells.filter((cell) => cell !== '');
  const quarterCell = cells.slice(1).find((cell) => QUARTER_PATTERN.test(cell));
  const area = cells[0] ?? '';
  const municipality = area === '' ? undefined : find(area);
  if (!municipality) {
    const last = filled[filled.length - 1] ?? '';
    if (area === '' || NOT_A_MUNICIPALITY.test(area) || !/^[\d.\s\u00a0]+$/.test(last) || filled.length < 2) {
      // A header, title or aggregate line; a header may carry the quarter of the lines below.
      if (quarterCell && area === '') reading.headerQuarter = quarterCell;
      return;
    }
    reading.problems.push({ line, kind: 'unknownArea', value: area });
    return;
  }
  const quarter = quarterCell ?? reading.headerQuarter ?? '';
  const raw = filled[filled.length - 1] ?? '';
  const parsed = figureLineSchema.safeParse({ code: municipality.code, citizens: raw, quarter });
  if (!parsed.success) {
    for (const issue of parsed.error.issues)
      reading.problems.push(
        issue.path[0] === 'quarter' ? { line, kind: 'noQuarter' } : { line, kind: 'badCitizens', value: raw },
      );
    return;
  }
  const first = reading.firstLineOf.get(municipality.code);
  if (first !== undefined) {
    reading.problems.push({ line, kind: 'duplicate', name: municipality.name, firstLine: first });
    return;
  }
  reading.firstLineOf.set(municipality.code, line);
  reading.quarter ??= parsed.data.quarter;
  if (parsed.data.quarter !== reading.quarter) {
    reading.problems.push({
      line,
      kind: 'mixedQuarters',
      quarter: parsed.data.quarter,
      first: reading.quarter,
    });
    return;
  }
  reading.figures.push({
    code: municipality.code,
    name: municipality.name,
    citizens: parsed.data.citizens,
    citizensAsOf: parsed.data.quarter,
  });
}

/** Pure: the figures of an upload against the register, and every problem with it. */
export function parseCitizensCsv(text: string, register: readonly Municipality[]): ParsedCitizens {
  if (text.length > MAX_CITIZENS_CSV_CHARS)
    return {
      figures: [],
      problems: [{ line: 0, kind: 'tooLarge', length: text.length, max: MAX_CITIZENS_CSV_CHARS }],
    };
  const records = readRecords(text);
  if (!records) return { figures: [], problems: [{ line: 0, kind: 'malformed' }] };
  const reading: Reading = { figures: [], problems: [], firstLineOf: new Map() };
  const find = resolver(register);
  for (const { cells, line } of records) readLine(reading, find, cells, line);
  if (reading.figures.length === 0 && reading.problems.length === 0)
    reading.problems.push({ line: 0, kind: 'noRows' });
  reading.problems.sort((a, b) => a.line - b.line);
  return {
    figures: reading.figures,
    ...(reading.quarter ? { quarter: reading.quarter } : {}),
    problems: reading.problems,
  };
}
