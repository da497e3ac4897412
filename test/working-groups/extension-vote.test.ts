/**
 * The parent reference group's vote on an extension (issue 22.3): a majority of the answers under
 * the parent's `endorsement` rule decides after its period; a vote too late, twice or from someone
 * outside the parent gets its answer and stores nothing; approved, the new end date reaches the
 * group, its members' memberships are untouched, and the steering group hears of it in its
 * channel (unbound: the secretariat), each post in its body's language.
 */
import { personAddress } from '../../src/domain/person-address';
import type { Governance } from '../../src/domain/governance';
import { SqliteStore } from '../../src/platform/storage/sqlite/sqlite-store';
import { translatorFor } from '../../src/platform/i18n';
import type { AppServices } from '../../src/app/app-services';
import type { CardActionContext } from '../../src/platform/teams/feature';
import { workingGroupsFeature } from '../../src/features/working-groups/working-groups-feature';
import type { ExtensionRequest } from '../../src/features/working-groups/domain/extension';
import {
  actor,
  approved,
  governance,
  GROUP_ID,
  withEnglish,
  workingGroupWorld,
  type WorkingGroupWorld,
} from './support';

let w: WorkingGroupWorld;
afterEach(async () => w.store.close());

async function requested(reason = 'Analysen kræver mere tid'): Promise<ExtensionRequest> {
  await approved(w);
  const result = await w.extensions.request(await actor(w, 'r1'), GROUP_ID, '2027-09-30', reason);
  if (result.kind !== 'requested') throw new Error(result.kind);
  return result.request;
}

const vote = (request: ExtensionRequest, voterId: string, choice: 'for' | 'against') =>
  w.extensions.vote({ parentGroupId: 'ref-arkitektur', requestId: request.id, voterId, choice });

const votes = (request: ExtensionRequest) => w.extensionRepository.votesOf('ref-arkitektur', request.id);

