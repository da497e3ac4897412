/**
 * The municipality register as a service: lookups for the K98 spread and the buffet-price frame,
 * and the CSV import (with a dry-run that reports every bad row) and export.
 *
 * CSV columns (header names in Danish or English):
 *   code (kommunekode), name (navn), citizens (indbyggere), k98Group (k98, k98gruppe)
 */
import { z } from 'zod';
import type { Clock } from '../../domain/clock';
import {
  MAX_BATCH_OPERATIONS,
  municipalitySchema,
  type Municipality,
  type MunicipalityRepository,
} from './municipalities-repository';
import type { AuditLog } from '../../domain/ports';
import { parseCitizensCsv, type CitizensFigure, type CitizensProblem } from './citizens-upload';
import {
  parseCsvTable,
  sortErrors,
  toCsv,
  zodRowErrors,
  type CsvColumn,
  type CsvRowError,
} from '../../platform/csv/csv-table';

export type { Municipality } from './municipalities-repository';

export const MUNICIPALITY_CSV_COLUMNS = [
  { key: 'code', aliases: ['kommunekode', 'kode', 'municipalityCode'], required: true },
  { key: 'name', aliases: ['navn', 'kommune'], required: true },
  { key: 'citizens', aliases: ['indbyggere', 'borgere', 'population'], required: true },
  { key: 'k98Group', aliases: ['k98', 'k98gruppe', 'k98 group'], required: true },
] as const satisfies readonly CsvColumn[];

type MunicipalityColumn = (typeof MUNICIPALITY_CSV_COLUMNS)[number]['key'];

/** Citizens may be written with Danish thousands separators ("1.234" or "1 234"). */
const citizensFromCsv = z
  .string({ error: 'expected a whole number of citizens' })
  .transform((value) => value.replace(/[.\s ]/g, ''))
  .pipe(
    z.string().regex(/^\d+$/, { error: 'expected a whole number of citizens, 0 or more' }).transform(Number),
  );

const municipalityRowSchema = z.object({
  code: z
    .string({ error: 'a value is required' })
    .regex(/^\d{3}$/, { error: 'expected a three-digit municipality code' }),
  name: z.string({ error: 'a value is required' }).min(1),
  citizens: citizensFromCsv,
  k98Group: z.string({ error: 'a value is required' }).min(1),
});

export interface CitizensReport {
  dryRun: boolean;
  ok: boolean;
  problems: CitizensProblem[];
  /** The valid figures (what was or would be written). */
  figures: CitizensFigure[];
  quarter?: string;
  /** How many municipalities the register has (the figures cover `figures.length` of them). */
  registered: number;
  written: number;
}

export interface ImportReport<T> {
  dryRun: boolean;
  /** True when nothing was wrong (and, unless dry-run, everything was written). */
  ok: boolean;
  errors: CsvRowError[];
  /** The valid rows (what was or would be written). */
  accepted: T[];
  written: number;
}

/** Maximum size of a municipality CSV (98 rows are ~4 KB). */
export const MAX_MUNICIPALITY_CSV_CHARS = 200_000;

