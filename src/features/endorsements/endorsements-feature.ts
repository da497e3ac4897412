/**
 * Endorsements in the bot: `indstilling` in a reference group's channel opens the draft form for
 * the group's members; its submit stores the draft and turns the form into the vote card in the
 * same channel; each vote on it is stored (one per member) and answered with the card refreshed
 * with the tally. The close after the period runs as a scheduler moment (endorsements-moments.ts).
 * Who may draft and vote is checked by the service from the member register.
 */
import { randomUUID } from 'node:crypto';
import { cardAction, command } from '../../platform/teams/define';
import type {
  BotFeature,
  CardActionContext,
  CardActionResult,
  FeatureContext,
} from '../../platform/teams/feature';
import { actorIdOf } from '../../platform/teams/feature';
import type { Endorsement, EndorsementTally } from './domain/endorsements';
import type { EndorsementService } from './endorsements-service';
import {
  endorsementFormCard,
  endorsementVoteCard,
  ENDORSEMENT_VERBS,
  type FormError,
} from './endorsements-cards';
import {
  endorsementArgs,
  submitEndorsementInput,
  voteEndorsementInput,
  type SubmitEndorsementInput,
  type VoteEndorsementInput,
} from './endorsements-input';

function serviceOf(ctx: FeatureContext): EndorsementService {
  return ctx.services.endorsements;
}

/** The reference group of this channel when the caller is its member; else the refusal's text. */
async function draftingGroup(
  ctx: FeatureContext,
  verb: string,
): Promise<{ groupId: string } | { refusal: string }> {
  const service = serviceOf(ctx);
  const groupId = ctx.boundGroup?.group.id;
  if (!service.isReferenceGroup(groupId)) return { refusal: ctx.t('endorsements.notReferenceChannel') };
  if (!(await service.isMember(actorIdOf(ctx.actor), groupId)))
    return {
      refusal: ctx.t('endorsements.refused', {
        command: verb,
        group: await service.groupName(groupId, ctx.locale),
      }),
    };
  if (!service.steeringGroupId()) return { refusal: ctx.t('endorsements.noSteeringGroup') };
  return { groupId };
}

async function formCard(
  ctx: FeatureContext,
  input: { groupId: string; cardInstanceId: string; values?: SubmitEndorsementInput; errors?: FormError[] },
) {
  const service = serviceOf(ctx);
  return endorsementFormCard(ctx.t, {
    cardInstanceId: input.cardInstanceId,
    groupName: await service.groupName(input.groupId, ctx.locale),
    days: service.ruleOf(input.groupId).days,
    values: input.values,
    errors: input.errors,
  });
}

async function voteCard(ctx: FeatureContext, endorsement: Endorsement, tally: EndorsementTally) {
  const service = serviceOf(ctx);
  return endorsementVoteCard(ctx.t, {
    endorsement,
    tally,
    groupName: await service.groupName(endorsement.referenceGroupId, ctx.locale),
    authorName: endorsement.authorName ?? endorsement.authorId,
    locale: ctx.locale,
    timeZone: ctx.services.governance.timeZone,
  });
}

const endorsementCommand = command({
  id: 'endorsement.draft',
  helpKey: 'endorsements.command_endorsement',
  helpRank: { bound: 8 },
  requires: 'boundGroup',
  args: endorsementArgs,
  async handle(ctx) {
    const group = await draftingGroup(ctx, ctx.commandName);
    if ('refusal' in group) return ctx.reply(group.refusal);
    await ctx.reply({
      card: await formCard(ctx, { groupId: group.groupId, cardInstanceId: randomUUID() }),
      summary: ctx.t('endorsements.formTitle'),
    });
  },
});

async function submit(ctx: CardActionContext, input: SubmitEndorsementInput): Promise<CardActionResult> {
  const group = await draftingGroup(ctx, ENDORSEMENT_VERBS.submit);
  if ('refusal' in group) return { kind: 'message', text: group.refusal };
  const result = await serviceOf(ctx).submit({
    cardInstanceId: input.cardInstanceId,
    referenceGroupId: group.groupId,
    fields: input,
    materialText: input.material,
    actor: { id: actorIdOf(ctx.actor), name: ctx.actor.name },
  });
  switch (result.kind) {
    case 'no-steering-group':
      return { kind: 'message', text: ctx.t('endorsements.noSteeringGroup') };
    case 'invalid':
      return {
        kind: 'card',
        card: await formCard(ctx, {
          groupId: group.groupId,
          cardInstanceId: input.cardInstanceId,
          values: input,
          errors: result.errors,
        }),
      };
    case 'accepted':
      return { kind: 'card', card: await voteCard(ctx, result.endorsement, result.tally) };
  }
}

async function vote(ctx: CardActionContext, input: VoteEndorsementInput): Promise<CardActionResult> {
  const service = serviceOf(ctx);
  const result = await service.vote({
    steeringGroupId: input.steeringGroupId,
    endorsementId: input.endorsementId,
    choice: input.choice,
    actor: { id: actorIdOf(ctx.actor), name: ctx.actor.name },
  });
  switch (result.kind) {
    case 'not-found':
      return { kind: 'message', text: ctx.t('endorsements.notFound') };
    case 'not-member': {
      const group = await service.groupName(result.endorsement.referenceGroupId, ctx.locale);
      return { kind: 'message', text: ctx.t('endorsements.notMember', { group }) };
    }
    case 'closed':
      return { kind: 'message', text: ctx.t('endorsements.closed') };
    case 'voted':
      return { kind: 'card', card: await voteCard(ctx, result.endorsement, result.tally) };
  }
}

export const endorsementsFeature: BotFeature = {
  id: 'endorsements',
  commands: [endorsementCommand],
  cardActions: [
    cardAction({
      verb: ENDORSEMENT_VERBS.submit,
      requires: 'boundGroup',
      input: submitEndorsementInput,
      handle: submit,
    }),
    // Who votes is the endorsement's reference group's business (its register), not this channel's.
    cardAction({ verb: ENDORSEMENT_VERBS.vote, callerOnly: true, input: voteEndorsementInput, handle: vote }),
  ],
};
