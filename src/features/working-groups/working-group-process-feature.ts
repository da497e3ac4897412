/**
 * A working group's course after approval in the bot: the extension request (`forlæng
 * arbejdsgruppe` and the list card's form) as a vote card in the parent reference group's channel,
 * its votes and the secretariat's "decided at a meeting"; the result's hand-in (`aflever
 * resultat`) in the working group's channel. Who may do what is the services' rule.
 */
import { z } from 'zod';
import type { Locale } from '../../domain/model';
import { localDate } from '../../domain/time';
import { bodyLanguage } from '../../domain/governance';
import { markdownText } from '../../platform/cards/text';
import { translatorFor } from '../../platform/i18n';
import { cardAction, cardString, cardValueText, command, commandText } from '../../platform/teams/define';
import type { CardActionContext, CardActionResult, FeatureContext } from '../../platform/teams/feature';
import { actorIdOf } from '../../platform/teams/feature';
import { EXTENSION_CHOICES, type ExtensionRequest, type ExtensionTally } from './domain/extension';
import {
  extensionVoteCard,
  PROCESS_VERBS,
  resultFormCard,
  type ResultFormValues,
} from './working-group-process-cards';
import { RESULT_KINDS } from './working-group-result-repository';
import type { HandInResult } from './working-group-results';
import type { ActorInGroups } from './working-groups-service';
import { localText, type LocalizedText } from '../../domain/localized-text';

/** The caller as the working-group rules see them: id, secretariat or not, their memberships. */
export async function actorInGroups(ctx: FeatureContext): Promise<ActorInGroups | undefined> {
  const id = ctx.actor.aadObjectId;
  if (!id) return undefined;
  const { memberships } = await ctx.services.members.personWithMemberships(id);
  return { id, secretariat: ctx.actor.roles.includes('administer'), memberships };
}

/** The vote card in `locale` (default the turn's: in the parent's channel, the parent's language). */
async function voteCard(
  ctx: FeatureContext,
  request: ExtensionRequest,
  tally: ExtensionTally,
  locale: Locale = ctx.locale,
) {
  return extensionVoteCard(translatorFor(locale), {
    request,
    tally,
    groupName: await ctx.services.workingGroupExtensions.groupName(request.groupId, locale),
    locale,
    timeZone: ctx.services.governance.timeZone,
  });
}

/**
 * Opens an extension request and posts its vote card in the parent's channel; the requester gets
 * the card too (the secretariat may record a meeting decision on it). `invalid` is what a bad date
 * or missing reason gets.
 */
export async function requestExtension(
  ctx: FeatureContext,
  reference: string,
  date: string,
  reason: string,
  invalid: string,
): Promise<{ text: string } | { card: object; summary: string }> {
  const actor = await actorInGroups(ctx);
  if (!reference || !actor) return { text: invalid };
  const result = await ctx.services.workingGroupExtensions.request(actor, reference, date, reason);
  const name = (group: { name: LocalizedText }) => markdownText(localText(group.name, ctx.locale));
  switch (result.kind) {
    case 'unknown':
      return { text: ctx.t('workingGroups.unknown', { id: markdownText(reference) }) };
    case 'not-allowed':
      return { text: ctx.t('workingGroups.notAllowed', { group: name(result.group) }) };
    case 'read-only':
      return { text: ctx.t('workingGroups.readOnly', { group: name(result.group) }) };
    case 'bad-date':
    case 'missing-reason':
      return { text: invalid };
    case 'not-later':
      return { text: ctx.t('workingGroups.extendNotLater', { end: result.group.plannedEnd ?? '' }) };
    case 'no-parent':
      return { text: ctx.t('workingGroups.extensionNoParent', { group: name(result.group) }) };
    case 'already-decided':
      return {
        text: ctx.t(`workingGroups.extensionStatus_${result.request.status as 'approved' | 'rejected'}`),
      };
    case 'requested': {
      const card = await voteCard(ctx, result.request, result.tally);
      const parentId = result.request.parentGroupId;
      // The parent's channel gets its card once (a request sent again is the same request), in
      // the parent's language whatever the requester's.
      if (result.created && ctx.boundGroup?.group.id !== parentId) {
        const locale = ctx.services.workingGroupExtensions.channelLanguage(parentId);
        const parentCard = await voteCard(ctx, result.request, result.tally, locale);
        await ctx.services.messenger.postToGroup(parentId, { card: parentCard }).catch(() => undefined);
      }
      return { card, summary: ctx.t('workingGroups.extensionRequested', { group: name(result.group) }) };
    }
  }
}

const extensionVoteInput = z.object({
  parentGroupId: cardValueText,
  requestId: cardValueText,
  choice: z.enum(EXTENSION_CHOICES),
});

const extensionMeetingInput = z.object({
  parentGroupId: cardValueText,
  requestId: cardValueText,
  approved: z.enum(['yes', 'no']),
  meetingId: cardString.transform((text) => text.trim().slice(0, 100)),
});

const resultInput = z.object({
  groupId: cardValueText,
  kind: z.enum(RESULT_KINDS),
  title: cardString,
  summary: cardString,
  material: cardString,
});

async function vote(
  ctx: CardActionContext,
  input: z.output<typeof extensionVoteInput>,
): Promise<CardActionResult> {
  const service = ctx.services.workingGroupExtensions;
  const result = await service.vote({ ...input, voterId: actorIdOf(ctx.actor) });
  switch (result.kind) {
    case 'not-found':
      return { kind: 'message', text: ctx.t('workingGroups.extensionNotFound') };
    case 'not-member':
      return {
        kind: 'message',
        text: ctx.t('workingGroups.extensionNotMember', {
          group: markdownText(await service.groupName(result.request.parentGroupId)),
        }),
      };
    case 'closed':
      return { kind: 'message', text: ctx.t('workingGroups.extensionClosed') };
    case 'voted':
      return { kind: 'card', card: await voteCard(ctx, result.request, result.tally) };
  }
}

