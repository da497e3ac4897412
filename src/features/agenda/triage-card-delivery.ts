/**
 * Posting a proposal's triage card to the secretariat, off the submit's request path.
 *
 * With delivery options (as the app wires them) the submit is answered once the proposal is stored
 * and the card is posted right after, asynchronously. Not lossy: the post claims the scheduler's
 * exactly-once ledger key `triage:<groupId>:<proposalId>` first, and the due-scan's catch-up source
 * (src/features/agenda/triage-moments.ts) claims the same key for any proposal still without a recorded post a
 * minute later. The claim is create-once, so exactly one of the two posts; a failed async post marks
 * the entry `retrying` and the next scan takes it over; a process that died holding the claim is
 * taken over after the scheduler's grace period. Claiming from both paths (rather than "the scan
 * skips recorded posts" alone) is what closes the race of a slow async post and a scan seeing the
 * proposal unrecorded. Without delivery options (unit tests, fixtures with no scheduler) the card is
 * posted inline.
 *
 * Destination: the secretariat, through the app's one secretariat route (the messenger the
 * composition root wraps, src/features/binding/secretariat-delivery.ts): its channel when bound,
 * else each secretariat member in personal chat, never another group's channel (issue 26.4).
 */
import type { Clock } from '../../domain/clock';
import type { ChannelMessenger, GroupRegistry } from '../../domain/ports';
import type { LedgerEntry, SchedulerLedger } from '../../platform/scheduler/ledger-repository';
import type { MeetingRecord } from '../meetings';
import type { ProposalRecord, ProposalRepository } from './proposals-repository';
import type { ProposalMessages } from './proposal-ports';

export const SECRETARIAT_GROUP_ID = 'secretariat';
export const STEERING_GROUP_ID = 'steering';

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

export class TriageCardDelivery {
  /** Async triage posts in flight (awaited by `idle`, for a graceful stop and for tests). */
  private readonly pendingPosts = new Set<Promise<void>>();

  constructor(
    private readonly proposals: ProposalRepository,
    private readonly groups: GroupRegistry,
    private readonly messenger: ChannelMessenger,
    private readonly clock: Clock,
    private readonly messages: ProposalMessages,
    private readonly options?: TriageDeliveryOptions,
  ) {}

  /** Settles when every triage post started off the request path so far has finished. */
  async idle(): Promise<void> {
    while (this.pendingPosts.size > 0) await Promise.allSettled([...this.pendingPosts]);
  }

  /** Where triage cards go: the secretariat (the messenger picks its channel or its members). */
  async triageGroupId(): Promise<string> {
    return SECRETARIAT_GROUP_ID;
  }

  /**
   * A newly submitted proposal's card. False only when the inline post failed; off the request path
   * it is true: the card is owed and guaranteed (async post, else the due-scan).
   */
  async deliverSubmitted(proposal: ProposalRecord, meeting: MeetingRecord): Promise<boolean> {
    if (!this.options) return this.postInline(proposal, meeting);
    this.postLater(proposal, meeting);
    return true;
  }

  /**
   * A deferred proposal's card at its later meeting. Awaited (the secretary's triage is not the hot
   * path), but through the ledger like a submit: the moved proposal keeps the original submittedAt,
   * so the catch-up scan sees it at once.
   */
  async deliverDeferred(proposal: ProposalRecord, meeting: MeetingRecord): Promise<void> {
    if (!this.options) {
      await this.postInline(proposal, meeting);
      return;
    }
    await this.postClaimed(proposal, meeting).catch((error: unknown) =>
      this.options?.onError?.(error, 'triage card post (deferred proposal)'),
    );
  }

  /** Posts the triage card and remembers where; throws when the post fails. */
  async postAndRecord(proposal: ProposalRecord, meeting: MeetingRecord): Promise<void> {
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

  /** Starts the ledger-guarded post without awaiting it; errors are logged, the scan delivers. */
  private postLater(proposal: ProposalRecord, meeting: MeetingRecord): void {
    const run = this.postClaimed(proposal, meeting)
      .then(() => undefined)
      .catch((error: unknown) => this.options?.onError?.(error, 'triage card post'))
      .finally(() => this.pendingPosts.delete(run));
    this.pendingPosts.add(run);
  }

  /**
   * Claims the triage ledger key, posts, marks it sent. Nothing happens when the key is claimed
   * already (the scan has it). On failure the entry becomes `retrying` at once, so the next scan
   * takes it over; then the error is rethrown for the log.
   */
  private async postClaimed(proposal: ProposalRecord, meeting: MeetingRecord): Promise<boolean> {
    const { ledger, holderId } = this.options!;
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
      await this.postAndRecord(proposal, meeting);
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

  /** Posts the triage card inline; false when the post failed (the proposal is kept). */
  private async postInline(proposal: ProposalRecord, meeting: MeetingRecord): Promise<boolean> {
    try {
      await this.postAndRecord(proposal, meeting);
      return true;
    } catch {
      return false;
    }
  }
}
