/**
 * Taking and triaging agenda proposals.
 *
 * - Intake: the fields are validated (domain/proposals), then the deadline rule decides: before the
 *   4-week deadline a member's proposal is taken; after it, refused with the deadline; the
 *   secretariat may still add one, marked late.
 * - Idempotent: the proposal id is the card instance id the proposal card carries, so a re-sent
 *   submit returns the first proposal (and posts no second triage card).
 * - Triage card off the request path (with `triageDelivery`, as the app wires it): the submit is
 *   answered once the proposal is stored; the card is posted right after, asynchronously. Not lossy:
 *   the post claims the scheduler's exactly-once ledger key `triage:<groupId>:<proposalId>` first,
 *   and the due-scan's catch-up source (src/jobs/sources/triage.ts) claims the same key for any
 *   proposal still without a recorded post a minute later. The claim is create-once, so exactly one
 *   of the two posts; a failed async post marks the entry `retrying` and the next scan takes it over;
 *   a process that died holding the claim is taken over after the scheduler's grace period. Claiming
 *   from both paths (rather than "the scan skips recorded posts" alone) is what closes the race of a
 *   slow async post and a scan seeing the proposal unrecorded. Without `triageDelivery` (unit tests,
 *   fixtures with no scheduler) the card is posted inline as before.
 * - Triage destination (decision): the `secretariat` group's channel when it is bound, otherwise the
 *   steering group's channel (triage buttons are gated to the secretariat role either way).
 * - Outcome (decision): posted as a card in the proposal's group channel naming the proposer. The
 *   ChannelMessenger port carries no mention entities, so it is the name in bold, not an @mention.
 *   Posting failures are reported in the result, never lose the stored proposal or decision.
 */
import type { Clock } from '../../domain/clock';
import type { Governance } from '../../domain/governance';
import {
  decideProposalIntake,
  validateProposalFields,
  type IntakeRefusalReason,
  type ProposalFieldError,
  type ProposalFields,
  type ProposalFieldsInput,
} from './domain/proposals';
import type { MeetingRecord, MeetingRepository } from '../meetings';
import { toMeeting } from '../meetings';
import type { ProposalRecord, ProposalRepository } from './proposals-repository';
import type { LedgerEntry, SchedulerLedger } from '../../platform/scheduler/ledger-repository';
import type { AuditLog, ChannelMessenger, GroupRegistry, OutboundMessage } from '../../domain/ports';
import type { ActorRole } from '../../domain/roles';

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
      /**
       * False when the inline post failed. With off-path delivery it is true: the card is owed and
       * guaranteed (async post, else the due-scan), not yet necessarily in the channel.
       */
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

/** Off-request-path triage posting, guarded by the scheduler's exactly-once ledger. */
export interface TriageDeliveryOptions {
  /** The same ledger the scheduler uses (the key must be shared with the catch-up source). */
  ledger: SchedulerLedger;
  /** This process in the ledger's claims. */
  holderId: string;
  /** Logs a failed async post (the scan delivers it later). */
  onError?: (error: unknown, what: string) => void;
}

/** The ledger key of a proposal's triage card, claimed by the async post and the due-scan alike. */
export function triageLedgerKey(groupId: string, proposalId: string): string {
  return `triage:${groupId}:${proposalId}`;
}

/** A card instance id becomes part of a storage key: keep it to safe characters. */
export function proposalIdOf(cardInstanceId: string): string {
  return cardInstanceId.replace(/[^A-Za-z0-9-]/g, '').slice(0, 64);
}

