/**
 * Cancelling and moving a meeting, each in two steps (issue 26.6): the command or the meeting
 * card's button answers with the consequences and Confirm/Keep; only Confirm changes the meeting
 * (meeting-changes.ts), then the proposers concerned and the group's channel are told.
 */
import type { z } from 'zod';
import type { MeetingRecord } from './meetings-repository';
import { noticeCard } from '../../platform/cards/builders';
import { translatorFor } from '../../platform/i18n';
import type { CardActionContext, CardActionResult, FeatureContext } from '../../platform/teams/feature';
import { actorIdOf } from '../../platform/teams/feature';
import { cardAction, cardText, command, commandText, fieldErrors } from '../../platform/teams/define';
import { localTime } from '../../domain/time';
import { MEETING_VERBS, slotErrorTexts } from './meeting-cards';
import {
  confirmChangeCard,
  readerNotices,
  MEETING_CHANGE_VERBS,
  type ChangeCardContext,
} from './meeting-change-cards';
import type { ChangeNotices, ConfirmResult, MeetingConsequences } from './meeting-changes';
import { cancelInput, confirmCancelInput, confirmMoveInput, moveArgs, moveInput } from './meetings-input';
import { cycleOf, meetingCardFor, meetingNotFoundText, when } from './meeting-replies';
import { localText } from '../../domain/localized-text';

/** A reply: a text (a command answers it as a message, an action as a notice card) or a card. */
type Answer = string | object;

async function cardContext(ctx: FeatureContext, locale = ctx.locale): Promise<ChangeCardContext> {
  const groups = await ctx.services.groups.listGroups();
  return {
    t: locale === ctx.locale ? ctx.t : translatorFor(locale),
    locale,
    timeZone: cycleOf(ctx).timeZone,
    groupNames: new Map(groups.map((group) => [group.id, localText(group.name, locale)])),
  };
}

async function confirmation(ctx: FeatureContext, consequences: MeetingConsequences, notice?: string) {
  return confirmChangeCard(await cardContext(ctx), consequences, notice);
}

/** The cancellation card of a meeting named by id or date (or why there is none). */
async function askCancel(
  ctx: FeatureContext,
  groupId: string,
  meeting: MeetingRecord | undefined,
  reference: string,
) {
  if (!meeting) return meetingNotFoundText(ctx, reference, groupId);
  if (meeting.status !== 'scheduled')
    return ctx.t('meetings.notScheduled', { meeting: when(ctx, meeting.startsAt) });
  return confirmation(ctx, await ctx.services.meetingChanges.consequences(meeting));
}

/** The move card: the new slot checked first (every bad field said), then its consequences. */
async function askMove(
  ctx: FeatureContext,
  meeting: MeetingRecord,
  date: string,
  time: string | undefined,
): Promise<Answer> {
  const meetings = cycleOf(ctx).meetings;
  if (meeting.status !== 'scheduled')
    return ctx.t('meetings.notScheduled', { meeting: when(ctx, meeting.startsAt) });
  const resolved = meetings.resolveSlot(date, time ?? localTime(meeting.startsAt, meetings.timeZone));
  if (!resolved.startsAt)
    return Object.values(slotErrorTexts(ctx.t, resolved.problems ?? {}, resolved.slot)).join(' ');
  const other = await meetings.otherMeetingOnDay(meeting.groupId, resolved.slot.date, meeting.id);
  if (other) return ctx.t('meetings.sameDayExists', { meeting: when(ctx, other.startsAt) });
  return confirmation(ctx, await ctx.services.meetingChanges.consequences(meeting, resolved.startsAt));
}

/** What a Confirm says: done (and who was told), already done, changed since, or why not. */
async function confirmAnswer(ctx: FeatureContext, result: ConfirmResult, reference: string, groupId: string) {
  switch (result.kind) {
    case 'done': {
      const told = ctx.t('meetings.notifiedCount', { count: result.consequences.proposerIds.length });
      if (result.meeting.status === 'cancelled')
        return `${ctx.t('meetings.cancelled', { meeting: when(ctx, result.previous.startsAt) })} ${told}`;
      const moved = ctx.t('meetings.moved', {
        from: when(ctx, result.previous.startsAt),
        to: when(ctx, result.meeting.startsAt),
      });
      return meetingCardFor(ctx, result.meeting, `${moved} ${told}`);
    }
    case 'already':
      return result.meeting.status === 'cancelled'
        ? ctx.t('meetings.alreadyCancelled', { meeting: when(ctx, result.meeting.startsAt) })
        : ctx.t('meetings.alreadyMoved', { meeting: when(ctx, result.meeting.startsAt) });
    case 'changed':
      return confirmation(
        ctx,
        result.consequences,
        ctx.t('meetings.changedSince', { meeting: when(ctx, result.consequences.meeting.startsAt) }),
      );
    case 'not-found':
      return meetingNotFoundText(ctx, reference, groupId);
    case 'not-scheduled':
      return ctx.t('meetings.notScheduled', { meeting: when(ctx, result.meeting.startsAt) });
    case 'same-day-exists':
      return ctx.t('meetings.sameDayExists', { meeting: when(ctx, result.meeting.startsAt) });
    case 'invalid':
      return Object.values(slotErrorTexts(ctx.t, result.problems, result.slot)).join(' ');
  }
}

