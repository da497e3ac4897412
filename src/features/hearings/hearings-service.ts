/**
 * The written hearing ("skriftlig høring") of a working-group proposal in the steering group.
 *
 * Concurrency (why it is correct):
 * - Each vote is its own document (`vote:<hearing>:<voter>`, upsert), so simultaneous votes of
 *   different voters never collide and a changed vote replaces only that voter's vote.
 * - Closing is two etag-guarded steps on the hearing document: (1) status open -> closed (exactly
 *   one caller wins), (2) the result, computed from the votes read AFTER step 1, written once.
 * - A vote checks the hearing is open, writes its document, then reads the hearing again. If it is
 *   still open, step 1 had not happened when the vote was written, so the close will see the vote.
 *   If it is closed, the vote waits for the result and checks whether it was counted; if not (it
 *   landed after the close read the votes) it is rolled back to the counted one and the voter is told
 *   the hearing closed first. So every vote the voter was told "recorded" is in the outcome.
 * - The shared vote card in the channel is refreshed off the vote's path (the voter gets their own
 *   card in the invoke response at once): coalesced per hearing, at most one update in flight, the
 *   next one showing the latest tally; failures are logged. The close awaits a refresh that reads
 *   the closed hearing, so the card always ends in the final state.
 * - Side effects after the close (audit, working group, announcements, card update) are recorded in
 *   `effectsDone` markers on the hearing and retried by the next close() call (the scheduler retries
 *   a failed close): each effect happens at least once, and at most once unless the process dies
 *   between doing it and marking it (then a post may be repeated once).
 */
import { createHash, randomUUID } from 'node:crypto';
import type { Clock } from '../../domain/clock';
import type { Governance } from '../../domain/governance';
import { steeringBody } from '../../domain/governance';
import {
  allEligibleHaveVoted,
  checkVoteEligibility,
  decideHearing,
  tallyVotes,
  type VoteTally,
} from './domain/hearing';
import type { Group, Locale, Membership, Person, Vote, VoteChoice } from '../../domain/model';
import { isActiveOn } from '../../domain/terms';
import { addLocalDays, localDate } from '../../domain/time';
import { translatorFor } from '../../platform/i18n';
import { hearingResultCard, hearingVoteCard } from './hearing-cards';
import { bindRequestCard } from '../working-groups';
import type { HearingJobs, OpenHearing } from './hearing-moments';
import type { MomentContext } from '../../platform/scheduler/types';
import type {
  Hearing,
  HearingRepository,
  HearingStatus,
  HearingResult,
  StoredVote,
} from './hearings-repository';
import type { WorkingGroupProposal } from '../working-groups';
import { plainHearing } from './hearings-repository';
import { deepFreeze } from '../../domain/deep-freeze';
import { plannedRankingId } from '../working-groups';
import { CoalescedRead, CoalescedRefresh } from '../../platform/storage/coalesced-refresh';
import type { AuditLog, ChannelMessenger } from '../../domain/ports';
import type { WorkingGroupService } from '../working-groups';

export interface HearingPeople {
  membersOf(groupId: string): Promise<Membership[]>;
  getPerson(personId: string): Promise<Person | undefined>;
}

export interface HearingServiceDeps {
  hearings: HearingRepository;
  workingGroups: WorkingGroupService;
  groups: { getGroup(groupId: string): Promise<Group | undefined> };
  people: HearingPeople;
  audit: AuditLog;
  messenger: ChannelMessenger;
  clock: Clock;
  governance: Governance;
  /** Channel language (default Danish). */
  locale?: Locale;
  /** Failures of best-effort steps (card updates). */
  onError?: (error: unknown, what: string) => void;
  /**
   * How long a shared-card refresh after a vote waits for more votes to share it (default 250 ms;
   * Teams allows a few updates per second per conversation, so faster refreshes would only queue).
   */
  cardRefreshDelayMs?: number;
}

export interface Voter {
  id: string;
  name?: string;
}

