/**
 * The member register as CSV: one row per membership, with the person's details repeated.
 *
 * Columns (Danish or English header names; `,` or `;` separated):
 *   entraId      Entra object id of the person (the key)            (entra id, objectId, personId)
 *   name         full name                                           (navn)
 *   email        e-mail, optional                                    (e-mail, mail)
 *   organisation municipality (kommune) or an organisation id the governance file lists (org)
 *   municipalityCode  three digits, required for a municipality      (kommunekode)
 *   organisationName  optional; for a municipality the register's name is used when blank
 *   groupId      the group's id, e.g. steering                       (gruppe, group)
 *   role         member | chair | secretariat (medlem, formand, sekretariat); blank = member
 *   termStart    YYYY-MM-DD, first day                               (periodestart, start)
 *   plannedEnd   YYYY-MM-DD, planned (exclusive) end, optional       (planlagt slut)
 *   endedOn      YYYY-MM-DD, the day the person left, optional       (fratraadt, ophoert)
 *
 * This module is pure: it turns text into validated rows and rows into text; the checks that need
 * the store (groups, municipalities, existing memberships) get that data as arguments. A row's own
 * checks are in member-csv-row.ts; here the rows meet each other and the register.
 */
import type { Group, Membership, Organisation, Person } from '../../domain/model';
import type { Municipality } from '../municipalities';
import {
  parseCsvTable,
  sortErrors,
  toCsv,
  type CsvColumn,
  type CsvRowError,
  type CsvTableRow,
} from '../../platform/csv/csv-table';
import { errorsFromSchema, memberRowSchema, organisationKindOf, type ValidRow } from './member-csv-row';

export const MEMBER_CSV_COLUMNS = [
  { key: 'entraId', aliases: ['entra id', 'objectId', 'personId', 'aadObjectId'], required: true },
  { key: 'name', aliases: ['navn'], required: true },
  { key: 'email', aliases: ['e-mail', 'mail'] },
  { key: 'organisation', aliases: ['organisationstype', 'org', 'organisation kind'], required: true },
  { key: 'municipalityCode', aliases: ['kommunekode'] },
  { key: 'organisationName', aliases: ['organisationsnavn'] },
  { key: 'groupId', aliases: ['gruppe', 'group'], required: true },
  { key: 'role', aliases: ['rolle'] },
  { key: 'termStart', aliases: ['periodestart', 'start'], required: true },
  { key: 'plannedEnd', aliases: ['planlagt slut', 'planlagtslut', 'slut'] },
  { key: 'endedOn', aliases: ['fratraadt', 'fratrådt', 'ophoert', 'ophørt'] },
] as const satisfies readonly CsvColumn[];

export type MemberColumn = (typeof MEMBER_CSV_COLUMNS)[number]['key'];

/** A pasted CSV in a card must fit an invoke payload comfortably. */
export const MAX_MEMBER_CSV_PASTE_CHARS = 20_000;
/** A file given to the CLI. */
export const MAX_MEMBER_CSV_FILE_CHARS = 5_000_000;
/** Cosmos DB's transactional batch limit, per group partition. */
export const MAX_MEMBERSHIPS_PER_GROUP_IMPORT = 100;

export interface MemberImportRow {
  line: number;
  person: Person;
  membership: Membership;
}

export interface MemberCsvContext {
  groups: Group[];
  municipalities: Municipality[];
  /** Memberships already stored (to find overlaps with rows that do not replace them). */
  existing: Membership[];
  maxChars: number;
  /** The ids of the organisations the governance file lists (governanceOrganisations), besides the municipal kind. */
  organisationIds: readonly string[];
}

const membershipKey = (m: Pick<Membership, 'personId' | 'groupId' | 'termStart'>) =>
  `${m.groupId}|${m.personId}|${m.termStart}`;

/** The register the rows are checked against, by key. */
interface Register {
  groups: Map<string, Group>;
  municipalities: Map<string, Municipality>;
  organisationIds: readonly string[];
  rowSchema: ReturnType<typeof memberRowSchema>;
}

/** What the rows before this one hold: each membership's line and each person's first line. */
interface SeenRows {
  lineOfKey: Map<string, number>;
  personOfId: Map<string, { line: number; person: Person }>;
}

type RowValues = CsvTableRow<MemberColumn>['values'];

