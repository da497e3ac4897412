/**
 * Cards of working groups: the proposal form (with the current priority ranking, each refused
 * field's reason next to it and the user's input kept), the approval notices and the list.
 */
import type { Group, Locale } from '../../domain/model';
import type { Translate } from '../../i18n';
import type { ProposalErrorKey, ProposalField, ProposalValues } from '../../services/working-groups-proposal';
import { formatDate } from './reminders';
import {
  adaptiveCard,
  errorBanner,
  executeAction,
  factSet,
  paragraph,
  textInput,
  title,
  type AdaptiveCard,
  type CardElement,
} from './builders';

export const WORKING_GROUP_VERBS = {
  propose: 'workingGroup.propose',
  dissolve: 'workingGroup.dissolve',
} as const;

/** Input elements the shared builders do not type yet (schema 1.5). */
interface ChoiceSetInput {
  type: 'Input.ChoiceSet';
  id: string;
  label: string;
  choices: Array<{ title: string; value: string }>;
  value?: string;
  style?: 'compact' | 'expanded';
  isRequired?: boolean;
  errorMessage?: string;
}
interface DateInput {
  type: 'Input.Date';
  id: string;
  label: string;
  value?: string;
  isRequired?: boolean;
  errorMessage?: string;
}
interface NumberInput {
  type: 'Input.Number';
  id: string;
  label: string;
  value?: number;
  min?: number;
}

/** The builders' element union is closed; these inputs are valid 1.5 elements (validateCard checks them). */
const element = (input: ChoiceSetInput | DateInput | NumberInput) => input as unknown as CardElement;

function fieldError(t: Translate, errors: Partial<Record<ProposalField, ProposalErrorKey>>, field: ProposalField): CardElement[] {
  const key = errors[field];
  return key ? [paragraph(t(`workingGroups.error_${key}`), { color: 'Attention', size: 'Small', spacing: 'None' })] : [];
}

export interface RankingEntry {
  id: string;
  title: string;
  planned: boolean;
}

export function proposalFormCard(input: {
  t: Translate;
  locale: Locale;
  values: ProposalValues;
  errors?: Partial<Record<ProposalField, ProposalErrorKey>>;
  referenceGroups: Group[];
  ranking: RankingEntry[];
}): AdaptiveCard {
  const { t, values } = input;
  const errors = input.errors ?? {};
  const error = (field: ProposalField) => (errors[field] ? t(`workingGroups.error_${errors[field]}`) : undefined);
  const body: CardElement[] = [title(t('workingGroups.formTitle')), paragraph(t('workingGroups.formIntro'), { isSubtle: true })];
  if (Object.keys(errors).length > 0) body.push(errorBanner([t('workingGroups.formHasErrors')]));
  body.push(...textInput({ id: 'title', label: t('workingGroups.fieldTitle'), value: values.title, maxLength: 200, error: error('title') }));
  body.push(...textInput({ id: 'problem', label: t('workingGroups.fieldProblem'), value: values.problem, multiline: true, error: error('problem') }));
  body.push(...textInput({ id: 'mandate', label: t('workingGroups.fieldMandate'), value: values.mandate, multiline: true, error: error('mandate') }));
  body.push(
    element({
      type: 'Input.ChoiceSet',
      id: 'parentGroupId',
      label: t('workingGroups.fieldParent'),
      style: 'compact',
      value: values.parentGroupId,
      choices: input.referenceGroups.map((group) => ({ title: group.name[input.locale], value: group.id })),
    }),
    ...fieldError(t, errors, 'parentGroupId'),
  );
  body.push(
    ...textInput({
      id: 'members',
      label: t('workingGroups.fieldMembers'),
      placeholder: t('workingGroups.membersPlaceholder'),
      value: values.members,
      multiline: true,
      error: error('members'),
    }),
  );
  body.push(...textInput({ id: 'chair', label: t('workingGroups.fieldChair'), value: values.chair, error: error('chair') }));
  body.push(
    ...textInput({
      id: 'resources',
      label: t('workingGroups.fieldResourcesInput'),
      placeholder: t('workingGroups.resourcesPlaceholder'),
      value: values.resources,
      multiline: true,
      error: error('resources'),
    }),
  );
  body.push(...textInput({ id: 'costKr', label: t('workingGroups.fieldCost'), value: values.costKr, placeholder: '0', error: error('costKr') }));

  // The current ranking, then the position the new group should take in it.
  body.push(paragraph(t('workingGroups.rankingHeading'), { weight: 'Bolder' }));
  body.push(
    input.ranking.length > 0
      ? factSet(
          input.ranking.map((entry, index) => ({
            title: String(index + 1),
            value: entry.planned ? t('workingGroups.rankingPlanned', { title: entry.title }) : entry.title,
          })),
        )
      : paragraph(t('workingGroups.rankingEmpty'), { isSubtle: true }),
  );
  const positions = Array.from({ length: input.ranking.length + 1 }, (_, index) => ({
    title: index < input.ranking.length ? t('workingGroups.positionBefore', { position: index + 1, title: input.ranking[index]!.title }) : t('workingGroups.positionLast', { position: index + 1 }),
    value: String(index + 1),
  }));
  body.push(
    element({
      type: 'Input.ChoiceSet',
      id: 'priority',
      label: t('workingGroups.fieldPriority'),
      style: 'compact',
      value: values.priority ?? String(input.ranking.length + 1),
      choices: positions,
    }),
    ...fieldError(t, errors, 'priority'),
  );
  body.push(element({ type: 'Input.Date', id: 'startDate', label: t('workingGroups.fieldStart'), value: values.startDate }), ...fieldError(t, errors, 'startDate'));
  body.push(element({ type: 'Input.Date', id: 'endDate', label: t('workingGroups.fieldEnd'), value: values.endDate }), ...fieldError(t, errors, 'endDate'));
  return adaptiveCard(body, [executeAction(t('workingGroups.submit'), WORKING_GROUP_VERBS.propose, {}, 'positive')]);
}

/** Shown to the proposer (replacing the form) once the hearing is open. */
export function proposalSubmittedCard(t: Translate, hearingId: string, titleText: string): AdaptiveCard {
  return adaptiveCard(
    [title(t('workingGroups.submittedTitle', { title: titleText })), paragraph(t('workingGroups.submittedBody', { id: hearingId }))],
    [executeAction(t('workingGroups.withdraw'), 'hearing.withdraw', { hearingId }, 'destructive')],
  );
}

/** Asks the secretariat to bind the new working group to a channel. */
export function bindRequestCard(t: Translate, locale: Locale, group: Group, parentName: string): AdaptiveCard {
  return adaptiveCard([
    title(t('workingGroups.bindRequestTitle', { group: group.name[locale] })),
    paragraph(t('workingGroups.bindRequestBody', { id: group.id, parent: parentName })),
    factSet([{ title: t('workingGroups.fieldEnd'), value: group.plannedEnd ? formatDate(group.plannedEnd, locale) : '' }]),
  ]);
}

export function workingGroupListCard(t: Translate, locale: Locale, groups: Group[]): AdaptiveCard {
  const body: CardElement[] = [title(t('workingGroups.listTitle'))];
  body.push(
    groups.length > 0
      ? factSet(
          groups.map((group) => ({
            title: `${group.name[locale]} (${group.id})`,
            value:
              group.status === 'dissolved'
                ? t('workingGroups.listDissolved')
                : t('workingGroups.listActive', { end: group.plannedEnd ? formatDate(group.plannedEnd, locale) : '?' }),
          })),
        )
      : paragraph(t('workingGroups.listNone'), { isSubtle: true }),
  );
  return adaptiveCard(body);
}
