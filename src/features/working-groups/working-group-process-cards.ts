/**
 * Cards of a working group's course after approval: the welcome in its channel once bound, the
 * extension vote in the parent reference group's channel (For / Imod with the tally, refreshed on
 * every vote; the secretariat's "decided at a meeting" form under it), and the result form.
 */
import type { Group, Locale } from '../../domain/model';
import type { Translate } from '../../platform/i18n';
import { formatDate, formatInstant } from '../../platform/cards/reminders';
import { markdownText } from '../../platform/cards/text';
import {
  adaptiveCard,
  choiceSetInput,
  errorBanner,
  executeAction,
  factSet,
  paragraph,
  showCardAction,
  textInput,
  title,
  type AdaptiveCard,
  type CardElement,
} from '../../platform/cards/builders';
import type { ExtensionRequest, ExtensionTally } from './domain/extension';
import type { ProposedMember, WorkingGroupProposal } from './domain/proposal';
import { RESULT_KINDS, type ResultKind } from './working-group-result-repository';
import { RESULT_LIMITS, type ResultFieldError } from './working-group-results';
import { localText } from '../../domain/localized-text';

export const PROCESS_VERBS = {
  extensionVote: 'workingGroup.extensionVote',
  extensionMeeting: 'workingGroup.extensionMeeting',
  result: 'workingGroup.result',
} as const;

/** The welcome posted in the working group's channel when the secretariat binds it. */
export function welcomeCard(
  t: Translate,
  locale: Locale,
  group: Group,
  proposal: WorkingGroupProposal,
): AdaptiveCard {
  const name = (member: ProposedMember) =>
    `${markdownText(member.name)} (${markdownText(member.organisation)})`;
  return adaptiveCard([
    title(t('workingGroups.welcomeTitle', { group: markdownText(localText(group.name, locale)) })),
    factSet([
      { title: t('workingGroups.fieldChair'), value: markdownText(proposal.chair) },
      { title: t('workingGroups.fieldMembers'), value: proposal.members.map(name).join(', ') },
      { title: t('workingGroups.fieldMandate'), value: markdownText(proposal.mandate) },
      {
        title: t('workingGroups.fieldEnd'),
        value: group.plannedEnd ? formatDate(group.plannedEnd, locale) : '',
      },
    ]),
    paragraph(t('workingGroups.welcomeResult')),
  ]);
}

export interface ExtensionCardInput {
  request: ExtensionRequest;
  tally: ExtensionTally;
  groupName: string;
  locale: Locale;
  timeZone: string;
}

/** The parent's vote on an extension: For / Imod while open, the outcome once decided. */
export function extensionVoteCard(t: Translate, input: ExtensionCardInput): AdaptiveCard {
  const { request, tally, locale } = input;
  const body: CardElement[] = [
    title(t('workingGroups.extensionCardTitle', { group: markdownText(input.groupName) })),
    factSet([
      { title: t('workingGroups.extensionCurrentEnd'), value: formatDate(request.from, locale) },
      { title: t('workingGroups.extendNewEnd'), value: formatDate(request.to, locale) },
      { title: t('workingGroups.extendReason'), value: markdownText(request.reason) },
      {
        title: t('workingGroups.extensionClosesAt'),
        value: formatInstant(request.closesAt, locale, input.timeZone),
      },
    ]),
    paragraph(t('workingGroups.extensionTally', { ...tally }), { weight: 'Bolder' }),
  ];
  if (request.status !== 'open') {
    body.push(paragraph(t(`workingGroups.extensionStatus_${request.status}`)));
    return adaptiveCard(body);
  }
  body.push(paragraph(t('workingGroups.extensionVoteHint'), { isSubtle: true }));
  const data = { parentGroupId: request.parentGroupId, requestId: request.id };
  return adaptiveCard(body, [
    executeAction(
      t('workingGroups.extensionFor'),
      PROCESS_VERBS.extensionVote,
      { ...data, choice: 'for' },
      'positive',
    ),
    executeAction(t('workingGroups.extensionAgainst'), PROCESS_VERBS.extensionVote, {
      ...data,
      choice: 'against',
    }),
    showCardAction(
      t('workingGroups.extensionMeetingButton'),
      [
        paragraph(t('workingGroups.extensionMeetingHint'), { isSubtle: true }),
        ...textInput({ id: 'meetingId', label: t('workingGroups.extensionMeetingId'), maxLength: 100 }),
      ],
      [
        executeAction(t('workingGroups.extensionMeetingApproved'), PROCESS_VERBS.extensionMeeting, {
          ...data,
          approved: 'yes',
        }),
        executeAction(t('workingGroups.extensionMeetingRejected'), PROCESS_VERBS.extensionMeeting, {
          ...data,
          approved: 'no',
        }),
      ],
    ),
  ]);
}

export interface ResultFormValues {
  kind?: string;
  title?: string;
  summary?: string;
  material?: string;
}

function resultFormHeader(
  t: Translate,
  input: { group: Group; parentName: string; locale: Locale },
): CardElement[] {
  return [
    title(
      t('workingGroups.resultFormTitle', {
        group: markdownText(localText(input.group.name, input.locale)),
      }),
    ),
    paragraph(t('workingGroups.resultFormIntro', { parent: markdownText(input.parentName) }), {
      isSubtle: true,
    }),
  ];
}

/** The form's fields: the kind, the title, the summary and the material lines. */
function resultFields(
  t: Translate,
  v: ResultFormValues,
  error: (field: ResultFieldError['field']) => string | undefined,
): CardElement[] {
  return [
    ...choiceSetInput({
      id: 'kind',
      label: t('workingGroups.resultKind'),
      value: v.kind ?? RESULT_KINDS[0],
      choices: RESULT_KINDS.map((kind: ResultKind) => ({
        title: t(`workingGroups.resultKind_${kind}`),
        value: kind,
      })),
    }),
    ...textInput({
      id: 'title',
      label: t('workingGroups.fieldTitle'),
      value: v.title,
      maxLength: RESULT_LIMITS.titleMaxChars,
      error: error('title'),
    }),
    ...textInput({
      id: 'summary',
      label: t('workingGroups.resultSummary'),
      value: v.summary,
      multiline: true,
      maxLength: RESULT_LIMITS.summaryMaxChars,
      error: error('summary'),
    }),
    ...textInput({
      id: 'material',
      label: t('workingGroups.resultMaterial'),
      placeholder: t('workingGroups.resultMaterialPlaceholder'),
      value: v.material,
      multiline: true,
      error: error('material'),
    }),
  ];
}

/** The hand-in form in the working group's channel; refused fields carry their reason. */
export function resultFormCard(
  t: Translate,
  input: {
    group: Group;
    parentName: string;
    locale: Locale;
    values?: ResultFormValues;
    errors?: ResultFieldError[];
  },
): AdaptiveCard {
  const v = input.values ?? {};
  const error = (field: ResultFieldError['field']) => {
    const found = input.errors?.find((candidate) => candidate.field === field);
    return found ? t(found.key as never, found.params as never) : undefined;
  };
  const body: CardElement[] = resultFormHeader(t, input);
  if (input.errors && input.errors.length > 0) body.push(errorBanner([t('workingGroups.formHasErrors')]));
  body.push(...resultFields(t, v, error));
  return adaptiveCard(body, [
    executeAction(
      t('workingGroups.resultSubmit'),
      PROCESS_VERBS.result,
      { groupId: input.group.id },
      'positive',
    ),
  ]);
}
