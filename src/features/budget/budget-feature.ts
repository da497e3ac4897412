/**
 * The buffet-price budget in Teams:
 * - `økonomi` / `economy` [år]: the economy report card (standard agenda item): frame, committed,
 *   spent and remaining per initiative, with the year before and after side by side.
 * - `bevilling` / `commitment`: the commitment form (secretariat); a commitment past the frame is
 *   refused on the card with the numbers (frame, committed, remaining, requested), one for a
 *   closed year or a year not open yet with the reason and the open years; input kept.
 * - `buffetpris` / `buffet price`: the price per budget year (budget-price-feature.ts).
 */
import { randomUUID } from 'node:crypto';
import type { Locale } from '../../domain/model';
import { translatorFor } from '../../platform/i18n';
import type { BudgetStatus, CommitRequest, CommitResult } from './budget-service';
import type { PortfolioService } from '../portfolio';
import type { BudgetService } from './budget-service';
import { BUDGET_VERBS, commitFormCard, committedCard, economyReportCard, yearRange } from './budget-cards';
import { priceAction, priceCommand } from './budget-price-feature';
import type { YearCheck } from './domain/budget-years';
import { formatKroner } from '../../platform/i18n/money';
import type { BotFeature, CardActionResult, FeatureContext } from '../../platform/teams/feature';
import { actorIdOf } from '../../platform/teams/feature';
import { cardAction, command } from '../../platform/teams/define';
import { commitInput, yearArgs, type CommitValues } from './budget-input';

/** What the budget commands use: the budget and the portfolio's initiatives. */
interface BudgetDesk {
  budget: BudgetService;
  portfolio: PortfolioService;
}

/** The numbers a refused commitment is shown with on the form. */
interface Refusal {
  frame: number;
  committed: number;
  remaining: number;
  requested: string;
}

/** A commitment form being answered: its request id, what was typed and the year it is probably for. */
interface CommitAttempt {
  requestId: string;
  values: CommitValues;
  yearGuess: number;
}

function deskOf(ctx: FeatureContext): BudgetDesk {
  const { budget, portfolio } = ctx.services;
  return { budget, portfolio: portfolio.portfolio };
}

/** Why `year` takes no commitments (closed, or not open yet), with the open years. */
function yearProblem(
  locale: Locale,
  { reason, year, open }: Extract<YearCheck, { ok: false }>,
  refused: boolean,
): string {
  const t = translatorFor(locale);
  const params = { year, years: yearRange(open) };
  if (reason === 'closed-year')
    return t(refused ? 'budget.refusedClosedYear' : 'budget.closedYearNote', params);
  return t(refused ? 'budget.refusedNotOpenYear' : 'budget.notOpenYearNote', params);
}

async function commitForm(
  all: BudgetDesk,
  locale: Locale,
  requestId: string,
  status: BudgetStatus,
  values: Record<string, string> = {},
  problems?: string[],
  refusal?: Refusal,
) {
  const initiatives = (await all.portfolio.list()).filter((i) => i.financing === 'buffet' && !i.closedOn);
  return commitFormCard({ locale, requestId, initiatives, status, values, problems, refusal });
}

/** The form's fields as the budget service takes them ("group/initiative" names the initiative). */
function commitRequest({ requestId, values }: CommitAttempt): CommitRequest {
  const [groupId = '', initiativeId = ''] = values.initiative.split('/');
  return {
    requestId,
    groupId,
    initiativeId,
    year: values.year,
    amountKr: values.amount,
    ...(values.meetingId.trim() ? { decidedAtMeetingId: values.meetingId.trim() } : {}),
    ...(values.note.trim() ? { note: values.note.trim() } : {}),
  };
}

/** The form again with what was typed and the problem, for the typed year when it is a real one. */
async function retryForm(
  ctx: FeatureContext,
  all: BudgetDesk,
  { requestId, values, yearGuess }: CommitAttempt,
  problem: string,
  refusal?: Refusal,
): Promise<CardActionResult> {
  const year = yearGuess >= 2000 && yearGuess <= 2200 ? yearGuess : all.budget.years.currentYear();
  return {
    kind: 'card',
    card: await commitForm(
      all,
      ctx.locale,
      requestId,
      await all.budget.status(year),
      values,
      [problem],
      refusal,
    ),
  };
}

