/**
 * The meetings in the bot: scheduling (one meeting or a year's four), moving, cancelling, listing.
 * Proposals and the agenda are the agenda's (src/features/agenda); this file only turns commands
 * and card actions into meeting-service calls and cards. Moving and cancelling ask for
 * confirmation first (meeting-change-feature.ts).
 */
import type { LocalSlot, ScheduleResult } from './meetings-service';
import { noticeCard } from '../../platform/cards/builders';
import {
  meetingListCard,
  scheduleMeetingCard,
  scheduleYearCard,
  slotErrorTexts,
  yearResultCard,
  MEETING_VERBS,
  type ScheduleFormErrors,
} from './meeting-cards';
import type { z } from 'zod';
import type {
  BotFeature,
  CardActionContext,
  CardActionResult,
  FeatureContext,
} from '../../platform/teams/feature';
import { labelsFrom } from '../../platform/cards/validation-text';
import { actorIdOf, groupNameOf } from '../../platform/teams/feature';
import { cardAction, cardText, command, commandText, fieldErrors } from '../../platform/teams/define';
import { scheduleArgs, scheduleInput, scheduleYearArgs, scheduleYearInput } from './meetings-input';
import { cycleOf, meetingCardFor, when } from './meeting-replies';
import { meetingChangeActions, meetingChangeCommands } from './meeting-change-feature';
import { localText } from '../../domain/localized-text';

export { meetingNotFoundText } from './meeting-replies';

// ---- scheduling ----

async function replyScheduled(
  ctx: FeatureContext,
  result: ScheduleResult,
  reply: (card: object) => Promise<unknown>,
  groupId: string,
  values: Partial<LocalSlot & { location: string }>,
) {
  if (result.kind === 'scheduled')
    return reply(
      await meetingCardFor(
        ctx,
        result.meeting,
        ctx.t('meetings.scheduled', { meeting: when(ctx, result.meeting.startsAt) }),
      ),
    );
  if (result.kind === 'same-day-exists')
    return reply(
      await meetingCardFor(
        ctx,
        result.meeting,
        ctx.t('meetings.sameDayExists', { meeting: when(ctx, result.meeting.startsAt) }),
      ),
    );
  return reply(
    scheduleMeetingCard(ctx.t, {
      groupId,
      groupName: await groupNameOf(ctx, groupId),
      values,
      errors: result.kind === 'invalid' ? slotErrorTexts(ctx.t, result.problems, result.slot) : {},
    }),
  );
}

function yearLines(ctx: FeatureContext, results: ScheduleResult[]): string[] {
  return results.map((result) => {
    if (result.kind === 'scheduled')
      return `✔ ${ctx.t('meetings.scheduled', { meeting: when(ctx, result.meeting.startsAt) })}`;
    if (result.kind === 'same-day-exists')
      return `• ${ctx.t('meetings.sameDayExists', { meeting: when(ctx, result.meeting.startsAt) })}`;
    return `✖ ${Object.values(slotErrorTexts(ctx.t, result.problems, result.slot)).join(' ')}`;
  });
}

/** The schedule form came back with bad fields: the same form, every reason under its field. */
async function refusedScheduleForm(
  ctx: CardActionContext,
  issues: readonly z.core.$ZodIssue[],
): Promise<CardActionResult> {
  const groupId = cardText.parse(ctx.data.groupId);
  const labels = labelsFrom(ctx.t, {
    date: 'meetings.fieldDate',
    time: 'meetings.fieldTime',
    location: 'meetings.fieldLocation',
  });
  const errors: ScheduleFormErrors = fieldErrors(ctx.t, issues, labels);
  if (!groupId) return { kind: 'message', text: ctx.t('core.cardInputInvalid', { fields: 'groupId' }) };
  const values = {
    date: cardText.parse(ctx.data.date),
    time: cardText.parse(ctx.data.time),
    location: cardText.parse(ctx.data.location),
  };
  const groupName = await groupNameOf(ctx, groupId);
  return { kind: 'card', card: scheduleMeetingCard(ctx.t, { groupId, groupName, values, errors }) };
}

