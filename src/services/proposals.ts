/**
 * Taking and triaging agenda proposals.
 *
 * - Intake: the fields are validated (domain/proposals), then the deadline rule decides: before the
 *   4-week deadline a member's proposal is taken; after it, refused with the deadline; the
 *   secretariat may still add one, marked late.
 * - Idempotent: the proposal id is the card instance id the proposal card carries, so a re-sent
 *   submit returns the first proposal (and posts no second triage card).
 * - Triage destination (decision): the `secretariat` group's channel when it is bound, otherwise the
 *   steering group's channel (triage buttons are gated to the secretariat role either way).
 * - Outcome (decision): posted as a card in the proposal's group channel naming the proposer. The
 *   ChannelMessenger port carries no mention entities, so it is the name in bold, not an @mention.
 *   Posting failures are reported in the result, never lose the stored proposal or decision.
 */
import type { Clock } from '../domain/clock';
import type { Governance } from '../domain/governance';
import {
  decideProposalIntake,
  validateProposalFields,
  type IntakeRefusalReason,
  type ProposalFieldError,
  type ProposalFields,
  type ProposalFieldsInput,
} from '../domain/proposals';
import type { MeetingRecord, MeetingRepository } from '../storage/repositories/meetings';
import { toMeeting } from '../storage/repositories/meetings';
import type { ProposalRecord, ProposalRepository } from '../storage/repositories/proposals';
import type { AuditLog, ChannelMessenger, GroupRegistry, OutboundMessage } from './ports';
import type { ActorRole } from './roles';

export const SECRETARIAT_GROUP_ID = 'secretariat';
export const STEERING_GROUP_ID = 'steering';

export type SubmitResult =
  /** Governance: "any member may propose" — the actor is no member (or chair) of the group, nor the secretariat. */
  | { kind: 'not-member' }
  | { kind: 'invalid'; errors: ProposalFieldError[] }
  | { kind: 'no-meeting' }
  | { kind: 'refused'; reason: IntakeRefusalReason; deadline: string; meeting: MeetingRecord }
  | {
      kind: 'accepted';
      proposal: ProposalRecord;
      meeting: MeetingRecord;
      created: boolean;
      deadline: string;
      triagePosted: boolean;
    };

export type TriageDecision = 'accept' | 'reject' | 'defer';

export type TriageResult =
  | { kind: 'not-found' }
  | { kind: 'already-triaged'; proposal: ProposalRecord }
  | { kind: 'reason-required' }
  | { kind: 'no-later-meeting' }
  | { kind: 'done'; proposal: ProposalRecord; deferredTo?: MeetingRecord; outcomePosted: boolean };

/** Builds the messages the service posts; the bot layer supplies them (cards live in src/bot/cards). */
export interface ProposalMessages {
  triage(proposal: ProposalRecord, meeting: MeetingRecord): Promise<OutboundMessage>;
  outcome(
    proposal: ProposalRecord,
    meeting: MeetingRecord,
    deferredTo?: MeetingRecord,
  ): Promise<OutboundMessage>;
}

export interface ProposalActor {
  id: string;
  name?: string;
  isSecretariat: boolean;
}

/** Who the actor is in the proposal's group (the RoleResolver): only its members may propose. */
export interface ProposerRoles {
  rolesOf(personId: string | undefined, groupId?: string): Promise<ActorRole[]>;
}

/** A card instance id becomes part of a storage key: keep it to safe characters. */
export function proposalIdOf(cardInstanceId: string): string {
  return cardInstanceId.replace(/[^A-Za-z0-9-]/g, '').slice(0, 64);
}

export class ProposalService {
  constructor(
    private readonly proposals: ProposalRepository,
    private readonly meetings: MeetingRepository,
    private readonly groups: GroupRegistry,
    private readonly messenger: ChannelMessenger,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
    private readonly governance: Governance,
    private readonly messages: ProposalMessages,
    private readonly roles: ProposerRoles,
  ) {}

  /** Where triage cards go: the secretariat's channel when bound, else the steering group's. */
  async triageGroupId(): Promise<string> {
    return (await this.groups.bindingOfGroup(SECRETARIAT_GROUP_ID))
      ? SECRETARIAT_GROUP_ID
      : STEERING_GROUP_ID;
  }

  deadlineOf(meeting: MeetingRecord): string {
    return decideProposalIntake({
      meeting: toMeeting(meeting),
      now: this.clock.now(),
      actorIsSecretariat: true,
      governance: this.governance,
    }).deadline;
  }

  async submit(input: {
    groupId: string;
    meetingId: string;
    cardInstanceId: string;
    fields: ProposalFieldsInput;
    actor: ProposalActor;
  }): Promise<SubmitResult> {
    const meeting = await this.meetings.get(input.groupId, input.meetingId);
    if (!meeting) return { kind: 'no-meeting' };
    // Checked here, not only in the bot's gate: the proposal's group comes from the card data, and
    // every entry point (bot, tab, jobs) goes through this service.
    if (!(await this.mayPropose(input.actor, meeting.groupId))) return { kind: 'not-member' };
    const id = proposalIdOf(input.cardInstanceId);
    // A re-sent submit: answer as the first time did, whatever the clock says now.
    const existing = id ? await this.proposals.get(input.groupId, id) : undefined;
    if (existing)
      return {
        kind: 'accepted',
        proposal: existing,
        meeting,
        created: false,
        deadline: this.deadlineOf(meeting),
        triagePosted: true,
      };

    const validation = validateProposalFields(input.fields);
    if (!validation.ok) return { kind: 'invalid', errors: validation.errors };
    const decision = decideProposalIntake({
      meeting: toMeeting(meeting),
      now: this.clock.now(),
      actorIsSecretariat: input.actor.isSecretariat,
      governance: this.governance,
    });
    if (decision.outcome === 'refused')
      return { kind: 'refused', reason: decision.reason, deadline: decision.deadline, meeting };
    if (!id) throw new Error('proposal card without an instance id');

    const { proposal, created } = await this.proposals.createOnce(
      this.newProposal(id, meeting, validation.value, input.actor, decision.late),
    );
    let triagePosted = true;
    if (created) {
      await this.audit.append({
        at: proposal.submittedAt,
        actorId: input.actor.id,
        action: 'proposal.submit',
        subject: `proposal:${proposal.groupId}:${proposal.id}`,
        details: { meetingId: meeting.id, late: proposal.late },
      });
      triagePosted = await this.postTriageCard(proposal, meeting);
    }
    return { kind: 'accepted', proposal, meeting, created, deadline: decision.deadline, triagePosted };
  }

