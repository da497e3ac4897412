/**
 * The buffet price per budget year in Teams (secretariat):
 * - `buffetpris` / `buffet price`: each year's price with its history, and the form that sets a
 *   coming year's price (next year's by default);
 * - the form's action records the price in the year's history and the audit log (who and when);
 *   a closed or current year, a year too far ahead or a bad price is refused on the card, input kept.
 */
import { randomUUID } from 'node:crypto';
import { translatorFor } from '../../platform/i18n';
import type { AdaptiveCard } from '../../platform/cards/builders';
import type { CardActionResult, FeatureContext } from '../../platform/teams/feature';
import { actorIdOf } from '../../platform/teams/feature';
import { cardAction, command, commandText } from '../../platform/teams/define';
import { formatKroner } from '../../platform/i18n/money';
import { yearRange } from './budget-cards';
import { PRICE_VERBS, priceFormCard, priceSetCard } from './budget-price-cards';
import type { SetPriceResult } from './budget-years';
import { priceInput, type PriceValues } from './budget-input';

function timeZoneOf(ctx: FeatureContext): string {
  return ctx.services.governance.timeZone;
}

/** The years the price card shows: last year, this year and the years whose price may be set. */
async function yearPrices(ctx: FeatureContext) {
  const years = ctx.services.budget.years;
  const current = years.currentYear();
  const { last } = years.priceYears();
  return years.prices(Array.from({ length: last - current + 2 }, (_, index) => current - 1 + index));
}

async function priceForm(
  ctx: FeatureContext,
  requestId: string,
  values?: PriceValues,
  problem?: string,
): Promise<AdaptiveCard> {
  return priceFormCard({
    locale: ctx.locale,
    timeZone: timeZoneOf(ctx),
    requestId,
    prices: await yearPrices(ctx),
    priceYears: ctx.services.budget.years.priceYears(),
    ...(values ? { values } : {}),
    ...(problem ? { problems: [problem] } : {}),
  });
}

/** Why a price was not set, in the user's language (undefined: it was set). */
function priceProblem(ctx: FeatureContext, result: SetPriceResult): string | undefined {
  const t = translatorFor(ctx.locale);
  switch (result.kind) {
    case 'invalid-year':
      return t('budget.invalidYear');
    case 'invalid-price':
      return t('budget.priceInvalid');
    case 'year-refused': {
      const { reason, year, open } = result.check;
      const key = reason === 'closed-year' ? 'budget.priceYearFixed' : 'budget.priceYearNotOpen';
      return t(key, { year, years: yearRange(open) });
    }
    default:
      return undefined;
  }
}

export const priceCommand = command({
  id: 'buffet-price',
  helpKey: 'budget.help_price',
  allowedRoles: ['administer'],
  args: commandText,
  async handle(ctx) {
    const card = await priceForm(ctx, randomUUID());
    return ctx.reply({ card, summary: ctx.t('budget.priceTitle') });
  },
});

export const priceAction = cardAction({
  verb: PRICE_VERBS.set,
  allowedRoles: ['administer'],
  input: priceInput,
  async handle(ctx, { requestId, values }): Promise<CardActionResult> {
    const t = translatorFor(ctx.locale);
    const id = requestId || randomUUID();
    const result = await ctx.services.budget.years.setPrice(
      { id: actorIdOf(ctx.actor), name: ctx.actor.name },
      { requestId: id, year: values.year, pricePerCitizenKr: values.price },
    );
    const problem = priceProblem(ctx, result);
    if (problem !== undefined || (result.kind !== 'set' && result.kind !== 'already-set'))
      return { kind: 'card', card: await priceForm(ctx, id, values, problem) };
    const price = formatKroner(result.entry.pricePerCitizenKr, ctx.locale);
    const text =
      result.kind === 'set'
        ? t('budget.priceSet', {
            year: result.year,
            price,
            previous: formatKroner(result.previousKr, ctx.locale),
          })
        : t('budget.priceAlreadySet', { year: result.year, price });
    return { kind: 'card', card: priceSetCard(ctx.locale, timeZoneOf(ctx), text, await yearPrices(ctx)) };
  },
});
