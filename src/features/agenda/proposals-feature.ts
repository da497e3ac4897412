/**
 * Agenda proposals in the bot: the proposal form until the deadline, its submission and the
 * secretariat's triage, and the draft agenda on request. Meetings themselves are the meetings'
 * (src/features/meetings); this file only turns commands and card actions into service calls.
 */
import { randomUUID } from 'node:crypto';
import type { ActorRole } from '../../domain/roles';
import { noticeCard } from '../../platform/cards/builders';
import { formatInstant } from '../../platform/cards/reminders';
import type {
  BotFeature,
  CardActionContext,
  CardActionResult,
  CommandContext,
  FeatureContext,
} from '../../platform/teams/feature';
import { actorIdOf, groupNameOf } from '../../platform/teams/feature';
import { meetingNotFoundText } from '../meetings';
import { agendaCard } from './agenda-cards';
import type { MeetingCycle } from './meeting-cycle';
import {
  proposalFormCard,
  proposalReceivedCard,
  proposalRefusedCard,
  triageCard,
  triagedCard,
  PROPOSAL_VERBS,
} from './proposal-cards';
import type { ProposalRecord } from './proposals-repository';
import type { ProposalFieldError } from './domain/proposals';
import { cardAction, command, commandText } from '../../platform/teams/define';
import { agendaArgs, submitInput, triageInput, type SubmitInput, type TriageInput } from './proposals-input';
import { localText } from '../../domain/localized-text';

function cycleOf(ctx: FeatureContext): MeetingCycle {
  return ctx.services.meetingCycle;
}

function when(ctx: FeatureContext, instant: string): string {
  return formatInstant(instant, ctx.locale, cycleOf(ctx).timeZone);
}

/** Governance: any member (chair included) of the group may propose; the secretariat may always add. */
const PROPOSER_ROLES: ActorRole[] = ['administer', 'chair', 'member'];

/**
 * May the caller propose for the group here: by a role the channel gives (a member or chair of
 * its group, the secretariat; the service checks the card's group in the register), or as a member
 * of FKI management for the steering group (no role of the gate: a body in the register).
 */
async function mayProposeHere(ctx: FeatureContext, groupId: string): Promise<boolean> {
  if (PROPOSER_ROLES.some((role) => ctx.actor.roles.includes(role))) return true;
  return cycleOf(ctx).proposals.isManagementProposer(actorIdOf(ctx.actor), groupId);
}

function proposerRefusal(ctx: FeatureContext, command: string): string {
  return ctx.t('core.roleRefused', {
    command,
    roles: PROPOSER_ROLES.map((role) => ctx.t(`core.role_${role}`)).join(', '),
  });
}

async function openProposalForm(ctx: CommandContext): Promise<void> {
  const cycle = cycleOf(ctx);
  const groupId = ctx.boundGroup!.group.id;
  // Checked here rather than by role in the gate: FKI management proposes for the steering group.
  if (!(await mayProposeHere(ctx, groupId))) return ctx.reply(proposerRefusal(ctx, ctx.commandName));
  const meeting = await cycle.meetings.nextMeetingRecord(groupId);
  if (!meeting) return ctx.reply(ctx.t('proposals.noMeeting'));
  const deadline = cycle.proposals.deadlineOf(meeting);
  const isSecretariat = ctx.actor.roles.includes('administer');
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
    groupName: localText(ctx.boundGroup!.group.name, ctx.locale),
    meeting,
    deadline,
    cardInstanceId: randomUUID(),
    late,
  });
  await ctx.reply({ card, summary: ctx.t('proposals.formTitle') });
}

/** The card's group is not the actor's (the gate checked the channel's group): same refusal text. */
function notMemberCard(ctx: CardActionContext): object {
  return noticeCard(proposerRefusal(ctx, PROPOSAL_VERBS.submit));
}

/** The form again, re-filled with what was typed and the reason next to each wrong field. */
async function refilledFormCard(
  ctx: CardActionContext,
  { groupId, meetingId, cardInstanceId, values }: SubmitInput,
  errors: ProposalFieldError[],
): Promise<object> {
  const cycle = cycleOf(ctx);
  const meeting = (await cycle.meetings.get(groupId, meetingId))!;
  const deadline = cycle.proposals.deadlineOf(meeting);
  return proposalFormCard(ctx.t, {
    locale: ctx.locale,
    timeZone: cycle.timeZone,
    groupId,
    groupName: await groupNameOf(ctx, groupId),
    meeting,
    deadline,
    cardInstanceId,
    late: ctx.services.clock.now().getTime() > Date.parse(deadline),
    values,
    errors,
  });
}

/**
 * A callerOnly action (issue 24.1): the service reads the proposer's roles in the card's group and
 * decides who may propose (the secretariat anywhere; a member in the channel bound to the card's
 * group, looked up by a reused read; FKI management for the steering group), so the core reads
 * no binding or roles for it.
 */
