/**
 * Cards of working groups: the proposal form (with the current priority ranking, each refused
 * field's reason next to it and the user's input kept), the approval notices, and the list with
 * the Extend / Dissolve forms for those who may use them.
 */
import type { Group, Locale } from '../../domain/model';
import { addDaysToDate } from '../../domain/time';
import type { Translate } from '../../platform/i18n';
import type { ProposalErrorKey, ProposalField, ProposalValues } from './working-group-proposal';
import { formatDate } from '../../platform/cards/reminders';
import { fitCard, fitNote, type TextFit } from '../../platform/cards/card-budget';
import { markdownText } from '../../platform/cards/text';
import {
  adaptiveCard,
  choiceSetInput,
  dateInput,
  errorBanner,
  executeAction,
  factSet,
  paragraph,
  showCardAction,
  textInput,
  title,
  type AdaptiveCard,
  type CardAction,
  type CardElement,
} from '../../platform/cards/builders';
import { localText } from '../../domain/localized-text';

export const WORKING_GROUP_VERBS = {
  propose: 'workingGroup.propose',
  dissolve: 'workingGroup.dissolve',
  extend: 'workingGroup.extend',
} as const;

/** What the dissolve action needs besides the group id before it acts (see dissolveConfirmCard). */
export const DISSOLVE_CONFIRMED = 'yes';

/** The longest dissolve/extension reason the cards accept (it goes into the audit log). */
export const REASON_MAX_CHARS = 500;

/**
 * Input ids carry the group id: the list card has one form per working group, and Adaptive Cards
 * wants every input id in a card to be unique.
 */
export const workingGroupInputIds = (groupId: string) => ({
  dissolveReason: `dissolveReason:${groupId}`,
  extendEnd: `extendEnd:${groupId}`,
  extendReason: `extendReason:${groupId}`,
});

export interface RankingEntry {
  id: string;
  title: string;
  planned: boolean;
}

export interface ProposalFormInput {
  t: Translate;
  locale: Locale;
  values: ProposalValues;
  errors?: Partial<Record<ProposalField, ProposalErrorKey>>;
  referenceGroups: Group[];
  ranking: RankingEntry[];
}

/** A refused field's reason, shown under the field. */
type FieldError = (field: ProposalField) => string | undefined;

/** What the group is for: its title, the problem and its mandate. */
function purposeFields(t: Translate, values: ProposalValues, error: FieldError): CardElement[] {
  return [
    ...textInput({
      id: 'title',
      label: t('workingGroups.fieldTitle'),
      value: values.title,
      maxLength: 200,
      error: error('title'),
    }),
    ...textInput({
      id: 'problem',
      label: t('workingGroups.fieldProblem'),
      value: values.problem,
      multiline: true,
      error: error('problem'),
    }),
    ...textInput({
      id: 'mandate',
      label: t('workingGroups.fieldMandate'),
      value: values.mandate,
      multiline: true,
      error: error('mandate'),
    }),
  ];
}

/** The reference group the working group belongs under. */
function parentField(input: ProposalFormInput, error: FieldError): CardElement[] {
  return choiceSetInput({
    id: 'parentGroupId',
    label: input.t('workingGroups.fieldParent'),
    value: input.values.parentGroupId,
    choices: input.referenceGroups.map((group) => ({
      title: localText(group.name, input.locale),
      value: group.id,
    })),
    error: error('parentGroupId'),
  });
}

/** Who takes part, who chairs, the hours each organisation gives and the cost. */
function peopleAndCostFields(t: Translate, values: ProposalValues, error: FieldError): CardElement[] {
  return [
    ...textInput({
      id: 'members',
      label: t('workingGroups.fieldMembers'),
      placeholder: t('workingGroups.membersPlaceholder'),
      value: values.members,
      multiline: true,
      error: error('members'),
    }),
    ...textInput({
      id: 'chair',
      label: t('workingGroups.fieldChair'),
      value: values.chair,
      error: error('chair'),
    }),
    ...textInput({
      id: 'resources',
      label: t('workingGroups.fieldResourcesInput'),
      placeholder: t('workingGroups.resourcesPlaceholder'),
      value: values.resources,
      multiline: true,
      error: error('resources'),
    }),
    ...textInput({
      id: 'costKr',
      label: t('workingGroups.fieldCost'),
      value: values.costKr,
      placeholder: '0',
      error: error('costKr'),
    }),
  ];
}

