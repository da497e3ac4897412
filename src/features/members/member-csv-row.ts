/**
 * One row of the member CSV on its own: the column values checked and read as typed values
 * (organisation kinds and roles in Danish or English, dates, the date order). The checks against
 * the rest of the file and the register are in members-csv.ts.
 */
import { z } from 'zod';
import type { Membership, Organisation } from '../../domain/model';
import { zodRowErrors, type CsvRowError } from '../../platform/csv/csv-table';

const date = z.iso.date({ error: 'expected a date YYYY-MM-DD' });
const required = { error: 'a value is required' };

/** Organisation kinds as a CSV may spell them (lower-cased). */
export const organisationKinds: Record<string, Organisation['kind']> = {
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

export const memberRowSchema = z
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

export type ValidRow = z.output<typeof memberRowSchema>;

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