export type VoteResult =
  | { kind: 'recorded'; hearing: Hearing; vote: StoredVote; tally: VoteTally; closedNow: boolean }
  | { kind: 'not-found' }
  | { kind: 'not-eligible'; hearing: Hearing }
  | { kind: 'closed'; hearing: Hearing }
  | { kind: 'withdrawn'; hearing: Hearing };

export type WithdrawResult =
  | { kind: 'withdrawn'; hearing: Hearing }
  | { kind: 'not-found' }
  | { kind: 'not-proposer'; hearing: Hearing }
  | { kind: 'not-open'; hearing: Hearing };

export type CloseReason = HearingResult['reason'];

/** A closer that held the effects claim this long without finishing is presumed dead. */
const EFFECTS_CLAIM_STALE_MS = 10 * 60_000;

const EFFECTS = {
  audit: 'audit',
  workingGroup: 'working-group',
  card: 'card',
  ranking: 'ranking',
  bindRequest: 'bind-request',
  announce: (groupId: string) => `announce:${groupId}`,
};

export class HearingService {
  readonly steeringGroupId: string;
  private readonly locale: Locale;
  private readonly cardRefresh: CoalescedRefresh;
  /** Simultaneous voters of one hearing share the read of its ballots (each sees its own vote). */
  private readonly ballots: CoalescedRead<Vote[]>;
  /**
   * ... and the close-race re-read of its status. Sharing keeps the guard: each voter gets a read
   * that started after its own vote was committed.
   */
  private readonly statuses: CoalescedRead<HearingStatus | undefined>;
  /**
   * ... and the vote's first read of the hearing. It waits one loop turn, so the voters whose
   * requests arrived in the same turn share it (see CoalescedRead); the shared copy is deep-frozen,
   * so no voter's code can change what the others see.
   */
  private readonly hearingsForVotes: CoalescedRead<Hearing | undefined>;
  /** Cards built together (each voter's own card after a shared ballot read) share the group reads. */
  private readonly groupReads: CoalescedRead<Readonly<Group> | undefined>;

  constructor(private readonly deps: HearingServiceDeps) {
    this.steeringGroupId = steeringBody(deps.governance).id;
    this.locale = deps.locale ?? 'da';
    this.cardRefresh = new CoalescedRefresh(
      (hearingId) => this.updateSharedCard(hearingId),
      (error) => this.deps.onError?.(error, 'update hearing card'),
      deps.cardRefreshDelayMs ?? 250,
    );
    this.ballots = new CoalescedRead((hearingId) =>
      this.deps.hearings.ballotsOf(this.steeringGroupId, hearingId),
    );
    this.statuses = new CoalescedRead((hearingId) =>
      this.deps.hearings.statusOf(this.steeringGroupId, hearingId),
    );
    this.hearingsForVotes = new CoalescedRead(
      async (hearingId) => {
        const stored = await this.deps.hearings.get(this.steeringGroupId, hearingId);
        return stored && deepFreeze(plainHearing(stored));
      },
      { waitForTurn: true },
    );
    this.groupReads = new CoalescedRead(async (groupId) => {
      const group = await this.deps.groups.getGroup(groupId);
      return group && deepFreeze(group);
    });
  }

  // ---- opening

  /** Steering-group members and chair whose membership is current on `date` (YYYY-MM-DD). */
  async eligibleVoters(date: string): Promise<string[]> {
    const memberships = await this.deps.people.membersOf(this.steeringGroupId);
    const current = memberships.filter(
      (m) => (m.role === 'member' || m.role === 'chair') && isActiveOn(m, date),
    );
    return [...new Set(current.map((m) => m.personId))].sort();
  }

