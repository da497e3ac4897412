/**
 * The member register as CSV: one row per membership, with the person's details repeated.
 *
 * Columns (Danish or English header names; `,` or `;` separated):
 *   entraId      Entra object id of the person (the key)            (entra id, objectId, personId)
 *   name         full name                                           (navn)
 *   email        e-mail, optional                                    (e-mail, mail)
 *   organisation municipality | KL | UDK | KOMBIT (kommune accepted) (organisationstype, org)
 *   municipalityCode  three digits, required for a municipality      (kommunekode)
 *   organisationName  optional; for a municipality the register's name is used when blank
 *   groupId      the group's id, e.g. steering                       (gruppe, group)
 *   role         member | chair | secretariat (medlem, formand, sekretariat); blank = member
 *   termStart    YYYY-MM-DD, first day                               (periodestart, start)
 *   plannedEnd   YYYY-MM-DD, planned (exclusive) end, optional       (planlagt slut)
 *   endedOn      YYYY-MM-DD, the day the person left, optional       (fratraadt, ophoert)
 *
 * This module is pure: it turns text into validated rows and rows into text; the checks that need
 * the store (groups, municipalities, existing memberships) get that data as arguments.
 */
import { z } from 'zod';
import type { Group, Membership, Organisation, Person } from '../../domain/model';
import type { Municipality } from '../municipalities';
import {
  parseCsvTable,
  sortErrors,
  toCsv,
  zodRowErrors,
  type CsvColumn,
  type CsvRowError,
} from '../../platform/csv/csv-table';

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

const date = z.iso.date({ error: 'expected a date YYYY-MM-DD' });
const required = { error: 'a value is required' };

const organisationKinds: Record<string, Organisation['kind']> = {
  municipality: 'municipality',
  kommune: 'municipality',
  kl: 'KL',
  udk: 'UDK',
  kombit: 'KOMBIT',
};
const roles: Record<string, Membership['role']> = {
  member: 'member',
  medlem: 'member',
  chair: 'chair',
  formand: 'chair',
  secretariat: 'secretariat',
  sekretariat: 'secretariat',
};

const memberRowSchema = z
  .object({
    entraId: z.string(required).regex(/^\S+$/, { error: 'expected an id without spaces' }),
    name: z.string(required).min(1),
    email: z.email({ error: 'expected an e-mail address' }).optional(),
    organisation: z.string(required).transform((value, ctx) => {
      const kind = organisationKinds[value.toLowerCase()];
      if (!kind) {
        ctx.addIssue({
          code: 'custom',
          message: 'expected one of municipality, KL, UDK, KOMBIT',
          params: { code: 'invalid_value', values: ['municipality', 'KL', 'UDK', 'KOMBIT'] },
        });
        return z.NEVER;
      }
      return kind;
    }),
    municipalityCode: z
      .string()
      .regex(/^\d{3}$/, { error: 'expected a three-digit municipality code' })
      .optional(),
    organisationName: z.string().optional(),
    groupId: z.string(required).min(1),
    role: z
      .string()
      .optional()
      .transform((value, ctx) => {
        if (value === undefined) return 'member' as const;
        const role = roles[value.toLowerCase()];
        if (!role) {
          ctx.addIssue({
            code: 'custom',
            message: 'expected one of member, chair, secretariat',
            params: { code: 'invalid_value', values: ['member', 'chair', 'secretariat'] },
          });
          return z.NEVER;
        }
        return role;
      }),
    termStart: date,
    plannedEnd: date.optional(),
    endedOn: date.optional(),
  })
  .superRefine((row, ctx) => {
    if (row.organisation === 'municipality' && row.municipalityCode === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['municipalityCode'],
        message: 'required for a municipality',
        params: { code: 'required' },
      });
    }
    if (row.plannedEnd !== undefined && row.plannedEnd <= row.termStart) {
      ctx.addIssue({
        code: 'custom',
        path: ['plannedEnd'],
        message: `must be after termStart ${row.termStart}`,
        params: { code: 'too_small', origin: 'date', limit: row.termStart, inclusive: false },
      });
    }
    if (row.endedOn !== undefined && row.endedOn < row.termStart) {
      ctx.addIssue({
        code: 'custom',
        path: ['endedOn'],
        message: `must not be before termStart ${row.termStart}`,
        params: { code: 'too_small', origin: 'date', limit: row.termStart, inclusive: true },
      });
    }
  });

type ValidRow = z.output<typeof memberRowSchema>;

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
}

const membershipKey = (m: Pick<Membership, 'personId' | 'groupId' | 'termStart'>) =>
  `${m.groupId}|${m.personId}|${m.termStart}`;

function errorsFromSchema(line: number, error: z.ZodError): CsvRowError[] {
  return zodRowErrors(line, error).map((e) =>
    e.code === 'invalid' &&
    (e.field === 'plannedEnd' || e.field === 'endedOn') &&
    e.reason.includes('termStart')
      ? { ...e, code: 'date-order' as const }
      : e,
  );
}