  /**
   * Governance: any member (chair included) of the group may propose; the secretariat may always
   * add. KL/UDK/KOMBIT representatives propose through their memberships, not their organisation.
   */
  async mayPropose(actor: ProposalActor, groupId: string): Promise<boolean> {
    if (actor.isSecretariat) return true;
    const roles = await this.roles.rolesOf(actor.id, groupId);
    return roles.includes('secretariat') || roles.includes('member') || roles.includes('chair');
  }

  async triage(input: {
    groupId: string;
    proposalId: string;
    decision: TriageDecision;
    reason?: string;
    actorId: string;
  }): Promise<TriageResult> {
    const current = await this.proposals.get(input.groupId, input.proposalId);
    if (!current) return { kind: 'not-found' };
    if (current.status !== 'proposed') return { kind: 'already-triaged', proposal: current };
    const reason = input.reason?.trim() || undefined;
    if (input.decision !== 'accept' && !reason) return { kind: 'reason-required' };
    const meeting = await this.meetings.get(current.groupId, current.meetingId);
    if (!meeting) return { kind: 'not-found' };

    let deferredTo: MeetingRecord | undefined;
    if (input.decision === 'defer') {
      deferredTo = (await this.meetings.upcoming(current.groupId, new Date(meeting.startsAt)))[0];
      if (!deferredTo) return { kind: 'no-later-meeting' };
    }
    const at = this.clock.now().toISOString();
    const status =
      input.decision === 'accept' ? 'accepted' : input.decision === 'reject' ? 'rejected' : 'deferred';
    const target = deferredTo;
    const proposal = await this.proposals.update(current.groupId, current.id, (latest) =>
      latest.status !== 'proposed'
        ? undefined
        : {
            ...latest,
            status,
            triage: {
              by: input.actorId,
              at,
              ...(reason ? { reason } : {}),
              ...(target ? { deferredToMeetingId: target.id } : {}),
            },
          },
    );
    // Two secretaries clicking at once: only the first decision counts.
    if (proposal.triage?.at !== at || proposal.status !== status)
      return { kind: 'already-triaged', proposal };

    if (target) {
      // The item moves to the later meeting as a fresh proposal to be triaged there (idempotent id).
      const moved = await this.proposals.createOnce({
        ...current,
        id: `${current.id}-${target.id}`.slice(0, 100),
        meetingId: target.id,
        status: 'proposed',
        late: false,
        triage: undefined,
        triageActivityId: undefined,
      });
      if (moved.created) await this.postTriageCard(moved.proposal, target);
    }
    await this.audit.append({
      at,
      actorId: input.actorId,
      action: `proposal.${input.decision}`,
      subject: `proposal:${proposal.groupId}:${proposal.id}`,
      details: { ...(reason ? { reason } : {}), ...(target ? { deferredTo: target.id } : {}) },
    });
    let outcomePosted = true;
    try {
      await this.messenger.postToGroup(
        proposal.groupId,
        await this.messages.outcome(proposal, meeting, target),
      );
    } catch {
      outcomePosted = false;
    }
    return { kind: 'done', proposal, deferredTo: target, outcomePosted };
  }

  async get(groupId: string, proposalId: string): Promise<ProposalRecord | undefined> {
    return this.proposals.get(groupId, proposalId);
  }

  async forMeeting(groupId: string, meetingId: string): Promise<ProposalRecord[]> {
    return this.proposals.forMeeting(groupId, meetingId);
  }

  private newProposal(
    id: string,
    meeting: MeetingRecord,
    fields: ProposalFields,
    actor: ProposalActor,
    late: boolean,
  ): ProposalRecord {
    return {
      id,
      groupId: meeting.groupId,
      meetingId: meeting.id,
      title: fields.title,
      description: fields.description,
      kind: fields.kind,
      requestedMinutes: fields.requestedMinutes,
      ...(fields.materialUrl ? { materialUrl: fields.materialUrl } : {}),
      ...(fields.proposedDecision ? { proposedDecision: fields.proposedDecision } : {}),
      proposerId: actor.id,
      ...(actor.name ? { proposerName: actor.name } : {}),
      submittedAt: this.clock.now().toISOString(),
      late,
      status: 'proposed',
    };
  }

  /** Posts the triage card and remembers where; false when the post failed (the proposal is kept). */
  private async postTriageCard(proposal: ProposalRecord, meeting: MeetingRecord): Promise<boolean> {
    const triageGroupId = await this.triageGroupId();
    try {
      const { activityId } = await this.messenger.postToGroup(
        triageGroupId,
        await this.messages.triage(proposal, meeting),
      );
      await this.proposals.update(proposal.groupId, proposal.id, (latest) => ({
        ...latest,
        triageActivityId: activityId,
        triageGroupId,
      }));
      return true;
    } catch {
      return false;
    }
  }
}
