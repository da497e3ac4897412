/**
 * The hearing's vote card: built for the channel (the shared view with the live tally) and for each
 * voter (their own vote), and the shared card in the steering group's channel kept up to date.
 *
 * The shared card is refreshed off the vote's path (the voter gets their own card in the invoke
 * response at once): coalesced per hearing, at most one update in flight, the next one showing the
 * latest tally; failures are logged. The close awaits a refresh that reads the closed hearing, so
 * the card always ends in the final state.
 */
import type { Group, Locale, VoteChoice } from '../../domain/model';
import { deepFreeze } from '../../domain/deep-freeze';
import { translatorFor } from '../../platform/i18n';
import { CoalescedRead, CoalescedRefresh } from '../../platform/storage/coalesced-refresh';
import { localToday } from '../../domain/time';
import { tallyChoices, voterStanding, type VoteTally } from './domain/hearing';
import { hearingVoteCard, type HearingViewer } from './hearing-cards';
import type { HearingScope } from './hearing-scope';
import type { Hearing, StoredVote } from './hearings-repository';
import { plainHearing } from './hearings-repository';
import { localText } from '../../domain/localized-text';

/** What a voter's own card after a recorded vote is built from (what the vote already read). */
export interface RecordedBallot {
  hearing: Hearing;
  vote: StoredVote;
  tally: VoteTally;
}

/** How long a card's group (its name) is reused without reading it again. */
const GROUP_KEPT_MS = 60_000;
/** The proposing and parent groups of the open hearings: a handful; the bound only guards memory. */
const MAX_GROUPS_KEPT = 200;

export class HearingCards {
  /**
   * The coalesced shared-card updates. The vote path asks through it directly (without waiting);
   * everyone else through refreshSharedCard.
   */
  readonly refresh: CoalescedRefresh;
  /** The cards' tallies built together share the read of the hearing's tally (hearing-tally.ts). */
  private readonly choices: CoalescedRead<Readonly<Record<string, VoteChoice>>>;
  /** Cards built together (each voter's own card after a shared ballot read) share the group reads. */
  private readonly groupReads: CoalescedRead<Readonly<Group> | undefined>;
  /**
   * ... and keep them a while: a card needs only the groups' names, which a rename changes on the
   * next cards after GROUP_KEPT_MS (why: the group read was one of a vote's few Cosmos requests).
   */
  private readonly groups = new Map<string, { at: number; group: Readonly<Group> | undefined }>();

  constructor(private readonly scope: HearingScope) {
    const { deps, steeringGroupId } = scope;
    this.refresh = new CoalescedRefresh(
      (hearingId) => this.updateSharedCard(hearingId),
      (error) => deps.onError?.(error, 'update hearing card'),
      deps.cardRefreshDelayMs ?? 250,
    );
    this.choices = new CoalescedRead((hearingId) => deps.hearings.choicesOf(steeringGroupId, hearingId));
    this.groupReads = new CoalescedRead(async (groupId) => {
      const kept = this.groups.get(groupId);
      if (kept && deps.clock.now().getTime() - kept.at < GROUP_KEPT_MS) return kept.group;
      const group = await deps.groups.getGroup(groupId);
      const frozen = group && deepFreeze(group);
      if (this.groups.size >= MAX_GROUPS_KEPT) this.groups.clear();
      this.groups.set(groupId, { at: deps.clock.now().getTime(), group: frozen });
      return frozen;
    });
  }

  /**
   * Updates the shared vote card in place (best effort: the tally is also in the result). Coalesced
   * per hearing (see CoalescedRefresh): at most one update in flight, the next one shows the latest
   * state. Resolves when an update that read the hearing after this call has finished; never rejects
   * (failures go to onError).
   */
  refreshSharedCard(hearingId: string): Promise<void> {
    return this.refresh.request(hearingId, { now: true });
  }

  /** Resolves when no shared-card update is in flight or pending (tests, graceful shutdown). */
  idle(): Promise<void> {
    return this.refresh.idle();
  }

  private async updateSharedCard(hearingId: string): Promise<void> {
    const hearing = await this.scope.get(hearingId);
    if (!hearing?.activityId) return;
    await this.scope.deps.messenger.updateInGroup(this.scope.steeringGroupId, hearing.activityId, {
      card: await this.sharedCard(hearing),
    });
  }

  async tally(hearing: Hearing): Promise<VoteTally> {
    if (hearing.result) return hearing.result;
    return tallyChoices(await this.choices.get(hearing.id), hearing.eligibleVoterIds);
  }

  async sharedCard(hearing: Hearing, locale: Locale = this.scope.locale) {
    return this.card(hearing, locale);
  }

  /**
   * The card as `viewerId` should see it: with their own vote when they are a voter, and without
   * the vote buttons (saying when it ended) when their term has ended.
   */
  async userCard(hearing: Hearing, viewerId: string | undefined, locale: Locale, notice?: string) {
    return this.card(hearing, locale, await this.viewerOf(hearing, viewerId), notice);
  }

  /** May the viewer vote (listed, and their term still running on today's Copenhagen date), and their vote. */
  async viewerOf(hearing: Hearing, viewerId: string | undefined): Promise<HearingViewer> {
    if (viewerId === undefined) return { eligible: false };
    const { deps, steeringGroupId } = this.scope;
    const listed = hearing.eligibleVoterIds.includes(viewerId);
    const [memberships, vote] = await Promise.all([
      deps.people.membersOf(steeringGroupId),
      listed ? deps.hearings.getVote(steeringGroupId, hearing.id, viewerId) : undefined,
    ]);
    const today = localToday(deps.clock, deps.governance.timeZone);
    const standing = voterStanding(memberships, viewerId, steeringGroupId, today);
    if (standing.kind === 'term-ended') return { eligible: false, vote, termEndedOn: standing.endedOn };
    return { eligible: listed, vote };
  }

  /** The voter's own card right after a recorded vote, from what the vote already read (no re-reads). */
  async votedCard(result: RecordedBallot, locale: Locale, notice?: string) {
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
    viewer?: HearingViewer,
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
      timeZone: this.scope.deps.governance.timeZone,
      hearing,
      tally: knownTally ?? (await this.tally(hearing)),
      proposingGroupName: localText(proposing?.name, locale) || hearing.proposingGroupId,
      parentGroupName: localText(parent?.name, locale) || hearing.proposal.parentGroupId,
      viewer,
      notice,
      tabUrl: this.scope.tabUrl,
    });
  }

  /** Every hearing of the steering group with its tally (the hearing list). */
  async list(): Promise<Array<{ hearing: Hearing; tally: VoteTally }>> {
    const stored = await this.scope.deps.hearings.list(this.scope.steeringGroupId);
    const hearings = stored.map(plainHearing);
    return Promise.all(hearings.map(async (hearing) => ({ hearing, tally: await this.tally(hearing) })));
  }
}