  /**
   * Opens the hearing and posts the vote card in the steering group's channel. `requestKey`
   * (e.g. the proposal card's activity id) makes a submit delivered twice open one hearing.
   */
  async open(input: {
    proposal: WorkingGroupProposal;
    proposingGroupId: string;
    proposer: Voter;
    requestKey?: string;
  }): Promise<Hearing> {
    const now = this.deps.clock.now();
    const zone = this.deps.governance.timeZone;
    const id = input.requestKey
      ? createHash('sha256').update(`${input.proposer.id}|${input.requestKey}`).digest('hex').slice(0, 10)
      : randomUUID().slice(0, 8);
    const existing = await this.deps.hearings.get(this.steeringGroupId, id);
    if (existing) return plainHearing(existing);
    const eligibleVoterIds = await this.eligibleVoters(localDate(now, zone));
    const voterNames: Record<string, string> = {};
    for (const voterId of eligibleVoterIds) {
      const person = await this.deps.people.getPerson(voterId);
      if (person && !person.anonymisedAt) voterNames[voterId] = person.name;
    }
    const rule = this.deps.governance.hearing;
    const hearing: Hearing = {
      id,
      hearingGroupId: this.steeringGroupId,
      proposingGroupId: input.proposingGroupId,
      proposerId: input.proposer.id,
      proposerName: input.proposer.name,
      proposal: input.proposal,
      openedAt: now.toISOString(),
      closesAt: addLocalDays(now, rule.closingDays, zone),
      eligibleVoterIds,
      voterNames,
      rule: { kind: rule.rule, quorumShare: rule.quorumShare },
      status: 'open',
      effectsDone: [],
    };
    try {
      await this.deps.hearings.create(hearing);
    } catch (error) {
      if ((error as { code?: string }).code === 'already-exists') {
        return plainHearing((await this.deps.hearings.get(this.steeringGroupId, id))!);
      }
      throw error;
    }
    const visible = (await this.ranking()).map((entry) => entry.id);
    await this.deps.workingGroups.placePlanned(id, input.proposal.priority, visible);
    await this.deps.audit.append({
      at: hearing.openedAt,
      actorId: input.proposer.id,
      action: 'hearing.open',
      subject: `hearing:${id}`,
      details: {
        proposingGroupId: input.proposingGroupId,
        proposal: input.proposal,
        closesAt: hearing.closesAt,
        eligibleVoterIds,
      },
    });
    const { activityId } = await this.deps.messenger.postToGroup(this.steeringGroupId, {
      card: await this.sharedCard(hearing),
      summary: this.t('hearings.cardTitle', { title: input.proposal.title }),
    });
    const saved = await this.deps.hearings.update(this.steeringGroupId, id, (current) => ({
      ...current,
      activityId,
    }));
    return plainHearing(saved);
  }

  /** Started and planned working groups in priority order (for the proposal card). */
  async ranking() {
    const open = await this.deps.hearings.listOpen(this.steeringGroupId);
    return this.deps.workingGroups.ranking(
      new Map(open.map((h) => [plannedRankingId(h.id), h.proposal.title])),
    );
  }

  // ---- voting

  async get(hearingId: string): Promise<Hearing | undefined> {
    const stored = await this.deps.hearings.get(this.steeringGroupId, hearingId);
    return stored && plainHearing(stored);
  }

  async votes(hearingId: string): Promise<StoredVote[]> {
    return this.deps.hearings.votesOf(this.steeringGroupId, hearingId);
  }