/** The current ranking, then the position the new group should take in it. */
function prioritySection(
  t: Translate,
  values: ProposalValues,
  ranking: RankingEntry[],
  error: FieldError,
): CardElement[] {
  const current =
    ranking.length > 0
      ? factSet(
          ranking.map((entry, index) => ({
            title: String(index + 1),
            value: entry.planned
              ? t('workingGroups.rankingPlanned', { title: markdownText(entry.title) })
              : markdownText(entry.title),
          })),
        )
      : paragraph(t('workingGroups.rankingEmpty'), { isSubtle: true });
  const positions = Array.from({ length: ranking.length + 1 }, (_, index) => ({
    title:
      index < ranking.length
        ? t('workingGroups.positionBefore', { position: index + 1, title: ranking[index]!.title })
        : t('workingGroups.positionLast', { position: index + 1 }),
    value: String(index + 1),
  }));
  return [
    paragraph(t('workingGroups.rankingHeading'), { weight: 'Bolder' }),
    current,
    ...choiceSetInput({
      id: 'priority',
      label: t('workingGroups.fieldPriority'),
      value: values.priority ?? String(ranking.length + 1),
      choices: positions,
      error: error('priority'),
    }),
  ];
}

/** When the group starts and ends. */
function periodFields(t: Translate, values: ProposalValues, error: FieldError): CardElement[] {
  return [
    ...dateInput({
      id: 'startDate',
      label: t('workingGroups.fieldStart'),
      value: values.startDate,
      error: error('startDate'),
    }),
    ...dateInput({
      id: 'endDate',
      label: t('workingGroups.fieldEnd'),
      value: values.endDate,
      error: error('endDate'),
    }),
  ];
}

export function proposalFormCard(input: ProposalFormInput): AdaptiveCard {
  const { t, values } = input;
  const errors = input.errors ?? {};
  const error: FieldError = (field) =>
    errors[field] ? t(`workingGroups.error_${errors[field]}`) : undefined;
  const body: CardElement[] = [
    title(t('workingGroups.formTitle')),
    paragraph(t('workingGroups.formIntro'), { isSubtle: true }),
  ];
  if (Object.keys(errors).length > 0) body.push(errorBanner([t('workingGroups.formHasErrors')]));
  body.push(
    ...purposeFields(t, values, error),
    ...parentField(input, error),
    ...peopleAndCostFields(t, values, error),
    ...prioritySection(t, values, input.ranking, error),
    ...periodFields(t, values, error),
  );
  return adaptiveCard(body, [
    executeAction(t('workingGroups.submit'), WORKING_GROUP_VERBS.propose, {}, 'positive'),
  ]);
}

/** Shown to the proposer (replacing the form) once the hearing is open. */
export function proposalSubmittedCard(t: Translate, hearingId: string, titleText: string): AdaptiveCard {
  return adaptiveCard(
    [
      title(t('workingGroups.submittedTitle', { title: markdownText(titleText) })),
      paragraph(t('workingGroups.submittedBody', { id: hearingId })),
    ],
    [executeAction(t('workingGroups.withdraw'), 'hearing.withdraw', { hearingId }, 'destructive')],
  );
}

/** Asks the secretariat to bind the new working group to a channel. */
export function bindRequestCard(
  t: Translate,
  locale: Locale,
  group: Group,
  parentName: string,
): AdaptiveCard {
  return adaptiveCard([
    title(t('workingGroups.bindRequestTitle', { group: markdownText(localText(group.name, locale)) })),
    paragraph(
      t('workingGroups.bindRequestBody', { id: markdownText(group.id), parent: markdownText(parentName) }),
    ),
    factSet([
      {
        title: t('workingGroups.fieldEnd'),
        value: group.plannedEnd ? formatDate(group.plannedEnd, locale) : '',
      },
    ]),
  ]);
}

