/**
 * Posting a proposal's triage card to the secretariat, off the submit's request path.
 *
 * With delivery options (as the app wires them) the submit is answered once the proposal is stored
 * and the card is posted right after, asynchronously. Not lossy, and exactly once:
 * - The proposal is created carrying its claim (`triageClaim`: this process, now), so the claim is
 *   part of the proposal's own create and costs no write of its own (issue 24.1: the ledger claim
 *   and its "sent" mark were 4 of a proposal's 17 store operations). A proposal never exists
 *   unclaimed, so no window is left between storing it and claiming its card.
 * - The async post records the card on the proposal (one replace at the create's etag) and drops
 *   the claim; a failed post drops the claim at once, so the next due-scan takes it over.
 * - The due-scan's catch-up source (triage-moments.ts) lists a proposal still without a recorded
 *   post only once its claim is released or older than the scheduler's claim grace (a process that
 *   died holding it), exactly as a claimed ledger entry is taken over after that grace; the scan
 *   then claims the scheduler's ledger key `triage:<groupId>:<proposalId>` (create-once), so of two
 *   scans only one posts. A deferred proposal (the secretary's triage, not the hot path) still
 *   claims that ledger key before posting.
 * Without delivery options (unit tests, fixtures with no scheduler) the card is posted inline.
 *
 * Destination: the secretariat, through the app's one secretariat route (the messenger the
 * composition root wraps, src/features/binding/secretariat-delivery.ts): its channel when bound,
 * else each secretariat member in personal chat, never another group's channel (issue 26.4).
 */
import type { Clock } from '../../domain/clock';
import type { ChannelMessenger, GroupRegistry } from '../../domain/ports';
import type { LedgerEntry, SchedulerLedger } from '../../platform/scheduler/ledger-repository';
import type { MeetingRecord } from '../meetings';
import type { ProposalRecord, ProposalRepository, TriageClaim } from './proposals-repository';
import type { ProposalMessages } from './proposal-ports';

/** The scheduler's default claim grace (scheduler-options.ts): how long a claim's holder may be posting. */
export const TRIAGE_CLAIM_GRACE_MS = 10 * 60_000;

/** Off-request-path triage posting, guarded by the scheduler's exactly-once ledger. */
export interface TriageDeliveryOptions {
  /** The same ledger the scheduler uses (the key must be shared with the catch-up source). */
  ledger: SchedulerLedger;
  /** This process in the ledger's claims. */
  holderId: string;
  /** Logs a failed async post (the scan delivers it later). */
  onError?: (error: unknown, what: string) => void;
  /** The scheduler's claim grace, when it is not the default: a proposal's claim is held as long. */
  claimGraceMs?: number;
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
    /** The body that triages (the governance file's roles.triage). */
    private readonly triageBodyId: string,
    private readonly options?: TriageDeliveryOptions,
  ) {}

  /** Settles when every triage post started off the request path so far has finished. */
  async idle(): Promise<void> {
    while (this.pendingPosts.size > 0) await Promise.allSettled([...this.pendingPosts]);
  }

  /** Where triage cards go: the triaging body (the messenger picks its channel or its members). */
  async triageGroupId(): Promise<string> {
    return this.triageBodyId;
  }

  /**
   * A newly submitted proposal's card. False only when the inline post failed; off the request path
   * it is true: the card is owed and guaranteed (async post, else the due-scan).
   */
  async deliverSubmitted(proposal: ProposalRecord, meeting: MeetingRecord, etag?: string): Promise<boolean> {
    if (!this.options || !proposal.triageClaim) return this.postInline(proposal, meeting, etag);
    this.postLater(proposal, meeting, etag);
    return true;
  }

  /** The claim a new proposal is created with: this process posts its card (none when inline). */
  claimForNewProposal(): TriageClaim | undefined {
    if (!this.options) return undefined;
    return { holderId: this.options.holderId, at: this.clock.now().toISOString() };
  }

  /**
   * Still held by a live poster: the catch-up leaves the proposal alone until the claim's grace has
   * passed (its holder may still be posting; the post cannot be looked for in the channel).
   */
  isClaimHeld(proposal: ProposalRecord): boolean {
    if (!proposal.triageClaim) return false;
    const grace = this.options?.claimGraceMs ?? TRIAGE_CLAIM_GRACE_MS;
    return Date.parse(proposal.triageClaim.at) + grace > this.clock.now().getTime();
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

  /**
   * Posts the triage card and remembers where (dropping the claim); throws when the post fails.
   * `etag`: the proposal as given is the stored one (just created), so the record skips its read.
   */
  async postAndRecord(proposal: ProposalRecord, meeting: MeetingRecord, etag?: string): Promise<void> {
    const triageGroupId = await this.triageGroupId();
    const { activityId } = await this.messenger.postToGroup(
      triageGroupId,
      await this.messages.triage(proposal, meeting),
    );
    const postedAt = this.clock.now().toISOString();
    await this.proposals.updateFrom(proposal, etag, (latest) => ({
      ...latest,
      triageActivityId: activityId,
      triageGroupId,
      triagePostedAt: postedAt,
      triageClaim: undefined,
    }));
  }

  /**
   * Posts under the claim the proposal was created with, without awaiting it. A failed post drops
   * the claim (so the next scan takes it over at once) and is logged; if even that write fails,
   * the claim's grace runs out and the scan takes it over then.
   */
  private postLater(proposal: ProposalRecord, meeting: MeetingRecord, etag?: string): void {
    const run = this.postAndRecord(proposal, meeting, etag)
      .catch(async (error: unknown) => {
        this.options?.onError?.(error, 'triage card post');
        await this.releaseClaim(proposal);
      })
      .catch((error: unknown) => this.options?.onError?.(error, 'triage claim release'))
      .finally(() => this.pendingPosts.delete(run));
    this.pendingPosts.add(run);
  }

  /** Our claim off the proposal, unless its card got recorded meanwhile (then there is nothing owed). */
  private async releaseClaim(proposal: ProposalRecord): Promise<void> {
    const claim = proposal.triageClaim;
    await this.proposals.update(proposal.groupId, proposal.id, (latest) =>
      latest.triageActivityId || latest.triageClaim?.holderId !== claim?.holderId
        ? undefined
        : { ...latest, triageClaim: undefined },
    );
  }

  /**
   * Claims the triage ledger key, posts, marks it sent (a deferred proposal's card). Nothing happens
   * when the key is claimed already (the scan has it). On failure the entry becomes `retrying` at once, so the next scan
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
  private async postInline(
    proposal: ProposalRecord,
    meeting: MeetingRecord,
    etag?: string,
  ): Promise<boolean> {
    try {
      await this.postAndRecord(proposal, meeting, etag);
      return true;
    } catch {
      return false;
    }
  }
}