/** Validates every row of a member CSV against itself and the given context; nothing is written. */
export function parseMemberCsv(
  text: string,
  context: MemberCsvContext,
): { rows: MemberImportRow[]; errors: CsvRowError[] } {
  const table = parseCsvTable<MemberColumn>(text, MEMBER_CSV_COLUMNS, { maxChars: context.maxChars });
  const errors = [...table.errors];
  const register: Register = {
    groups: new Map(context.groups.map((g) => [g.id, g])),
    municipalities: new Map(context.municipalities.map((m) => [m.code, m])),
    organisationIds: context.organisationIds,
    rowSchema: memberRowSchema(context.organisationIds),
  };
  const seen: SeenRows = { lineOfKey: new Map(), personOfId: new Map() };
  const rows: MemberImportRow[] = [];
  for (const { line, values } of table.rows) {
    const checked = checkRow(line, values, register, seen);
    if ('errors' in checked) errors.push(...checked.errors);
    else rows.push(checked.row);
  }
  errors.push(...overlapErrors(rows, context.existing), ...batchErrors(rows));
  return { rows, errors: sortErrors(errors) };
}

/** One row: its errors, or the person and membership it holds (then remembered for the next rows). */
function checkRow(
  line: number,
  values: RowValues,
  register: Register,
  seen: SeenRows,
): { errors: CsvRowError[] } | { row: MemberImportRow } {
  // The checks against the register run on the raw values too, so one pass reports everything.
  const contextErrors = registerErrors(line, values, register);
  const parsed = register.rowSchema.safeParse(values);
  if (!parsed.success) return { errors: [...contextErrors, ...errorsFromSchema(line, parsed.error)] };
  const row: ValidRow = parsed.data;
  const person = personOf(row, register.municipalities);
  const key = membershipKey({ personId: row.entraId, groupId: row.groupId, termStart: row.termStart });
  const rowErrors = [
    ...contextErrors,
    ...duplicateErrors(line, seen.lineOfKey.get(key)),
    ...conflictErrors(line, seen.personOfId.get(row.entraId), person),
  ];
  if (rowErrors.length > 0) return { errors: rowErrors };
  seen.lineOfKey.set(key, line);
  seen.personOfId.set(row.entraId, { line, person });
  return { row: { line, person, membership: membershipOf(row, person.organisation) } };
}

/** An unknown group, and a municipality missing from the register (unless the row names it). */
function registerErrors(line: number, values: RowValues, register: Register): CsvRowError[] {
  const errors: CsvRowError[] = [];
  const known = [...register.groups.keys()].join(', ');
  if (values.groupId !== undefined && !register.groups.has(values.groupId)) {
    errors.push({
      line,
      field: 'groupId',
      code: 'unknown-group',
      reason: `no group "${values.groupId}"; known: ${known}`,
      detail: values.groupId,
      params: { kind: 'unknownGroup', group: values.groupId, known },
    });
  }
  const isMunicipality = organisationKindOf(values.organisation, register.organisationIds) === 'municipality';
  const code = values.municipalityCode;
  if (
    isMunicipality &&
    code !== undefined &&
    /^\d{3}$/.test(code) &&
    values.organisationName === undefined &&
    !register.municipalities.has(code)
  ) {
    errors.push({
      line,
      field: 'municipalityCode',
      code: 'unknown-municipality',
      reason: `municipality ${code} is not in the municipality register (import it first, or give organisationName)`,
      detail: code,
      params: { kind: 'unknownMunicipality', code },
    });
  }
  return errors;
}

/** The row's person; a municipality's name comes from the register when the row gives none. */
function personOf(row: ValidRow, municipalities: Map<string, Municipality>): Person {
  const organisationName =
    row.organisationName ??
    (row.organisation === 'municipality'
      ? municipalities.get(row.municipalityCode!)?.name
      : row.organisation);
  const organisation: Organisation = { kind: row.organisation, name: organisationName ?? row.organisation };
  if (row.organisation === 'municipality') organisation.municipalityCode = row.municipalityCode;
  const person: Person = { id: row.entraId, name: row.name, organisation };
  if (row.email !== undefined) person.email = row.email;
  return person;
}

/** The row's membership, for the row's organisation (kept per membership, issue 26.9). */
function membershipOf(row: ValidRow, organisation: Organisation): Membership {
  const membership: Membership = {
    personId: row.entraId,
    groupId: row.groupId,
    role: row.role,
    termStart: row.termStart,
    organisation,
  };
  if (row.plannedEnd !== undefined) membership.plannedEnd = row.plannedEnd;
  if (row.endedOn !== undefined) membership.endedOn = row.endedOn;
  return membership;
}

/** The same membership (person, group, start) on an earlier line. */
function duplicateErrors(line: number, firstLine: number | undefined): CsvRowError[] {
  if (firstLine === undefined) return [];
  return [
    {
      line,
      field: 'termStart',
      code: 'duplicate',
      reason: `the same membership (person, group, termStart) is already on line ${firstLine}`,
      detail: String(firstLine),
      params: { kind: 'duplicateMembership', firstLine },
    },
  ];
}