/** The proposers and the group's channel, each told in their own language (meeting-change-cards.ts). */
function notices(ctx: FeatureContext): ChangeNotices {
  const { governance, languages, groups } = ctx.services;
  return readerNotices({ governance, languages, groups, timeZone: cycleOf(ctx).timeZone });
}

function asActionResult(value: Answer): CardActionResult {
  return { kind: 'card', card: typeof value === 'string' ? noticeCard(value) : value };
}

function asReply(ctx: FeatureContext, value: Answer): Promise<void> {
  return typeof value === 'string' ? ctx.reply(value) : ctx.reply({ card: value });
}

/** The meeting card's move came back with bad fields: the same card, every reason under its field. */
async function refusedMove(
  ctx: CardActionContext,
  issues: readonly z.core.$ZodIssue[],
): Promise<CardActionResult> {
  const groupId = cardText.parse(ctx.data.groupId);
  const meetingId = cardText.parse(ctx.data.meetingId);
  const meeting = groupId && meetingId ? await cycleOf(ctx).meetings.get(groupId, meetingId) : undefined;
  if (!meeting) return asActionResult(await meetingNotFoundText(ctx, meetingId, groupId));
  const moveErrors = fieldErrors(ctx.t, issues);
  const moveValues = { newDate: cardText.parse(ctx.data.newDate), newTime: cardText.parse(ctx.data.newTime) };
  return asActionResult(await meetingCardFor(ctx, meeting, undefined, { moveValues, moveErrors }));
}

export const meetingChangeCommands = [
  command({
    id: 'meeting.move',
    helpKey: 'meetings.command_move',
    allowedRoles: ['administer'],
    requires: 'boundGroup',
    args: moveArgs,
    onInvalid: (ctx) => ctx.reply(ctx.t('meetings.moveUsage')),
    async handle(ctx, { reference, date, time }) {
      const groupId = ctx.boundGroup!.group.id;
      const meeting = await cycleOf(ctx).meetings.find(groupId, reference);
      if (!meeting) return ctx.reply(await meetingNotFoundText(ctx, reference, groupId));
      await asReply(ctx, await askMove(ctx, meeting, date, time));
    },
  }),
  command({
    id: 'meeting.cancel',
    helpKey: 'meetings.command_cancel',
    allowedRoles: ['administer'],
    requires: 'boundGroup',
    args: commandText,
    async handle(ctx, reference) {
      const groupId = ctx.boundGroup!.group.id;
      const meeting = reference ? await cycleOf(ctx).meetings.find(groupId, reference) : undefined;
      await asReply(ctx, await askCancel(ctx, groupId, meeting, reference));
    },
  }),
];

export const meetingChangeActions = [
  cardAction({
    verb: MEETING_VERBS.move,
    allowedRoles: ['administer'],
    input: moveInput,
    onInvalid: refusedMove,
    async handle(ctx, { groupId, meetingId, newDate, newTime }) {
      const meeting = await cycleOf(ctx).meetings.get(groupId, meetingId);
      if (!meeting) return asActionResult(await meetingNotFoundText(ctx, meetingId, groupId));
      return asActionResult(await askMove(ctx, meeting, newDate, newTime));
    },
  }),
  cardAction({
    verb: MEETING_VERBS.cancel,
    allowedRoles: ['administer'],
    input: cancelInput,
    async handle(ctx, { groupId, meetingId }) {
      const meeting = await cycleOf(ctx).meetings.get(groupId, meetingId);
      return asActionResult(await askCancel(ctx, groupId, meeting, meetingId));
    },
  }),
  cardAction({
    verb: MEETING_CHANGE_VERBS.confirmCancel,
    allowedRoles: ['administer'],
    input: confirmCancelInput,
    async handle(ctx, { groupId, meetingId, sequence }) {
      const result = await ctx.services.meetingChanges.confirmCancel(
        groupId,
        meetingId,
        sequence,
        actorIdOf(ctx.actor),
        notices(ctx),
      );
      return asActionResult(await confirmAnswer(ctx, result, meetingId, groupId));
    },
  }),
  cardAction({
    verb: MEETING_CHANGE_VERBS.confirmMove,
    allowedRoles: ['administer'],
    input: confirmMoveInput,
    async handle(ctx, { groupId, meetingId, sequence, date, time }) {
      const result = await ctx.services.meetingChanges.confirmMove(
        { groupId, meetingId, sequence, date, time, actorId: actorIdOf(ctx.actor) },
        notices(ctx),
      );
      return asActionResult(await confirmAnswer(ctx, result, meetingId, groupId));
    },
  }),
  cardAction({
    verb: MEETING_CHANGE_VERBS.keep,
    allowedRoles: ['administer'],
    input: cancelInput,
    async handle(ctx, { groupId, meetingId }) {
      // Keep changes nothing; it only closes the question.
      const meeting = await cycleOf(ctx).meetings.get(groupId, meetingId);
      if (!meeting) return asActionResult(await meetingNotFoundText(ctx, meetingId, groupId));
      return asActionResult(ctx.t('meetings.kept', { meeting: when(ctx, meeting.startsAt) }));
    },
  }),
];
