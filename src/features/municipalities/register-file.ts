/**
 * The shipped municipality register (config/municipalities.csv): the 98 municipalities with their
 * code, name, region and K98 group, public facts that have not changed since the 2007 reform. It
 * is read and validated once at start-up and seeded into the store, so municipal members can be
 * appointed on a fresh install without any import. A broken file stops the start, naming the line.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import {
  municipalitySchema,
  type Municipality,
  type MunicipalityRepository,
} from './municipalities-repository';

/** Where the shipped register lives, relative to the project root. */
export const MUNICIPALITY_REGISTER_FILE = join('config', 'municipalities.csv');

export const REGIONS = ['Hovedstaden', 'Sjælland', 'Syddanmark', 'Midtjylland', 'Nordjylland'] as const;

/** Danmarks Statistik's five municipality groups (Kommunegrupper v1:2018), the K98 groups here. */
export const K98_GROUPS = [
  'Hovedstadskommuner',
  'Storbykommuner',
  'Provinsbykommuner',
  'Oplandskommuner',
  'Landkommuner',
] as const;

const shippedRowSchema = z.object({
  kode: z.string().regex(/^\d{3}$/, { error: 'expected a three-digit municipality code' }),
  navn: z.string().trim().min(1),
  region: z.enum(REGIONS),
  k98gruppe: z.enum(K98_GROUPS),
});

/** The register's rows from the file's text; throws naming every bad line. */
export function parseMunicipalityRegister(text: string): Municipality[] {
  const records = parse(text, {
    delimiter: ';',
    columns: true,
    comment: '#',
    skip_empty_lines: true,
    trim: true,
    bom: true,
    info: true,
  }) as Array<{ record: Record<string, string>; info: { lines: number } }>;
  const problems: string[] = [];
  const rows: Municipality[] = [];
  const seen = new Set<string>();
  for (const { record, info } of records) {
    const parsed = shippedRowSchema.safeParse(record);
    if (!parsed.success) {
      problems.push(
        `line ${info.lines}: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`,
      );
      continue;
    }
    const { kode, navn, region, k98gruppe } = parsed.data;
    if (seen.has(kode)) problems.push(`line ${info.lines}: municipality ${kode} appears twice`);
    seen.add(kode);
    rows.push(municipalitySchema.parse({ code: kode, name: navn, region, k98Group: k98gruppe }));
  }
  if (problems.length > 0)
    throw new Error(`the municipality register file is invalid:\n${problems.join('\n')}`);
  return rows;
}

/** Reads the shipped register from the project root. */
export function loadMunicipalityRegister(projectRoot: string): Municipality[] {
  return parseMunicipalityRegister(readFileSync(join(projectRoot, MUNICIPALITY_REGISTER_FILE), 'utf8'));
}

/**
 * First-start seed (every start, idempotent): adds the shipped municipalities the store lacks and
 * a region where one is missing; a register imported or citizens uploaded earlier stay as they are.
 */
export function seedMunicipalities(
  repository: MunicipalityRepository,
  shipped: Municipality[],
): Promise<number> {
  return repository.insertMissing(shipped);
}