export class MunicipalityService {
  constructor(
    private readonly repository: MunicipalityRepository,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  list(): Promise<Municipality[]> {
    return this.repository.list();
  }

  get(code: string): Promise<Municipality | undefined> {
    return this.repository.get(code);
  }

  /** code -> K98 group, the shape `k98Spread` takes. */
  async k98ByCode(): Promise<Record<string, string>> {
    return Object.fromEntries((await this.repository.list()).map((m) => [m.code, m.k98Group]));
  }

  /** The distinct K98 groups in the register, sorted. */
  async k98Groups(): Promise<string[]> {
    return [...new Set((await this.repository.list()).map((m) => m.k98Group))].sort((a, b) =>
      a.localeCompare(b, 'da'),
    );
  }

  /** Citizens of the given municipalities, or of all when no codes are given (the buffet-price frame). */
  async citizens(codes?: string[]): Promise<number> {
    const all = await this.repository.list();
    const wanted = codes ? new Set(codes) : undefined;
    return all.filter((m) => !wanted || wanted.has(m.code)).reduce((sum, m) => sum + (m.citizens ?? 0), 0);
  }

  /**
   * The yearly citizens figures (FOLK1A as Statistics Denmark exports it) onto the register: every
   * line checked, every problem reported at once, nothing written unless all are fine and
   * `dryRun` is false. Only citizens and their quarter change; the audit log records who and when.
   */
  async importCitizens(text: string, options: { dryRun: boolean; actorId: string }): Promise<CitizensReport> {
    const register = await this.repository.list();
    const { figures, quarter, problems } = parseCitizensCsv(text, register);
    const report: CitizensReport = {
      dryRun: options.dryRun,
      ok: problems.length === 0,
      problems,
      figures,
      ...(quarter ? { quarter } : {}),
      registered: register.length,
      written: 0,
    };
    if (!report.ok || options.dryRun) return report;
    await this.repository.saveCitizens(figures);
    await this.audit.append({
      at: this.clock.now().toISOString(),
      actorId: options.actorId,
      action: 'municipalities.citizens-uploaded',
      subject: 'register:municipalities',
      details: { count: figures.length, quarter: quarter ?? '', codes: figures.map((m) => m.code) },
    });
    return { ...report, written: figures.length };
  }

  /** Validates every row; writes nothing unless all are valid and `dryRun` is false. */
  async importCsv(
    text: string,
    options: { dryRun: boolean; actorId: string },
  ): Promise<ImportReport<Municipality>> {
    const { accepted, errors } = parseMunicipalityCsv(text);
    const report: ImportReport<Municipality> = {
      dryRun: options.dryRun,
      ok: errors.length === 0,
      errors,
      accepted,
      written: 0,
    };
    if (!report.ok || options.dryRun) return report;
    await this.repository.saveAll(accepted);
    await this.audit.append({
      at: this.clock.now().toISOString(),
      actorId: options.actorId,
      action: 'municipalities.imported',
      subject: 'register:municipalities',
      details: { count: accepted.length, codes: accepted.map((m) => m.code) },
    });
    return { ...report, written: accepted.length };
  }

  async exportCsv(): Promise<string> {
    return toCsv(
      MUNICIPALITY_CSV_COLUMNS.map((c) => c.key),
      await this.repository.list(),
    );
  }
}

/** Pure: the rows of a municipality CSV and every problem with them. */
export function parseMunicipalityCsv(text: string): { accepted: Municipality[]; errors: CsvRowError[] } {
  const table = parseCsvTable<MunicipalityColumn>(text, MUNICIPALITY_CSV_COLUMNS, {
    maxChars: MAX_MUNICIPALITY_CSV_CHARS,
  });
  const errors = [...table.errors];
  const accepted: Municipality[] = [];
  const firstLineOfCode = new Map<string, number>();
  for (const row of table.rows) {
    const parsed = municipalityRowSchema.safeParse(row.values);
    if (!parsed.success) {
      errors.push(...zodRowErrors(row.line, parsed.error));
      continue;
    }
    const municipality = municipalitySchema.parse(parsed.data);
    const first = firstLineOfCode.get(municipality.code);
    if (first !== undefined) {
      errors.push({
        line: row.line,
        field: 'code',
        code: 'duplicate',
        reason: `municipality ${municipality.code} is already on line ${first}`,
        detail: String(first),
        params: { kind: 'duplicateMunicipality', code: municipality.code, firstLine: first },
      });
      continue;
    }
    firstLineOfCode.set(municipality.code, row.line);
    accepted.push(municipality);
  }
  if (accepted.length > MAX_BATCH_OPERATIONS) {
    errors.push({
      line: 0,
      field: '(file)',
      code: 'batch-too-large',
      reason: `at most ${MAX_BATCH_OPERATIONS} municipalities per import`,
      detail: String(MAX_BATCH_OPERATIONS),
      params: { kind: 'municipalityBatchTooLarge', max: MAX_BATCH_OPERATIONS },
    });
  }
  return { accepted, errors: sortErrors(errors) };
}
