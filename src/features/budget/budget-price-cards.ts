/**
 * Cards of the buffet price per budget year: each year's price with its history (seeded from the
 * governance file, then who set it and when), and the form that sets a coming year's price.
 */
import type { Locale } from '../../domain/model';
import { translatorFor, type Translate } from '../../platform/i18n';
import {
  adaptiveCard,
  errorBanner,
  executeAction,
  factSet,
  paragraph,
  title,
  type AdaptiveCard,
  type CardElement,
} from '../../platform/cards/builders';
import { formatInstant } from '../../platform/cards/reminders';
import { formInput } from '../portfolio';
import { formatKroner } from '../../platform/i18n/money';
import type { YearPrices } from './budget-years';
import type { PriceEntry } from './budget-repository';
import type { OpenYears } from './domain/budget-years';
import { YEAR_STATE_KEYS } from './budget-cards';

export const PRICE_VERBS = { set: 'budget.setPrice' } as const;

function historyLine(t: Translate, locale: Locale, timeZone: string, entry: PriceEntry): string {
  const price = formatKroner(entry.pricePerCitizenKr, locale);
  const at = formatInstant(entry.setAt, locale, timeZone);
  return entry.source === 'governance'
    ? t('budget.priceSeeded', { price, at })
    : t('budget.priceSetBy', { price, at, by: entry.setByName ?? entry.setBy });
}

/** Each year: its state and price, and the steps of its history below. */
export function priceHistory(locale: Locale, timeZone: string, prices: YearPrices[]): CardElement[] {
  const t = translatorFor(locale);
  return prices.flatMap((year) => {
    const price = formatKroner(year.pricePerCitizenKr, locale);
    const lines =
      year.history.length > 0
        ? year.history.map((entry) => historyLine(t, locale, timeZone, entry))
        : [t('budget.priceFromFile', { price })];
    return [
      factSet([{ title: `${year.year} (${t(YEAR_STATE_KEYS[year.state])})`, value: price }]),
      paragraph(lines.map((line) => `- ${line}`).join('\n'), { isSubtle: true, spacing: 'None' }),
    ];
  });
}

export interface PriceFormInput {
  locale: Locale;
  timeZone: string;
  requestId: string;
  prices: YearPrices[];
  /** The years whose price may be set now. */
  priceYears: OpenYears;
  values?: Record<string, string>;
  problems?: string[];
}

export function priceFormCard(input: PriceFormInput): AdaptiveCard {
  const t = translatorFor(input.locale);
  const values = input.values ?? {};
  const body: CardElement[] = [title(t('budget.priceTitle'))];
  if (input.problems && input.problems.length > 0) body.push(errorBanner(input.problems));
  body.push(
    ...priceHistory(input.locale, input.timeZone, input.prices),
    ...formInput(t, {
      id: 'year',
      label: t('budget.fieldPriceYear'),
      value: values.year ?? String(input.priceYears.first),
      required: true,
    }),
    ...formInput(t, {
      id: 'price',
      label: t('budget.fieldPrice'),
      value: values.price,
      required: true,
      placeholder: '5',
    }),
  );
  return adaptiveCard(body, [
    executeAction(t('budget.priceButton'), PRICE_VERBS.set, { requestId: input.requestId }, 'positive'),
  ]);
}

export function priceSetCard(
  locale: Locale,
  timeZone: string,
  text: string,
  prices: YearPrices[],
): AdaptiveCard {
  const t = translatorFor(locale);
  return adaptiveCard([
    title(t('budget.priceSetTitle')),
    paragraph(text, { color: 'Good' }),
    ...priceHistory(locale, timeZone, prices),
  ]);
}
