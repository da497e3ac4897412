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
import type { BudgetStatus } from './budget-service';
import type { PortfolioService } from '../portfolio';
import type { BudgetService } from './budget-service';
import { BUDGET_VERBS, commitFormCard, committedCard, economyReportCard } from './budget-cards';
import { formatKroner } from '../portfolio';
import type { BotFeature, FeatureContext } from '../../platform/teams/feature';
import { actorIdOf } from '../../platform/teams/feature';

/** What the budget commands use: the budget, the portfolio's initiatives and the governance time zone. */
interface BudgetDesk {
  budget: BudgetService;
  portfolio: PortfolioService;
  timeZone: string;
}

function deskOf(ctx: FeatureContext): BudgetDesk {
  const { budget, portfolio } = ctx.services;
  return { budget, portfolio: portfolio.portfolio, timeZone: portfolio.timeZone };
}

function currentYear(ctx: FeatureContext, all: BudgetDesk): number {
  return DateTime.fromJSDate(ctx.services.clock.now(), { zone: all.timeZone }).year;
}

function yearArg(args: string, fallback: number): number {
  const match = /^\s*(\d{4})\s*$/.exec(args);
  return match ? Number(match[1]) : fallback;
}

async function commitForm(
  all: BudgetDesk,
  locale: Locale,
  requestId: string,
  status: BudgetStatus,
  values: Record<string, string> = {},
  problems?: string[],
  refusal?: { frame: number; committed: number; remaining: number; requested: string },
) {
  const initiatives = (await all.portfolio.list()).filter((i) => i.financing === 'buffet' && !i.closedOn);
  return commitFormCard({ locale, requestId, initiatives, status, values, problems, refusal });
}

export const budgetFeature: BotFeature = {
  id: 'budget',
  commands: [
    {
      id: 'economy',
      names: ['økonomi', 'økonomirapport', 'economy', 'economy report'],
      helpKey: 'budget.help_economy',
      usage: { da: 'økonomi [år]', en: 'economy [year]' },
      async handle(ctx) {
        const all = deskOf(ctx);
        const year = yearArg(ctx.args, currentYear(ctx, all));
        const report = await all.budget.economy(year);
        return ctx.reply({
          card: economyReportCard(ctx.locale, report),
          summary: ctx.t('budget.economyTitle', { year }),
        });
      },
    },
    {
      id: 'commitment',
      names: ['bevilling', 'bevil', 'commitment', 'commit'],
      helpKey: 'budget.help_commit',
      usage: { da: 'bevilling [år]', en: 'commitment [year]' },
      allowedRoles: ['secretariat'],
      async handle(ctx) {
        const all = deskOf(ctx);
        const year = yearArg(ctx.args, currentYear(ctx, all));
        const card = await commitForm(all, ctx.locale, randomUUID(), await all.budget.status(year), {
          year: String(year),
        });
        return ctx.reply({ card, summary: ctx.t('budget.commitTitle') });
      },
    },
  ],
  cardActions: [
    {
      verb: BUDGET_VERBS.commit,
      allowedRoles: ['secretariat'],
      async handle(ctx) {
        const all = deskOf(ctx);
        const t = translatorFor(ctx.locale);
        const text = (key: string) => (typeof ctx.data[key] === 'string' ? (ctx.data[key] as string) : '');
        const values = {
          initiative: text('initiative'),
          year: text('year'),
          amount: text('amount'),
          meetingId: text('meetingId'),
          note: text('note'),
        };
        const requestId = text('requestId') || randomUUID();
        const [groupId = '', initiativeId = ''] = values.initiative.split('/');
        const yearGuess = Number(values.year) || currentYear(ctx, all);
        const result = await all.budget.commit(
          { id: actorIdOf(ctx.actor), name: ctx.actor.name },
          {
            requestId,
            groupId,
            initiativeId,
            year: values.year,
            amountKr: values.amount,
            ...(values.meetingId.trim() ? { decidedAtMeetingId: values.meetingId.trim() } : {}),
            ...(values.note.trim() ? { note: values.note.trim() } : {}),
          },
        );
        const kr = (amount: number) => formatKroner(amount, ctx.locale);
        const retry = async (problem: string, refusal?: Parameters<typeof commitForm>[6]) => ({
          kind: 'card' as const,
          card: await commitForm(
            all,
            ctx.locale,
            requestId,
            await all.budget.status(
              yearGuess >= 2000 && yearGuess <= 2200 ? yearGuess : currentYear(ctx, all),
            ),
            values,
            [problem],
            refusal,
          ),
        });
        switch (result.kind) {
          case 'invalid-year':
            return retry(t('budget.invalidYear'));
          case 'unknown-initiative':
            return retry(t('budget.unknownInitiative'));
          case 'not-buffet':
            return retry(t('budget.notBuffet', { title: result.initiative.title }));
          case 'refused': {
            const d = result.decision;
            const requested = typeof d.requested === 'number' ? kr(d.requested) : values.amount;
            const refusal = { frame: d.frame, committed: d.committed, remaining: d.remaining, requested };
            return retry(
              d.reason === 'exceeds-frame'
                ? t('budget.refusedExceeds', { requested, year: yearGuess })
                : t('budget.refusedInvalid'),
              refusal,
            );
          }
          case 'already-committed':
          case 'committed': {
            const initiative = await all.portfolio.get(
              result.commitment.groupId,
              result.commitment.initiativeId,
            );
            const params = {
              amount: kr(result.commitment.amountKr),
              title: initiative?.title ?? result.commitment.initiativeId,
              year: result.commitment.year,
            };
            const message = t(
              result.kind === 'committed' ? 'budget.committed' : 'budget.alreadyCommitted',
              params,
            );
            return {
              kind: 'card',
              card: committedCard(ctx.locale, message, await all.budget.status(result.commitment.year)),
            };
          }
        }
      },
    },
  ],
};
