/**
 * The meetings in the bot: scheduling (one meeting or a year's four), moving, cancelling, listing.
 * Proposals and the agenda are the agenda's (src/features/agenda); this file only turns commands
 * and card actions into meeting-service calls and cards.
 */
import type { Translate } from '../../platform/i18n';
import type { LocalSlot, ScheduleResult } from './meetings-service';
import type { MeetingRecord } from './meetings-repository';
import type { MeetingScheduling } from './meeting-scheduling';
import { noticeCard } from '../../platform/cards/builders';
import { markdownText } from '../../platform/cards/text';
import {
  meetingCard,
  meetingListCard,
  scheduleMeetingCard,
  scheduleYearCard,
  slotErrorText,
  yearResultCard,
  MEETING_VERBS,
} from './meeting-cards';
import { formatInstant } from '../../platform/cards/reminders';
import type { BotFeature, CardActionResult, FeatureContext } from '../../platform/teams/feature';
import { actorIdOf, groupNameOf } from '../../platform/teams/feature';
import { cardAction, command, commandText } from '../../platform/teams/define';
import {
  cancelInput,
  moveArgs,
  moveInput,
  scheduleArgs,
  scheduleInput,
  scheduleYearArgs,
  scheduleYearInput,
} from './meetings-input';

function cycleOf(ctx: FeatureContext): MeetingScheduling {
  return ctx.services.meetingScheduling;
}

function when(ctx: FeatureContext, instant: string): string {
  return formatInstant(instant, ctx.locale, cycleOf(ctx).timeZone);
}

async function meetingCardFor(ctx: FeatureContext, meeting: MeetingRecord, notice?: string) {
  const cycle = cycleOf(ctx);
  const group = await ctx.services.groups.getGroup(meeting.groupId);
  return meetingCard(ctx.t, {
    locale: ctx.locale,
    timeZone: cycle.timeZone,
    groupName: group?.name[ctx.locale] ?? meeting.groupId,
    meeting,
    deadlines: cycle.meetings.deadlines(meeting),
    withStatusReports: group?.kind === 'steering',
    links: cycle.links(meeting),
    notice,
    manage: ctx.actor.roles.includes('secretariat'),
  });
}

async function upcomingList(ctx: FeatureContext, groupId: string): Promise<string> {
  const upcoming = await cycleOf(ctx).meetings.upcoming(groupId);
  return upcoming.length === 0 ? '-' : upcoming.map((m) => `${m.id} (${when(ctx, m.startsAt)})`).join(', ');
}

/** "No such meeting", with the group's upcoming meetings to pick from. */
export async function meetingNotFoundText(
  ctx: FeatureContext,
  reference: string,
  groupId: string,
): Promise<string> {
  // The reference is what the user typed: shown as typed, never as markdown.
  return ctx.t('meetings.notFound', {
    meeting: markdownText(reference),
    meetings: await upcomingList(ctx, groupId),
  });
}

function scheduleError(t: Translate, result: Extract<ScheduleResult, { kind: 'invalid' }>) {
  return {
    field: result.error === 'bad-time' ? ('time' as const) : ('date' as const),
    text: slotErrorText(t, result.error, result.slot),
  };
}

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
      error: scheduleError(ctx.t, result),
    }),
  );
}

function yearLines(ctx: FeatureContext, results: ScheduleResult[]): string[] {
  return results.map((result) => {
    if (result.kind === 'scheduled')
      return `✔ ${ctx.t('meetings.scheduled', { meeting: when(ctx, result.meeting.startsAt) })}`;
    if (result.kind === 'same-day-exists')
      return `• ${ctx.t('meetings.sameDayExists', { meeting: when(ctx, result.meeting.startsAt) })}`;
    return `✖ ${slotErrorText(ctx.t, result.error, result.slot)}`;
  });
}

async function changeReply(
  ctx: FeatureContext,
  result: Awaited<ReturnType<MeetingScheduling['meetings']['move']>>,
  reference: string,
  groupId: string,
  kind: 'move' | 'cancel',
): Promise<string | object> {
  switch (result.kind) {
    case 'not-found':
      return meetingNotFoundText(ctx, reference, groupId);
    case 'not-scheduled':
      return ctx.t('meetings.notScheduled', { meeting: when(ctx, result.meeting.startsAt) });
    case 'same-day-exists':
      return ctx.t('meetings.sameDayExists', { meeting: when(ctx, result.meeting.startsAt) });
    case 'invalid':
      return slotErrorText(ctx.t, result.error, result.slot);
    case 'changed':
      return kind === 'move'
        ? meetingCardFor(
            ctx,
            result.meeting,
            ctx.t('meetings.moved', {
              from: when(ctx, result.previous.startsAt),
              to: when(ctx, result.meeting.startsAt),
            }),
          )
        : ctx.t('meetings.cancelled', { meeting: when(ctx, result.meeting.startsAt) });
  }
}

function asActionResult(value: string | object): CardActionResult {
  return typeof value === 'string'
    ? { kind: 'card', card: noticeCard(value) }
    : { kind: 'card', card: value };
}

function asReply(ctx: FeatureContext, value: string | object): Promise<void> {
  return typeof value === 'string' ? ctx.reply(value) : ctx.reply({ card: value });
}

