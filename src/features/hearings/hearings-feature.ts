import { decidingBody } from '../../domain/governance';
import { localToday } from '../../domain/time';
import { HEARING_VERBS } from './hearing-cards';
import { hearingListCard } from './hearing-result-cards';
import { formatDate } from '../../platform/cards/reminders';
import { markdownText } from '../../platform/cards/text';
import type {
  BotFeature,
  CardActionContext,
  CardActionResult,
  FeatureContext,
} from '../../platform/teams/feature';
import { cardAction, command, commandText } from '../../platform/teams/define';
import type { HearingService } from './hearings-service';
import type { Hearing } from './hearings-repository';
import { hearingInput, voteInput, withdrawArgs, type VoteInput } from './hearings-input';
import { hearingsMayShowHere, mayRefresh } from './hearing-access';
import { localText } from '../../domain/localized-text';

function hearingsOf(ctx: FeatureContext): HearingService {
  return ctx.services.hearings;
}

/** Steering-group members (current) and the secretariat may see the hearing list. */
async function maySeeHearings(ctx: FeatureContext, service: HearingService): Promise<boolean> {
  if (ctx.actor.roles.includes('administer')) return true;
  const id = ctx.actor.aadObjectId;
  if (!id) return false;
  const today = localToday(ctx.services.clock, ctx.services.governance.timeZone);
  return (await service.eligibleVoters(today)).includes(id);
}

function actorId(ctx: FeatureContext): string | undefined {
  return ctx.actor.aadObjectId;
}

function notFound(ctx: FeatureContext, hearingId: string): CardActionResult {
  return { kind: 'message', text: ctx.t('hearings.notFound', { id: markdownText(hearingId) }) };
}

/** "Your term in Kommunestyregruppen ended on 1 March 2027": why a former member cannot vote. */
function termEndedText(ctx: FeatureContext, endedOn: string): string {
  return ctx.t('hearings.termEnded', {
    group: localText(decidingBody(ctx.services.governance).name, ctx.locale),
    date: formatDate(endedOn, ctx.locale),
  });
}

/** The voter's answer to a vote: built from what the vote already read (no second round of reads). */
async function voteAnswer(
  ctx: CardActionContext,
  { hearingId, choice, comment }: VoteInput,
): Promise<CardActionResult> {
  const service = hearingsOf(ctx);
  const voterId = actorId(ctx);
  if (!voterId) {
    const hearing = await service.get(hearingId);
    if (!hearing) return notFound(ctx, hearingId);
    return card(ctx, service, hearingId, ctx.t('hearings.notEligible'));
  }
  const result = await service.vote(hearingId, { id: voterId, name: ctx.actor.name }, choice, comment);
  switch (result.kind) {
    case 'not-found':
      return notFound(ctx, hearingId);
    case 'not-eligible':
      return cardOf(ctx, service, result.hearing, ctx.t('hearings.notEligible'));
    case 'term-ended':
      return cardOf(ctx, service, result.hearing, termEndedText(ctx, result.endedOn));
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
}

/** The written hearing: votes by card (Universal Actions), the list, and withdrawal. */
export const hearingsFeature: BotFeature = {
  id: 'hearings',
  commands: [
    command({
      id: 'hearings',
      helpKey: 'hearings.helpList',
      helpRank: { personal: 5 },
      args: commandText,
      async handle(ctx) {
        const service = hearingsOf(ctx);
        if (!(await maySeeHearings(ctx, service))) return ctx.reply(ctx.t('hearings.listRefused'));
        // Not into another group's channel, whose members may not see the hearings (hearing-access.ts).
        if (!(await hearingsMayShowHere(ctx, service))) return ctx.reply(ctx.t('hearings.listElsewhere'));
        const entries = await service.list();
        await ctx.reply({
          card: hearingListCard(
            ctx.t,
            ctx.locale,
            (ctx.services.governance as { timeZone: string }).timeZone,
            entries,
            service.tabUrl,
          ),
          summary: ctx.t('hearings.listTitle'),
        });
      },
    }),
    command({
      id: 'withdraw-hearing',
      helpKey: 'hearings.helpWithdraw',
      args: withdrawArgs,
      async handle(ctx, hearingId) {
        if (hearingId === '') return ctx.reply(ctx.t('hearings.missingId'));
        return ctx.reply(await withdraw(ctx, hearingsOf(ctx), hearingId));
      },
    }),
  ],
  cardActions: [
    cardAction({
      verb: HEARING_VERBS.vote,
      // Who may vote is the hearing's own list (checked by the service), not a role or the channel.
      callerOnly: true,
      input: voteInput,
      // The only field that can be wrong is the choice.
      onInvalid: (ctx) => ({ kind: 'message', text: ctx.t('hearings.badChoice') }),
      handle: voteAnswer,
    }),
    cardAction({
      // Teams asks for each listed voter's own view (Universal Actions refresh). Who may fetch a
      // hearing's card, and from which conversation: hearing-access.ts.
      verb: HEARING_VERBS.refresh,
      callerOnly: true,
      input: hearingInput,
      async handle(ctx, { hearingId }) {
        const service = hearingsOf(ctx);
        const hearing = await service.get(hearingId);
        // The same answer for a hearing that does not exist and one the caller may not see here.
        if (!hearing || !(await mayRefresh(ctx, service, hearing)))
          return { kind: 'message', text: ctx.t('hearings.refreshRefused') };
        return cardOf(ctx, service, hearing);
      },
    }),
    cardAction({
      verb: HEARING_VERBS.withdraw,
      input: hearingInput,
      async handle(ctx, { hearingId }) {
        return { kind: 'message', text: await withdraw(ctx, hearingsOf(ctx), hearingId) };
      },
    }),
  ],
};

async function card(
  ctx: CardActionContext,
  service: HearingService,
  hearingId: string,
  notice?: string,
): Promise<CardActionResult> {
  const hearing = await service.get(hearingId);
  if (!hearing) return notFound(ctx, hearingId);
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
