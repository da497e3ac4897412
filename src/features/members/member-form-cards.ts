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
import { MEMBER_VERBS, requiredText, roleName } from './member-cards';

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

/** The appointment form; after a refusal it comes back with the reason on top and the input kept. */
export function appointFormCard(
  t: Translate,
  input: {
    groupId: string;
    groupName: string;
    values?: AppointFormValues;
    messages?: string[];
    fieldErrors?: Partial<Record<keyof AppointFormValues, string>>;
  },
): AdaptiveCard {
  const v = input.values ?? {};
  const e = input.fieldErrors ?? {};
  const body: CardElement[] = [title(t('members.appointTitle', { group: markdownText(input.groupName) }))];
  if (input.messages && input.messages.length > 0) body.push(errorBanner(input.messages));
  body.push(
    ...requiredText(t, {
      id: 'personId',
      label: t('members.fieldPersonId'),
      value: v.personId,
      error: e.personId,
    }),
    ...textInput({ id: 'name', label: t('members.fieldName'), value: v.name, error: e.name }),
    ...textInput({ id: 'email', label: t('members.fieldEmail'), value: v.email, error: e.email }),
    ...choiceSetInput({
      id: 'organisation',
      label: t('members.fieldOrganisation'),
      value: v.organisation ?? 'municipality',
      choices: [
        { title: t('members.orgMunicipality'), value: 'municipality' },
        { title: 'KL', value: 'KL' },
        { title: 'UDK', value: 'UDK' },
        { title: 'KOMBIT', value: 'KOMBIT' },
      ],
    }),
    ...textInput({
      id: 'municipalityCode',
      label: t('members.fieldMunicipalityCode'),
      value: v.municipalityCode,
      error: e.municipalityCode,
    }),
    ...roleChoice(t, v.role ?? 'member'),
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
    executeAction(t('members.actionAppoint'), MEMBER_VERBS.appoint, { groupId: input.groupId }, 'positive'),
  ]);
}

function roleChoice(t: Translate, value: string): CardElement[] {
  return choiceSetInput({
    id: 'role',
    label: t('members.fieldRole'),
    value,
    choices: (['member', 'chair', 'secretariat'] as const).map((role) => ({
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