/** A commitment the frame does not allow: why, and the numbers it was weighed against. */
function refusedForm(
  ctx: FeatureContext,
  all: BudgetDesk,
  attempt: CommitAttempt,
  { decision: d }: Extract<CommitResult, { kind: 'refused' }>,
): Promise<CardActionResult> {
  const t = translatorFor(ctx.locale);
  const requested =
    typeof d.requested === 'number' ? formatKroner(d.requested, ctx.locale) : attempt.values.amount;
  const refusal = { frame: d.frame, committed: d.committed, remaining: d.remaining, requested };
  const problem =
    d.reason === 'exceeds-frame'
      ? t('budget.refusedExceeds', { requested, year: attempt.yearGuess })
      : t('budget.refusedInvalid');
  return retryForm(ctx, all, attempt, problem, refusal);
}

/** The commitment booked (now, or by an earlier send of the same card) with the year's status. */
async function committedResult(
  ctx: FeatureContext,
  all: BudgetDesk,
  result: Extract<CommitResult, { kind: 'committed' | 'already-committed' }>,
): Promise<CardActionResult> {
  const t = translatorFor(ctx.locale);
  const { commitment } = result;
  const initiative = await all.portfolio.get(commitment.groupId, commitment.initiativeId);
  const params = {
    amount: formatKroner(commitment.amountKr, ctx.locale),
    title: initiative?.title ?? commitment.initiativeId,
    year: commitment.year,
  };
  const message = t(result.kind === 'committed' ? 'budget.committed' : 'budget.alreadyCommitted', params);
  return {
    kind: 'card',
    card: committedCard(ctx.locale, message, await all.budget.status(commitment.year)),
  };
}

export const budgetFeature: BotFeature = {
  id: 'budget',
  commands: [
    command({
      id: 'economy',
      helpKey: 'budget.help_economy',
      helpRank: { personal: 3 },
      args: yearArgs,
      async handle(ctx, yearArg) {
        const all = deskOf(ctx);
        const year = yearArg ?? all.budget.years.currentYear();
        const { report, years } = await all.budget.economyYears(year);
        return ctx.reply({
          card: economyReportCard(ctx.locale, report, years),
          summary: ctx.t('budget.economyTitle', { year }),
        });
      },
    }),
    command({
      id: 'commitment',
      helpKey: 'budget.help_commit',
      allowedRoles: ['administer'],
      args: yearArgs,
      async handle(ctx, yearArg) {
        const all = deskOf(ctx);
        const year = yearArg ?? all.budget.years.currentYear();
        const check = all.budget.years.commitmentYear(year);
        const problems = check.ok ? undefined : [yearProblem(ctx.locale, check, false)];
        const status = await all.budget.status(year);
        const card = await commitForm(
          all,
          ctx.locale,
          randomUUID(),
          status,
          { year: String(year) },
          problems,
        );
        return ctx.reply({ card, summary: ctx.t('budget.commitTitle') });
      },
    }),
    priceCommand,
  ],
  cardActions: [
    priceAction,
    cardAction({
      verb: BUDGET_VERBS.commit,
      allowedRoles: ['administer'],
      input: commitInput,
      async handle(ctx, { requestId, values }) {
        const all = deskOf(ctx);
        const t = translatorFor(ctx.locale);
        const attempt: CommitAttempt = {
          requestId: requestId || randomUUID(),
          values,
          yearGuess: Number(values.year) || all.budget.years.currentYear(),
        };
        const result = await all.budget.commit(
          { id: actorIdOf(ctx.actor), name: ctx.actor.name },
          commitRequest(attempt),
        );
        switch (result.kind) {
          case 'invalid-year':
            return retryForm(ctx, all, attempt, t('budget.invalidYear'));
          case 'year-refused':
            return retryForm(ctx, all, attempt, yearProblem(ctx.locale, result.check, true));
          case 'unknown-initiative':
            return retryForm(ctx, all, attempt, t('budget.unknownInitiative'));
          case 'not-buffet':
            return retryForm(ctx, all, attempt, t('budget.notBuffet', { title: result.initiative.title }));
          case 'refused':
            return refusedForm(ctx, all, attempt, result);
          case 'already-committed':
          case 'committed':
            return committedResult(ctx, all, result);
        }
      },
    }),
  ],
};
