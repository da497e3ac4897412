/**
 * One row of the member CSV on its own: the column values checked and read as typed values
 * (organisation kinds as the governance file lists them, roles in Danish or English, dates, the
 * date order). The checks against
 * the rest of the file and the register are in members-csv.ts.
 */
import { z } from 'zod';
import { MUNICIPALITY } from '../../domain/governance';
import type { Membership, Organisation } from '../../domain/model';
import { zodRowErrors, type CsvRowError } from '../../platform/csv/csv-table';
import { registeredLanguages, translate } from '../../platform/i18n';
import { legacyMemberRoleNames } from '../../domain/legacy-names';

const date = z.iso.date({ error: 'expected a date YYYY-MM-DD' });
const required = { error: 'a value is required' };

/** The municipal kind as a CSV may spell it (lower-cased). */
const MUNICIPALITY_SPELLINGS = ['municipality', 'kommune'];

/**
 * The organisation kind a CSV value names, in any case: the municipal kind, or one of the
 * governance file's organisation ids (issue 23.1); undefined for anything else.
 */
export function organisationKindOf(
  value: string | undefined,
  organisationIds: readonly string[],
): Organisation['kind'] | undefined {
  const lower = value?.toLowerCase() ?? '';
  if (MUNICIPALITY_SPELLINGS.includes(lower)) return MUNICIPALITY;
  return organisationIds.find((id) => id.toLowerCase() === lower);
}

const MEMBER_ROLES = ['member', 'chair', 'staff'] as const;

/**
 * The role as a CSV file writes it: its id, its name in any catalogue (medlem, formand …) or the
 * name the first version stored (legacy-names.json).
 */
const roles: Record<string, Membership['role']> = Object.fromEntries([
  ...MEMBER_ROLES.map((role) => [role, role]),
  ...registeredLanguages.flatMap((language) =>
    MEMBER_ROLES.map((role) => [translate(language, `members.role_${role}`).toLowerCase(), role]),
  ),
  ...Object.entries(legacyMemberRoleNames),
]);

/** The role, in any language the bot speaks; blank is a member. */
const roleField = z
  .string()
  .optional()
  .transform((value, ctx) => {
    if (value === undefined) return 'member' as const;
    const role = roles[value.toLowerCase()];
    if (!role) {
      ctx.addIssue({
        code: 'custom',
        message: `expected one of ${MEMBER_ROLES.join(', ')}`,
        params: { code: 'invalid_value', values: [...MEMBER_ROLES] },
      });
      return z.NEVER;
    }
    return role;
  });

/** A row's schema, for the organisations the governance file lists (their ids, without the municipal kind). */
export function memberRowSchema(organisationIds: readonly string[]) {
  const kinds = [MUNICIPALITY, ...organisationIds];
  return z
    .object({
      entraId: z.string(required).regex(/^\S+$/, { error: 'expected an id without spaces' }),
      name: z.string(required).min(1),
      email: z.email({ error: 'expected an e-mail address' }).optional(),
      organisation: z.string(required).transform((value, ctx) => {
        const kind = organisationKindOf(value, organisationIds);
        if (!kind) {
          ctx.addIssue({
            code: 'custom',
            message: `expected one of ${kinds.join(', ')}`,
            params: { code: 'invalid_value', values: kinds },
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
      role: roleField,
      termStart: date,
      plannedEnd: date.optional(),
      endedOn: date.optional(),
    })
    .superRefine((row, ctx) => {
      if (row.organisation === MUNICIPALITY && row.municipalityCode === undefined) {
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
}

export type ValidRow = z.output<ReturnType<typeof memberRowSchema>>;

/** The schema's errors for the row; a date out of order is named as such. */
export function errorsFromSchema(line: number, error: z.ZodError): CsvRowError[] {
  return zodRowErrors(line, error).map((e) =>
    e.code === 'invalid' &&
    (e.field === 'plannedEnd' || e.field === 'endedOn') &&
    e.reason.includes('termStart')
      ? { ...e, code: 'date-order' as const }
      : e,
  );
}
