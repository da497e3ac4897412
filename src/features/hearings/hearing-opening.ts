/**
 * Opening a hearing on a working-group proposal (the voters fixed when it opens, its place in the
 * ranking, the vote card in the steering group's channel) and its withdrawal by the proposer.
 */
import { createHash, randomUUID } from 'node:crypto';
import { isActiveOn } from '../../domain/terms';
import { localDate } from '../../domain/time';
import { hearingClosesAt } from './domain/hearing-deadline';
import { plannedRankingId, type WorkingGroupProposal } from '../working-groups';
import type { HearingCards } from './hearing-card-refresh';
import type { HearingScope, Voter } from './hearing-scope';
import type { Hearing } from './hearings-repository';
import { plainHearing } from './hearings-repository';

export interface OpenInput {
  proposal: WorkingGroupProposal;
  proposingGroupId: string;
  proposer: Voter;
  requestKey?: string;
}

export type WithdrawResult =
  | { kind: 'withdrawn'; hearing: Hearing }
  | { kind: 'not-found' }
  | { kind: 'not-proposer'; hearing: Hearing }
  | { kind: 'not-open'; hearing: Hearing };

/** The same proposer and request key give the same id, so a submit delivered twice opens one hearing. */
function hearingIdOf(input: OpenInput): string {
  return input.requestKey
    ? createHash('sha256').update(`${input.proposer.id}|${input.requestKey}`).digest('hex').slice(0, 10)
    : randomUUID().slice(0, 8);
}

export class HearingOpening {
  constructor(
    private readonly scope: HearingScope,
    private readonly cards: HearingCards,
  ) {}

  /** Steering-group members and chair whose membership is current on `date` (YYYY-MM-DD). */
  async eligibleVoters(date: string): Promise<string[]> {
    const memberships = await this.scope.deps.people.membersOf(this.scope.steeringGroupId);
    const current = memberships.filter(
      (m) => (m.role === 'member' || m.role === 'chair') && isActiveOn(m, date),
    );
    return [...new Set(current.map((m) => m.personId))].sort();
  }

  /** Started and planned working groups in priority order (for the proposal card). */
  async ranking() {
    const open = await this.scope.deps.hearings.listOpen(this.scope.steeringGroupId);
    return this.scope.deps.workingGroups.ranking(
      new Map(open.map((h) => [plannedRankingId(h.id), h.proposal.title])),
    );
  }

  /**
   * Opens the hearing and posts the vote card in the steering group's channel. `requestKey`
   * (e.g. the proposal card's activity id) makes a submit delivered twice open one hearing.
   */
  async open(input: OpenInput): Promise<Hearing> {
    const { deps, steeringGroupId } = this.scope;
    const now = deps.clock.now();
    const id = hearingIdOf(input);
    const existing = await deps.hearings.get(steeringGroupId, id);
    if (existing) return plainHearing(existing);
    const hearing = await this.newHearing(id, input, now);
    try {
      await deps.hearings.create(hearing);
    } catch (error) {
      if ((error as { code?: string }).code === 'already-exists') {
        return plainHearing((await deps.hearings.get(steeringGroupId, id))!);
      }
      throw error;
    }
    return this.announceOpened(hearing, input);
  }

  /** The hearing as it opens: the voters current today, its close at the end of a working day. */
  private async newHearing(id: string, input: OpenInput, now: Date): Promise<Hearing> {
    const { deps, steeringGroupId } = this.scope;
    const zone = deps.governance.timeZone;
    const eligibleVoterIds = await this.eligibleVoters(localDate(now, zone));
    if (eligibleVoterIds.length === 0) throw new Error('a hearing cannot open without eligible voters');
    const voterNames: Record<string, string> = {};
    for (const voterId of eligibleVoterIds) {
      const person = await deps.people.getPerson(voterId);
      if (person && !person.anonymisedAt) voterNames[voterId] = person.name;
    }
    const rule = deps.governance.hearing;
    return {
      id,
      hearingGroupId: steeringGroupId,
      proposingGroupId: input.proposingGroupId,
      proposerId: input.proposer.id,
      proposerName: input.proposer.name,
      proposal: input.proposal,
      openedAt: now.toISOString(),
      closesAt: hearingClosesAt(now, rule.closingDays, zone),
      eligibleVoterIds,
      voterNames,
      rule: { kind: rule.rule, quorumShare: rule.quorumShare },
      status: 'open',
      effectsDone: [],
    };
  }

  /** The new hearing's planned place in the ranking, its audit entry and its vote card. */
  private async announceOpened(hearing: Hearing, input: OpenInput): Promise<Hearing> {
    const { deps, steeringGroupId } = this.scope;
    const id = hearing.id;
    const visible = (await this.ranking()).map((entry) => entry.id);
    await deps.workingGroups.placePlanned(id, input.proposal.priority, visible);
    await deps.audit.append({
      at: hearing.openedAt,
      actorId: input.proposer.id,
      action: 'hearing.open',
      subject: `hearing:${id}`,
      details: {
        proposingGroupId: input.proposingGroupId,
        proposal: input.proposal,
        closesAt: hearing.closesAt,
        eligibleVoterIds: hearing.eligibleVoterIds,
      },
    });
    const { activityId } = await deps.messenger.postToGroup(steeringGroupId, {
      card: await this.cards.sharedCard(hearing),
      summary: this.scope.t('hearings.cardTitle', { title: input.proposal.title }),
    });
    const saved = await deps.hearings.update(steeringGroupId, id, (current) => ({ ...current, activityId }));
    return plainHearing(saved);
  }

  /** The proposer takes the proposal back while the hearing is open: nothing is decided. */
  async withdraw(hearingId: string, actorId: string): Promise<WithdrawResult> {
    const { deps, steeringGroupId } = this.scope;
    const stored = await deps.hearings.get(steeringGroupId, hearingId);
    if (!stored) return { kind: 'not-found' };
    if (stored.proposerId !== actorId) return { kind: 'not-proposer', hearing: plainHearing(stored) };
    const at = deps.clock.now().toISOString();
    let won = false;
    const saved = await deps.hearings.update(steeringGroupId, hearingId, (current) => {
      won = false;
      if (current.status !== 'open') return undefined;
      won = true;
      return { ...current, status: 'withdrawn', withdrawnAt: at };
    });
    const hearing = plainHearing(saved);
    if (!won)
      return hearing.status === 'withdrawn' ? { kind: 'withdrawn', hearing } : { kind: 'not-open', hearing };
    await this.announceWithdrawal(hearing, actorId, at);
    return { kind: 'withdrawn', hearing };
  }

  private async announceWithdrawal(hearing: Hearing, actorId: string, at: string): Promise<void> {
    const { deps } = this.scope;
    await deps.workingGroups.removeFromRanking(plannedRankingId(hearing.id));
    await deps.audit.append({
      at,
      actorId,
      action: 'hearing.withdraw',
      subject: `hearing:${hearing.id}`,
    });
    await this.cards.refreshSharedCard(hearing.id);
    await deps.messenger
      .postToGroup(hearing.proposingGroupId, {
        text: this.scope.channelTranslator(hearing.proposingGroupId)('hearings.withdrawnNotice', {
          title: hearing.proposal.title,
        }),
      })
      .catch((error: unknown) => deps.onError?.(error, 'withdraw notice'));
  }
}
