/**
 * Taking and triaging agenda proposals.
 *
 * - Intake: the fields are validated (domain/proposals), then the deadline rule decides: before the
 *   4-week deadline a member's proposal is taken; after it, refused with the deadline; the
 *   secretariat may still add one, marked late.
 * - Idempotent: the proposal id is the card instance id the proposal card carries, so a re-sent
 *   submit returns the first proposal (and posts no second triage card).
 * - Triage card: posted by TriageCardDelivery (triage-card-delivery.ts), off the request path
 *   under the claim the proposal is created with when `triageDelivery` is given (the due-scan takes
 *   over through the scheduler's exactly-once ledger), inline otherwise.
 * - Outcome (decision): posted as a card in the proposal's group channel naming the proposer. The
 *   ChannelMessenger port carries no mention entities, so it is the name in bold, not an @mention.
 *   Posting failures are reported in the result, never lose the stored proposal or decision.
 */
import type { ProposalMessages } from './proposal-ports';
import type { Clock } from '../../domain/clock';
import { governanceRoles, type Governance } from '../../domain/governance';
import { decideProposalIntake, type ProposalFieldsInput } from './domain/proposals';
import type { MeetingRecord, MeetingRepository } from '../meetings';
import { toMeeting } from '../meetings';
import type { ProposalRecord, ProposalRepository } from './proposals-repository';
import { decideIntake, newProposal, type SubmitResult } from './proposal-intake';
import { deepFreeze } from '../../domain/deep-freeze';
import { CoalescedRead } from '../../platform/storage/coalesced-refresh';
import { admitsMemberIn, ChannelGroups, type ProposalConversation } from './channel-groups';
import type { AuditLog, ChannelMessenger, GroupRegistry } from '../../domain/ports';
import type { ActorRole } from '../../domain/roles';
import { TriageCardDelivery, type TriageDeliveryOptions } from './triage-card-delivery';
import { MaterialService } from './material-service';

export { triageLedgerKey, type TriageDeliveryOptions } from './triage-card-delivery';

export type { SubmitResult } from './proposal-intake';

export type TriageDecision = 'accept' | 'reject' | 'defer';

export type TriageResult =
  | { kind: 'not-found' }
  | { kind: 'already-triaged'; proposal: ProposalRecord }
  | { kind: 'reason-required' }
  | { kind: 'no-later-meeting' }
  | { kind: 'done'; proposal: ProposalRecord; deferredTo?: MeetingRecord; outcomePosted: boolean };

export type { ProposalMessages } from './proposal-ports';

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

/** The status a triage decision gives the proposal. */
const STATUS_OF: Record<TriageDecision, ProposalRecord['status']> = {
  accept: 'accepted',
  reject: 'rejected',
  defer: 'deferred',
};

/** One secretary's triage decision, as recorded on the proposal and in the audit log. */
interface TriageVerdict {
  decision: TriageDecision;
  actorId: string;
  at: string;
  reason?: string;
  /** The later meeting a deferred proposal moves to. */
  target?: MeetingRecord;
}

export class ProposalService {
  private readonly triageCards: TriageCardDelivery;
  /**
   * The submit's read of the meeting, shared by the submits of one loop turn (a burst of proposals
   * for the same meeting reads it once; see CoalescedRead); deep-frozen, as every caller sees it.
   */
  private readonly meetingsForSubmit: CoalescedRead<MeetingRecord | undefined>;
  private readonly channelGroups: ChannelGroups;

  constructor(
    private readonly proposals: ProposalRepository,
    private readonly meetings: MeetingRepository,
    groups: GroupRegistry,
    private readonly messenger: ChannelMessenger,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
    private readonly governance: Governance,
    private readonly messages: ProposalMessages,
    private readonly roles: ProposerRoles,
    triageDelivery?: TriageDeliveryOptions,
  ) {
    this.triageCards = new TriageCardDelivery(
      proposals,
      groups,
      messenger,
      clock,
      messages,
      governanceRoles(governance).triage,
      triageDelivery,
    );
    this.channelGroups = new ChannelGroups(groups, clock);
    this.material = new MaterialService(proposals, meetings, audit, clock, governance);
    this.meetingsForSubmit = new CoalescedRead(
      async (key) => {
        const [groupId, meetingId] = JSON.parse(key) as [string, string];
        const meeting = await meetings.get(groupId, meetingId);
        return meeting && deepFreeze(meeting);
      },
      { waitForTurn: true },
    );
  }

  /** Material (bilag) added to a proposal or agenda item after it was submitted. */
  readonly material: MaterialService;

  /** Settles when every triage post started off the request path so far has finished. */
  async idle(): Promise<void> {
    return this.triageCards.idle();
  }

  /** Where triage cards go: the triaging body's channel when bound, else its members. */
  async triageGroupId(): Promise<string> {
    return this.triageCards.triageGroupId();
  }