/** The person's details differ from those on the person's first line. */
function conflictErrors(
  line: number,
  earlier: { line: number; person: Person } | undefined,
  person: Person,
): CsvRowError[] {
  if (!earlier) return [];
  const fields = [
    ['name', earlier.person.name, person.name],
    ['email', earlier.person.email, person.email],
    ['organisation', earlier.person.organisation.kind, person.organisation.kind],
    ['municipalityCode', earlier.person.organisation.municipalityCode, person.organisation.municipalityCode],
  ] as const;
  return fields
    .filter(([, a, b]) => a !== b)
    .map(([field, a, b]) => ({
      line,
      field,
      code: 'conflict' as const,
      reason: `differs from line ${earlier.line} for the same person ("${b ?? ''}" vs "${a ?? ''}")`,
      detail: String(earlier.line),
      params: { kind: 'conflict' as const, firstLine: earlier.line, value: b ?? '', earlier: a ?? '' },
    }));
}

/** A group with more memberships than one transactional batch takes. */
function batchErrors(rows: MemberImportRow[]): CsvRowError[] {
  const perGroup = new Map<string, number>();
  for (const { membership } of rows)
    perGroup.set(membership.groupId, (perGroup.get(membership.groupId) ?? 0) + 1);
  return [...perGroup]
    .filter(([, count]) => count > MAX_MEMBERSHIPS_PER_GROUP_IMPORT)
    .map(([groupId, count]) => ({
      line: 0,
      field: 'groupId',
      code: 'batch-too-large' as const,
      reason: `${count} memberships of ${groupId}; at most ${MAX_MEMBERSHIPS_PER_GROUP_IMPORT} per group and import`,
      detail: groupId,
      params: {
        kind: 'groupBatchTooLarge' as const,
        group: groupId,
        count,
        max: MAX_MEMBERSHIPS_PER_GROUP_IMPORT,
      },
    }));
}

/** Two memberships of one person in one group may not overlap (the file's rows replace stored ones with the same key). */
function overlapErrors(rows: MemberImportRow[], existing: Membership[]): CsvRowError[] {
  const inFile = new Set(rows.map((r) => membershipKey(r.membership)));
  const periods = [
    ...existing
      .filter((m) => !inFile.has(membershipKey(m)))
      .map((membership) => ({ membership, line: undefined as number | undefined })),
    ...rows.map((r) => ({ membership: r.membership, line: r.line as number | undefined })),
  ];
  const byPersonGroup = new Map<string, typeof periods>();
  for (const period of periods) {
    const key = `${period.membership.groupId}|${period.membership.personId}`;
    byPersonGroup.set(key, [...(byPersonGroup.get(key) ?? []), period]);
  }
  const errors: CsvRowError[] = [];
  for (const list of byPersonGroup.values()) {
    list.sort((a, b) => a.membership.termStart.localeCompare(b.membership.termStart));
    for (let i = 1; i < list.length; i++) {
      const previous = list[i - 1]!;
      const current = list[i]!;
      // A term ends when it was ended, else on its planned end (a further term may follow it).
      const previousEnd = previous.membership.endedOn ?? previous.membership.plannedEnd;
      if (previousEnd === undefined || previousEnd > current.membership.termStart) {
        const line = current.line ?? previous.line!;
        errors.push({
          line,
          field: 'termStart',
          code: 'overlap',
          reason: `overlaps the membership from ${previous.membership.termStart}${previousEnd ? ` to ${previousEnd}` : ' (not ended)'} of the same person in ${current.membership.groupId}`,
          detail: previous.membership.termStart,
          params: previousEnd
            ? {
                kind: 'overlap',
                from: previous.membership.termStart,
                to: previousEnd,
                group: current.membership.groupId,
              }
            : { kind: 'overlapOpen', from: previous.membership.termStart, group: current.membership.groupId },
        });
      }
    }
  }
  return errors;
}

/** The CSV of these memberships (sorted by group, start, person); the import reads it back unchanged. */
export function memberCsv(entries: Array<{ person: Person; membership: Membership }>): string {
  const sorted = [...entries].sort(
    (a, b) =>
      a.membership.groupId.localeCompare(b.membership.groupId) ||
      a.membership.termStart.localeCompare(b.membership.termStart) ||
      a.person.id.localeCompare(b.person.id),
  );
  return toCsv(
    MEMBER_CSV_COLUMNS.map((c) => c.key),
    sorted.map(({ person, membership }) => ({
      entraId: person.id,
      name: person.name,
      email: person.email,
      organisation: person.organisation.kind,
      municipalityCode: person.organisation.municipalityCode,
      organisationName: person.organisation.name,
      groupId: membership.groupId,
      role: membership.role,
      termStart: membership.termStart,
      plannedEnd: membership.plannedEnd,
      endedOn: membership.endedOn,
    })),
  );
}
