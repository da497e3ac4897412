/**
 * The close outbox: what follows a hearing's result (the audit entry, the orientation item on the
 * steering group's next meeting record, the working group or its removal from the ranking, the
 * announcements, the request to bind the new group, the final vote card). Each effect is marked in `effectsDone` on the hearing when done, and the next close()
 * call does the ones still missing (the scheduler retries a failed close): each effect happens at
 * least once, and at most once unless the process dies between doing it and marking it (then a post
 * may be repeated once).
 */
import type { OutboundMessage } from '../../domain/ports';
import { bindRequestCard, plannedRankingId } from '../working-groups';
import type { HearingCards } from './hearing-card-refresh';
import { hearingResultCard } from './hearing-result-cards';
import type { HearingOutcomeSink, HearingScope } from './hearing-scope';
import type { Hearing, HearingResult } from './hearings-repository';
import { plainHearing } from './hearings-repository';
import { localText } from '../../domain/localized-text';
import { administeringBodyId } from '../../domain/governance';

const EFFECTS = {
  audit: 'audit',
  workingGroup: 'working-group',
  card: 'card',
  ranking: 'ranking',
  bindRequest: 'bind-request',
  record: 'record',
  announce: (groupId: string) => `announce:${groupId}`,
};

/** The effects of one closed hearing, in order; `current` is the hearing as last marked. */
export class CloseOutbox {
  private readonly result: HearingResult;
  private readonly id: string;

  constructor(
    private readonly scope: HearingScope,
    private readonly cards: HearingCards,
    private current: Hearing,
  ) {
    this.result = current.result!;
    this.id = current.id;
  }

  async run(): Promise<void> {
    await this.once(EFFECTS.audit, () => this.auditClose());
    const outcomes = this.scope.deps.outcomes;
    if (outcomes) await this.once(EFFECTS.record, () => this.tellRecord(outcomes));
    if (this.result.outcome === 'approved') {
      await this.once(EFFECTS.workingGroup, async () => {
        const group = await this.scope.deps.workingGroups.createFromHearing(this.current);
        return { workingGroupId: group.id };
      });
    } else {
      await this.once(EFFECTS.ranking, () =>
        this.scope.deps.workingGroups.removeFromRanking(plannedRankingId(this.id)),
      );
    }
    for (const groupId of [this.scope.steeringGroupId, this.current.proposingGroupId]) {
      await this.once(EFFECTS.announce(groupId), async () => {
        await this.scope.deps.messenger.postToGroup(groupId, this.resultMessage(groupId));
      });
    }
    if (this.current.workingGroupId) {
      const groupId = this.current.workingGroupId;
      await this.once(EFFECTS.bindRequest, () => this.requestBinding(groupId));
    }
    await this.once(EFFECTS.card, () => this.cards.refreshSharedCard(this.id));
  }

  /** Does `effect` unless it is marked done, then marks it (with the change it returns). */
  private async once(effect: string, run: () => Promise<Partial<Hearing> | void>): Promise<void> {
    if (this.current.effectsDone.includes(effect)) return;
    const change = (await run()) ?? {};
    const saved = await this.scope.deps.hearings.update(this.scope.steeringGroupId, this.id, (latest) =>
      latest.effectsDone.includes(effect)
        ? undefined
        : { ...latest, ...change, effectsDone: [...latest.effectsDone, effect] },
    );
    this.current = plainHearing(saved);
  }

  private async auditClose(): Promise<void> {
    await this.scope.deps.audit.append({
      at: this.current.closedAt ?? this.scope.deps.clock.now().toISOString(),
      actorId: 'system',
      action: 'hearing.close',
      subject: `hearing:${this.id}`,
      details: { ...this.result, rule: this.current.rule },
    });
  }

  /** The outcome for the steering group's next meeting record: what, the tally, when (an orientation item). */
  private async tellRecord(outcomes: HearingOutcomeSink): Promise<void> {
    const { approve, reject, abstain, eligibleCount, outcome } = this.result;
    await outcomes.hearingClosed({
      hearingId: this.id,
      title: this.current.proposal.title,
      outcome,
      approve,
      reject,
      abstain,
      eligible: eligibleCount,
      decidedAt: this.current.closedAt ?? this.scope.deps.clock.now().toISOString(),
      groupId: this.scope.steeringGroupId,
    });
  }

  /** The result card posted in the steering group's and the proposing group's channels, in each one's language. */
  private resultMessage(channelId: string): OutboundMessage {
    const { steeringGroupId } = this.scope;
    const locale = this.scope.channelLanguage(channelId);
    const t = this.scope.channelTranslator(channelId);
    const current = this.current;
    const votes = this.result.counted.map((vote) => ({
      ...vote,
      hearingId: this.id,
      hearingGroupId: steeringGroupId,
    }));
    return {
      card: hearingResultCard({
        t,
        locale,
        hearing: current,
        votes,
        voterName: (voterId) =>
          current.voterNames[voterId] ?? votes.find((v) => v.voterId === voterId)?.voterName ?? voterId,
        workingGroupId: current.workingGroupId,
        tabUrl: this.scope.tabUrl,
      }),
      summary: t('hearings.resultTitle', {
        title: current.proposal.title,
        outcome: t(`hearings.outcome_${this.result.outcome}`),
      }),
    };
  }

  /** Asks the secretariat to bind the new working group to a channel. */
  private async requestBinding(groupId: string): Promise<void> {
    const { deps } = this.scope;
    const administration = administeringBodyId(deps.governance);
    const locale = this.scope.channelLanguage(administration);
    const group = await deps.groups.getGroup(groupId);
    const parent = await deps.groups.getGroup(this.current.proposal.parentGroupId);
    if (!group) return;
    const message = {
      card: bindRequestCard(
        this.scope.channelTranslator(administration),
        locale,
        group,
        localText(parent?.name, locale) || this.current.proposal.parentGroupId,
      ),
    };
    // The secretariat's route (its channel, else its members in personal chat), never the steering
    // group's channel. Best effort: the close runs on a vote's path, and the new group is listed
    // unbound for the secretariat anyway.
    await deps.messenger
      .postToGroup(administration, message)
      .catch((error: unknown) => deps.onError?.(error, 'bind request to the secretariat'));
  }
}