export const meetingsFeature: BotFeature = {
  id: 'meetings',
  commands: [
    command({
      id: 'meeting.schedule',
      helpKey: 'meetings.command_schedule',
      allowedRoles: ['administer'],
      requires: 'boundGroup',
      args: scheduleArgs,
      async handle(ctx, { date, time, location }) {
        const groupId = ctx.boundGroup!.group.id;
        if (!date)
          return ctx.reply({
            card: scheduleMeetingCard(ctx.t, {
              groupId,
              groupName: localText(ctx.boundGroup!.group.name, ctx.locale),
            }),
          });
        const values = { date, time: time ?? '10:00', location };
        const result = await cycleOf(ctx).meetings.schedule({
          groupId,
          ...values,
          actorId: actorIdOf(ctx.actor),
        });
        await replyScheduled(ctx, result, (card) => ctx.reply({ card }), groupId, values);
      },
    }),
    command({
      id: 'meeting.scheduleYear',
      helpKey: 'meetings.command_scheduleYear',
      helpRank: { bound: 1 },
      allowedRoles: ['administer'],
      requires: 'boundGroup',
      args: scheduleYearArgs,
      onInvalid: (ctx) => ctx.reply(ctx.t('meetings.yearUsage')),
      async handle(ctx, year) {
        const group = ctx.boundGroup!.group;
        const slots = cycleOf(ctx).meetings.defaultYearSlots(year, group.id);
        await ctx.reply({
          card: scheduleYearCard(ctx.t, {
            groupId: group.id,
            groupName: localText(group.name, ctx.locale),
            year,
            slots,
          }),
        });
      },
    }),
    ...meetingChangeCommands,
    command({
      id: 'meeting.list',
      helpKey: 'meetings.command_list',
      helpRank: { bound: 5 },
      requires: 'boundGroup',
      args: commandText,
      async handle(ctx) {
        const cycle = cycleOf(ctx);
        const group = ctx.boundGroup!.group;
        const upcoming = await cycle.meetings.upcoming(group.id);
        await ctx.reply({
          card: meetingListCard(ctx.t, {
            locale: ctx.locale,
            timeZone: cycle.timeZone,
            groupName: localText(group.name, ctx.locale),
            meetings: upcoming.map((meeting) => ({ meeting, deadlines: cycle.meetings.deadlines(meeting) })),
          }),
        });
      },
    }),
  ],
  cardActions: [
    cardAction({
      verb: MEETING_VERBS.schedule,
      allowedRoles: ['administer'],
      input: scheduleInput,
      onInvalid: refusedScheduleForm,
      async handle(ctx, { groupId, ...values }) {
        let card: object = noticeCard('');
        const result = await cycleOf(ctx).meetings.schedule({
          groupId,
          ...values,
          actorId: actorIdOf(ctx.actor),
        });
        await replyScheduled(ctx, result, async (built) => (card = built), groupId, values);
        return { kind: 'card', card };
      },
    }),
    cardAction({
      verb: MEETING_VERBS.scheduleYear,
      allowedRoles: ['administer'],
      input: scheduleYearInput,
      async handle(ctx, { groupId, year, slots }) {
        const meetings = cycleOf(ctx).meetings;
        // Validate every slot first, so a typo does not leave half the year scheduled.
        const errors = slots.map((slot) => {
          const resolved = meetings.resolveSlot(slot.date, slot.time);
          return resolved.problems ? slotErrorTexts(ctx.t, resolved.problems, slot) : undefined;
        });
        if (errors.some((error) => error !== undefined)) {
          return {
            kind: 'card',
            card: scheduleYearCard(ctx.t, {
              groupId,
              groupName: await groupNameOf(ctx, groupId),
              year,
              slots,
              errors,
            }),
          };
        }
        const results = await meetings.scheduleMany(groupId, slots, actorIdOf(ctx.actor));
        return { kind: 'card', card: yearResultCard(ctx.t, { year, lines: yearLines(ctx, results) }) };
      },
    }),
    ...meetingChangeActions,
  ],
};