/** The reason field and the destructive confirm button of a dissolution (inline or on its own card). */
function dissolveForm(t: Translate, group: Group): { body: CardElement[]; confirm: CardAction } {
  const ids = workingGroupInputIds(group.id);
  return {
    body: [
      paragraph(t('workingGroups.dissolveConfirmBody')),
      ...textInput({
        id: ids.dissolveReason,
        label: t('workingGroups.dissolveReason'),
        multiline: true,
        maxLength: REASON_MAX_CHARS,
      }),
    ],
    confirm: executeAction(
      t('workingGroups.dissolveConfirm'),
      WORKING_GROUP_VERBS.dissolve,
      { groupId: group.id, confirm: DISSOLVE_CONFIRMED },
      'destructive',
    ),
  };
}

/** The new end date and the reason of an extension, and its button. */
function extendForm(t: Translate, group: Group): { body: CardElement[]; confirm: CardAction } {
  const ids = workingGroupInputIds(group.id);
  return {
    body: [
      ...dateInput({
        id: ids.extendEnd,
        label: t('workingGroups.extendNewEnd'),
        required: true,
        requiredMessage: t('workingGroups.extendNewEndRequired'),
        ...(group.plannedEnd ? { min: addDaysToDate(group.plannedEnd, 1) } : {}),
      }),
      ...textInput({
        id: ids.extendReason,
        label: t('workingGroups.extendReason'),
        multiline: true,
        required: true,
        requiredMessage: t('workingGroups.extendReasonRequired'),
        maxLength: REASON_MAX_CHARS,
      }),
    ],
    confirm: executeAction(t('workingGroups.extendConfirm'), WORKING_GROUP_VERBS.extend, {
      groupId: group.id,
    }),
  };
}

/**
 * The second step when a dissolve action arrives without its confirmation (an older card, or a
 * client that sent the verb directly): nothing is dissolved until the user confirms here.
 */
export function dissolveConfirmCard(t: Translate, locale: Locale, group: Group): AdaptiveCard {
  const form = dissolveForm(t, group);
  return adaptiveCard(
    [
      title(t('workingGroups.dissolveConfirmTitle', { group: markdownText(localText(group.name, locale)) })),
      ...form.body,
    ],
    [form.confirm],
  );
}

/**
 * Every working group with its state. Under each active group the viewer may manage (`manageable`:
 * the secretariat, or members of its parent reference group) come Extend and Dissolve buttons; each
 * opens an inline form first, and dissolving takes a second, destructive click, so a single
 * mis-click changes nothing.
 */
export function workingGroupListCard(
  t: Translate,
  locale: Locale,
  groups: Group[],
  manageable: ReadonlySet<string> = new Set(),
): AdaptiveCard {
  // The names are proposal titles (up to 2,000 characters) and the list only grows: within the card budget.
  return fitCard((fit) => buildWorkingGroupList(t, locale, fit.items(groups), manageable, fit)).card;
}

function buildWorkingGroupList(
  t: Translate,
  locale: Locale,
  groups: readonly Group[],
  manageable: ReadonlySet<string>,
  fit: TextFit,
): AdaptiveCard {
  const body: CardElement[] = [title(t('workingGroups.listTitle'))];
  body.push(
    groups.length > 0
      ? factSet(
          groups.map((group) => ({
            title: `${fit.text(localText(group.name, locale))} (${markdownText(group.id)})`,
            value:
              group.status === 'dissolved'
                ? t('workingGroups.listDissolved')
                : t('workingGroups.listActive', {
                    end: group.plannedEnd ? formatDate(group.plannedEnd, locale) : '?',
                  }),
          })),
        )
      : paragraph(t('workingGroups.listNone'), { isSubtle: true }),
  );
  for (const group of groups) {
    if (group.status !== 'active' || !manageable.has(group.id)) continue;
    const name = fit.plain(localText(group.name, locale));
    const extend = extendForm(t, group);
    const dissolve = dissolveForm(t, group);
    body.push({
      type: 'Container',
      items: [
        paragraph(fit.text(localText(group.name, locale)), { weight: 'Bolder', spacing: 'Medium' }),
        {
          type: 'ActionSet',
          actions: [
            showCardAction(t('workingGroups.extendButton', { group: name }), extend.body, [extend.confirm]),
            showCardAction(
              t('workingGroups.dissolveButton', { group: name }),
              dissolve.body,
              [dissolve.confirm],
              'destructive',
            ),
          ],
        },
      ],
    });
  }
  const note = fitNote(t, fit);
  if (note) body.push(note);
  return adaptiveCard(body);
}
