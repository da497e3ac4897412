/**
 * The buffet-price budget in Teams:
 * - `økonomi` / `economy` [år]: the economy report card (standard agenda item): frame, committed,
 *   spent and remaining per initiative.
 * - `bevilling` / `commitment`: the commitment form (secretariat); a commitment past the frame is
 *   refused on the card with the numbers (frame, committed, remaining, requested), input kept.
 */
import { randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import type { Locale } from '../../domain/model';
import { translatorFor } from '../../platform/i18n';
import type { BudgetStatus, CommitRequest, CommitResult } from './budget-service';
import type { PortfolioService } from '../portfolio';
import type { BudgetService } from './budget-service';
import { BUDGET_VERBS, commitFormCard, committedCard, economyReportCard } from './budget-cards';
import { formatKroner } from '../portfolio';
import type { BotFeature, CardActionResult, FeatureContext } from '../../platform/teams/feature';
import { actorIdOf } from '../../platform/teams/feature';
import { cardAction, command } from '../../platform/teams/define';
import { commitInput, yearArgs, type CommitValues } from './budget-input';

/** What the budget commands use: the budget, the portfolio's initiatives and the governance time zone. */
interface BudgetDesk {
  budget: BudgetService;
  portfolio: PortfolioService;
  timeZone: string;
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
  return { budget, portfolio: portfolio.portfolio, timeZone: portfolio.timeZone };
}

function currentYear(ctx: FeatureContext, all: BudgetDesk): number {
  return DateTime.fromJSDate(ctx.services.clock.now(), { zone: all.timeZone }).year;
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
  const year = yearGuess >= 2000 && yearGuess <= 2200 ? yearGuess : currentYear(ctx, all);
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
      names: ['økonomi', 'økonomirapport', 'economy', 'economy report'],
      helpKey: 'budget.help_economy',
      usage: { da: 'økonomi [år]', en: 'economy [year]' },
      args: yearArgs,
      async handle(ctx, yearArg) {
        const all = deskOf(ctx);
        const year = yearArg ?? currentYear(ctx, all);
        const report = await all.budget.economy(year);
        return ctx.reply({
          card: economyReportCard(ctx.locale, report),
          summary: ctx.t('budget.economyTitle', { year }),
        });
      },
    }),
    command({
      id: 'commitment',
      names: ['bevilling', 'bevil', 'commitment', 'commit'],
      helpKey: 'budget.help_commit',
      usage: { da: 'bevilling [år]', en: 'commitment [year]' },
      allowedRoles: ['secretariat'],
      args: yearArgs,
      async handle(ctx, yearArg) {
        const all = deskOf(ctx);
        const year = yearArg ?? currentYear(ctx, all);
        const card = await commitForm(all, ctx.locale, randomUUID(), await all.budget.status(year), {
          year: String(year),
        });
        return ctx.reply({ card, summary: ctx.t('budget.commitTitle') });
      },
    }),
  ],
  cardActions: [
    cardAction({
      verb: BUDGET_VERBS.commit,
      allowedRoles: ['secretariat'],
      input: commitInput,
      async handle(ctx, { requestId, values }) {
        const all = deskOf(ctx);
        const t = translatorFor(ctx.locale);
        const attempt: CommitAttempt = {
          requestId: requestId || randomUUID(),
          values,
          yearGuess: Number(values.year) || currentYear(ctx, all),
        };
        const result = await all.budget.commit(
          { id: actorIdOf(ctx.actor), name: ctx.actor.name },
          commitRequest(attempt),
        );
        switch (result.kind) {
          case 'invalid-year':
            return retryForm(ctx, all, attempt, t('budget.invalidYear'));
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
