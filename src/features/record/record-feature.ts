/**
 * The meeting record in the bot: `referat` shows a meeting's record (its overview card, from which
 * the secretariat or the meeting's minute-taker records item by item and posts the draft), and
 * `forsinkede handlinger` lists the overdue follow-up actions for the secretariat. The card
 * actions are in record-actions.ts; every input is parsed by its schema (record-input.ts).
 */
import type { BotFeature } from '../../platform/teams/feature';
import { actorIdOf } from '../../platform/teams/feature';
import { cardAction, command } from '../../platform/teams/define';
import { localToday } from '../../domain/time';
import { approveReply, busyGuard, correctReply, draftReply, openItem, saveItem } from './record-actions';
import { actionClosedCard, overdueCard } from './follow-up-cards';
import { RECORD_VERBS } from './minutes-cards';
import {
  approveInput,
  closeActionInput,
  commentInput,
  correctInput,
  itemInput,
  meetingInput,
  minutesArgs,
  minuteTakerInput,
  overdueArgs,
  saveItemInput,
} from './record-input';
import { editorOf, message, notFoundText, notOpenText, overviewCard, recordOf } from './record-replies';
import { localText } from '../../domain/localized-text';

export { RECORD_VERBS };

const minutesCommand = command({
  id: 'record.minutes',
  helpKey: 'record.command_minutes',
  helpRank: { bound: 6 },
  requires: 'boundGroup',
  args: minutesArgs,
  async handle(ctx, reference) {
    const groupId = ctx.boundGroup!.group.id;
    const meeting = await recordOf(ctx).findMeeting(groupId, reference);
    if (!meeting) return ctx.reply(notFoundText(ctx, reference));
    const opened = await recordOf(ctx).open(groupId, meeting.id);
    if (opened.kind !== 'open') return ctx.reply(notOpenText(ctx, opened));
    await ctx.reply({ card: await overviewCard(ctx, opened.view), summary: ctx.t('record.summary') });
  },
});

const overdueCommand = command({
  id: 'record.overdue',
  helpKey: 'record.command_overdue',
  allowedRoles: ['administer'],
  args: overdueArgs,
  async handle(ctx) {
    const groups = ctx.boundGroup ? [ctx.boundGroup.group] : await ctx.services.groups.listGroups();
    const actions = await recordOf(ctx).overdueActions(groups.map((group) => group.id));
    const names = await recordOf(ctx).names(
      actions.map((action) => action.ownerId),
      ctx.locale,
    );
    const groupName = new Map(groups.map((group) => [group.id, localText(group.name, ctx.locale)]));
    const rows = actions.map((action) => ({
      action,
      groupName: groupName.get(action.groupId) ?? action.groupId,
    }));
    const today = localToday(ctx.services.clock, recordOf(ctx).timeZone);
    await ctx.reply({
      card: overdueCard(ctx.t, ctx.locale, today, rows, names),
      summary: ctx.t('record.overdueTitle'),
    });
  },
});

export const recordFeature: BotFeature = {
  id: 'record',
  commands: [minutesCommand, overdueCommand],
  cardActions: [
    cardAction({
      verb: RECORD_VERBS.overview,
      input: meetingInput,
      async handle(ctx, { groupId, meetingId }) {
        const opened = await recordOf(ctx).open(groupId, meetingId);
        if (opened.kind !== 'open') return message(notOpenText(ctx, opened));
        return { kind: 'card', card: await overviewCard(ctx, opened.view) };
      },
    }),
    cardAction({ verb: RECORD_VERBS.item, input: itemInput, handle: openItem }),
    cardAction({
      verb: RECORD_VERBS.saveItem,
      input: saveItemInput,
      handle: (ctx, input) => busyGuard(ctx, () => saveItem(ctx, input)),
    }),
    cardAction({
      verb: RECORD_VERBS.minuteTaker,
      allowedRoles: ['administer'],
      input: minuteTakerInput,
      handle: (ctx, { groupId, meetingId, minuteTakerId }) =>
        busyGuard(ctx, async () => {
          const result = await recordOf(ctx).nameMinuteTaker(
            groupId,
            meetingId,
            minuteTakerId,
            actorIdOf(ctx.actor),
          );
          if (result.kind === 'named')
            return {
              kind: 'card',
              card: await overviewCard(ctx, result.view, ctx.t('record.minuteTakerNamed')),
            };
          if (result.kind === 'not-a-member') return message(ctx.t('record.minuteTakerNotMember'));
          if (result.kind === 'approved') return message(ctx.t('record.approvedImmutable'));
          return message(notOpenText(ctx, result));
        }),
    }),
    cardAction({
      verb: RECORD_VERBS.draft,
      input: meetingInput,
      handle: (ctx, { groupId, meetingId }) =>
        busyGuard(ctx, async () =>
          draftReply(ctx, await recordOf(ctx).postDraft(groupId, meetingId, editorOf(ctx))),
        ),
    }),
    cardAction({
      verb: RECORD_VERBS.comment,
      input: commentInput,
      handle: (ctx, { groupId, meetingId, comment }) =>
        busyGuard(ctx, async () => {
          const editor = editorOf(ctx);
          const isMember = await recordOf(ctx).isActiveMember(groupId, editor.actorId);
          const result = await recordOf(ctx).comment(groupId, meetingId, { ...editor, isMember }, comment);
          if (result.kind === 'commented') return message(ctx.t('record.commentSaved'));
          if (result.kind === 'not-found') return message(ctx.t('record.meetingNotFound'));
          return message(ctx.t(`record.comment_${result.kind}`));
        }),
    }),
    cardAction({
      verb: RECORD_VERBS.approve,
      allowedRoles: ['administer'],
      input: approveInput,
      handle: (ctx, { groupId, meetingId, from }) =>
        busyGuard(ctx, async () =>
          approveReply(
            ctx,
            await recordOf(ctx).approve(groupId, meetingId, actorIdOf(ctx.actor)),
            from === 'overview',
          ),
        ),
    }),
    cardAction({
      verb: RECORD_VERBS.correct,
      allowedRoles: ['administer'],
      input: correctInput,
      handle: (ctx, { groupId, meetingId, version, ...fields }) =>
        busyGuard(ctx, async () =>
          correctReply(
            ctx,
            await recordOf(ctx).correct(
              groupId,
              meetingId,
              { ...fields, expectedVersion: version },
              actorIdOf(ctx.actor),
            ),
          ),
        ),
    }),
    cardAction({
      verb: RECORD_VERBS.closeAction,
      input: closeActionInput,
      async handle(ctx, { groupId, actionId, note }) {
        const result = await recordOf(ctx).closeAction(groupId, actionId, editorOf(ctx), note);
        if (result.kind === 'not-found') return message(ctx.t('record.actionNotFound'));
        if (result.kind === 'refused') return message(ctx.t(`record.close_${result.refusal}`));
        const ids = [result.action.ownerId, result.action.closedBy ?? ''];
        const names = await recordOf(ctx).names(ids, ctx.locale);
        return { kind: 'card', card: actionClosedCard(ctx.t, ctx.locale, result.action, names) };
      },
    }),
  ],
};
