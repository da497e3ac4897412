/**
 * Cards of the buffet-price budget: the economy report (standard agenda item) with the budget
 * years side by side, and the commitment form with its outcome (committed, or refused with the
 * numbers or the reason the year takes no commitments). Texts from the `budget` section.
 */
import type { Locale } from '../../domain/model';
import { formatTag, translatorFor } from '../../platform/i18n';
import type { BudgetStatus, EconomyReport } from './budget-service';
import type { BudgetYearState, OpenYears } from './domain/budget-years';
import type { Initiative } from '../portfolio';
import {
  adaptiveCard,
  choiceSetInput,
  errorBanner,
  executeAction,
  factSet,
  paragraph,
  textTable,
  title,
  type AdaptiveCard,
  type CardElement,
  type Fact,
} from '../../platform/cards/builders';
import { formInput } from '../portfolio';
import { formatKroner } from '../../platform/i18n/money';

export const BUDGET_VERBS = { commit: 'budget.commit' } as const;

function frameFacts(locale: Locale, status: BudgetStatus): Fact[] {
  const t = translatorFor(locale);
  const kr = (amount: number) => formatKroner(amount, locale);
  return [
    { title: t('budget.factPrice'), value: kr(status.pricePerCitizenKr) },
    {
      title: status.citizensAsOf
        ? t('budget.factCitizensAsOf', { municipalities: status.municipalities, asOf: status.citizensAsOf })
        : t('budget.factCitizens', { municipalities: status.municipalities }),
      value: new Intl.NumberFormat(formatTag(locale)).format(status.citizens),
    },
    { title: t('budget.factFrame'), value: kr(status.frameKr) },
    { title: t('budget.factCommitted'), value: kr(status.committedKr) },
    { title: t('budget.factRemaining'), value: kr(status.remainingKr) },
  ];
}

/** The catalogue key of each budget-year state. */
export const YEAR_STATE_KEYS = {
  closed: 'budget.stateClosed',
  open: 'budget.stateOpen',
  'not-open': 'budget.stateNotOpen',
} as const satisfies Record<BudgetYearState, string>;

/** "2027" or "2027–2028": the years a range covers. */
export function yearRange({ first, last }: OpenYears): string {
  return first === last ? String(first) : `${first}–${last}`;
}

/** The budget years side by side: one column per year, one row per figure. */
function yearsTable(locale: Locale, years: BudgetStatus[]): CardElement[] {
  const t = translatorFor(locale);
  const kr = (amount: number) => formatKroner(amount, locale);
  const count = new Intl.NumberFormat(formatTag(locale));
  const row = (label: string, value: (status: BudgetStatus) => string) => [label, ...years.map(value)];
  const elements: CardElement[] = [
    paragraph(t('budget.yearsHeading'), { weight: 'Bolder' }),
    textTable(
      [t('budget.factYear'), ...years.map((status) => String(status.year))],
      [
        row(t('budget.factState'), (status) => t(YEAR_STATE_KEYS[status.state])),
        row(t('budget.factPrice'), (status) => kr(status.pricePerCitizenKr)),
        row(t('budget.factCitizenCount'), (status) => count.format(status.citizens)),
        row(t('budget.factCitizensDate'), (status) => status.citizensAsOf ?? '–'),
        row(t('budget.factFrame'), (status) => kr(status.frameKr)),
        row(t('budget.factCommitted'), (status) => kr(status.committedKr)),
        row(t('budget.factRemaining'), (status) => kr(status.remainingKr)),
      ],
    ),
  ];
  const provisional = years.filter((status) => status.provisional).map((status) => status.year);
  if (provisional.length > 0)
    elements.push(paragraph(t('budget.provisional', { years: provisional.join(', ') }), { isSubtle: true }));
  return elements;
}