  deadlineOf(meeting: MeetingRecord): string {
    return decideProposalIntake({
      meeting: toMeeting(meeting),
      now: this.clock.now(),
      actorIsSecretariat: true,
      governance: this.governance,
    }).deadline;
  }

  /**
   * Store round trips on the usual path (issue 24.1): the meeting and the proposer's roles, read
   * side by side; the proposal's create (the re-sent submit's check: its AlreadyExists); the audit
   * entry (a group commit). The triage card is posted after the answer, under the claim the create
   * carries. A refused or invalid submit looks for an earlier, taken one first.
   */
  async submit(input: {
    groupId: string;
    meetingId: string;
    cardInstanceId: string;
    fields: ProposalFieldsInput;
    actor: ProposalActor;
    conversation?: ProposalConversation;
  }): Promise<SubmitResult> {
    const { conversation } = input;
    const [meeting, roles, channelGroupId] = await Promise.all([
      this.meetingsForSubmit.get(JSON.stringify([input.groupId, input.meetingId])),
      this.actorRoles(input.actor, input.groupId),
      // Beside them: the channel's group, which a member's submit needs (shared, reused).
      conversation?.channelId === undefined ? undefined : this.channelGroups.groupOf(conversation.channelId),
    ]);
    if (!meeting) return { kind: 'no-meeting' };
    const actor = {
      ...input.actor,
      isSecretariat: input.actor.isSecretariat || roles.includes('administer'),
    };
    // Checked here, not only in the bot's gate: the proposal's group comes from the card data, and
    // every entry point (bot, tab, jobs) goes through this service.
    const inGroupChannel = admitsMemberIn(conversation, channelGroupId, meeting.groupId);
    if (!(await this.mayProposeWith(actor, roles, meeting.groupId, inGroupChannel)))
      return { kind: 'not-member' };
    const id = proposalIdOf(input.cardInstanceId);
    const decided = decideIntake(input.fields, meeting, actor.isSecretariat, {
      now: this.clock.now(),
      governance: this.governance,
    });
    if (decided.kind !== 'take')
      return (id && (await this.earlierSubmit(input.groupId, id, meeting))) || decided;
    if (!id) throw new Error('proposal card without an instance id');

    const { proposal, created, etag } = await this.proposals.createOnce(
      newProposal({
        id,
        meeting,
        fields: decided.fields,
        actor,
        late: decided.late,
        now: this.clock.now(),
        claim: this.triageCards.claimForNewProposal(),
      }),
    );
    // A re-sent submit: answer as the first time did, whatever the clock says now.
    if (!created) return this.accepted(proposal, meeting, false);
    await this.audit.append({
      at: proposal.submittedAt,
      actorId: actor.id,
      action: 'proposal.submit',
      subject: `proposal:${proposal.groupId}:${proposal.id}`,
      details: { meetingId: meeting.id, late: proposal.late },
    });
    const triagePosted = await this.triageCards.deliverSubmitted(proposal, meeting, etag);
    return { ...this.accepted(proposal, meeting, true), deadline: decided.deadline, triagePosted };
  }

  /** A proposal this card already submitted (a re-send after the deadline, say): answered as taken. */
  private async earlierSubmit(
    groupId: string,
    id: string,
    meeting: MeetingRecord,
  ): Promise<SubmitResult | undefined> {
    const existing = await this.proposals.get(groupId, id);
    return existing && this.accepted(existing, meeting, false);
  }

  private accepted(
    proposal: ProposalRecord,
    meeting: MeetingRecord,
    created: boolean,
  ): Extract<SubmitResult, { kind: 'accepted' }> {
    return {
      kind: 'accepted',
      proposal,
      meeting,
      created,
      deadline: this.deadlineOf(meeting),
      triagePosted: true,
    };
  }

  /** The roles the register gives the actor in the group (none asked for a known secretariat member). */
  private async actorRoles(actor: ProposalActor, groupId: string): Promise<ActorRole[]> {
    return actor.isSecretariat ? ['administer'] : this.roles.rolesOf(actor.id, groupId);
  }

  /**
   * Governance: any member (chair included) of the group may propose; the secretariat may always
   * add. The organisations' representatives propose through their memberships, not their organisation.
   */
  async mayPropose(actor: ProposalActor, groupId: string): Promise<boolean> {
    return this.mayProposeWith(actor, await this.actorRoles(actor, groupId), groupId);
  }

  /** `mayPropose` from the roles already read for the group. */
  private async mayProposeWith(
    actor: ProposalActor,
    roles: ActorRole[],
    groupId: string,
    /** False: the bot's submit came from outside the channel bound to the group (channel-groups.ts). */
    inGroupChannel = true,
  ): Promise<boolean> {
    if (actor.isSecretariat || roles.includes('administer')) return true;
    if (inGroupChannel && (roles.includes('member') || roles.includes('chair'))) return true;
    return this.isManagementProposer(actor.id, groupId);
  }