export class ProposalService {
  /** Async triage posts in flight (awaited by `idle`, for a graceful stop and for tests). */
  private readonly pendingTriagePosts = new Set<Promise<void>>();

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
    private readonly triageDelivery?: TriageDeliveryOptions,
  ) {}

  /** Settles when every triage post started off the request path so far has finished. */
  async idle(): Promise<void> {
    while (this.pendingTriagePosts.size > 0) await Promise.allSettled([...this.pendingTriagePosts]);
  }

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
      if (this.triageDelivery) this.postTriageCardLater(proposal, meeting);
      else triagePosted = await this.postTriageCard(proposal, meeting);
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
        triageGroupId: undefined,
        triagePostedAt: undefined,
      });
      // Awaited (the secretary's triage is not the hot path), but through the ledger like a submit:
      // the moved proposal keeps the original submittedAt, so the catch-up scan sees it at once.
      if (moved.created && this.triageDelivery) {
        await this.postTriageCardClaimed(moved.proposal, target).catch((error: unknown) =>
          this.triageDelivery?.onError?.(error, 'triage card post (deferred proposal)'),
        );
      } else if (moved.created) {
        await this.postTriageCard(moved.proposal, target);
      }
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

  /**
   * The due-scan's catch-up (TriageJobs): posts the card if it is still owed. Throws when the post
   * fails, so the scheduler retries; a proposal triaged or posted meanwhile needs nothing.
   */
  async postOwedTriageCard(groupId: string, proposalId: string): Promise<void> {
    const proposal = await this.proposals.get(groupId, proposalId);
    if (!proposal || proposal.status !== 'proposed' || proposal.triageActivityId) return;
    const meeting = await this.meetings.get(proposal.groupId, proposal.meetingId);
    if (!meeting) return;
    await this.postAndRecordTriageCard(proposal, meeting);
  }

  /** For the catch-up source: proposals whose triage card is still owed (a background scan). */
  async listAwaitingTriageCard(): Promise<ProposalRecord[]> {
    return this.proposals.listAwaitingTriageCard();
  }

  /** Starts the ledger-guarded post without awaiting it; errors are logged, the scan delivers. */
  private postTriageCardLater(proposal: ProposalRecord, meeting: MeetingRecord): void {
    const run = this.postTriageCardClaimed(proposal, meeting)
      .then(() => undefined)
      .catch((error: unknown) => this.triageDelivery?.onError?.(error, 'triage card post'))
      .finally(() => this.pendingTriagePosts.delete(run));
    this.pendingTriagePosts.add(run);
  }

  /**
   * Claims the triage ledger key, posts, marks it sent. Nothing happens when the key is claimed
   * already (the scan has it). On failure the entry becomes `retrying` at once, so the next scan
   * takes it over; then the error is rethrown for the log.
   */
  private async postTriageCardClaimed(proposal: ProposalRecord, meeting: MeetingRecord): Promise<boolean> {
    const { ledger, holderId } = this.triageDelivery!;
    const entry: LedgerEntry | undefined = await ledger.claim({
      key: triageLedgerKey(proposal.groupId, proposal.id),
      kind: 'triage',
      groupId: proposal.groupId,
      dueAt: new Date(proposal.submittedAt),
      holderId,
      now: this.clock.now(),
    });
    if (!entry) return false;
    try {
      await this.postAndRecordTriageCard(proposal, meeting);
    } catch (error) {
      await ledger.markAttemptFailed(entry, {
        error: error instanceof Error ? error.message : String(error),
        final: false,
        nextAttemptAt: this.clock.now(),
      });
      throw error;
    }
    await ledger.markSent(entry, this.clock.now());
    return true;
  }

  /** Posts the triage card inline and remembers where; false when the post failed (the proposal is kept). */
  private async postTriageCard(proposal: ProposalRecord, meeting: MeetingRecord): Promise<boolean> {
    try {
      await this.postAndRecordTriageCard(proposal, meeting);
      return true;
    } catch {
      return false;
    }
  }

  private async postAndRecordTriageCard(proposal: ProposalRecord, meeting: MeetingRecord): Promise<void> {
    const triageGroupId = await this.triageGroupId();
    const { activityId } = await this.messenger.postToGroup(
      triageGroupId,
      await this.messages.triage(proposal, meeting),
    );
    const postedAt = this.clock.now().toISOString();
    await this.proposals.update(proposal.groupId, proposal.id, (latest) => ({
      ...latest,
      triageActivityId: activityId,
      triageGroupId,
      triagePostedAt: postedAt,
    }));
  }
}