/** The economy report of a year; with `years`, the budget years around it side by side too. */
export function economyReportCard(
  locale: Locale,
  report: EconomyReport,
  years: BudgetStatus[] = [],
): AdaptiveCard {
  const t = translatorFor(locale);
  const kr = (amount: number) => formatKroner(amount, locale);
  const facts = frameFacts(locale, report);
  facts.splice(4, 0, { title: t('budget.factSpent'), value: kr(report.spentKr) });
  const body: CardElement[] = [title(t('budget.economyTitle', { year: report.year })), factSet(facts)];
  if (report.municipalities === 0) body.push(paragraph(t('budget.noRegister'), { color: 'Warning' }));
  if (years.length > 0) body.push(...yearsTable(locale, years));
  body.push(paragraph(t('budget.perInitiative'), { weight: 'Bolder' }));
  if (report.lines.length === 0) body.push(paragraph(t('budget.noLines'), { isSubtle: true }));
  else {
    body.push(
      factSet(
        report.lines.map((line) => ({
          title: line.initiative.title,
          value: t('budget.line', {
            committed: kr(line.committedKr),
            budgeted: kr(line.budgetedKr),
            spent: kr(line.spentKr),
            remaining: kr(line.remainingKr),
          }),
        })),
      ),
    );
  }
  return adaptiveCard(body);
}

export interface CommitFormInput {
  locale: Locale;
  requestId: string;
  initiatives: Initiative[];
  status: BudgetStatus;
  values: Record<string, string>;
  /** Reasons shown above the form (refusal with numbers, invalid fields). */
  problems?: string[];
  /** Numbers of a refusal, shown as facts. */
  refusal?: { frame: number; committed: number; remaining: number; requested: string };
}

export function commitFormCard(input: CommitFormInput): AdaptiveCard {
  const t = translatorFor(input.locale);
  const kr = (amount: number) => formatKroner(amount, input.locale);
  const body: CardElement[] = [title(t('budget.commitTitle'))];
  if (input.problems && input.problems.length > 0) body.push(errorBanner(input.problems));
  if (input.refusal) {
    body.push(
      factSet([
        { title: t('budget.factFrame'), value: kr(input.refusal.frame) },
        { title: t('budget.factCommitted'), value: kr(input.refusal.committed) },
        { title: t('budget.factRemaining'), value: kr(input.refusal.remaining) },
        { title: t('budget.factRequested'), value: input.refusal.requested },
      ]),
    );
  } else body.push(factSet(frameFacts(input.locale, input.status)));
  if (input.initiatives.length === 0) {
    body.push(paragraph(t('budget.noBuffetInitiatives'), { isSubtle: true }));
    return adaptiveCard(body);
  }
  body.push(
    ...choiceSetInput({
      id: 'initiative',
      label: t('budget.fieldInitiative'),
      required: true,
      requiredMessage: t('budget.unknownInitiative'),
      value: input.values.initiative ?? `${input.initiatives[0]!.groupId}/${input.initiatives[0]!.id}`,
      choices: input.initiatives.map((i) => ({ title: i.title, value: `${i.groupId}/${i.id}` })),
    }),
    ...formInput(t, {
      id: 'year',
      label: t('budget.fieldYear'),
      value: input.values.year ?? String(input.status.year),
      required: true,
    }),
    ...formInput(t, {
      id: 'amount',
      label: t('budget.fieldAmount'),
      value: input.values.amount,
      required: true,
      placeholder: '1.500.000',
    }),
    ...formInput(t, { id: 'meetingId', label: t('budget.fieldMeeting'), value: input.values.meetingId }),
    ...formInput(t, { id: 'note', label: t('budget.fieldNote'), value: input.values.note, maxLength: 1000 }),
  );
  return adaptiveCard(body, [
    executeAction(t('budget.commitButton'), BUDGET_VERBS.commit, { requestId: input.requestId }, 'positive'),
  ]);
}

export function committedCard(locale: Locale, text: string, status: BudgetStatus): AdaptiveCard {
  const t = translatorFor(locale);
  return adaptiveCard([
    title(t('budget.committedTitle')),
    paragraph(text, { color: 'Good' }),
    factSet(frameFacts(locale, status)),
  ]);
}