  /**
   * FKI management prepares proposals ("indstillinger") for the steering group: a member of a body
   * of kind management (member register) proposes for its meetings; accepted, they land under
   * "Rådgivning om indstillinger fra FKI" (role 'proposals') as every accepted proposal does.
   */
  async isManagementProposer(personId: string, groupId: string): Promise<boolean> {
    const { decide, management } = governanceRoles(this.governance);
    if (groupId !== decide || management === undefined) return false;
    const roles = await this.roles.rolesOf(personId, management);
    return roles.includes('management') || roles.includes('member') || roles.includes('chair');
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

    let target: MeetingRecord | undefined;
    if (input.decision === 'defer') {
      target = (await this.meetings.upcoming(current.groupId, new Date(meeting.startsAt)))[0];
      if (!target) return { kind: 'no-later-meeting' };
    }
    const verdict: TriageVerdict = {
      decision: input.decision,
      actorId: input.actorId,
      at: this.clock.now().toISOString(),
      reason,
      target,
    };
    const proposal = await this.recordVerdict(current, verdict);
    // Two secretaries clicking at once: only the first decision counts.
    if (proposal.triage?.at !== verdict.at || proposal.status !== STATUS_OF[verdict.decision])
      return { kind: 'already-triaged', proposal };

    if (target) await this.moveToLaterMeeting(current, target);
    await this.auditVerdict(proposal, verdict);
    const outcomePosted = await this.postOutcome(proposal, meeting, target);
    return { kind: 'done', proposal, deferredTo: target, outcomePosted };
  }

  async get(groupId: string, proposalId: string): Promise<ProposalRecord | undefined> {
    return this.proposals.get(groupId, proposalId);
  }

  async forMeeting(groupId: string, meetingId: string): Promise<ProposalRecord[]> {
    return this.proposals.forMeeting(groupId, meetingId);
  }

  /**
   * The due-scan's catch-up (TriageJobs): posts the card if it is still owed. Throws when the post
   * fails, so the scheduler retries; a proposal triaged or posted meanwhile needs nothing.
   */
  async postOwedTriageCard(groupId: string, proposalId: string): Promise<void> {
    const proposal = await this.proposals.get(groupId, proposalId);
    if (!proposal || proposal.status !== 'proposed' || proposal.triageActivityId) return;
    const meeting = await this.meetings.get(proposal.groupId, proposal.meetingId);
    if (!meeting) return;
    await this.triageCards.postAndRecord(proposal, meeting);
  }

  /** For the catch-up source: proposals whose triage card is still owed (a background scan). */
  async listAwaitingTriageCard(): Promise<ProposalRecord[]> {
    return (await this.proposals.listAwaitingTriageCard()).filter(
      (proposal) => !this.triageCards.isClaimHeld(proposal),
    );
  }

  /** Stores the decision unless another one got there first; returns the proposal as stored. */
  private recordVerdict(current: ProposalRecord, verdict: TriageVerdict): Promise<ProposalRecord> {
    const { reason, target } = verdict;
    return this.proposals.update(current.groupId, current.id, (latest) =>
      latest.status !== 'proposed'
        ? undefined
        : {
            ...latest,
            status: STATUS_OF[verdict.decision],
            triage: {
              by: verdict.actorId,
              at: verdict.at,
              ...(reason ? { reason } : {}),
              ...(target ? { deferredToMeetingId: target.id } : {}),
            },
          },
    );
  }

  /** A deferred item moves to the later meeting as a fresh proposal to be triaged there (idempotent id). */
  private async moveToLaterMeeting(current: ProposalRecord, target: MeetingRecord): Promise<void> {
    const moved = await this.proposals.createOnce({
      ...current,
      id: `${current.id}-${target.id}`.slice(0, 100),
      meetingId: target.id,
      status: 'proposed',
      late: false,
      triage: undefined,
      triageActivityId: undefined,
      triageGroupId: undefined,
      triagePostedAt: undefined,
      triageClaim: undefined,
    });
    if (moved.created) await this.triageCards.deliverDeferred(moved.proposal, target);
  }

  private async auditVerdict(proposal: ProposalRecord, verdict: TriageVerdict): Promise<void> {
    const { reason, target } = verdict;
    await this.audit.append({
      at: verdict.at,
      actorId: verdict.actorId,
      action: `proposal.${verdict.decision}`,
      subject: `proposal:${proposal.groupId}:${proposal.id}`,
      details: { ...(reason ? { reason } : {}), ...(target ? { deferredTo: target.id } : {}) },
    });
  }

  /** The outcome card in the proposal's group channel; false when the post failed (the decision stands). */
  private async postOutcome(
    proposal: ProposalRecord,
    meeting: MeetingRecord,
    deferredTo?: MeetingRecord,
  ): Promise<boolean> {
    try {
      await this.messenger.postToGroup(
        proposal.groupId,
        await this.messages.outcome(proposal, meeting, deferredTo),
      );
      return true;
    } catch {
      return false;
    }
  }
}
