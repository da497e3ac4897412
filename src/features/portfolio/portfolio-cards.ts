/**
 * What every card of the initiative portfolio shares: the card verbs, the traffic light, whole
 * kroner and the form inputs with the portfolio's required-field messages. The card families
 * themselves are beside it: the initiative form and list (initiative-cards.ts), the status-report
 * request and form (status-report-cards.ts) and the portfolio overview (overview-card.ts). Pure
 * builders, texts from the `portfolio` catalogue section.
 */
import type { TrafficLight } from '../../domain/model';
import type { Translate } from '../../platform/i18n';
import type { FieldErrors } from './portfolio-service';
import { choiceSetInput, textInput, type CardElement } from '../../platform/cards/builders';

export const VERBS = {
  initiativeNew: 'portfolio.initiative.new',
  initiativeEdit: 'portfolio.initiative.edit',
  initiativeSave: 'portfolio.initiative.save',
  reportOpen: 'portfolio.report.open',
  reportSubmit: 'portfolio.report.submit',
  reportBack: 'portfolio.report.back',
} as const;

export const LIGHT_EMOJI: Record<TrafficLight, string> = { green: '🟢', yellow: '🟡', red: '🔴' };

export function light(t: Translate, status: TrafficLight): string {
  return `${LIGHT_EMOJI[status]} ${t(`portfolio.light_${status}`)}`;
}

/** Whole kroner: "1.500.000 kr." / "DKK 1,500,000"; the one formatter is src/platform/i18n/money.ts. */
export { formatKroner } from '../../platform/i18n/money';

/** textInput with the portfolio's client-side message for an empty required field. */
export function formInput(t: Translate, input: Parameters<typeof textInput>[0]): CardElement[] {
  return textInput({ ...input, requiredMessage: input.requiredMessage ?? t('portfolio.errorRequired') });
}

/** Every choice on the portfolio forms is required; an empty one is named by its label. */
export function requiredChoice(
  input: Omit<Parameters<typeof choiceSetInput>[0], 'required' | 'requiredMessage'>,
): CardElement[] {
  return choiceSetInput({ ...input, required: true, requiredMessage: input.label });
}

/** A form's reason per field, in the card's language (undefined when the field is fine). */
export function fieldErrors(t: Translate, errors: FieldErrors | undefined) {
  return (field: string): string | undefined => {
    const key = errors?.[field];
    return key ? t(key) : undefined;
  };
}

/** Whether a form came back refused, so it shows the banner above the fields. */
export function hasErrors(errors: FieldErrors | undefined): boolean {
  return errors !== undefined && Object.keys(errors).length > 0;
}

function lightChoices(t: Translate) {
  return (['green', 'yellow', 'red'] as const).map((value) => ({ title: light(t, value), value }));
}

/**
 * The traffic light (green unless chosen) and the free-text reason for it: the same pair on the
 * initiative form and the status-report form, which name the reason field differently.
 */
export function statusWithReason(
  t: Translate,
  values: Record<string, string>,
  error: (field: string) => string | undefined,
  reason: { id: string; label: string },
): CardElement[] {
  return [
    ...requiredChoice({
      id: 'status',
      label: t('portfolio.fieldStatus'),
      choices: lightChoices(t),
      value: values.status ?? 'green',
      error: error('status'),
    }),
    ...formInput(t, {
      id: reason.id,
      label: reason.label,
      value: values[reason.id],
      multiline: true,
      maxLength: 2000,
      error: error(reason.id),
    }),
  ];
}
