/**
 * The inspiration-talk swap in the bot: `byt oplæg` / `swap talk` (in the body's channel, or in
 * personal chat for every body with an inspiration talk) and the agenda card's "Byt oplæg" button
 * open the presenter's form; its submit asks the chosen member; the request card's buttons answer.
 *
 * No role gate: who may act depends on the record (the meeting's presenter asks, the asked member
 * answers), so the service decides and everybody else gets a refusal in their language. The card
 * actions carry their group and ids, so they need neither the channel's group nor the caller's
 * roles (callerOnly).
 */
import { randomUUID } from 'node:crypto';
import { bodyAgenda, type Governance } from '../../domain/governance';
import { noticeCard } from '../../platform/cards/builders';
import { formatInstant } from '../../platform/cards/reminders';
import { markdownText } from '../../platform/cards/text';
import { audienceLanguages } from '../../platform/i18n';
import { cardAction, command } from '../../platform/teams/define';
import type {
  BotFeature,
  CardActionContext,
  CardActionResult,
  CommandContext,
  FeatureContext,
} from '../../platform/teams/feature';
import { actorIdOf, groupNameOf } from '../../platform/teams/feature';
import { meetingNotFoundText, type MeetingRecord } from '../meetings';
import type { AgendaService } from './agenda-service';
import { answerSwap, type AnswerResult } from './presenter-swap-answer';
import {
  askRefusalText,
  outcomeText,
  swapFormCard,
  SWAP_VERBS,
  type SwapOutcome,
} from './presenter-swap-cards';
import { swapDelivery } from './presenter-swap-delivery';
import {
  answerInput,
  askInput,
  openInput,
  swapArgs,
  type AnswerInputData,
  type AskInputData,
} from './presenter-swap-input';
import { SwapRequestRepository, type SwapRequestRecord } from './presenter-swap-repository';
import { PresenterSwapService, type SwapFormResult } from './presenter-swap-service';

/** One request repository per agenda service (its store), made on first use. */
const requestRepositories = new WeakMap<AgendaService, SwapRequestRepository>();

/** The swap service over the bot's services (the cards go through the one proactive sender). */
export function presenterSwapsOf(ctx: FeatureContext): PresenterSwapService {
  const cycle = ctx.services.meetingCycle;
  const { agenda } = cycle;
  let requests = requestRepositories.get(agenda);
  if (!requests) {
    requests = new SwapRequestRepository(agenda.meetings.store);
    requestRepositories.set(agenda, requests);
  }
  return new PresenterSwapService(
    {
      agenda,
      meetings: agenda.meetings,
      requests,
      people: agenda.people,
      groups: ctx.services.groups,
      audit: ctx.services.audit,
      clock: ctx.services.clock,
      timeZone: cycle.timeZone,
      delivery: swapDelivery(ctx.services.messenger),
      // The members' cards in their own languages, the channel's in its body's (issue 26.5).
      audiences: audienceLanguages(ctx.services.governance, ctx.services.languages),
    },
    randomUUID,
  );
}

/** The bodies whose meetings have an inspiration talk (the governance file's bodies). */
export function talkGroups(governance: Governance): string[] {
  return governance.bodies.filter((body) => bodyAgenda(governance, body.id).inspirationTalk).map((b) => b.id);
}

function when(ctx: FeatureContext, instant: string): string {
  return formatInstant(instant, ctx.locale, ctx.services.meetingCycle.timeZone);
}

/** The form, or why not, as the card that answers the command or the button. */
async function formCard(ctx: FeatureContext, result: SwapFormResult, error?: string): Promise<object> {
  if (result.kind === 'refused') {
    const groupId = result.meeting?.groupId ?? ctx.boundGroup?.group.id;
    return noticeCard(
      askRefusalText(ctx.t, result.reason, {
        meetingTime: result.meeting ? when(ctx, result.meeting.startsAt) : '',
        groupName: groupId ? await groupNameOf(ctx, groupId) : '',
        ...(result.presenter ? { presenterName: result.presenter.name } : {}),
      }),
    );
  }
  return swapFormCard(ctx.t, {
    locale: ctx.locale,
    timeZone: ctx.services.meetingCycle.timeZone,
    groupName: await groupNameOf(ctx, result.meeting.groupId),
    meeting: result.meeting,
    candidates: result.candidates,
    requestId: result.requestId,
    ...(error ? { error } : {}),
  });
}

/** The meetings the command looks at: the one named, else every upcoming one, of each body. */
async function commandMeetings(ctx: CommandContext, groupIds: string[], reference: string) {
  const cycle = ctx.services.meetingCycle;
  const meetings: MeetingRecord[] = [];
  for (const groupId of groupIds) {
    if (reference) {
      const meeting = await cycle.meetings.find(groupId, reference);
      if (meeting) meetings.push(meeting);
    } else meetings.push(...(await cycle.meetings.upcoming(groupId)));
  }
  return meetings;
}

