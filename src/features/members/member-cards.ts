/**
 * Cards of the members feature: the member list, composition, expiring terms, history, the
 * secretariat's forms (appoint, end, change role, CSV paste) and the import report.
 * Built from the typed builders; every card is checked with validateCard in the tests.
 */
import type { Locale, MemberRole, OrganisationKind } from '../../domain/model';
import type { MessageKey, Translate } from '../../platform/i18n';
import type {
  Composition,
  EndingTermRow,
  MemberImportReport,
  MemberRefusal,
  MemberRow,
  MemberWarning,
} from './members-service';
import { displayName } from './members-service';
import type { CsvRowError } from '../../platform/csv/csv-table';
import { csvErrorText } from '../../platform/cards/csv-error-text';
import { validationText, type FieldLabels } from '../../platform/cards/validation-text';
import { MAX_MEMBER_CSV_PASTE_CHARS, MEMBER_CSV_COLUMNS } from './members-csv';
import {
  adaptiveCard,
  choiceSetInput,
  errorBanner,
  executeAction,
  factSet,
  paragraph,
  textInput,
  title,
  type AdaptiveCard,
  type CardElement,
} from '../../platform/cards/builders';
import { markdownText } from '../../platform/cards/text';
import { formatDate } from '../../platform/cards/reminders';

export const MEMBER_VERBS = {
  showAppoint: 'members.showAppoint',
  showEnd: 'members.showEnd',
  showRole: 'members.showRole',
  showImport: 'members.showImport',
  appoint: 'members.appoint',
  end: 'members.end',
  changeRole: 'members.changeRole',
  importCsv: 'members.import',
  erase: 'members.erase',
} as const;

export function roleName(t: Translate, role: MemberRole): string {
  return t(`members.role_${role}`);
}

/** A required text input; Adaptive Cards want an error message on every required input. */
function requiredText(t: Translate, input: Parameters<typeof textInput>[0]): CardElement[] {
  return textInput({ ...input, required: true, requiredMessage: t('members.requiredField') });
}

function organisationKindName(t: Translate, kind: OrganisationKind): string {
  return t(`members.org_${kind}`);
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
      return t('members.refused_unknown_person', { person: markdownText(refusal.personId) });
    case 'active-membership':
      return t('members.refused_active_membership', { groups: refusal.groupIds.join(', ') });
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
  }
}

function memberLine(t: Translate, locale: Locale, row: MemberRow): string {
  const end = row.membership.plannedEnd
    ? t('members.termEnds', { date: formatDate(row.membership.plannedEnd, locale) })
    : t('members.noTermEnd');
  return `${roleName(t, row.membership.role)} · ${markdownText(row.person.organisation.name)} · ${end}`;
}

/** The members command: active members with role, organisation and term end (+ the secretariat's actions). */
export function membersListCard(
  t: Translate,
  locale: Locale,
  input: { groupId: string; groupName: string; rows: MemberRow[]; secretariat: boolean },
): AdaptiveCard {
  const body: CardElement[] = [title(t('members.listTitle', { group: markdownText(input.groupName) }))];
  if (input.rows.length === 0) body.push(paragraph(t('members.noMembers')));
  else
    body.push(
      factSet(
        input.rows.map((row) => ({
          title: markdownText(displayName(row.person, locale)),
          value: memberLine(t, locale, row),
        })),
      ),
    );
  const actions = input.secretariat
    ? [
        executeAction(t('members.actionAppoint'), MEMBER_VERBS.showAppoint, { groupId: input.groupId }),
        executeAction(t('members.actionEnd'), MEMBER_VERBS.showEnd, { groupId: input.groupId }),
        executeAction(t('members.actionChangeRole'), MEMBER_VERBS.showRole, { groupId: input.groupId }),
        executeAction(t('members.actionImport'), MEMBER_VERBS.showImport, {}),
      ]
    : [];
  return adaptiveCard(body, actions);
}

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

/** At most this many error lines on a card (the rest is counted); the CLI shows them all. */
const MAX_ERROR_LINES = 40;

export function csvErrorLines(t: Translate, errors: CsvRowError[]): string[] {
  // Every line is worded in the user's language (zod issues and the import's own checks alike).
  const lines = errors.slice(0, MAX_ERROR_LINES).map((error) => csvErrorText(t, error));
  if (errors.length > MAX_ERROR_LINES) lines.push(`… +${errors.length - MAX_ERROR_LINES}`);
  return lines;
}

