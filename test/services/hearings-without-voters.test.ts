/**
 * A hearing cannot open without eligible voters: the service refuses, the proposer's card says so
 * and nothing is stored, the secretariat hears of it; and no rule reads the silence of nobody as
 * consent.
 */
import { decideHearing } from '../../src/features/hearings/domain/hearing';
import { workingGroupsFeature } from '../../src/features/working-groups';
import { WORKING_GROUP_VERBS } from '../../src/features/working-groups/working-group-cards';
import type { AppServices } from '../../src/app/app-services';
import type { Group } from '../../src/domain/model';
import { translatorFor } from '../../src/platform/i18n';
import { SqliteStore } from '../../src/platform/storage/sqlite/sqlite-store';
import type { CardActionContext } from '../../src/platform/teams/feature';
import { hearingWorld, PROPOSAL, type HearingWorld } from './hearings-fixture';

const REFERENCE: Group = {
  id: 'ref-arkitektur',
  kind: 'reference',
  name: { da: 'Referencegruppe for arkitektur', en: 'Architecture reference group' },
  status: 'active',
  createdAt: '2026-01-01T00:00:00.000Z',
};

function proposeContext(w: HearingWorld): CardActionContext {
  return {
    locale: 'da',
    t: translatorFor('da'),
    actor: { aadObjectId: 'ref1', channelAccountId: '29:ref1', name: 'Rita Ref', roles: ['member'] },
    conversation: { kind: 'channel', conversationId: 'c1', channelId: 'ch-ref', teamId: 't1' },
    boundGroup: {
      group: REFERENCE,
      binding: {
        groupId: REFERENCE.id,
        teamId: 't1',
        channelId: 'ch-ref',
        boundBy: 'x',
        boundAt: '2026-01-01T00:00:00.000Z',
      },
    },
    services: {
      clock: w.clock,
      governance: w.governance,
      hearings: w.service,
      workingGroups: w.workingGroups,
      members: w.people,
      messenger: w.messenger,
      groups: w.groups,
    } as unknown as AppServices,
    commands: [],
    features: [],
    reply: async () => undefined,
    verb: WORKING_GROUP_VERBS.propose,
    data: {
      title: PROPOSAL.title,
      problem: PROPOSAL.problem,
      mandate: PROPOSAL.mandate,
      parentGroupId: PROPOSAL.parentGroupId,
      members: PROPOSAL.members.map((m) => `${m.name}; ${m.organisation}`).join('\n'),
      chair: PROPOSAL.chair,
      resources: PROPOSAL.resources.map((r) => `${r.organisation}; ${r.hours}`).join('\n'),
      costKr: String(PROPOSAL.costKr),
      priority: '1',
      startDate: PROPOSAL.startDate,
      endDate: PROPOSAL.endDate,
    },
  };
}

describe('a hearing with nobody to vote', () => {
  it('is refused by the service, and nothing is stored', async () => {
    const w = await hearingWorld(SqliteStore.inMemory(), { voterCount: 0 });
    await expect(
      w.service.open({
        proposal: PROPOSAL,
        proposingGroupId: 'ref-arkitektur',
        proposer: { id: 'ref1', name: 'Rita Ref' },
      }),
    ).rejects.toThrow(/without eligible voters/);
    expect(await w.service.list()).toEqual([]);
  });

  it('the proposer is told on the card and the secretariat in its channel', async () => {
    const w = await hearingWorld(SqliteStore.inMemory(), { voterCount: 0 });
    const action = workingGroupsFeature.cardActions!.find(
      (spec) => spec.verb === WORKING_GROUP_VERBS.propose,
    )!;
    const result = await action.handle(proposeContext(w));
    expect(result).toEqual({ kind: 'message', text: translatorFor('da')('workingGroups.noEligibleVoters') });
    expect(await w.service.list()).toEqual([]);
    const notice = w.messenger.posts.filter((post) => post.groupId === 'secretariat');
    expect(notice).toHaveLength(1);
    expect(notice[0]!.message.text).toContain(PROPOSAL.title);
  });

  it('with voters, the same proposal opens its hearing', async () => {
    const w = await hearingWorld(SqliteStore.inMemory(), { voterCount: 3 });
    const action = workingGroupsFeature.cardActions!.find(
      (spec) => spec.verb === WORKING_GROUP_VERBS.propose,
    )!;
    const result = await action.handle(proposeContext(w));
    expect(result.kind).toBe('card');
    expect(await w.service.list()).toHaveLength(1);
  });

  it('no rule reads the silence of nobody as consent', () => {
    for (const kind of ['silence-is-consent', 'majority-with-quorum'] as const) {
      const decision = decideHearing({
        votes: [],
        eligibleVoterIds: [],
        rule: { kind, quorumShare: 0.5 },
        closed: true,
      });
      expect(decision.outcome).toBe('no-quorum');
    }
  });
});