async function swapCommand(ctx: CommandContext, reference: string): Promise<void> {
  const swaps = presenterSwapsOf(ctx);
  const bound = ctx.boundGroup?.group.id;
  if (bound !== undefined && !swaps.deps.agenda.hasInspirationTalk({ groupId: bound })) {
    return ctx.reply(
      askRefusalText(ctx.t, 'no-talk', { meetingTime: '', groupName: await groupNameOf(ctx, bound) }),
    );
  }
  const groupIds = bound !== undefined ? [bound] : talkGroups(ctx.services.governance);
  const meetings = await commandMeetings(ctx, groupIds, reference);
  if (reference && meetings.length === 0 && bound !== undefined)
    return ctx.reply(await meetingNotFoundText(ctx, reference, bound));
  const card = await formCard(ctx, await swaps.ownTalk(actorIdOf(ctx.actor), meetings));
  await ctx.reply({ card, summary: ctx.t('rotation.swapButton') });
}

/** The form again after a refused submit: the reason on top, a fresh request id. */
async function formAgain(
  ctx: CardActionContext,
  input: AskInputData,
  error: string,
): Promise<CardActionResult> {
  const swaps = presenterSwapsOf(ctx);
  const result = await swaps.formFor(actorIdOf(ctx.actor), input.groupId, input.meetingId);
  return { kind: 'card', card: await formCard(ctx, result, error) };
}

async function ask(ctx: CardActionContext, input: AskInputData): Promise<CardActionResult> {
  const swaps = presenterSwapsOf(ctx);
  const result = await swaps.ask({ ...input, actorId: actorIdOf(ctx.actor) });
  switch (result.kind) {
    case 'refused':
      if (result.reason === 'not-candidate' && result.meeting)
        return formAgain(
          ctx,
          input,
          askRefusalText(ctx.t, result.reason, {
            meetingTime: when(ctx, result.meeting.startsAt),
            groupName: '',
          }),
        );
      return { kind: 'card', card: await formCard(ctx, result) };
    case 'not-delivered':
      return formAgain(ctx, input, ctx.t('rotation.notDelivered', { name: markdownText(result.to.name) }));
    case 'already-asked':
    case 'sent': {
      const params = {
        name: markdownText(result.to.name),
        meeting: when(ctx, result.request.meetingStartsAt),
      };
      return result.kind === 'sent'
        ? { kind: 'card', card: noticeCard(ctx.t('rotation.sentBody', params), ctx.t('rotation.sentTitle')) }
        : { kind: 'card', card: noticeCard(ctx.t('rotation.alreadySent', params)) };
    }
  }
}

/** How a request stands once answered, in the reader's words (undefined while it is still open). */
function outcomeOf(request: SwapRequestRecord): SwapOutcome | undefined {
  if (request.status === 'accepted') return { kind: 'accepted' };
  if (request.status === 'declined') return { kind: 'declined' };
  if (request.status === 'stale' && request.staleReason)
    return { kind: 'stale', reason: request.staleReason };
  return undefined;
}

function answerCard(
  ctx: CardActionContext,
  result: Exclude<AnswerResult, { kind: 'not-found' | 'not-addressee' }>,
) {
  const meeting = when(ctx, result.request.meetingStartsAt);
  const from = markdownText(result.from.name);
  const body = [];
  if (result.kind === 'accepted') body.push(ctx.t('rotation.acceptedBody', { meeting, from }));
  else if (result.kind === 'declined') body.push(ctx.t('rotation.declinedBody', { from }));
  else {
    if (result.kind === 'answered') body.push(ctx.t('rotation.alreadyAnswered'));
    const outcome = outcomeOf(result.request);
    if (outcome)
      body.push(outcomeText(ctx.t, { meetingTime: meeting, from: result.from, to: result.to, outcome }));
  }
  if ('askerTold' in result && result.askerTold === false)
    body.push(ctx.t('rotation.askerNotTold', { name: from }));
  return noticeCard(body.join(' '), ctx.t('rotation.requestTitle'));
}

async function answer(ctx: CardActionContext, input: AnswerInputData): Promise<CardActionResult> {
  const result = await answerSwap(presenterSwapsOf(ctx), { ...input, actorId: actorIdOf(ctx.actor) });
  // A refusal is a message: the card stays as it is for the one who clicked by mistake.
  if (result.kind === 'not-found') return { kind: 'message', text: ctx.t('rotation.notFound') };
  if (result.kind === 'not-addressee')
    // A message is plain text, so the name goes in as registered.
    return { kind: 'message', text: ctx.t('rotation.notAddressee', { name: result.to.name }) };
  return { kind: 'card', card: answerCard(ctx, result) };
}

export const presenterSwapFeature: BotFeature = {
  id: 'presenter-swap',
  commands: [
    command({
      id: 'rotation.swap',
      helpKey: 'rotation.command_swap',
      args: swapArgs,
      handle: swapCommand,
    }),
  ],
  cardActions: [
    cardAction({
      verb: SWAP_VERBS.open,
      callerOnly: true,
      input: openInput,
      async handle(ctx, input) {
        const result = await presenterSwapsOf(ctx).formFor(
          actorIdOf(ctx.actor),
          input.groupId,
          input.meetingId,
        );
        return { kind: 'card', card: await formCard(ctx, result) };
      },
    }),
    cardAction({
      verb: SWAP_VERBS.ask,
      callerOnly: true,
      input: askInput,
      // A request id of another shape is no form this bot made.
      onInvalid: (ctx) => ({ kind: 'message', text: ctx.t('rotation.notFound') }),
      handle: ask,
    }),
    cardAction({
      verb: SWAP_VERBS.answer,
      callerOnly: true,
      input: answerInput,
      onInvalid: (ctx) => ({ kind: 'message', text: ctx.t('rotation.notFound') }),
      handle: answer,
    }),
  ],
};
