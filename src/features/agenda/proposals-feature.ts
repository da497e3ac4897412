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
  type ProposalFormValues,
} from './proposal-cards';
import type { ProposalRecord } from './proposals-repository';

function cycleOf(ctx: FeatureContext): MeetingCycle {
  return ctx.services.meetingCycle;
}

function when(ctx: FeatureContext, instant: string): string {
  return formatInstant(instant, ctx.locale, cycleOf(ctx).timeZone);
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';
}

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

export const proposalsFeature: BotFeature = {
  id: 'proposals',
  commands: [
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
            ctx.args.trim()
              ? await meetingNotFoundText(ctx, ctx.args, group.id)
              : ctx.t('meetings.noUpcoming'),
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
    { verb: PROPOSAL_VERBS.submit, allowedRoles: PROPOSER_ROLES, handle: submitProposal },
    { verb: PROPOSAL_VERBS.triage, allowedRoles: ['secretariat'], handle: triage },
  ],
};
