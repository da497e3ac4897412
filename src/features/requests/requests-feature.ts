/**
 * Requests for input in the bot: `anmod om belysning` opens the form (in the steering group's
 * channel for its members, anywhere for the secretariat and FKI management), its submit stores the
 * request and posts it to the reference group, and the reference group's answer on that card goes
 * onto the steering group's next agenda. Who may do what is checked by the service from the member
 * register (FKI management is a body, not a role of the gate), so the gates name no roles.
 */
import { randomUUID } from 'node:crypto';
import { noticeCard } from '../../platform/cards/builders';
import { formatInstant } from '../../platform/cards/reminders';
import { markdownText } from '../../platform/cards/text';
import { cardAction, command } from '../../platform/teams/define';
import type {
  BotFeature,
  CardActionContext,
  CardActionResult,
  FeatureContext,
} from '../../platform/teams/feature';
import { actorIdOf } from '../../platform/teams/feature';
import type { RequestService } from './requests-service';
import {
  answeredCard,
  requestFormCard,
  requestReceivedCard,
  REQUEST_VERBS,
  type FormError,
} from './requests-cards';
import {
  answerRequestInput,
  requestArgs,
  submitRequestInput,
  type AnswerRequestInput,
  type SubmitRequestInput,
} from './requests-input';

function serviceOf(ctx: FeatureContext): RequestService {
  return ctx.services.requests;
}

async function capacityHere(ctx: FeatureContext) {
  return serviceOf(ctx).capacityOf(actorIdOf(ctx.actor), {
    roles: ctx.actor.roles,
    boundGroupId: ctx.boundGroup?.group.id,
  });
}

async function formCard(
  ctx: FeatureContext,
  input: { cardInstanceId: string; values?: SubmitRequestInput; errors?: FormError[] },
) {
  const service = serviceOf(ctx);
  return requestFormCard(ctx.t, {
    groups: await service.referenceGroups(ctx.locale),
    cardInstanceId: input.cardInstanceId,
    earliestDueDate: service.earliestDueDate(),
    values: input.values,
    errors: input.errors,
  });
}

const requestCommand = command({
  id: 'request.input',
  helpKey: 'requests.command_request',
  helpRank: { bound: 7, personal: 4 },
  args: requestArgs,
  async handle(ctx) {
    if (!(await capacityHere(ctx))) return ctx.reply(ctx.t('requests.refused', { command: ctx.commandName }));
    if (!serviceOf(ctx).steeringGroupId()) return ctx.reply(ctx.t('requests.noSteeringGroup'));
    if ((await serviceOf(ctx).referenceGroups(ctx.locale)).length === 0)
      return ctx.reply(ctx.t('requests.noReferenceGroups'));
    await ctx.reply({
      card: await formCard(ctx, { cardInstanceId: randomUUID() }),
      summary: ctx.t('requests.formTitle'),
    });
  },
});

async function submit(ctx: CardActionContext, input: SubmitRequestInput): Promise<CardActionResult> {
  const capacity = await capacityHere(ctx);
  if (!capacity)
    return { kind: 'message', text: ctx.t('requests.refused', { command: REQUEST_VERBS.submit }) };
  const result = await serviceOf(ctx).submit({
    cardInstanceId: input.cardInstanceId,
    fields: input,
    materialText: input.material,
    actor: { id: actorIdOf(ctx.actor), name: ctx.actor.name, capacity },
  });
  switch (result.kind) {
    case 'no-steering-group':
      return { kind: 'message', text: ctx.t('requests.noSteeringGroup') };
    case 'invalid':
      return {
        kind: 'card',
        card: await formCard(ctx, {
          cardInstanceId: input.cardInstanceId,
          values: input,
          errors: result.errors,
        }),
      };
    case 'accepted':
      return {
        kind: 'card',
        card: requestReceivedCard(ctx.t, {
          request: result.request,
          groupName: await serviceOf(ctx).groupName(result.request.referenceGroupId, ctx.locale),
          locale: ctx.locale,
          posted: result.posted,
          warningDate: result.warningDate,
        }),
      };
  }
}

async function answer(ctx: CardActionContext, input: AnswerRequestInput): Promise<CardActionResult> {
  const service = serviceOf(ctx);
  const result = await service.answer({
    steeringGroupId: input.steeringGroupId,
    requestId: input.requestId,
    text: input.answer,
    materialText: input.material,
    actor: { id: actorIdOf(ctx.actor), name: ctx.actor.name },
  });
  const timeZone = ctx.services.governance.timeZone;
  switch (result.kind) {
    case 'not-found':
      return { kind: 'message', text: ctx.t('requests.notFound') };
    case 'busy':
      return { kind: 'message', text: ctx.t('requests.busy') };
    case 'invalid':
      return { kind: 'message', text: ctx.t(result.error.key, result.error.params) };
    case 'not-member': {
      const group = await service.groupName(result.request.referenceGroupId, ctx.locale);
      return { kind: 'message', text: ctx.t('requests.notReferenceMember', { group }) };
    }
    case 'already-answered': {
      const first = result.request.answer!;
      const name = markdownText(first.byName ?? first.by);
      const at = formatInstant(first.at, ctx.locale, timeZone);
      return { kind: 'card', card: noticeCard(ctx.t('requests.alreadyAnswered', { name, at })) };
    }
    case 'answered':
      return {
        kind: 'card',
        card: answeredCard(ctx.t, {
          request: result.request,
          groupName: await service.groupName(result.request.referenceGroupId, ctx.locale),
          locale: ctx.locale,
          timeZone,
          meetingStartsAt: result.meeting?.startsAt,
        }),
      };
  }
}

export const requestsFeature: BotFeature = {
  id: 'requests',
  commands: [requestCommand],
  cardActions: [
    cardAction({ verb: REQUEST_VERBS.submit, input: submitRequestInput, handle: submit }),
    // Who answers is the request's reference group's business (its register), not this channel's.
    cardAction({ verb: REQUEST_VERBS.answer, callerOnly: true, input: answerRequestInput, handle: answer }),
  ],
};
