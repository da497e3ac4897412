/**
 * The meeting cycle in the bot: scheduling (one meeting or a year's four), moving, cancelling,
 * listing; proposing agenda items and their triage; the draft agenda. The services live in
 * src/services (meetings, proposals, agenda, calendar); this file only turns commands and card
 * actions into service calls and cards.
 */
import { randomUUID } from 'node:crypto';
import { translatorFor, type Translate } from '../../platform/i18n';
import type { MeetingCycle } from './meetings-cycle';
import type { LocalSlot, ScheduleResult } from './meetings-service';
import type { ProposalMessages } from '../agenda/proposals-service';
import type { ActorRole } from '../../domain/roles';
import type { MeetingRecord } from './meetings-repository';
import type { ProposalRecord } from '../agenda/proposals-repository';
import { agendaCard } from '../agenda/agenda-cards';
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
import {
  proposalFormCard,
  proposalOutcomeCard,
  proposalReceivedCard,
  proposalRefusedCard,
  triageCard,
  triagedCard,
  PROPOSAL_VERBS,
  type ProposalFormValues,
} from '../agenda/proposal-cards';
import { formatInstant } from '../../platform/cards/reminders';
import type {
  BotFeature,
  CardActionContext,
  CardActionResult,
  CommandContext,
  FeatureContext,
} from '../../platform/teams/feature';
import { actorIdOf, groupNameOf } from '../../platform/teams/feature';

function cycleOf(ctx: FeatureContext): MeetingCycle {
  const cycle = ctx.services.meetingCycle;
  if (!cycle) throw new Error('the meeting cycle is not wired (src/app/compose.ts)');
  return cycle;
}

