/**
 * The appointment form's person step (issue 26.3) and its all-at-once validation (issue 26.7). The
 * secretariat picks a person by name (the picker's value is the Entra object id) or enters a new
 * person's name and e-mail; "Next" shows the rest of the form with the person's name, e-mail and
 * organisation filled in from the register, or from the search that found them.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { danishDateOrUndefined } from '../../domain/danish-dates';
import type { Person } from '../../domain/model';
import type { ValidationIssue } from '../../domain/validation-issue';
import type { Translate } from '../../platform/i18n';
import { validationText } from '../../platform/cards/validation-text';
import { cardAction } from '../../platform/teams/define';
import type {
  CardActionContext,
  CardActionResult,
  CardActionSpec,
  FeatureContext,
} from '../../platform/teams/feature';
import { groupNameOf } from '../../platform/teams/feature';
import { governanceOrganisations } from '../../domain/governance';
import { MEMBER_VERBS, memberFieldLabels, organisationChoices } from './member-cards';
import {
  appointFormCard,
  pickPersonCard,
  type AppointFieldErrors,
  type AppointFormValues,
} from './member-form-cards';
import { appointFormIssues, pickPersonInput } from './members-input';
import type { PersonHit } from './member-form-people';

/** A form's bad fields: every message (for the banner on top) and the first one per field. */
export interface FormErrors {
  messages: string[];
  fieldErrors: AppointFieldErrors;
}

/** The issues in the user's language; a missing person (or a new one's e-mail) says how to give one. */
function errorsOf(t: Translate, issues: ValidationIssue[]): FormErrors {
  const labels = memberFieldLabels(t);
  const fieldErrors: Record<string, string> = {};
  const messages = issues.map((issue) => {
    const missing = issue.code === 'required';
    const text =
      missing && issue.field === 'personId'
        ? t('members.pickPersonRequired')
        : missing && issue.field === 'email'
          ? t('members.manualEmailRequired')
          : validationText(t, issue, labels);
    fieldErrors[issue.field] ??= text;
    return text;
  });
  return { messages, fieldErrors: fieldErrors as AppointFieldErrors };
}

/**
 * The form's dates as the register stores them (YYYY-MM-DD), read the Danish ways too (10.03.2027,
 * 10/3-2027; src/domain/danish-dates.ts); one that is no date stays as typed, to be reported.
 */
export function withDanishDates(values: AppointFormValues): AppointFormValues {
  const read = (text: string | undefined) =>
    text === undefined ? undefined : (danishDateOrUndefined(text) ?? text);
  return { ...values, termStart: read(values.termStart), plannedEnd: read(values.plannedEnd) };
}

/** Every bad field of the submitted appointment form, in the user's language (none: it may go on). */
export function formErrors(
  t: Translate,
  values: AppointFormValues,
  organisationIds: readonly string[],
): FormErrors {
  return errorsOf(t, appointFormIssues({ ...values }, organisationIds));
}

/** The form's organisation choices and their ids, from the governance file (issue 23.1). */
export function formOrganisations(ctx: FeatureContext): {
  organisations: Array<{ title: string; value: string }>;
  organisationIds: string[];
} {
  const organisations = organisationChoices(ctx.t, ctx.services.governance, ctx.locale);
  return {
    organisations,
    organisationIds: governanceOrganisations(ctx.services.governance).map((organisation) => organisation.id),
  };
}

const emailFormat = z.email();

/** A new person's name and e-mail, both required and the e-mail well-formed, checked together. */
function manualIssues(t: Translate, pick: { name?: string; email?: string }): FormErrors {
  const issues: ValidationIssue[] = [];
  const required = 'required for a new person';
  if (!pick.name) issues.push({ field: 'name', code: 'required', message: required });
  if (!pick.email) issues.push({ field: 'email', code: 'required', message: required });
  else if (!emailFormat.safeParse(pick.email).success)
    issues.push({
      field: 'email',
      code: 'invalid_format',
      format: 'email',
      message: 'expected an e-mail address',
    });
  return errorsOf(t, issues);
}

/**
 * The picker's static options: the register's people. On a fresh install the register is empty and
 * a choice set needs one option, so the caller is offered (the secretariat often appoints itself).
 */
export async function staticPeople(ctx: FeatureContext): Promise<PersonHit[]> {
  const people: PersonHit[] = await ctx.services.peopleSearch.registerPeople();
  if (people.length > 0) return people;
  const id = ctx.actor.aadObjectId ?? ctx.actor.channelAccountId;
  return [{ id, name: ctx.actor.name ?? id }];
}

/** The person's organisation as the form's fields, when the register knows it. */
function organisationValues(person: Person | undefined): AppointFormValues {
  if (!person) return {};
  const { kind, municipalityCode } = person.organisation;
  return municipalityCode ? { organisation: kind, municipalityCode } : { organisation: kind };
}

async function pickPerson(
  ctx: CardActionContext,
  input: z.output<typeof pickPersonInput>,
): Promise<CardActionResult> {
  const groupId = input.groupId ?? ctx.boundGroup?.group.id;
  if (!groupId) return { kind: 'message', text: ctx.t('core.noGroupBound') };
  const form = { groupId, groupName: await groupNameOf(ctx, groupId) };
  const finder = ctx.services.peopleSearch;
  const termStart = ctx.services.memberService.today();
  if (input.personId) {
    const found = await finder.resolve(input.personId);
    const values = { personId: found.id, name: found.name, email: found.email, termStart };
    return {
      kind: 'card',
      card: appointFormCard(ctx.t, {
        ...form,
        organisations: formOrganisations(ctx).organisations,
        values: { ...values, ...organisationValues(found.person) },
      }),
    };
  }
  const errors = input.name || input.email ? manualIssues(ctx.t, input) : undefined;
  if (!errors || errors.messages.length > 0) {
    const people = await staticPeople(ctx);
    const messages = errors?.messages ?? [ctx.t('members.pickPersonRequired')];
    const fieldErrors = errors?.fieldErrors ?? { personId: messages[0] };
    return {
      kind: 'card',
      card: pickPersonCard(ctx.t, { ...form, people, values: input, messages, fieldErrors }),
    };
  }
  // Someone already in the register under this e-mail keeps their record; a new person gets an id
  // of their own (never the e-mail: the audit log holds ids only) until they are in Teams.
  const existing = await finder.byEmail(input.email!);
  const values = {
    personId: existing?.id ?? `manual-${randomUUID()}`,
    name: input.name,
    email: input.email,
    termStart,
    ...organisationValues(existing),
  };
  return {
    kind: 'card',
    card: appointFormCard(ctx.t, { ...form, organisations: formOrganisations(ctx).organisations, values }),
  };
}

/** "Next" on the person step: the rest of the form for the person picked or entered. */
export const pickPersonAction: CardActionSpec = cardAction({
  verb: MEMBER_VERBS.pickPerson,
  allowedRoles: ['administer'],
  input: pickPersonInput,
  handle: pickPerson,
});