/** Validates every row of a member CSV against itself and the given context; nothing is written. */
export function parseMemberCsv(
  text: string,
  context: MemberCsvContext,
): { rows: MemberImportRow[]; errors: CsvRowError[] } {
  const table = parseCsvTable<MemberColumn>(text, MEMBER_CSV_COLUMNS, { maxChars: context.maxChars });
  const errors = [...table.errors];
  const groups = new Map(context.groups.map((g) => [g.id, g]));
  const municipalities = new Map(context.municipalities.map((m) => [m.code, m]));
  const rows: MemberImportRow[] = [];
  const lineOfKey = new Map<string, number>();
  const personOfId = new Map<string, { line: number; person: Person }>();

  for (const { line, values } of table.rows) {
    // The checks against the register run on the raw values too, so one pass reports everything.
    const contextErrors: CsvRowError[] = [];
    if (values.groupId !== undefined && !groups.has(values.groupId)) {
      contextErrors.push({
        line,
        field: 'groupId',
        code: 'unknown-group',
        reason: `no group "${values.groupId}"; known: ${[...groups.keys()].join(', ')}`,
        detail: values.groupId,
        params: { kind: 'unknownGroup', group: values.groupId, known: [...groups.keys()].join(', ') },
      });
    }
    const isMunicipality = organisationKinds[values.organisation?.toLowerCase() ?? ''] === 'municipality';
    const code = values.municipalityCode;
    if (
      isMunicipality &&
      code !== undefined &&
      /^\d{3}$/.test(code) &&
      values.organisationName === undefined &&
      !municipalities.has(code)
    ) {
      contextErrors.push({
        line,
        field: 'municipalityCode',
        code: 'unknown-municipality',
        reason: `municipality ${code} is not in the municipality register (import it first, or give organisationName)`,
        detail: code,
        params: { kind: 'unknownMunicipality', code },
      });
    }
    const parsed = memberRowSchema.safeParse(values);
    if (!parsed.success) {
      errors.push(...contextErrors, ...errorsFromSchema(line, parsed.error));
      continue;
    }
    const row: ValidRow = parsed.data;
    const rowErrors: CsvRowError[] = [...contextErrors];
    const organisationName =
      row.organisationName ??
      (row.organisation === 'municipality'
        ? municipalities.get(row.municipalityCode!)?.name
        : row.organisation);

    const key = membershipKey({ personId: row.entraId, groupId: row.groupId, termStart: row.termStart });
    const firstLine = lineOfKey.get(key);
    if (firstLine !== undefined) {
      rowErrors.push({
        line,
        field: 'termStart',
        code: 'duplicate',
        reason: `the same membership (person, group, termStart) is already on line ${firstLine}`,
        detail: String(firstLine),
        params: { kind: 'duplicateMembership', firstLine },
      });
    }

    const organisation: Organisation = { kind: row.organisation, name: organisationName ?? row.organisation };
    if (row.organisation === 'municipality') organisation.municipalityCode = row.municipalityCode;
    const person: Person = { id: row.entraId, name: row.name, organisation };
    if (row.email !== undefined) person.email = row.email;
    const earlier = personOfId.get(row.entraId);
    if (earlier) {
      for (const [field, a, b] of [
        ['name', earlier.person.name, person.name],
        ['email', earlier.person.email, person.email],
        ['organisation', earlier.person.organisation.kind, person.organisation.kind],
        [
          'municipalityCode',
          earlier.person.organisation.municipalityCode,
          person.organisation.municipalityCode,
        ],
      ] as const) {
        if (a !== b) {
          rowErrors.push({
            line,
            field,
            code: 'conflict',
            reason: `differs from line ${earlier.line} for the same person ("${b ?? ''}" vs "${a ?? ''}")`,
            detail: String(earlier.line),
            params: { kind: 'conflict', firstLine: earlier.line, value: b ?? '', earlier: a ?? '' },
          });
        }
      }
    }
    if (rowErrors.length > 0) {
      errors.push(...rowErrors);
      continue;
    }
    lineOfKey.set(key, line);
    personOfId.set(row.entraId, { line, person });
    const membership: Membership = {
      personId: row.entraId,
      groupId: row.groupId,
      role: row.role,
      termStart: row.termStart,
    };
    if (row.plannedEnd !== undefined) membership.plannedEnd = row.plannedEnd;
    if (row.endedOn !== undefined) membership.endedOn = row.endedOn;
    rows.push({ line, person, membership });
  }

  errors.push(...overlapErrors(rows, context.existing));
  const perGroup = new Map<string, number>();
  for (const { membership } of rows)
    perGroup.set(membership.groupId, (perGroup.get(membership.groupId) ?? 0) + 1);
  for (const [groupId, count] of perGroup) {
    if (count > MAX_MEMBERSHIPS_PER_GROUP_IMPORT) {
      errors.push({
        line: 0,
        field: 'groupId',
        code: 'batch-too-large',
        reason: `${count} memberships of ${groupId}; at most ${MAX_MEMBERSHIPS_PER_GROUP_IMPORT} per group and import`,
        detail: groupId,
        params: { kind: 'groupBatchTooLarge', group: groupId, count, max: MAX_MEMBERSHIPS_PER_GROUP_IMPORT },
      });
    }
  }
  return { rows, errors: sortErrors(errors) };
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
      const previousEnd = previous.membership.endedOn;
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