describe('an extension request voted by the parent reference group', () => {
  it('is approved by a majority of the answers after the period; the steering group is told the new end', async () => {
    w = await workingGroupWorld(SqliteStore.inMemory());
    const request = await requested();
    expect(request).toMatchObject({ from: '2027-06-30', to: '2027-09-30', status: 'open' });
    expect(request.closesAt).toBe('2027-01-16T09:00:00.000Z'); // the default 5 days
    await vote(request, 'r1', 'for');
    await vote(request, 'r2', 'for');
    expect(await vote(request, 'r3', 'against')).toMatchObject({
      kind: 'voted',
      tally: { for: 2, against: 1 },
    });

    w.clock.set(request.closesAt);
    const closed = await w.extensions.close('ref-arkitektur', request.id);
    expect(closed).toMatchObject({ kind: 'closed', request: { status: 'approved' } });
    expect((await w.groups.getGroup(GROUP_ID))!.plannedEnd).toBe('2027-09-30');
    expect((await w.workingGroups.charter(GROUP_ID))!.extensions).toEqual([
      expect.objectContaining({ from: '2027-06-30', to: '2027-09-30', reason: 'Analysen kræver mere tid' }),
    ]);
    const [announcement] = w.messenger.postsTo('steering');
    expect(announcement!.message.text).toContain('ny slutdato 2027-09-30 (før 2027-06-30)');
    expect(announcement!.message.text).toContain('For: 2 · Imod: 1');
    // A second close (a retried moment) decides nothing again and tells nobody twice.
    expect((await w.extensions.close('ref-arkitektur', request.id)).kind).toBe('already-closed');
    expect(w.messenger.postsTo('steering')).toHaveLength(1);
  });

  it("counts under the parent's own `endorsement` rule (its days), and a tie rejects", async () => {
    const threeDays: Governance = {
      ...governance,
      bodies: governance.bodies.map((body) =>
        body.id === 'ref-arkitektur'
          ? { ...body, endorsement: { kind: 'majority-of-answers', days: 3 } }
          : body,
      ),
    };
    w = await workingGroupWorld(SqliteStore.inMemory(), { governance: threeDays });
    const request = await requested();
    expect(request.closesAt).toBe('2027-01-14T09:00:00.000Z');
    await vote(request, 'r1', 'for');
    await vote(request, 'r2', 'against');
    w.clock.set(request.closesAt);
    expect(await w.extensions.close('ref-arkitektur', request.id)).toMatchObject({
      request: { status: 'rejected', closed: { tally: { for: 1, against: 1 } } },
    });
    expect((await w.groups.getGroup(GROUP_ID))!.plannedEnd).toBe('2027-06-30');
    expect(w.messenger.postsTo('steering')).toEqual([]);
    // The requester hears of it personally, with the tally.
    expect(w.messenger.postsTo(personAddress('r1'))[0]!.message.text).toContain('For: 1 · Imod: 1');
  });

  it('refuses a vote from outside the parent, a late vote and a vote on a decided request; stores nothing', async () => {
    w = await workingGroupWorld(SqliteStore.inMemory());
    const request = await requested();
    expect(await vote(request, 's1', 'for')).toMatchObject({ kind: 'not-member' });
    expect(await votes(request)).toEqual([]);
    w.clock.set(request.closesAt);
    expect(await vote(request, 'r1', 'for')).toMatchObject({ kind: 'closed' });
    expect(await votes(request)).toEqual([]);
    await w.extensions.close('ref-arkitektur', request.id);
    w.clock.set('2027-01-12T09:00:00.000Z'); // even back within the period: decided is decided
    expect(await vote(request, 'r1', 'for')).toMatchObject({ kind: 'closed' });
    expect(await votes(request)).toEqual([]);
    expect(
      await w.extensions.vote({
        ...{ parentGroupId: 'ref-arkitektur', requestId: 'nope' },
        voterId: 'r1',
        choice: 'for',
      }),
    ).toEqual({ kind: 'not-found' });
  });

  it("a member's second vote replaces the first: one vote each", async () => {
    w = await workingGroupWorld(SqliteStore.inMemory());
    const request = await requested();
    await vote(request, 'r1', 'against');
    expect(await vote(request, 'r1', 'for')).toMatchObject({ tally: { for: 1, against: 0 } });
    expect(await votes(request)).toHaveLength(1);
  });

  it('a request sent again is the same request; a request for a decided one says so', async () => {
    w = await workingGroupWorld(SqliteStore.inMemory());
    const request = await requested();
    const again = await w.extensions.request(await actor(w, 'r1'), GROUP_ID, '2027-09-30', 'igen');
    expect(again).toMatchObject({ kind: 'requested', created: false, request: { id: request.id } });
    w.clock.set(request.closesAt);
    await w.extensions.close('ref-arkitektur', request.id);
    const decided = await w.extensions.request(await actor(w, 'r1'), GROUP_ID, '2027-09-30', 'igen');
    expect(decided).toMatchObject({ kind: 'already-decided' });
  });

  it('without a steering channel the announcement goes to the secretariat', async () => {
    w = await workingGroupWorld(SqliteStore.inMemory(), { unbound: ['steering'] });
    const request = await requested();
    await vote(request, 'r1', 'for');
    w.clock.set(request.closesAt);
    await w.extensions.close('ref-arkitektur', request.id);
    expect(w.messenger.postsTo('secretariat')[0]!.message.text).toContain('ny slutdato 2027-09-30');
  });

  it("announces in each body's language: English to an English steering group, Danish to the Danish parent", async () => {
    w = await workingGroupWorld(SqliteStore.inMemory(), { governance: withEnglish('steering') });
    const request = await requested();
    await vote(request, 'r1', 'for');
    w.clock.set(request.closesAt);
    await w.extensions.close('ref-arkitektur', request.id);
    expect(w.messenger.postsTo('steering')[0]!.message.text).toContain('new end date 2027-09-30');
    expect(w.messenger.postsTo('ref-arkitektur')[0]!.message.text).toContain('ny slutdato 2027-09-30');
  });

  it('tells a rejected requester who chose English in English', async () => {
    w = await workingGroupWorld(SqliteStore.inMemory(), {
      languages: { preferenceOf: async (personId) => (personId === 'r1' ? 'en' : undefined) },
    });
    const request = await requested();
    w.clock.set(request.closesAt);
    await w.extensions.close('ref-arkitektur', request.id);
    expect(w.messenger.postsTo(personAddress('r1'))[0]!.message.text).toContain('For: 0 · Against: 0');
  });
});

describe('the vote through the card: each refusal has its own answer', () => {
  it('tells an outsider, a late voter and a stale card what happened, and stores nothing', async () => {
    w = await workingGroupWorld(SqliteStore.inMemory());
    const request = await requested();
    const verb = 'workingGroup.extensionVote';
    const spec = workingGroupsFeature.cardActions!.find((a) => a.verb === verb)!;
    const press = (voterId: string, requestId = request.id) =>
      spec.handle({
        locale: 'da',
        t: translatorFor('da'),
        actor: { aadObjectId: voterId, channelAccountId: `29:${voterId}`, name: voterId, roles: [] },
        conversation: { kind: 'channel', conversationId: 'c1', channelId: 'ch-1', teamId: 't1' },
        services: {
          workingGroupExtensions: w.extensions,
          governance: w.governance,
        } as unknown as AppServices,
        commands: [],
        features: [],
        reply: async () => undefined,
        verb,
        data: { verb, parentGroupId: 'ref-arkitektur', requestId, choice: 'for' },
      } as unknown as CardActionContext);
    expect(await press('s1')).toEqual({
      kind: 'message',
      text: 'Kun medlemmer af Referencegruppe Arkitektur og udvikling kan stemme om forlængelsen.',
    });
    expect(await press('r1', 'findes-ikke')).toEqual({
      kind: 'message',
      text: 'Forlængelsesanmodningen findes ikke.',
    });
    const voted = await press('r1');
    expect(voted.kind).toBe('card');
    expect(JSON.stringify((voted as { card: object }).card)).toContain('For: 1 · Imod: 0');
    w.clock.set(request.closesAt);
    expect(await press('r2')).toEqual({
      kind: 'message',
      text: 'Afstemningen om forlængelsen er afsluttet.',
    });
    expect((await votes(request)).map((v) => v.voterId)).toEqual(['r1']);
  });
});
