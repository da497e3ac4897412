/**
 * The secretariat's membership forms: appoint, end a membership, change a role. After a refusal a
 * form comes back with the reason on top and the input kept.
 */
import type { Locale } from '../../domain/model';
import type { Translate } from '../../platform/i18n';
import type { MemberRow } from './member-reports';
import { displayName } from '../gdpr';
import {
  adaptiveCard,
  choiceSetInput,
  errorBanner,
  executeAction,
  paragraph,
  textInput,
  title,
  type AdaptiveCard,
  type CardElement,
} from '../../platform/cards/builders';
import { markdownText } from '../../platform/cards/text';
import { PEOPLE_DATASET } from '../../platform/teams/people-search';
import { MEMBER_VERBS, requiredText, roleName } from './member-cards';
import type { PersonHit } from './member-form-people';

export interface AppointFormValues {
  personId?: string;
  name?: string;
  email?: string;
  organisation?: string;
  municipalityCode?: string;
  role?: string;
  termStart?: string;
  plannedEnd?: string;
}

export type AppointFieldErrors = Partial<Record<keyof AppointFormValues, string>>;

interface AppointFormInput {
  groupId: string;
  groupName: string;
  values?: AppointFormValues;
  messages?: string[];
  fieldErrors?: AppointFieldErrors;
}

/** The picker's static options: the register's people, for clients without Data.Query (and the card's size). */
const MAX_STATIC_PEOPLE = 100;

/**
 * The person picker: Teams' dynamic typeahead (`choices.data`, Data.Query on the people dataset,
 * answered by the adapter's `application/search`), over static options for other clients. The
 * card builders know no typeahead, hence the element is widened here.
 */
function personPicker(
  t: Translate,
  people: PersonHit[],
  value: string | undefined,
  error: string | undefined,
): CardElement[] {
  const [element, ...rest] = choiceSetInput({
    id: 'personId',
    label: t('members.fieldPerson'),
    value,
    error,
    choices: people.slice(0, MAX_STATIC_PEOPLE).map((hit) => ({
      title: hit.email ? `${hit.name} (${hit.email})` : hit.name,
      value: hit.id,
    })),
  });
  const typeahead = {
    ...element,
    style: 'filtered',
    placeholder: t('members.personPlaceholder'),
    'choices.data': { type: 'Data.Query', dataset: PEOPLE_DATASET },
  };
  return [typeahead as unknown as CardElement, ...rest];
}

/**
 * The appointment form's first step: pick the person by name (the value is their Entra object
 * id), or, for a person not in Teams yet, enter their name and e-mail.
 */
export function pickPersonCard(
  t: Translate,
  input: AppointFormInput & { people: PersonHit[] },
): AdaptiveCard {
  const v = input.values ?? {};
  const e = input.fieldErrors ?? {};
  const body: CardElement[] = [title(t('members.appointTitle', { group: markdownText(input.groupName) }))];
  if (input.messages && input.messages.length > 0) body.push(errorBanner(input.messages));
  body.push(
    ...personPicker(t, input.people, v.personId, e.personId),
    paragraph(t('members.manualPersonHint'), { isSubtle: true }),
    ...textInput({ id: 'name', label: t('members.fieldName'), value: v.name, error: e.name }),
    ...textInput({ id: 'email', label: t('members.fieldEmail'), value: v.email, error: e.email }),
  );
  return adaptiveCard(body, [
    executeAction(t('members.actionNext'), MEMBER_VERBS.pickPerson, { groupId: input.groupId }, 'positive'),
  ]);
}

/**
 * The appointment form's second step: the person (their name and e-mail, editable), the
 * organisation, role and term. Required fields are marked; after a refusal every bad field says
 * why under it and all of them are listed on top.
 */