async function meetingDecision(
  ctx: CardActionContext,
  input: z.output<typeof extensionMeetingInput>,
): Promise<CardActionResult> {
  if (input.meetingId === '')
    return { kind: 'message', text: ctx.t('workingGroups.extensionMeetingIdRequired') };
  const service = ctx.services.workingGroupExtensions;
  const result = await service.close(input.parentGroupId, input.requestId, {
    meetingId: input.meetingId,
    approved: input.approved === 'yes',
    by: actorIdOf(ctx.actor),
  });
  switch (result.kind) {
    case 'not-found':
      return { kind: 'message', text: ctx.t('workingGroups.extensionNotFound') };
    case 'busy':
    case 'already-closed':
      return { kind: 'message', text: ctx.t('workingGroups.extensionClosed') };
    case 'closed':
      return { kind: 'card', card: await voteCard(ctx, result.request, await service.tally(result.request)) };
  }
}

/** The answer to a hand-in that stored nothing (or, `handed-in`, the confirmation). */
function handInText(ctx: FeatureContext, result: Exclude<HandInResult, { kind: 'invalid' }>): string {
  if (result.kind === 'not-working-group') return ctx.t('workingGroups.resultOnlyWorkingGroup');
  const group = markdownText(localText(result.group.name, ctx.locale));
  switch (result.kind) {
    case 'read-only':
      return ctx.t('workingGroups.readOnly', { group });
    case 'not-allowed':
      return ctx.t('workingGroups.resultNotAllowed', { group });
    case 'already-handed-in':
      return ctx.t('workingGroups.resultAlready', { group });
    case 'no-meeting':
      return ctx.t('workingGroups.resultNoMeeting', { parent: markdownText(result.parentName) });
    case 'handed-in':
      return ctx.t('workingGroups.resultHandedIn', {
        group,
        title: markdownText(result.result.title),
        date: localDate(result.meetingStartsAt, ctx.services.governance.timeZone),
      });
  }
}

/** The parent reference group hears of the result in its channel, in its language (best effort). */
async function noticeToParent(
  ctx: FeatureContext,
  result: Extract<HandInResult, { kind: 'handed-in' }>,
): Promise<void> {
  const parentId = result.result.parentGroupId;
  const locale = bodyLanguage(ctx.services.governance, parentId);
  const text = translatorFor(locale)('workingGroups.resultHandedIn', {
    group: markdownText(localText(result.group.name, locale)),
    title: markdownText(result.result.title),
    date: localDate(result.meetingStartsAt, ctx.services.governance.timeZone),
  });
  await ctx.services.messenger.postToGroup(parentId, { text }).catch(() => undefined);
}

async function parentNameOf(ctx: FeatureContext, parentGroupId: string): Promise<string> {
  return localText((await ctx.services.groups.getGroup(parentGroupId))?.name, ctx.locale) || parentGroupId;
}

async function submitResult(
  ctx: CardActionContext,
  input: z.output<typeof resultInput>,
): Promise<CardActionResult> {
  const actor = await actorInGroups(ctx);
  if (!actor) return { kind: 'message', text: ctx.t('workingGroups.resultOnlyWorkingGroup') };
  const service = ctx.services.workingGroupResults;
  const result = await service.handIn(actor, input.groupId, {
    kind: input.kind,
    title: input.title,
    summary: input.summary,
    materialText: input.material,
  });
  if (result.kind === 'invalid') {
    const values: ResultFormValues = input;
    const parentName = await parentNameOf(ctx, result.group.parentGroupId!);
    const card = resultFormCard(ctx.t, {
      group: result.group,
      parentName,
      locale: ctx.locale,
      values,
      errors: result.errors,
    });
    return { kind: 'card', card };
  }
  const text = handInText(ctx, result);
  if (result.kind === 'handed-in') await noticeToParent(ctx, result);
  return { kind: 'message', text };
}

export const processCommands = [
  command({
    id: 'hand-in-working-group-result',
    helpKey: 'workingGroups.helpResult',
    requires: 'boundGroup',
    args: commandText,
    async handle(ctx) {
      const actor = await actorInGroups(ctx);
      if (!actor) return ctx.reply(ctx.t('workingGroups.resultOnlyWorkingGroup'));
      const checked = await ctx.services.workingGroupResults.check(actor, ctx.boundGroup?.group.id);
      if ('refusal' in checked)
        return ctx.reply(handInText(ctx, checked.refusal as Exclude<HandInResult, { kind: 'invalid' }>));
      const parentName = await parentNameOf(ctx, checked.group.parentGroupId!);
      await ctx.reply({
        card: resultFormCard(ctx.t, { group: checked.group, parentName, locale: ctx.locale }),
        summary: ctx.t('workingGroups.helpResult'),
      });
    },
  }),
];

export const processCardActions = [
  // Who votes is the parent's register's business, not this channel's (as for endorsements).
  cardAction({
    verb: PROCESS_VERBS.extensionVote,
    callerOnly: true,
    input: extensionVoteInput,
    handle: vote,
  }),
  cardAction({
    verb: PROCESS_VERBS.extensionMeeting,
    allowedRoles: ['administer'],
    input: extensionMeetingInput,
    handle: meetingDecision,
  }),
  cardAction({ verb: PROCESS_VERBS.result, input: resultInput, handle: submitResult }),
];
