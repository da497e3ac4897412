/**
 * The initiative cards: the form to create or edit an initiative (refused fields come back with
 * their reason and what was typed) and the list of a reference group's initiatives (or all of them
 * for the secretariat) with an edit button each.
 */
import type { Group, Locale } from '../../domain/model';
import { translatorFor, type Translate } from '../../platform/i18n';
import type { Initiative } from './initiatives-repository';
import type { FieldErrors } from './portfolio-service';
import {
  adaptiveCard,
  errorBanner,
  executeAction,
  paragraph,
  title,
  type AdaptiveCard,
  type CardAction,
  type CardElement,
  type Container,
} from '../../platform/cards/builders';
import { markdownText } from '../../platform/cards/text';
import {
  LIGHT_EMOJI,
  VERBS,
  fieldErrors,
  formatKroner,
  formInput,
  hasErrors,
  requiredChoice,
  statusWithReason,
} from './portfolio-cards';
import { localText } from '../../domain/localized-text';

export interface InitiativeFormInput {
  locale: Locale;
  initiativeId: string;
  isNew: boolean;
  /** The reference groups the actor may choose from (one = fixed). */
  groups: Group[];
  values: Record<string, string>;
  errors?: FieldErrors;
}

/** One part of the initiative form: the card's texts, what was typed and each field's reason. */
interface FormPart {
  t: Translate;
  values: Record<string, string>;
  error: (field: string) => string | undefined;
}

/** Which reference group owns it, its name, who answers for it and its traffic light. */
function identityFields({ t, values, error }: FormPart, input: InitiativeFormInput): CardElement[] {
  return [
    ...requiredChoice({
      id: 'groupId',
      label: t('portfolio.fieldGroup'),
      choices: input.groups.map((g) => ({ title: localText(g.name, input.locale), value: g.id })),
      value: values.groupId ?? input.groups[0]?.id,
      error: error('groupId'),
    }),
    ...formInput(t, {
      id: 'title',
      label: t('portfolio.fieldTitle'),
      value: values.title,
      required: true,
      maxLength: 200,
      error: error('title'),
    }),
    ...formInput(t, {
      id: 'responsible',
      label: t('portfolio.fieldResponsible'),
      value: values.responsible,
      required: true,
      maxLength: 200,
      error: error('responsible'),
    }),
    ...statusWithReason(t, values, error, { id: 'statusReason', label: t('portfolio.fieldStatusReason') }),
  ];
}

/** Where the initiative is in its life: its phase and its planned start and end. */
function scheduleFields({ t, values, error }: FormPart): CardElement[] {
  return [
    ...formInput(t, {
      id: 'phase',
      label: t('portfolio.fieldPhase'),
      value: values.phase,
      required: true,
      maxLength: 100,
      error: error('phase'),
    }),
    ...formInput(t, {
      id: 'startDate',
      label: t('portfolio.fieldStart'),
      value: values.startDate,
      required: true,
      placeholder: '2027-01-01',
      error: error('startDate'),
    }),
    ...formInput(t, {
      id: 'endDate',
      label: t('portfolio.fieldEnd'),
      value: values.endDate,
      required: true,
      placeholder: '2027-12-31',
      error: error('endDate'),
    }),
  ];
}

/** How it is paid for (the buffet price or otherwise), what is budgeted and what is spent. */
function moneyFields({ t, values, error }: FormPart): CardElement[] {
  return [
    ...requiredChoice({
      id: 'financing',
      label: t('portfolio.fieldFinancing'),
      choices: [
        { title: t('portfolio.financing_buffet'), value: 'buffet' },
        { title: t('portfolio.financing_other'), value: 'other' },
      ],
      value: values.financing ?? 'other',
      error: error('financing'),
    }),
    ...formInput(t, {
      id: 'budgetedKr',
      label: t('portfolio.fieldBudgeted'),
      value: values.budgetedKr,
      required: true,
      placeholder: '1.500.000',
      error: error('budgetedKr'),
    }),
    ...formInput(t, {
      id: 'spentKr',
      label: t('portfolio.fieldSpent'),
      value: values.spentKr,
      placeholder: '0',
      error: error('spentKr'),
    }),
  ];
}