/** The CSV paste form (textarea, size-limited); with a report of the last check or import on top. */
export function importFormCard(
  t: Translate,
  input: { csv?: string; report?: MemberImportReport; notice?: string } = {},
): AdaptiveCard {
  const body: CardElement[] = [title(t('members.importTitle'))];
  const report = input.report;
  if (input.notice) body.push(errorBanner([input.notice]));
  if (report && !report.ok) {
    body.push(errorBanner([t('members.importFailed', { count: report.errors.length })]));
    body.push(
      ...csvErrorLines(t, report.errors).map((line) =>
        paragraph(line, { color: 'Attention', size: 'Small', spacing: 'None' }),
      ),
    );
  } else if (report?.dryRun) {
    body.push(
      paragraph(
        t('members.dryRunOk', {
          count: report.groups.reduce((sum, g) => sum + g.memberships, 0),
          persons: report.persons,
          groups: report.groups.map((g) => `${g.groupId}: ${g.memberships}`).join(', '),
        }),
        { color: 'Good' },
      ),
    );
  }
  body.push(
    paragraph(
      t('members.importHelp', {
        columns: MEMBER_CSV_COLUMNS.map((c) => c.key).join(', '),
        max: MAX_MEMBER_CSV_PASTE_CHARS,
      }),
      {
        isSubtle: true,
        size: 'Small',
      },
    ),
    ...requiredText(t, {
      id: 'csv',
      label: t('members.fieldCsv'),
      value: input.csv,
      multiline: true,
      maxLength: MAX_MEMBER_CSV_PASTE_CHARS,
    }),
  );
  return adaptiveCard(body, [
    executeAction(t('members.actionDryRun'), MEMBER_VERBS.importCsv, { dryRun: true }),
    executeAction(t('members.actionImportNow'), MEMBER_VERBS.importCsv, { dryRun: false }, 'positive'),
  ]);
}

export function expiringCard(
  t: Translate,
  locale: Locale,
  input: { days: number; rows: EndingTermRow[]; groupName: (groupId: string) => string },
): AdaptiveCard {
  const body: CardElement[] = [title(t('members.expiringTitle', { days: input.days }))];
  if (input.rows.length === 0) body.push(paragraph(t('members.noneExpiring', { days: input.days })));
  else {
    body.push(
      factSet(
        input.rows.map((row) => ({
          title: markdownText(displayName(row.person, locale)),
          value:
            t('members.expiringLine', {
              group: markdownText(input.groupName(row.membership.groupId)),
              date: formatDate(row.endsOn, locale),
              daysLeft: row.daysLeft,
            }) +
            (row.exempt
              ? ` · ${t('members.exemptNote', { organisation: row.person.organisation.kind })}`
              : ''),
        })),
      ),
    );
  }
  return adaptiveCard(body);
}

export function compositionCard(
  t: Translate,
  locale: Locale,
  input: { groupName: string; composition: Composition; minYears: number },
): AdaptiveCard {
  const { composition } = input;
  const s = composition.seniority;
  const params = {
    senior: s.seniorCount,
    members: s.memberCount,
    years: input.minYears,
    required: s.requiredSenior,
  };
  const body: CardElement[] = [
    title(t('members.compositionTitle', { group: markdownText(input.groupName) })),
    paragraph(
      s.ok ? t('members.seniorityOk', params) : t('members.seniorityLow', params),
      s.ok ? {} : { color: 'Warning' },
    ),
  ];
  if (composition.seats) {
    body.push(paragraph(t('members.seatsTitle'), { weight: 'Bolder' }));
    body.push(
      factSet(
        composition.seats.rows.map((row) => ({
          title: organisationKindName(t, row.organisationKind),
          value:
            row.status === 'ok'
              ? t('members.seatLine', { actual: row.actual, expected: row.expected })
              : row.status === 'fewer'
                ? t('members.seatFewer', {
                    actual: row.actual,
                    expected: row.expected,
                    missing: row.expected - row.actual,
                  })
                : t('members.seatTooMany', { actual: row.actual, expected: row.expected }),
        })),
      ),
    );
  }
  body.push(paragraph(t('members.spreadTitle'), { weight: 'Bolder' }));
  if (composition.spread.groups.length === 0 && composition.spread.unclassifiedPersonIds.length === 0)
    body.push(paragraph(t('members.spreadNone')));
  else
    body.push(factSet(composition.spread.groups.map((g) => ({ title: g.k98Group, value: String(g.count) }))));
  if (composition.spread.unclassifiedPersonIds.length > 0) {
    body.push(
      paragraph(t('members.unclassified', { count: composition.spread.unclassifiedPersonIds.length })),
    );
  }
  if (composition.unrepresentedK98.length > 0) {
    body.push(
      paragraph(t('members.unrepresented', { groups: composition.unrepresentedK98.join(', ') }), {
        isSubtle: true,
      }),
    );
  }
  return adaptiveCard(body);
}

export function historyCard(
  t: Translate,
  locale: Locale,
  input: { groupName: string; rows: MemberRow[] },
): AdaptiveCard {
  const body: CardElement[] = [title(t('members.historyTitle', { group: markdownText(input.groupName) }))];
  if (input.rows.length === 0) body.push(paragraph(t('members.noMembers')));
  else {
    body.push(
      factSet(
        input.rows.map((row) => ({
          title: markdownText(displayName(row.person, locale)),
          value: t('members.historyLine', {
            role: roleName(t, row.membership.role),
            from: formatDate(row.membership.termStart, locale),
            to: row.membership.endedOn
              ? formatDate(row.membership.endedOn, locale)
              : t('members.historyOngoing'),
          }),
        })),
      ),
    );
  }
  return adaptiveCard(body);
}

export function eraseConfirmCard(
  t: Translate,
  input: { personId: string; personName: string; messages?: string[] },
): AdaptiveCard {
  const body: CardElement[] = [];
  if (input.messages && input.messages.length > 0) body.push(errorBanner(input.messages));
  body.push(paragraph(t('members.eraseConfirm', { person: markdownText(input.personName) })));
  return adaptiveCard(body, [
    executeAction(t('members.actionErase'), MEMBER_VERBS.erase, { personId: input.personId }, 'destructive'),
  ]);
}