export function appointFormCard(
  t: Translate,
  input: AppointFormInput & {
    /** The municipal kind and the governance file's organisations (organisationChoices). */
    organisations: Array<{ title: string; value: string }>;
  },
): AdaptiveCard {
  const v = input.values ?? {};
  const e = input.fieldErrors ?? {};
  const body: CardElement[] = [title(t('members.appointTitle', { group: markdownText(input.groupName) }))];
  if (input.messages && input.messages.length > 0) body.push(errorBanner(input.messages));
  if (v.personId && v.name) {
    const person = v.email ? `${v.name} (${v.email})` : v.name;
    body.push(paragraph(t('members.personPicked', { person: markdownText(person) }), { weight: 'Bolder' }));
  }
  if (e.personId) body.push(paragraph(e.personId, { color: 'Attention', size: 'Small' }));
  body.push(
    ...requiredText(t, { id: 'name', label: t('members.fieldName'), value: v.name, error: e.name }),
    ...textInput({ id: 'email', label: t('members.fieldEmail'), value: v.email, error: e.email }),
    ...choiceSetInput({
      id: 'organisation',
      label: t('members.fieldOrganisation'),
      required: true,
      requiredMessage: t('members.requiredField'),
      value: v.organisation ?? 'municipality',
      error: e.organisation,
      choices: input.organisations,
    }),
    ...textInput({
      id: 'municipalityCode',
      label: t('members.fieldMunicipalityCode'),
      value: v.municipalityCode,
      error: e.municipalityCode,
    }),
    ...roleChoice(t, v.role ?? 'member', e.role),
    ...requiredText(t, {
      id: 'termStart',
      label: t('members.fieldTermStart'),
      value: v.termStart,
      error: e.termStart,
    }),
    ...textInput({
      id: 'plannedEnd',
      label: t('members.fieldPlannedEnd'),
      value: v.plannedEnd,
      error: e.plannedEnd,
    }),
  );
  return adaptiveCard(body, [
    executeAction(
      t('members.actionAppoint'),
      MEMBER_VERBS.appoint,
      { groupId: input.groupId, personId: v.personId ?? '' },
      'positive',
    ),
    executeAction(t('members.actionOtherPerson'), MEMBER_VERBS.showAppoint, { groupId: input.groupId }),
  ]);
}

function roleChoice(t: Translate, value: string, error?: string): CardElement[] {
  return choiceSetInput({
    id: 'role',
    label: t('members.fieldRole'),
    required: true,
    requiredMessage: t('members.requiredField'),
    value,
    error,
    choices: (['member', 'chair', 'staff'] as const).map((role) => ({
      title: roleName(t, role),
      value: role,
    })),
  });
}

function memberChoice(t: Translate, locale: Locale, rows: MemberRow[], value?: string): CardElement[] {
  return choiceSetInput({
    id: 'personId',
    label: t('members.fieldMember'),
    required: true,
    requiredMessage: t('members.refused_not_member'),
    value: value ?? rows[0]?.person.id,
    choices: rows.map((row) => ({
      title: `${displayName(row.person, locale)} (${roleName(t, row.membership.role)})`,
      value: row.person.id,
    })),
  });
}

/** Ending a membership: pick the member, give the first day away. */
export function endFormCard(
  t: Translate,
  locale: Locale,
  input: {
    groupId: string;
    groupName: string;
    rows: MemberRow[];
    endedOn?: string;
    personId?: string;
    messages?: string[];
  },
): AdaptiveCard {
  const body: CardElement[] = [title(t('members.endTitle', { group: markdownText(input.groupName) }))];
  if (input.messages && input.messages.length > 0) body.push(errorBanner(input.messages));
  if (input.rows.length === 0) return adaptiveCard([...body, paragraph(t('members.noMembers'))]);
  body.push(...memberChoice(t, locale, input.rows, input.personId));
  body.push(...requiredText(t, { id: 'endedOn', label: t('members.fieldEndedOn'), value: input.endedOn }));
  return adaptiveCard(body, [
    executeAction(t('members.actionEnd'), MEMBER_VERBS.end, { groupId: input.groupId }, 'destructive'),
  ]);
}

/** Changing a role: pick the member and the new role. */
export function roleFormCard(
  t: Translate,
  locale: Locale,
  input: { groupId: string; groupName: string; rows: MemberRow[]; messages?: string[] },
): AdaptiveCard {
  const body: CardElement[] = [title(t('members.roleTitle', { group: markdownText(input.groupName) }))];
  if (input.messages && input.messages.length > 0) body.push(errorBanner(input.messages));
  if (input.rows.length === 0) return adaptiveCard([...body, paragraph(t('members.noMembers'))]);
  body.push(...memberChoice(t, locale, input.rows), ...roleChoice(t, 'chair'));
  return adaptiveCard(body, [
    executeAction(t('members.actionChangeRole'), MEMBER_VERBS.changeRole, { groupId: input.groupId }),
  ]);
}
