/**
 * The vocabulary shared by the member cards: their verbs, role and organisation names, the form
 * labels of validation texts, and refusals and warnings in the user's language. The cards
 * themselves live by family: lists and reports (member-list-cards.ts), the secretariat's forms
 * (member-form-cards.ts) and the CSV import (member-import-cards.ts).
 */
import { MUNICIPALITY, governanceOrganisations, type Governance } from '../../domain/governance';
import type { Locale, MemberRole, OrganisationKind } from '../../domain/model';
import type { MessageKey, Translate } from '../../platform/i18n';
import type { MemberRefusal, MemberWarning } from './member-results';
import { erasureRefusalText } from '../gdpr';
import { validationText, type FieldLabels } from '../../platform/cards/validation-text';
import { textInput, type CardElement } from '../../platform/cards/builders';
import { markdownText } from '../../platform/cards/text';
import { formatDate } from '../../platform/cards/reminders';
import { localText } from '../../domain/localized-text';

export const MEMBER_VERBS = {
  showAppoint: 'members.showAppoint',
  pickPerson: 'members.pickPerson',
  showEnd: 'members.showEnd',
  showRole: 'members.showRole',
  showImport: 'members.showImport',
  appoint: 'members.appoint',
  end: 'members.end',
  changeRole: 'members.changeRole',
  importCsv: 'members.import',
  reappoint: 'members.reappoint',
} as const;

export function roleName(t: Translate, role: MemberRole): string {
  return t(`members.role_${role}`);
}

/** A required text input; Adaptive Cards want an error message on every required input. */
export function requiredText(t: Translate, input: Parameters<typeof textInput>[0]): CardElement[] {
  return textInput({ ...input, required: true, requiredMessage: t('members.requiredField') });
}

/**
 * An organisation kind as the member cards name it: the municipal members by the catalogue, a
 * listed organisation by its id (the governance file's, e.g. KL).
 */
export function organisationKindName(t: Translate, kind: OrganisationKind): string {
  return kind === MUNICIPALITY ? t('members.org_municipality') : kind;
}

/** The appointment form's organisation choices: the municipal kind, then the file's organisations by name. */
export function organisationChoices(
  t: Translate,
  governance: Governance,
  locale: Locale,
): Array<{ title: string; value: string }> {
  return [
    { title: t('members.orgMunicipality'), value: MUNICIPALITY },
    ...governanceOrganisations(governance).map((organisation) => ({
      title: localText(organisation.name, locale),
      value: organisation.id,
    })),
  ];
}

/** Field path of a member input or CSV column → its form label key. */
const MEMBER_FIELD_LABELS: Record<string, MessageKey> = {
  personId: 'members.fieldPersonId',
  name: 'members.fieldName',
  email: 'members.fieldEmail',
  organisation: 'members.fieldOrganisation',
  organisationKind: 'members.fieldOrganisation',
  municipalityCode: 'members.fieldMunicipalityCode',
  'organisation.municipalityCode': 'members.fieldMunicipalityCode',
  role: 'members.fieldRole',
  termStart: 'members.fieldTermStart',
  plannedEnd: 'members.fieldPlannedEnd',
  endedOn: 'members.fieldEndedOn',
};

/**
 * The member form labels for validation texts, without their trailing format hint in brackets
 * ("Periodestart (ÅÅÅÅ-MM-DD)" → "Periodestart"): the validation text states the format itself.
 */
export function memberFieldLabels(t: Translate): FieldLabels {
  return (field) => {
    const key = MEMBER_FIELD_LABELS[field];
    return key ? t(key).replace(/\s*\([^)]*\)$/, '') : undefined;
  };
}

/** The refusal in the user's language, with the rule named and its dates. */
export function refusalText(t: Translate, locale: Locale, refusal: MemberRefusal): string {
  const d = (date: string) => formatDate(date, locale);
  switch (refusal.rule) {
    case 'max-term':
      return t('members.refused_max_term', {
        serviceStart: d(refusal.serviceStart),
        maxEnd: d(refusal.maxEnd),
        earliest: d(refusal.earliestReappointment),
      });
    case 'pause':
      return t('members.refused_pause', {
        lastEnded: d(refusal.lastEnded),
        earliest: d(refusal.earliestReappointment),
      });
    case 'no-seat':
      return t('members.refused_no_seat', {
        organisation: organisationKindName(t, refusal.organisationKind),
        seats: refusal.seats,
        occupied: refusal.occupied,
      });
    case 'unknown-group':
      return t('members.refused_unknown_group', { group: markdownText(refusal.groupId) });
    case 'group-dissolved':
      return t('members.refused_group_dissolved', { group: refusal.groupId });
    case 'already-member':
      return t('members.refused_already_member', { start: d(refusal.termStart) });
    case 'not-member':
      return t('members.refused_not_member');
    case 'unknown-person':
    case 'active-membership':
      return erasureRefusalText(t, refusal);
    case 'unknown-municipality':
      return t('members.refused_unknown_municipality', { code: markdownText(refusal.municipalityCode) });
    case 'invalid':
      return validationText(t, refusal.issue, memberFieldLabels(t));
  }
}

export function warningText(t: Translate, warning: MemberWarning): string {
  switch (warning.rule) {
    case 'seniority':
      return t('members.warning_seniority', {
        senior: warning.seniorCount,
        members: warning.memberCount,
        required: warning.requiredSenior,
      });
    case 'spread':
      return t('members.warning_spread', {
        k98: warning.k98Group,
        count: warning.count,
        groups: warning.unrepresented.join(', '),
      });
    case 'unclassified':
      return t('members.warning_unclassified', { code: warning.municipalityCode ?? '?' });
    case 'other-organisation':
      return t('members.warning_otherOrganisation', {
        person: markdownText(warning.person),
        organisation: markdownText(warning.organisation),
        // The body's name in the text's language (the catalogue says which it is).
        group: markdownText(localText(warning.groupName, t('members.textLanguage'))),
        newOrganisation: markdownText(warning.newOrganisation),
      });
  }
}