function when(ctx: FeatureContext, instant: string): string {
  return formatInstant(instant, ctx.locale, cycleOf(ctx).timeZone);
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';
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
async function notFoundText(ctx: FeatureContext, reference: string, groupId: string): Promise<string> {
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

// ---- proposals ----

/** Governance: any member (chair included) of the group may propose; the secretariat may always add. */
const PROPOSER_ROLES: ActorRole[] = ['secretariat', 'chair', 'member'];

async function openProposalForm(ctx: CommandContext): Promise<void> {
  const cycle = cycleOf(ctx);
  const groupId = ctx.boundGroup!.group.id;
  const meeting = await cycle.meetings.nextMeetingRecord(groupId);
  if (!meeting) return ctx.reply(ctx.t('proposals.noMeeting'));
  const deadline = cycle.proposals.deadlineOf(meeting);
  const isSecretariat = ctx.actor.roles.includes('secretariat');
  const late = ctx.services.clock.now().getTime() > Date.parse(deadline);
  if (late && !isSecretariat) {
    return ctx.reply({
      card: proposalRefusedCard(ctx.t, {
        reason: 'deadline-passed',
        meetingTime: when(ctx, meeting.startsAt),
        deadlineTime: when(ctx, deadline),
      }),
    });
  }
  const card = proposalFormCard(ctx.t, {
    locale: ctx.locale,
    timeZone: cycle.timeZone,
    groupId,
    groupName: ctx.boundGroup!.group.name[ctx.locale],
    meeting,
    deadline,
    cardInstanceId: randomUUID(),
    late,
  });
  await ctx.reply({ card, summary: ctx.t('proposals.formTitle') });
}

async function submitProposal(ctx: CardActionContext): Promise<CardActionResult> {
  const cycle = cycleOf(ctx);
  const groupId = text(ctx.data.groupId);
  const meetingId = text(ctx.data.meetingId);
  const cardInstanceId = text(ctx.data.cardInstanceId);
  const values: ProposalFormValues = {
    title: text(ctx.data.title),
    description: text(ctx.data.description),
    kind: text(ctx.data.kind),
    requestedMinutes: text(ctx.data.requestedMinutes),
    materialUrl: text(ctx.data.materialUrl),
    proposedDecision: text(ctx.data.proposedDecision),
  };
  const isSecretariat = ctx.actor.roles.includes('secretariat');
  const result = await cycle.proposals.submit({
    groupId,
    meetingId,
    cardInstanceId,
    fields: values,
    actor: { id: actorIdOf(ctx.actor), name: ctx.actor.name, isSecretariat },
  });
  switch (result.kind) {
    case 'no-meeting':
      return { kind: 'card', card: noticeCard(ctx.t('proposals.noMeeting')) };
    case 'not-member':
      // The card's group is not the actor's (the gate checked the channel's group): same refusal text.
      return {
        kind: 'card',
        card: noticeCard(
          ctx.t('core.roleRefused', {
            command: PROPOSAL_VERBS.submit,
            roles: PROPOSER_ROLES.map((role) => ctx.t(`core.role_${role}`)).join(', '),
          }),
        ),
      };
    case 'invalid': {
      const meeting = (await cycle.meetings.get(groupId, meetingId))!;
      const deadline = cycle.proposals.deadlineOf(meeting);
      const card = proposalFormCard(ctx.t, {
        locale: ctx.locale,
        timeZone: cycle.timeZone,
        groupId,
        groupName: await groupNameOf(ctx, groupId),
        meeting,
        deadline,
        cardInstanceId,
        late: ctx.services.clock.now().getTime() > Date.parse(deadline),
        values,
        errors: result.errors,
      });
      return { kind: 'card', card };
    }
    case 'refused':
      return {
        kind: 'card',
        card: proposalRefusedCard(ctx.t, {
          reason: result.reason,
          meetingTime: when(ctx, result.meeting.startsAt),
          deadlineTime: when(ctx, result.deadline),
        }),
      };
    case 'accepted':
      return {
        kind: 'card',
        card: proposalReceivedCard(ctx.t, {
          proposal: result.proposal,
          meetingTime: when(ctx, result.meeting.startsAt),
          deadlineTime: when(ctx, result.deadline),
          triagePosted: result.triagePosted,
        }),
      };
  }
}

async function triage(ctx: CardActionContext): Promise<CardActionResult> {
  const cycle = cycleOf(ctx);
  const groupId = text(ctx.data.groupId);
  const proposalId = text(ctx.data.proposalId);
  const decision = text(ctx.data.decision);
  if (decision !== 'accept' && decision !== 'reject' && decision !== 'defer')
    return { kind: 'message', text: ctx.t('proposals.notFound') };
  const reason = text(ctx.data.reason);
  const result = await cycle.proposals.triage({
    groupId,
    proposalId,
    decision,
    reason,
    actorId: actorIdOf(ctx.actor),
  });
  const groupName = await groupNameOf(ctx, groupId);
  const meetingTime = async (meetingId: string) => {
    const meeting = await cycle.meetings.get(groupId, meetingId);
    return meeting ? when(ctx, meeting.startsAt) : meetingId;
  };
  const triaged = async (
    proposal: ProposalRecord,
    decidedAt: string,
    note?: string,
  ): Promise<CardActionResult> => ({
    kind: 'card',
    card: triagedCard(ctx.t, {
      proposal,
      groupName,
      meetingTime: await meetingTime(proposal.meetingId),
      decidedAt: when(ctx, decidedAt),
      note,
    }),
  });
  switch (result.kind) {
    case 'not-found':
      return { kind: 'card', card: noticeCard(ctx.t('proposals.notFound')) };
    case 'reason-required':
    case 'no-later-meeting': {
      const stored = await cycle.proposals.get(groupId, proposalId);
      if (!stored) return { kind: 'card', card: noticeCard(ctx.t('proposals.notFound')) };
      const error =
        result.kind === 'reason-required'
          ? ctx.t('proposals.reasonRequired')
          : ctx.t('proposals.noLaterMeeting');
      return {
        kind: 'card',
        card: triageCard(ctx.t, {
          proposal: stored,
          groupName,
          meetingTime: await meetingTime(stored.meetingId),
          error,
          reason,
        }),
      };
    }
    case 'already-triaged':
      return triaged(
        result.proposal,
        result.proposal.triage?.at ?? ctx.services.clock.now().toISOString(),
        ctx.t('proposals.alreadyTriaged', { status: ctx.t(`proposals.status_${result.proposal.status}`) }),
      );
    case 'done':
      return triaged(result.proposal, result.proposal.triage!.at);
  }
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
  result: Awaited<ReturnType<MeetingCycle['meetings']['move']>>,
  reference: string,
  groupId: string,
  kind: 'move' | 'cancel',
): Promise<string | object> {
  switch (result.kind) {
    case 'not-found':
      return notFoundText(ctx, reference, groupId);
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
    {
      id: 'meeting.schedule',
      names: ['planlæg møde', 'schedule meeting'],
      helpKey: 'meetings.command_schedule',
      usage: {
        da: 'planlæg møde [ÅÅÅÅ-MM-DD TT:MM [sted]]',
        en: 'schedule meeting [YYYY-MM-DD HH:MM [location]]',
      },
      allowedRoles: ['secretariat'],
      requires: 'boundGroup',
      async handle(ctx) {
        const groupId = ctx.boundGroup!.group.id;
        const [date, time, ...location] = ctx.args.split(' ').filter((word) => word !== '');
        if (!date)
          return ctx.reply({
            card: scheduleMeetingCard(ctx.t, { groupId, groupName: ctx.boundGroup!.group.name[ctx.locale] }),
          });
        const values = { date, time: time ?? '10:00', location: location.join(' ') };
        const result = await cycleOf(ctx).meetings.schedule({
          groupId,
          ...values,
          actorId: actorIdOf(ctx.actor),
        });
        await replyScheduled(ctx, result, (card) => ctx.reply({ card }), groupId, values);
      },
    },
    {
      id: 'meeting.scheduleYear',
      names: ['planlæg år', 'schedule year'],
      helpKey: 'meetings.command_scheduleYear',
      usage: { da: 'planlæg år <år>', en: 'schedule year <year>' },
      allowedRoles: ['secretariat'],
      requires: 'boundGroup',
      async handle(ctx) {
        const year = Number(ctx.args.trim());
        if (!/^\d{4}$/.test(ctx.args.trim())) return ctx.reply(ctx.t('meetings.yearUsage'));
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
    },
    {
      id: 'meeting.move',
      names: ['flyt møde', 'move meeting'],
      helpKey: 'meetings.command_move',
      usage: {
        da: 'flyt møde <møde> <ny dato> <klokkeslæt>',
        en: 'move meeting <meeting> <new date> <time>',
      },
      allowedRoles: ['secretariat'],
      requires: 'boundGroup',
      async handle(ctx) {
        const [reference, date, time] = ctx.args.split(' ').filter((word) => word !== '');
        if (!reference || !date) return ctx.reply(ctx.t('meetings.moveUsage'));
        const groupId = ctx.boundGroup!.group.id;
        const meeting = await cycleOf(ctx).meetings.find(groupId, reference);
        if (!meeting) return ctx.reply(await notFoundText(ctx, reference, groupId));
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
    },
    {
      id: 'meeting.cancel',
      names: ['aflys møde', 'cancel meeting'],
      helpKey: 'meetings.command_cancel',
      usage: { da: 'aflys møde <møde-id eller dato>', en: 'cancel meeting <meeting id or date>' },
      allowedRoles: ['secretariat'],
      requires: 'boundGroup',
      async handle(ctx) {
        const reference = ctx.args.trim();
        const groupId = ctx.boundGroup!.group.id;
        const meeting = reference ? await cycleOf(ctx).meetings.find(groupId, reference) : undefined;
        if (!meeting) return ctx.reply(await notFoundText(ctx, reference, groupId));
        const result = await cycleOf(ctx).meetings.cancel(groupId, meeting.id, actorIdOf(ctx.actor));
        await asReply(ctx, await changeReply(ctx, result, reference, groupId, 'cancel'));
      },
    },
    {
      id: 'meeting.list',
      names: ['møder', 'meetings'],
      helpKey: 'meetings.command_list',
      requires: 'boundGroup',
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
    },
    {
      id: 'proposal.open',
      names: ['foreslå', 'propose'],
      helpKey: 'proposals.command_propose',
      allowedRoles: PROPOSER_ROLES,
      requires: 'boundGroup',
      handle: openProposalForm,
    },
    {
      id: 'agenda.show',
      names: ['dagsorden', 'agenda'],
      helpKey: 'agenda.command_agenda',
      usage: { da: 'dagsorden [møde-id eller dato]', en: 'agenda [meeting id or date]' },
      requires: 'boundGroup',
      async handle(ctx) {
        const cycle = cycleOf(ctx);
        const group = ctx.boundGroup!.group;
        const meeting = await cycle.meetings.find(group.id, ctx.args);
        if (!meeting) {
          return ctx.reply(
            ctx.args.trim() ? await notFoundText(ctx, ctx.args, group.id) : ctx.t('meetings.noUpcoming'),
          );
        }
        const view = await cycle.agenda.draft(meeting);
        const card = agendaCard(ctx.t, {
          locale: ctx.locale,
          timeZone: cycle.timeZone,
          groupName: group.name[ctx.locale],
          view,
          links: cycle.links(meeting),
          variant: 'draft',
        });
        await ctx.reply({ card, summary: ctx.t('agenda.draftTitle', { group: group.name[ctx.locale] }) });
      },
    },
  ],
  cardActions: [
    {
      verb: MEETING_VERBS.schedule,
      allowedRoles: ['secretariat'],
      async handle(ctx) {
        const groupId = text(ctx.data.groupId);
        const values = {
          date: text(ctx.data.date),
          time: text(ctx.data.time),
          location: text(ctx.data.location),
        };
        let card: object = noticeCard('');
        const result = await cycleOf(ctx).meetings.schedule({
          groupId,
          ...values,
          actorId: actorIdOf(ctx.actor),
        });
        await replyScheduled(ctx, result, async (built) => (card = built), groupId, values);
        return { kind: 'card', card };
      },
    },
    {
      verb: MEETING_VERBS.scheduleYear,
      allowedRoles: ['secretariat'],
      async handle(ctx) {
        const groupId = text(ctx.data.groupId);
        const year = Number(ctx.data.year);
        const count = Math.min(Number(ctx.data.count) || 4, 12);
        const slots: LocalSlot[] = [];
        for (let number = 1; number <= count; number++)
          slots.push({ date: text(ctx.data[`date${number}`]), time: text(ctx.data[`time${number}`]) });
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
    },
    {
      verb: MEETING_VERBS.move,
      allowedRoles: ['secretariat'],
      async handle(ctx) {
        const groupId = text(ctx.data.groupId);
        const meetingId = text(ctx.data.meetingId);
        const result = await cycleOf(ctx).meetings.move(
          groupId,
          meetingId,
          text(ctx.data.newDate),
          text(ctx.data.newTime),
          actorIdOf(ctx.actor),
        );
        return asActionResult(await changeReply(ctx, result, meetingId, groupId, 'move'));
      },
    },
    {
      verb: MEETING_VERBS.cancel,
      allowedRoles: ['secretariat'],
      async handle(ctx) {
        const groupId = text(ctx.data.groupId);
        const meetingId = text(ctx.data.meetingId);
        const result = await cycleOf(ctx).meetings.cancel(groupId, meetingId, actorIdOf(ctx.actor));
        return asActionResult(await changeReply(ctx, result, meetingId, groupId, 'cancel'));
      },
    },
    { verb: PROPOSAL_VERBS.submit, allowedRoles: PROPOSER_ROLES, handle: submitProposal },
    { verb: PROPOSAL_VERBS.triage, allowedRoles: ['secretariat'], handle: triage },
  ],
};

/**
 * The messages the ProposalService posts (triage card to the secretariat, outcome to the group),
 * in the channel language.
 */
export function proposalMessages(deps: {
  locale: 'da' | 'en';
  timeZone: string;
  groups: { getGroup(groupId: string): Promise<{ name: { da: string; en: string } } | undefined> };
}): ProposalMessages {
  const t = translatorFor(deps.locale);
  const at = (instant: string) => formatInstant(instant, deps.locale, deps.timeZone);
  return {
    async triage(proposal, meeting) {
      const groupName = (await deps.groups.getGroup(proposal.groupId))?.name[deps.locale] ?? proposal.groupId;
      return {
        card: triageCard(t, { proposal, groupName, meetingTime: at(meeting.startsAt) }),
        summary: t('proposals.triageTitle', { title: proposal.title }),
      };
    },
    async outcome(proposal, meeting, deferredTo) {
      return {
        card: proposalOutcomeCard(t, {
          proposal,
          meetingTime: at(meeting.startsAt),
          deferredToTime: deferredTo ? at(deferredTo.startsAt) : undefined,
        }),
        summary: t('proposals.outcomeTitle', { status: t(`proposals.status_${proposal.status}`) }),
      };
    },
  };
}