export const meetingsFeature: BotFeature = {
  id: 'meetings',
  commands: [
    command({
      id: 'meeting.schedule',
      names: ['planlæg møde', 'schedule meeting'],
      helpKey: 'meetings.command_schedule',
      usage: {
        da: 'planlæg møde [ÅÅÅÅ-MM-DD TT:MM [sted]]',
        en: 'schedule meeting [YYYY-MM-DD HH:MM [location]]',
      },
      allowedRoles: ['secretariat'],
      requires: 'boundGroup',
      args: scheduleArgs,
      async handle(ctx, { date, time, location }) {
        const groupId = ctx.boundGroup!.group.id;
        if (!date)
          return ctx.reply({
            card: scheduleMeetingCard(ctx.t, { groupId, groupName: ctx.boundGroup!.group.name[ctx.locale] }),
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
      names: ['planlæg år', 'schedule year'],
      helpKey: 'meetings.command_scheduleYear',
      helpRank: { bound: 1 },
      usage: { da: 'planlæg år [år]', en: 'schedule year [year]' },
      allowedRoles: ['secretariat'],
      requires: 'boundGroup',
      args: scheduleYearArgs,
      onInvalid: (ctx) => ctx.reply(ctx.t('meetings.yearUsage')),
      async handle(ctx, year) {
        const group = ctx.boundGroup!.group;
        const slots = cycleOf(ctx).meetings.defaultYearSlots(year);
        await ctx.reply({
          card: scheduleYearCard(ctx.t, {
            groupId: group.id,
            groupName: group.name[ctx.locale],
            year,
            slots,
          }),
        });
      },
    }),
    command({
      id: 'meeting.move',
      names: ['flyt møde', 'move meeting'],
      helpKey: 'meetings.command_move',
      usage: {
        da: 'flyt møde [møde] [ny dato] [klokkeslæt]',
        en: 'move meeting [meeting] [new date] [time]',
      },
      allowedRoles: ['secretariat'],
      requires: 'boundGroup',
      args: moveArgs,
      onInvalid: (ctx) => ctx.reply(ctx.t('meetings.moveUsage')),
      async handle(ctx, { reference, date, time }) {
        const groupId = ctx.boundGroup!.group.id;
        const meeting = await cycleOf(ctx).meetings.find(groupId, reference);
        if (!meeting) return ctx.reply(await meetingNotFoundText(ctx, reference, groupId));
        const fallbackTime = formatInstant(meeting.startsAt, 'en', cycleOf(ctx).timeZone).slice(-5);
        const result = await cycleOf(ctx).meetings.move(
          groupId,
          meeting.id,
          date,
          time ?? fallbackTime,
          actorIdOf(ctx.actor),
        );
        await asReply(ctx, await changeReply(ctx, result, reference, groupId, 'move'));
      },
    }),
    command({
      id: 'meeting.cancel',
      names: ['aflys møde', 'cancel meeting'],
      helpKey: 'meetings.command_cancel',
      usage: { da: 'aflys møde [møde-id eller dato]', en: 'cancel meeting [meeting id or date]' },
      allowedRoles: ['secretariat'],
      requires: 'boundGroup',
      args: commandText,
      async handle(ctx, reference) {
        const groupId = ctx.boundGroup!.group.id;
        const meeting = reference ? await cycleOf(ctx).meetings.find(groupId, reference) : undefined;
        if (!meeting) return ctx.reply(await meetingNotFoundText(ctx, reference, groupId));
        const result = await cycleOf(ctx).meetings.cancel(groupId, meeting.id, actorIdOf(ctx.actor));
        await asReply(ctx, await changeReply(ctx, result, reference, groupId, 'cancel'));
      },
    }),
    command({
      id: 'meeting.list',
      names: ['møder', 'meetings'],
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
            groupName: group.name[ctx.locale],
            meetings: upcoming.map((meeting) => ({ meeting, deadlines: cycle.meetings.deadlines(meeting) })),
          }),
        });
      },
    }),
  ],
  cardActions: [
    cardAction({
      verb: MEETING_VERBS.schedule,
      allowedRoles: ['secretariat'],
      input: scheduleInput,
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
      allowedRoles: ['secretariat'],
      input: scheduleYearInput,
      async handle(ctx, { groupId, year, slots }) {
        const meetings = cycleOf(ctx).meetings;
        // Validate every slot first, so a typo does not leave half the year scheduled.
        const errors = slots.map((slot) => {
          const resolved = meetings.resolveSlot(slot.date, slot.time);
          return resolved.error ? slotErrorText(ctx.t, resolved.error, resolved.slot) : undefined;
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
    cardAction({
      verb: MEETING_VERBS.move,
      allowedRoles: ['secretariat'],
      input: moveInput,
      async handle(ctx, { groupId, meetingId, newDate, newTime }) {
        const result = await cycleOf(ctx).meetings.move(
          groupId,
          meetingId,
          newDate,
          newTime,
          actorIdOf(ctx.actor),
        );
        return asActionResult(await changeReply(ctx, result, meetingId, groupId, 'move'));
      },
    }),
    cardAction({
      verb: MEETING_VERBS.cancel,
      allowedRoles: ['secretariat'],
      input: cancelInput,
      async handle(ctx, { groupId, meetingId }) {
        const result = await cycleOf(ctx).meetings.cancel(groupId, meetingId, actorIdOf(ctx.actor));
        return asActionResult(await changeReply(ctx, result, meetingId, groupId, 'cancel'));
      },
    }),
  ],
};
