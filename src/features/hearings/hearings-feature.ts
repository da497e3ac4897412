import { HEARING_VERBS, hearingListCard } from './hearing-cards';
import { markdownText } from '../../platform/cards/text';
import type {
  BotFeature,
  CardActionContext,
  CardActionResult,
  FeatureContext,
} from '../../platform/teams/feature';
import type { VoteChoice } from '../../domain/model';
import type { HearingService } from './hearings-service';
import type { Hearing } from './hearings-repository';

const CHOICES: readonly VoteChoice[] = ['approve', 'reject', 'abstain'];

function hearingsOf(ctx: FeatureContext): HearingService | undefined {
  return ctx.services.hearings;
}

/** Steering-group members (current) and the secretariat may see the hearing list. */
async function maySeeHearings(ctx: FeatureContext, service: HearingService): Promise<boolean> {
  if (ctx.actor.roles.includes('secretariat')) return true;
  const id = ctx.actor.aadObjectId;
  if (!id) return false;
  const today = ctx.services.clock.now().toISOString().slice(0, 10);
  return (await service.eligibleVoters(today)).includes(id);
}

function actorId(ctx: FeatureContext): string | undefined {
  return ctx.actor.aadObjectId;
}

/** The written hearing: votes by card (Universal Actions), the list, and withdrawal. */
export const hearingsFeature: BotFeature = {
  id: 'hearings',
  commands: [
    {
      id: 'hearings',
      names: ['høringer', 'hearings'],
      helpKey: 'hearings.helpList',
      async handle(ctx) {
        const service = hearingsOf(ctx);
        if (!service) return ctx.reply(ctx.t('hearings.unavailable'));
        if (!(await maySeeHearings(ctx, service))) return ctx.reply(ctx.t('hearings.listRefused'));
        const entries = await service.list();
        await ctx.reply({
          card: hearingListCard(
            ctx.t,
            ctx.locale,
            (ctx.services.governance as { timeZone: string }).timeZone,
            entries,
          ),
          summary: ctx.t('hearings.listTitle'),
        });
      },
    },
    {
      id: 'withdraw-hearing',
      names: ['træk høring tilbage', 'withdraw hearing'],
      helpKey: 'hearings.helpWithdraw',
      usage: { da: 'træk høring tilbage <id>', en: 'withdraw hearing <id>' },
      async handle(ctx) {
        const service = hearingsOf(ctx);
        if (!service) return ctx.reply(ctx.t('hearings.unavailable'));
        if (ctx.args === '') return ctx.reply(ctx.t('hearings.missingId'));
        return ctx.reply(await withdraw(ctx, service, ctx.args.trim()));
      },
    },
  ],
  cardActions: [
    {
      verb: HEARING_VERBS.vote,
      // Who may vote is the hearing's own list (checked by the service), not a role or the channel.
      callerOnly: true,
      async handle(ctx): Promise<CardActionResult> {
        const service = hearingsOf(ctx);
        if (!service) return { kind: 'message', text: ctx.t('hearings.unavailable') };
        const hearingId = String(ctx.data.hearingId ?? '');
        const choice = ctx.data.choice as VoteChoice;
        if (!CHOICES.includes(choice)) return { kind: 'message', text: ctx.t('hearings.badChoice') };
        const voterId = actorId(ctx);
        const comment = typeof ctx.data.comment === 'string' ? ctx.data.comment : undefined;
        if (!voterId) {
          const hearing = await service.get(hearingId);
          if (!hearing)
            return { kind: 'message', text: ctx.t('hearings.notFound', { id: markdownText(hearingId) }) };
          return card(ctx, service, hearingId, ctx.t('hearings.notEligible'));
        }
        const result = await service.vote(hearingId, { id: voterId, name: ctx.actor.name }, choice, comment);
        // Every answer is built from what the vote already read: no second round of reads.
        switch (result.kind) {
          case 'not-found':
            return { kind: 'message', text: ctx.t('hearings.notFound', { id: markdownText(hearingId) }) };
          case 'not-eligible':
            return cardOf(ctx, service, result.hearing, ctx.t('hearings.notEligible'));
          case 'withdrawn':
            return cardOf(ctx, service, result.hearing, ctx.t('hearings.refusedWithdrawn'));
          case 'closed':
            return cardOf(ctx, service, result.hearing, ctx.t('hearings.refusedClosed'));
          case 'recorded':
            return {
              kind: 'card',
              card: await service.votedCard(
                result,
                ctx.locale,
                result.closedNow
                  ? ctx.t('hearings.recordedAndClosed')
                  : ctx.t('hearings.recorded', { choice: ctx.t(`hearings.choice_${choice}`) }),
              ),
            };
        }
      },
    },
    {
      // Teams asks for each listed voter's own view (Universal Actions refresh).
      verb: HEARING_VERBS.refresh,
      callerOnly: true,
      async handle(ctx): Promise<CardActionResult> {
        const service = hearingsOf(ctx);
        if (!service) return { kind: 'message', text: ctx.t('hearings.unavailable') };
        return card(ctx, service, String(ctx.data.hearingId ?? ''));
      },
    },
    {
      verb: HEARING_VERBS.withdraw,
      async handle(ctx): Promise<CardActionResult> {
        const service = hearingsOf(ctx);
        if (!service) return { kind: 'message', text: ctx.t('hearings.unavailable') };
        return { kind: 'message', text: await withdraw(ctx, service, String(ctx.data.hearingId ?? '')) };
      },
    },
  ],
};

async function card(
  ctx: CardActionContext,
  service: HearingService,
  hearingId: string,
  notice?: string,
): Promise<CardActionResult> {
  const hearing = await service.get(hearingId);
  if (!hearing) return { kind: 'message', text: ctx.t('hearings.notFound', { id: markdownText(hearingId) }) };
  return cardOf(ctx, service, hearing, notice);
}

async function cardOf(
  ctx: CardActionContext,
  service: HearingService,
  hearing: Hearing,
  notice?: string,
): Promise<CardActionResult> {
  return { kind: 'card', card: await service.userCard(hearing, actorId(ctx), ctx.locale, notice) };
}

async function withdraw(ctx: FeatureContext, service: HearingService, hearingId: string): Promise<string> {
  const id = actorId(ctx);
  if (!id) return ctx.t('hearings.withdrawNotProposer');
  const result = await service.withdraw(hearingId, id);
  switch (result.kind) {
    case 'not-found':
      return ctx.t('hearings.notFound', { id: markdownText(hearingId) });
    case 'not-proposer':
      return ctx.t('hearings.withdrawNotProposer');
    case 'not-open':
      return ctx.t('hearings.withdrawNotOpen');
    case 'withdrawn':
      return ctx.t('hearings.withdrawn', { title: markdownText(result.hearing.proposal.title) });
  }
}