  /**
   * Records a vote. Storage round trips on the usual path: read the hearing, upsert the vote, point
   * read of the hearing's status (the close-race guard), append the audit entry and read the
   * hearing's votes (one partition query: the full-turnout check and the tally), the last two side
   * by side. Simultaneous votes share the upserts and audit appends (group commits) and the status
   * and ballot reads (coalesced). The shared vote card is refreshed off the request path,
   * coalesced per hearing.
   */
  async vote(hearingId: string, voter: Voter, choice: VoteChoice, comment?: string): Promise<VoteResult> {
    const hearing = await this.hearingsForVotes.get(hearingId);
    if (!hearing) return { kind: 'not-found' };
    if (hearing.status === 'withdrawn') return { kind: 'withdrawn', hearing };
    const now = this.deps.clock.now();
    const eligibility = checkVoteEligibility({
      voterId: voter.id,
      eligibleVoterIds: hearing.eligibleVoterIds,
      now,
      closesAt: hearing.closesAt,
      closed: hearing.status !== 'open',
    });
    if (!eligibility.ok && eligibility.reason === 'hearing-closed') {
      // Past the closing time but the scan has not run yet: close now, so the answer is final.
      if (hearing.status === 'open') await this.close(hearingId, 'deadline');
      return { kind: 'closed', hearing: (await this.get(hearingId))! };
    }
    if (!eligibility.ok) return { kind: 'not-eligible', hearing };

    const trimmed = comment?.trim();
    const vote: StoredVote = {
      hearingId,
      hearingGroupId: this.steeringGroupId,
      voterId: voter.id,
      voterName: voter.name,
      choice,
      comment: trimmed ? trimmed.slice(0, 2000) : undefined,
      castAt: now.toISOString(),
    };
    const written = await this.deps.hearings.putVote(vote);

    // The close-race guard (see the header): one point read of the hearing's status after the write.
    let current = hearing;
    const stillOpen = (await this.statuses.get(hearingId)) === 'open';
    if (!stillOpen) {
      const final = await this.finishClose(hearingId);
      const counted = final.result?.counted.find((c) => c.voterId === voter.id);
      if (!counted || counted.castAt !== written.castAt || counted.choice !== written.choice) {
        // Our vote landed after the close counted: put back what was counted (or nothing).
        if (counted)
          await this.deps.hearings.putVote({ ...counted, hearingId, hearingGroupId: this.steeringGroupId });
        else await this.deps.hearings.deleteVoteIfUnchanged(written);
        return { kind: 'closed', hearing: final };
      }
      current = final;
    }
    const [, votes] = await Promise.all([
      this.deps.audit.append({
        at: vote.castAt,
        actorId: voter.id,
        action: 'hearing.vote',
        subject: `hearing:${hearingId}`,
        details: { choice, comment: vote.comment },
      }),
      this.ballots.get(hearingId),
    ]);
    let closedNow = false;
    if (stillOpen && allEligibleHaveVoted(votes, hearing.eligibleVoterIds)) {
      closedNow = await this.close(hearingId, 'full-turnout');
      current = (await this.get(hearingId))!;
    } else if (stillOpen) {
      // Not awaited: the voter's answer does not wait for the shared card (rate-limited per channel).
      void this.cardRefresh.request(hearingId);
    }
    const eligible = new Set(current.eligibleVoterIds);
    return {
      kind: 'recorded',
      hearing: current,
      vote,
      tally: tallyVotes(votes.filter((v) => eligible.has(v.voterId))),
      closedNow,
    };
  }

  // ---- withdrawal

  async withdraw(hearingId: string, actorId: string): Promise<WithdrawResult> {
    const stored = await this.deps.hearings.get(this.steeringGroupId, hearingId);
    if (!stored) return { kind: 'not-found' };
    if (stored.proposerId !== actorId) return { kind: 'not-proposer', hearing: plainHearing(stored) };
    const at = this.deps.clock.now().toISOString();
    let won = false;
    const saved = await this.deps.hearings.update(this.steeringGroupId, hearingId, (current) => {
      won = false;
      if (current.status !== 'open') return undefined;
      won = true;
      return { ...current, status: 'withdrawn', withdrawnAt: at };
    });
    const hearing = plainHearing(saved);
    if (!won)
      return hearing.status === 'withdrawn' ? { kind: 'withdrawn', hearing } : { kind: 'not-open', hearing };
    await this.deps.workingGroups.removeFromRanking(plannedRankingId(hearingId));
    await this.deps.audit.append({
      at,
      actorId,
      action: 'hearing.withdraw',
      subject: `hearing:${hearingId}`,
    });
    await this.refreshSharedCard(hearingId);
    await this.deps.messenger
      .postToGroup(hearing.proposingGroupId, {
        text: this.t('hearings.withdrawnNotice', { title: hearing.proposal.title }),
      })
      .catch((error: unknown) => this.deps.onError?.(error, 'withdraw notice'));
    return { kind: 'withdrawn', hearing };
  }

