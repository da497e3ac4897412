/**
 * The working group's members on approval (issue 22.3): each proposed member becomes a membership
 * with the group's end date, the chair as chair; a retried approval creates nothing twice; a
 * member who cannot be created is reported to the secretariat while the approval stands; and the
 * proposal form gives an e-mail the register does not know a `manual-` id of its own.
 */
import { SqliteStore } from '../../src/platform/storage/sqlite/sqlite-store';
import { workingGroupsFeature } from '../../src/features/working-groups/working-groups-feature';
import { translatorFor } from '../../src/platform/i18n';
import type { AppServices } from '../../src/app/app-services';
import type { CardActionContext } from '../../src/platform/teams/feature';
import type { WorkingGroupProposal } from '../../src/features/working-groups';
import {
  approved,
  GROUP_ID,
  PROPOSAL,
  withEnglish,
  workingGroupWorld,
  type WorkingGroupWorld,
} from './support';

let w: WorkingGroupWorld;
afterEach(async () => w.store.close());

const membersOfGroup = async () =>
  (await w.people.membersOf(GROUP_ID)).map((m) => [m.personId, m.role, m.termStart, m.plannedEnd, m.endedOn]);

describe('members on approval', () => {
  it("creates each proposed member until the group's end, the chair as chair, under the parent", async () => {
    w = await workingGroupWorld(SqliteStore.inMemory());
    const group = await approved(w);
    expect(group).toMatchObject({ id: GROUP_ID, parentGroupId: 'ref-arkitektur', plannedEnd: '2027-06-30' });
    expect((await membersOfGroup()).sort()).toEqual([
      ['p-anna', 'chair', '2027-02-01', '2027-06-30', undefined],
      ['p-bo', 'member', '2027-02-01', '2027-06-30', undefined],
    ]);
    expect((await w.people.getPerson('p-anna'))?.email).toBe('anna@aarhus.example');
    // Everyone was created: the secretariat is told nothing.
    expect(w.messenger.postsTo('secretariat')).toEqual([]);
  });

  it('a retried approval (the hearing closed again) creates no group, membership or audit entry twice', async () => {
    w = await workingGroupWorld(SqliteStore.inMemory());
    await approved(w);
    const auditBefore = await w.audit.export('2027-01', '2027-01');
    const again = await approved(w);
    expect(again.id).toBe(GROUP_ID);
    expect(await w.people.membersOf(GROUP_ID)).toHaveLength(2);
    expect((await w.groups.listGroups()).filter((g) => g.kind === 'working')).toHaveLength(1);
    expect(await w.audit.export('2027-01', '2027-01')).toHaveLength(auditBefore.length);
  });

  it('reports a member who cannot be created to the secretariat; the others are created and the approval stands', async () => {
    w = await workingGroupWorld(SqliteStore.inMemory());
    const proposal: Partial<WorkingGroupProposal> = {
      members: [
        ...PROPOSAL.members,
        // An old proposal's member without a person reference, and an organisation nobody knows.
        { name: 'Carl Gammel', organisation: 'KL' },
        { name: 'Dorte Ukendt', organisation: 'Ukendt Forening', personId: 'p-dorte' },
      ],
    };
    const group = await approved(w, proposal);
    expect(group.status).toBe('active');
    expect((await w.people.membersOf(GROUP_ID)).map((m) => m.personId).sort()).toEqual(['p-anna', 'p-bo']);
    const [report] = w.messenger.postsTo('secretariat');
    expect(report!.message.text).toContain('Fælles log-format');
    expect(report!.message.text).toContain('Carl Gammel (no-person)');
    expect(report!.message.text).toContain('Dorte Ukendt');
    expect(report!.message.text).toContain('kunne ikke oprettes');
  });

  it('an unreachable secretariat does not undo the approval', async () => {
    w = await workingGroupWorld(SqliteStore.inMemory(), { unbound: ['secretariat'] });
    const group = await approved(w, {
      members: [...PROPOSAL.members, { name: 'Carl Gammel', organisation: 'KL' }],
    });
    expect(group.status).toBe('active');
    expect(await w.people.membersOf(GROUP_ID)).toHaveLength(2);
    expect(w.messenger.posts).toEqual([]);
  });

  it("reports in the secretariat's language when the governance gives it English", async () => {
    w = await workingGroupWorld(SqliteStore.inMemory(), { governance: withEnglish('secretariat') });
    await approved(w, { members: [...PROPOSAL.members, { name: 'Carl Gammel', organisation: 'KL' }] });
    expect(w.messenger.postsTo('secretariat')[0]!.message.text).toContain('could not be created');
  });
});

describe('the proposal form: a member given by e-mail', () => {
  it('gets the register id for a known e-mail and a manual id (never the e-mail) for an unknown one', async () => {
    w = await workingGroupWorld(SqliteStore.inMemory());
    let opened: WorkingGroupProposal | undefined;
    const services = {
      clock: w.clock,
      governance: w.governance,
      groups: w.groups,
      messenger: w.messenger,
      peopleSearch: {
        byEmail: async (email: string) => (email === 'rikke@kombit.example' ? { id: 'r1' } : undefined),
      },
      hearings: {
        ranking: async () => [],
        eligibleVoters: async () => ['s1'],
        open: async (input: { proposal: WorkingGroupProposal }) => {
          opened = input.proposal;
          return { id: 'h-1', proposal: input.proposal };
        },
      },
    } as unknown as AppServices;
    const verb = 'workingGroup.propose';
    const spec = workingGroupsFeature.cardActions!.find((a) => a.verb === verb)!;
    const ref = (await w.groups.getGroup('ref-arkitektur'))!;
    const values = {
      title: PROPOSAL.title,
      problem: PROPOSAL.problem,
      mandate: PROPOSAL.mandate,
      parentGroupId: 'ref-arkitektur',
      members:
        'Rikke Ærø; Aarhus Kommune; Rikke@Kombit.example\nNy Person; KL; ny@kl.example\nUden Mail; UDK',
      chair: 'Rikke Ærø',
      resources: '',
      costKr: '0',
      priority: '1',
      startDate: '2027-02-01',
      endDate: '2027-06-30',
    };
    const ctx = {
      locale: 'da',
      t: translatorFor('da'),
      actor: { aadObjectId: 'r1', channelAccountId: '29:r1', name: 'Rikke Ærø', roles: ['member'] },
      conversation: { kind: 'channel', conversationId: 'c1', channelId: 'ch-1', teamId: 't1' },
      boundGroup: { group: ref },
      services,
      commands: [],
      features: [],
      reply: async () => undefined,
      verb,
      data: { verb, ...values },
    } as unknown as CardActionContext;
    const answer = await spec.handle(ctx);
    expect(answer.kind).toBe('card');
    const [rikke, ny, uden] = opened!.members;
    expect(rikke).toMatchObject({ personId: 'r1', email: 'rikke@kombit.example' });
    expect(ny!.personId).toMatch(/^manual-[0-9a-f-]{36}$/);
    expect(ny!.personId).not.toContain('ny@kl.example');
    expect(uden!.personId).toBeUndefined();
  });
});