/** Only an existing initiative can be closed. */
function closedField({ t, values, error }: FormPart): CardElement[] {
  return formInput(t, {
    id: 'closed',
    label: t('portfolio.fieldClosed'),
    value: values.closed,
    error: error('closed'),
  });
}

export function initiativeFormCard(input: InitiativeFormInput): AdaptiveCard {
  const t = translatorFor(input.locale);
  const part: FormPart = { t, values: input.values, error: fieldErrors(t, input.errors) };
  const body: CardElement[] = [
    title(
      input.isNew
        ? t('portfolio.newInitiativeTitle')
        : t('portfolio.editInitiativeTitle', { title: markdownText(input.values.title) }),
    ),
  ];
  if (hasErrors(input.errors)) body.push(errorBanner([t('portfolio.invalidBanner')]));
  body.push(...identityFields(part, input), ...scheduleFields(part), ...moneyFields(part));
  if (!input.isNew) body.push(...closedField(part));
  return adaptiveCard(body, [
    executeAction(
      t('portfolio.save'),
      VERBS.initiativeSave,
      { initiativeId: input.initiativeId },
      'positive',
    ),
  ]);
}

/** The form's values from a stored initiative. */
export function initiativeValues(initiative: Initiative): Record<string, string> {
  return {
    groupId: initiative.groupId,
    title: initiative.title,
    responsible: initiative.responsible,
    status: initiative.status,
    statusReason: initiative.statusReason ?? '',
    phase: initiative.phase,
    startDate: initiative.startDate,
    endDate: initiative.endDate,
    financing: initiative.financing,
    budgetedKr: String(initiative.budgetedKr),
    spentKr: String(initiative.spentKr),
    closed: initiative.closedOn ?? '',
  };
}

export interface InitiativeListInput {
  locale: Locale;
  heading: string;
  initiatives: Initiative[];
  groupNames: Map<string, string>;
  canCreate: boolean;
  notice?: string;
}

/** One initiative on the list: its line, the reason for its light, and its edit button. */
function initiativeEntry(t: Translate, locale: Locale, initiative: Initiative): Container {
  const line = t('portfolio.initiativeLine', {
    light: LIGHT_EMOJI[initiative.status],
    title: markdownText(initiative.title),
    phase: markdownText(initiative.phase),
    responsible: markdownText(initiative.responsible),
    start: initiative.startDate,
    end: initiative.endDate,
    budgeted: formatKroner(initiative.budgetedKr, locale),
    spent: formatKroner(initiative.spentKr, locale),
  });
  const items: CardElement[] = [paragraph(line)];
  if (initiative.statusReason)
    items.push(
      paragraph(markdownText(initiative.statusReason), { isSubtle: true, size: 'Small', spacing: 'None' }),
    );
  items.push({
    type: 'ActionSet',
    actions: [
      executeAction(t('portfolio.edit'), VERBS.initiativeEdit, {
        groupId: initiative.groupId,
        initiativeId: initiative.id,
      }),
    ],
  });
  return { type: 'Container', items, separator: true } as Container;
}

export function initiativeListCard(input: InitiativeListInput): AdaptiveCard {
  const t = translatorFor(input.locale);
  const body: CardElement[] = [title(input.heading)];
  if (input.notice) body.push(paragraph(input.notice, { color: 'Good', weight: 'Bolder' }));
  if (input.initiatives.length === 0) body.push(paragraph(t('portfolio.noInitiatives'), { isSubtle: true }));
  for (const initiative of input.initiatives) body.push(initiativeEntry(t, input.locale, initiative));
  const actions: CardAction[] = [];
  if (input.canCreate)
    actions.push(executeAction(t('portfolio.newInitiative'), VERBS.initiativeNew, {}, 'positive'));
  return adaptiveCard(body, actions);
}