  // ---- closing

  /**
   * Closes the hearing (idempotent). Returns true when this call closed it. Completes the result
   * and any effect a crashed or failed earlier close left undone; throws if an effect fails, so the
   * scheduler retries.
   */
  async close(hearingId: string, reason: CloseReason): Promise<boolean> {
    const closedAt = this.deps.clock.now().toISOString();
    let won = false;
    const stored = await this.deps.hearings.get(this.steeringGroupId, hearingId);
    if (!stored || stored.status === 'withdrawn') return false;
    if (stored.status === 'open') {
      await this.deps.hearings.update(this.steeringGroupId, hearingId, (current) => {
        won = false;
        if (current.status !== 'open') return undefined;
        won = true;
        return { ...current, status: 'closed', closedAt, closeReason: reason };
      });
    }
    const hearing = await this.finishClose(hearingId);
    await this.runEffects(hearing);
    return won;
  }

  /** Step 2 of the close: the result from the votes read after the status change, written once. */
  private async finishClose(hearingId: string): Promise<Hearing> {
    const current = (await this.get(hearingId))!;
    if (current.status !== 'closed' || current.result) return current;
    const votes = await this.votes(hearingId);
    const decision = decideHearing({
      votes,
      eligibleVoterIds: current.eligibleVoterIds,
      rule: current.rule,
      closed: true,
    });
    const eligible = new Set(current.eligibleVoterIds);
    const result: HearingResult = {
      outcome: decision.outcome,
      approve: decision.tally.approve,
      reject: decision.tally.reject,
      abstain: decision.tally.abstain,
      cast: decision.tally.cast,
      eligibleCount: decision.eligibleCount,
      turnout: decision.turnout,
      reason: current.closeReason ?? 'deadline',
      counted: votes
        .filter((vote) => eligible.has(vote.voterId))
        .map(({ voterId, voterName, choice, comment, castAt }) => ({
          voterId,
          voterName,
          choice,
          comment,
          castAt,
        })),
    };
    const saved = await this.deps.hearings.update(this.steeringGroupId, hearingId, (latest) =>
      latest.result ? undefined : { ...latest, result },
    );
    return plainHearing(saved);
  }

  /**
   * One closer at a time does the effects: the claim is an etag-guarded write on the hearing. A
   * claim older than EFFECTS_CLAIM_STALE_MS (its holder crashed) is taken over; a failing holder
   * releases it, so the scheduler's retry can continue at once.
   */
  private async claimEffects(hearingId: string): Promise<string | undefined> {
    const token = randomUUID();
    const now = this.deps.clock.now();
    let claimed = false;
    await this.deps.hearings.update(this.steeringGroupId, hearingId, (latest) => {
      claimed = false;
      if (latest.status !== 'closed' || !latest.result || latest.effectsComplete) return undefined;
      if (latest.effectsClaim && now.getTime() - Date.parse(latest.effectsClaim.at) < EFFECTS_CLAIM_STALE_MS)
        return undefined;
      claimed = true;
      return { ...latest, effectsClaim: { token, at: now.toISOString() } };
    });
    return claimed ? token : undefined;
  }

  private async runEffects(hearing: Hearing): Promise<void> {
    if (hearing.status !== 'closed' || !hearing.result || hearing.effectsComplete) return;
    const token = await this.claimEffects(hearing.id);
    if (!token) return;
    let complete = false;
    try {
      await this.doEffects((await this.get(hearing.id))!);
      complete = true;
    } finally {
      await this.deps.hearings.update(this.steeringGroupId, hearing.id, (latest) => {
        if (latest.effectsClaim?.token !== token) return undefined;
        const { effectsClaim: _claim, ...rest } = latest;
        return complete ? { ...rest, effectsComplete: true } : rest;
      });
    }
  }