async function submitProposal(ctx: CardActionContext, input: SubmitInput): Promise<CardActionResult> {
  const result = await cycleOf(ctx).proposals.submit({
    groupId: input.groupId,
    meetingId: input.meetingId,
    cardInstanceId: input.cardInstanceId,
    fields: input.values,
    actor: { id: actorIdOf(ctx.actor), name: ctx.actor.name, isSecretariat: false },
    conversation: { channelId: ctx.conversation.channelId },
  });
  switch (result.kind) {
    case 'no-meeting':
      return { kind: 'card', card: noticeCard(ctx.t('proposals.noMeeting')) };
    case 'not-member':
      return { kind: 'card', card: notMemberCard(ctx) };
    case 'invalid':
      return { kind: 'card', card: await refilledFormCard(ctx, input, result.errors) };
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

/** How the triage cards name a proposal's meeting: its time, or its id when it is gone. */
async function meetingTimeOf(ctx: CardActionContext, groupId: string, meetingId: string): Promise<string> {
  const meeting = await cycleOf(ctx).meetings.get(groupId, meetingId);
  return meeting ? when(ctx, meeting.startsAt) : meetingId;
}

/** The triage card replaced by the decision (with a note when someone else decided first). */
async function triagedResult(
  ctx: CardActionContext,
  { groupId, groupName }: { groupId: string; groupName: string },
  proposal: ProposalRecord,
  decidedAt: string,
  note?: string,
): Promise<CardActionResult> {
  return {
    kind: 'card',
    card: triagedCard(ctx.t, {
      proposal,
      groupName,
      meetingTime: await meetingTimeOf(ctx, groupId, proposal.meetingId),
      decidedAt: when(ctx, decidedAt),
      note,
    }),
  };
}

/** The triage card again, with why the decision could not be taken and the reason as typed. */
async function triageCardAgain(
  ctx: CardActionContext,
  { groupId, proposalId, reason }: TriageInput,
  groupName: string,
  error: string,
): Promise<CardActionResult> {
  const stored = await cycleOf(ctx).proposals.get(groupId, proposalId);
  if (!stored) return { kind: 'card', card: noticeCard(ctx.t('proposals.notFound')) };
  return {
    kind: 'card',
    card: triageCard(ctx.t, {
      proposal: stored,
      groupName,
      meetingTime: await meetingTimeOf(ctx, groupId, stored.meetingId),
      error,
      reason,
    }),
  };
}

async function triage(ctx: CardActionContext, input: TriageInput): Promise<CardActionResult> {
  const { groupId, proposalId, decision, reason } = input;
  const result = await cycleOf(ctx).proposals.triage({
    groupId,
    proposalId,
    decision,
    reason,
    actorId: actorIdOf(ctx.actor),
  });
  const groupName = await groupNameOf(ctx, groupId);
  switch (result.kind) {
    case 'not-found':
      return { kind: 'card', card: noticeCard(ctx.t('proposals.notFound')) };
    case 'reason-required':
      return triageCardAgain(ctx, input, groupName, ctx.t('proposals.reasonRequired'));
    case 'no-later-meeting':
      return triageCardAgain(ctx, input, groupName, ctx.t('proposals.noLaterMeeting'));
    case 'already-triaged':
      return triagedResult(
        ctx,
        { groupId, groupName },
        result.proposal,
        result.proposal.triage?.at ?? ctx.services.clock.now().toISOString(),
        ctx.t('proposals.alreadyTriaged', { status: ctx.t(`proposals.status_${result.proposal.status}`) }),
      );
    case 'done':
      return triagedResult(ctx, { groupId, groupName }, result.proposal, result.proposal.triage!.at);
  }
}

export const proposalsFeature: BotFeature = {
  id: 'proposals',
  commands: [
    command({
      id: 'proposal.open',
      helpKey: 'proposals.command_propose',
      helpRank: { bound: 2 },
      requires: 'boundGroup',
      args: commandText,
      handle: openProposalForm,
    }),
    command({
      id: 'agenda.show',
      helpKey: 'agenda.command_agenda',
      helpRank: { bound: 3 },
      requires: 'boundGroup',
      args: agendaArgs,
      async handle(ctx, reference) {
        const cycle = cycleOf(ctx);
        const group = ctx.boundGroup!.group;
        const meeting = await cycle.meetings.find(group.id, reference);
        if (!meeting) {
          return ctx.reply(
            reference ? await meetingNotFoundText(ctx, reference, group.id) : ctx.t('meetings.noUpcoming'),
          );
        }
        const view = await cycle.agenda.draft(meeting);
        const card = agendaCard(ctx.t, {
          locale: ctx.locale,
          timeZone: cycle.timeZone,
          groupName: localText(group.name, ctx.locale),
          view,
          links: cycle.links(meeting),
          variant: 'draft',
        });
        await ctx.reply({
          card,
          summary: ctx.t('agenda.draftTitle', { group: localText(group.name, ctx.locale) }),
        });
      },
    }),
  ],
  cardActions: [
    cardAction({
      verb: PROPOSAL_VERBS.submit,
      input: submitInput,
      callerOnly: true,
      handle: submitProposal,
    }),
    cardAction({
      verb: PROPOSAL_VERBS.triage,
      allowedRoles: ['triage'],
      input: triageInput,
      // A decision other than the three buttons' is no triage of a proposal we know.
      onInvalid: (ctx) => ({ kind: 'message', text: ctx.t('proposals.notFound') }),
      handle: triage,
    }),
  ],
};
