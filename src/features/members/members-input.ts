/**
 * The member commands' arguments and card actions' data as typed input. The member forms read a
 * field trimmed, and a blank or non-text one as absent, as they always have: the service then
 * names what is missing or wrong, in the user's language on the form.
 */
import { z } from 'zod';
import { currentMemberRole } from '../../domain/legacy-names';
import { MUNICIPALITY } from '../../domain/governance';
import type { MemberRole } from '../../domain/model';
import { validationIssueOf, type ValidationIssue } from '../../domain/validation-issue';
import { cardString, commandText } from '../../platform/teams/define';

/** A member form field: trimmed text, absent when blank or not text. */
const formText = z
  .string()
  .trim()
  .catch('')
  .transform((value) => (value === '' ? undefined : value));

/** A command without arguments: whatever follows its name is ignored. */
export const noArgs = commandText;

/** "expiring [days]" and "replacements [days]": up to four digits, else absent (the governance's warning period). */
export const expiringArgs = z
  .string()
  .transform((args) => (/^\d{1,4}$/.test(args) ? Number(args) : undefined));

/** A card action without data of its own. */
export const noInput = z.object({});

/** A form about a group: the card's group (else the channel's). */
export const groupInput = z.object({ groupId: formText });

/** The appointment form; a blank organisation is a municipality, a blank role a member. */
export const appointInput = z.object({
  groupId: formText,
  personId: formText,
  name: formText,
  email: formText,
  organisation: formText.transform((value) => value ?? 'municipality'),
  municipalityCode: formText,
  role: formText.transform((value) => value ?? 'member'),
  termStart: formText,
  plannedEnd: formText,
});

/** The person step of the appointment form: a person picked (their object id), or a new one's name and e-mail. */
export const pickPersonInput = z.object({
  groupId: formText,
  personId: formText,
  name: formText,
  email: formText,
});

const dateField = z.iso.date({ error: 'expected a date YYYY-MM-DD' });

/**
 * An appointment's organisation kind: the municipal kind or an organisation id the governance
 * file lists (issue 23.1), and the refusal names them all.
 */
export function organisationKindField(organisationIds: readonly string[]) {
  const kinds: [string, ...string[]] = [MUNICIPALITY, ...organisationIds];
  return z.enum(kinds, { error: `expected one of ${kinds.join(', ')}` });
}

/**
 * The appointment form's own fields, checked together so that every bad field is reported in one
 * reply (zod reports all issues of an object); the service then applies the register's rules.
 */
const appointFormChecks = (organisationIds: readonly string[]) =>
  z.object({
    personId: z
      .string({ error: 'a value is required' })
      .regex(/^\S+$/, { error: 'expected an id without spaces' }),
    email: z.email({ error: 'expected an e-mail address' }).optional(),
    organisation: organisationKindField(organisationIds),
    municipalityCode: z
      .string()
      .regex(/^\d{3}$/, { error: 'expected a three-digit municipality code' })
      .optional(),
    // A card sent by the first version may still say secretariat (legacy-names.json).
    role: z.preprocess(
      currentMemberRole,
      z.enum(['member', 'chair', 'staff'], { error: 'expected one of member, chair, staff' }),
    ),
    termStart: dateField,
    plannedEnd: dateField.optional(),
  });

/**
 * Every bad field of a submitted appointment form (empty when the form itself is fine);
 * `organisationIds` are the governance file's organisations (governanceOrganisations).
 */
export function appointFormIssues(
  values: Record<string, string | undefined>,
  organisationIds: readonly string[],
): ValidationIssue[] {
  const parsed = appointFormChecks(organisationIds).safeParse(values);
  const issues = parsed.success ? [] : parsed.error.issues.map((issue) => validationIssueOf(issue, values));
  const { termStart, plannedEnd, organisation, municipalityCode } = values;
  if ((organisation ?? 'municipality') === 'municipality' && municipalityCode === undefined)
    issues.push({ field: 'municipalityCode', code: 'required', message: 'required for a municipality' });
  const datesFine = !issues.some((issue) => issue.field === 'termStart' || issue.field === 'plannedEnd');
  if (datesFine && termStart && plannedEnd && plannedEnd <= termStart)
    issues.push({
      field: 'plannedEnd',
      code: 'too_small',
      origin: 'date',
      limit: termStart,
      inclusive: false,
      message: `must be after termStart ${termStart}`,
    });
  return issues;
}

/** Re-appointing from the term-ending reminder: the member, their role and the day the new term starts. */
export const reappointInput = z.object({
  groupId: formText.transform((value) => value ?? ''),
  personId: formText.transform((value) => value ?? ''),
  role: formText.transform((value) => (value ?? 'member') as MemberRole),
  termStart: formText.transform((value) => value ?? ''),
});

/** Ending a membership: the member and the first day away (blank: refused by the service). */
export const endInput = z.object({
  groupId: formText,
  personId: formText,
  endedOn: formText.transform((value) => value ?? ''),
});

/** Changing a role: the member and the new role (anything but a role is refused by the service). */
export const roleInput = z.object({
  groupId: formText,
  personId: formText,
  role: formText.transform((value) => (value ?? '') as MemberRole),
});

/** The CSV paste: the text as pasted; a dry-run unless the button said `false`. */
export const importInput = z.object({
  csv: cardString,
  dryRun: z.unknown().transform((value) => value !== false && value !== 'false'),
});