  private async doEffects(hearing: Hearing): Promise<void> {
    const result = hearing.result!;
    const id = hearing.id;
    let current = hearing;
    const once = async (effect: string, run: () => Promise<Partial<Hearing> | void>) => {
      if (current.effectsDone.includes(effect)) return;
      const change = (await run()) ?? {};
      const saved = await this.deps.hearings.update(this.steeringGroupId, id, (latest) =>
        latest.effectsDone.includes(effect)
          ? undefined
          : { ...latest, ...change, effectsDone: [...latest.effectsDone, effect] },
      );
      current = plainHearing(saved);
    };

    await once(EFFECTS.audit, async () => {
      await this.deps.audit.append({
        at: current.closedAt ?? this.deps.clock.now().toISOString(),
        actorId: 'system',
        action: 'hearing.close',
        subject: `hearing:${id}`,
        details: { ...result, rule: current.rule },
      });
    });
    if (result.outcome === 'approved') {
      await once(EFFECTS.workingGroup, async () => {
        const group = await this.deps.workingGroups.createFromHearing(current);
        return { workingGroupId: group.id };
      });
    } else {
      await once(EFFECTS.ranking, () => this.deps.workingGroups.removeFromRanking(plannedRankingId(id)));
    }
    const votes = result.counted.map((vote) => ({
      ...vote,
      hearingId: id,
      hearingGroupId: this.steeringGroupId,
    }));
    const resultMessage = {
      card: hearingResultCard({
        t: this.t,
        locale: this.locale,
        hearing: current,
        votes,
        voterName: (voterId) =>
          current.voterNames[voterId] ?? votes.find((v) => v.voterId === voterId)?.voterName ?? voterId,
        workingGroupId: current.workingGroupId,
      }),
      summary: this.t('hearings.resultTitle', {
        title: current.proposal.title,
        outcome: this.t(`hearings.outcome_${result.outcome}`),
      }),
    };
    for (const groupId of [this.steeringGroupId, current.proposingGroupId]) {
      await once(EFFECTS.announce(groupId), async () => {
        await this.deps.messenger.postToGroup(groupId, resultMessage);
      });
    }
    if (current.workingGroupId) {
      const groupId = current.workingGroupId;
      await once(EFFECTS.bindRequest, async () => {
        const group = await this.deps.groups.getGroup(groupId);
        const parent = await this.deps.groups.getGroup(current.proposal.parentGroupId);
        if (!group) return;
        const message = {
          card: bindRequestCard(
            this.t,
            this.locale,
            group,
            parent?.name[this.locale] ?? current.proposal.parentGroupId,
          ),
        };
        // The secretariat's channel when it has one, else the steering group's.
        try {
          await this.deps.messenger.postToGroup('secretariat', message);
        } catch {
          await this.deps.messenger.postToGroup(this.steeringGroupId, message);
        }
      });
    }
    await once(EFFECTS.card, () => this.refreshSharedCard(id));
  }

  /**
   * Updates the shared vote card in place (best effort: the tally is also in the result). Coalesced
   * per hearing (see CoalescedRefresh): at most one update in flight, the next one shows the latest
   * state. Resolves when an update that read the hearing after this call has finished; never rejects
   * (failures go to onError).
   */
  refreshSharedCard(hearingId: string): Promise<void> {
    return this.cardRefresh.request(hearingId, { now: true });
  }

  /** Resolves when no shared-card update is in flight or pending (tests, graceful shutdown). */
  idle(): Promise<void> {
    return this.cardRefresh.idle();
  }

  private async updateSharedCard(hearingId: string): Promise<void> {
    const hearing = await this.get(hearingId);
    if (!hearing?.activityId) return;
    await this.deps.messenger.updateInGroup(this.steeringGroupId, hearing.activityId, {
      card: await this.sharedCard(hearing),
    });
  }

  // ---- views

  async tally(hearing: Hearing): Promise<VoteTally> {
    if (hearing.result) return hearing.result;
    const eligible = new Set(hearing.eligibleVoterIds);
    return tallyVotes((await this.ballots.get(hearing.id)).filter((vote) => eligible.has(vote.voterId)));
  }

  async sharedCard(hearing: Hearing, locale: Locale = this.locale) {
    return this.card(hearing, locale);
  }

  /** The card as `viewerId` should see it: with their own vote when they are a voter. */
  async userCard(hearing: Hearing, viewerId: string | undefined, locale: Locale, notice?: string) {
    const eligible = viewerId !== undefined && hearing.eligibleVoterIds.includes(viewerId);
    const vote = eligible
      ? await this.deps.hearings.getVote(this.steeringGroupId, hearing.id, viewerId)
      : undefined;
    return this.card(hearing, locale, { eligible, vote }, notice);
  }

  /** The voter's own card right after a recorded vote, from what the vote already read (no re-reads). */
  async votedCard(result: Extract<VoteResult, { kind: 'recorded' }>, locale: Locale, notice?: string) {
    return this.card(
      result.hearing,
      locale,
      { eligible: true, vote: result.vote },
      notice,
      result.hearing.result ?? result.tally,
    );
  }

  private async card(
    hearing: Hearing,
    locale: Locale,
    viewer?: { eligible: boolean; vote?: StoredVote },
    notice?: string,
    knownTally?: VoteTally,
  ) {
    // Usually the same group (a reference group proposes a working group under itself): read it once.
    const proposingRead = this.groupReads.get(hearing.proposingGroupId);
    const [proposing, parent] = await Promise.all([
      proposingRead,
      hearing.proposal.parentGroupId === hearing.proposingGroupId
        ? proposingRead
        : this.groupReads.get(hearing.proposal.parentGroupId),
    ]);
    return hearingVoteCard({
      t: translatorFor(locale),
      locale,
      timeZone: this.deps.governance.timeZone,
      hearing,
      tally: knownTally ?? (await this.tally(hearing)),
      proposingGroupName: proposing?.name[locale] ?? hearing.proposingGroupId,
      parentGroupName: parent?.name[locale] ?? hearing.proposal.parentGroupId,
      viewer,
      notice,
    });
  }

  async list(): Promise<Array<{ hearing: Hearing; tally: VoteTally }>> {
    const hearings = (await this.deps.hearings.list(this.steeringGroupId)).map(plainHearing);
    return Promise.all(hearings.map(async (hearing) => ({ hearing, tally: await this.tally(hearing) })));
  }

  // ---- scheduler hooks (HearingJobs)

  async listOpen(): Promise<OpenHearing[]> {
    return (await this.deps.hearings.listOpen(this.steeringGroupId)).map((hearing) => ({
      id: hearing.id,
      groupId: this.steeringGroupId,
      closesAt: hearing.closesAt,
      title: hearing.proposal.title,
    }));
  }

  async remindNonVoters(hearingId: string, _context: MomentContext): Promise<void> {
    const hearing = await this.get(hearingId);
    if (!hearing || hearing.status !== 'open') return;
    const voted = new Set((await this.votes(hearingId)).map((vote) => vote.voterId));
    const missing = hearing.eligibleVoterIds.filter((id) => !voted.has(id));
    if (missing.length === 0) return;
    await this.deps.messenger.postToGroup(this.steeringGroupId, {
      text: this.t('hearings.reminder', {
        title: hearing.proposal.title,
        names: missing.map((id) => hearing.voterNames[id] ?? id).join(', '),
        closes: localDate(hearing.closesAt, this.deps.governance.timeZone),
      }),
    });
  }

  /** HearingJobs.close: the scheduler's close at the closing time. */
  async closeByDeadline(hearingId: string): Promise<void> {
    await this.close(hearingId, 'deadline');
  }

  private get t() {
    return translatorFor(this.locale);
  }
}

/** The HearingJobs the scheduler takes (jobs/compose.ts `hearings`). */
export function hearingJobsOf(service: HearingService): HearingJobs {
  return {
    listOpen: () => service.listOpen(),
    remindNonVoters: (hearingId, context) => service.remindNonVoters(hearingId, context),
    close: (hearingId) => service.closeByDeadline(hearingId),
  };
}
