/**
 * The working groups' posts in the receiving body's language (issue 26.5), whoever's turn caused
 * them: the welcome in the working group's channel (a working group the governance file does not
 * list speaks the file's language), the extension's vote card in the parent reference group's
 * channel, the result notice there and the result's agenda item; the announcement is covered in
 * extension-vote.test.ts.
 */
import { SqliteStore } from '../../src/platform/storage/sqlite/sqlite-store';
import { welcomeOnBinding } from '../../src/features/working-groups';
import { workingGroupsFeature } from '../../src/features/working-groups/working-groups-feature';
import { validateCard } from '../../src/platform/cards/validate';
import { translatorFor } from '../../src/platform/i18n';
import type { AppServices } from '../../src/app/app-services';
import type { CardActionContext, CommandContext, Reply } from '../../src/platform/teams/feature';
import type { Group } from '../../src/domain/model';
import {
  approved,
  governance,
  GROUP_ID,
  withEnglish,
  workingGroupWorld,
  type WorkingGroupWorld,
} from './support';

let w: WorkingGroupWorld;
afterEach(async () => w.store.close());

const json = (value: unknown) => JSON.stringify(value);

/** A Danish turn of `personId` in the channel bound to `bound`. */
function context(personId: string, bound: Group) {
  return {
    locale: 'da',
    t: translatorFor('da'),
    actor: { aadObjectId: personId, channelAccountId: `29:${personId}`, name: personId, roles: ['member'] },
    conversation: { kind: 'channel', conversationId: 'c1', channelId: 'ch-1', teamId: 't1' },
    boundGroup: { group: bound },
    services: {
      workingGroups: w.workingGroups,
      workingGroupExtensions: w.extensions,
      workingGroupResults: w.results,
      governance: w.governance,
      members: w.people,
      messenger: w.messenger,
      groups: w.groups,
    } as unknown as AppServices,
    commands: [],
    features: [],
    reply: async () => undefined,
  };
}

describe("working-group posts in the receiving body's language", () => {
  it("welcomes in the file's language: English when the governance file speaks English", async () => {
    w = await workingGroupWorld(SqliteStore.inMemory(), { governance: { ...governance, language: 'en' } });
    const group = await approved(w);
    await welcomeOnBinding({
      workingGroups: w.workingGroups,
      messenger: w.messenger,
      governance: w.governance,
    })(group);
    const [welcome] = w.messenger.postsTo(GROUP_ID);
    expect(validateCard(welcome!.message.card).problems).toEqual([]);
    expect(json(welcome!.message.card)).toContain('Welcome to the working group Fælles log-format');
    expect(json(welcome!.message.card)).toContain('30 June 2027');
  });

  it('welcomes in Danish by default, and not a dissolved group nor a permanent body', async () => {
    w = await workingGroupWorld(SqliteStore.inMemory());
    const group = await approved(w);
    const welcome = welcomeOnBinding({
      workingGroups: w.workingGroups,
      messenger: w.messenger,
      governance: w.governance,
    });
    await welcome(group);
    await welcome({ ...group, status: 'dissolved' });
    await welcome((await w.groups.getGroup('ref-arkitektur'))!);
    expect(w.messenger.posts).toHaveLength(1);
    expect(json(w.messenger.posts[0]!.message.card)).toContain(
      'Velkommen til arbejdsgruppen Fælles log-format',
    );
  });

  it("posts the extension's vote card in an English parent's channel in English, answering the Danish turn in Danish", async () => {
    w = await workingGroupWorld(SqliteStore.inMemory(), { governance: withEnglish('ref-arkitektur') });
    const group = await approved(w);
    const replies: Reply[] = [];
    const command = workingGroupsFeature.commands!.find((c) => c.id === 'extend-working-group')!;
    const ctx = {
      ...context('r1', group),
      commandName: 'forlæng arbejdsgruppe',
      args: `${GROUP_ID} 2027-09-30 Analysen kræver mere tid`,
      reply: async (message: Reply) => void replies.push(message),
    } as unknown as CommandContext;
    await command.handle(ctx);
    const [posted] = w.messenger.postsTo('ref-arkitektur');
    expect(validateCard(posted!.message.card).problems).toEqual([]);
    expect(json(posted!.message.card)).toContain('Extension of the working group Fælles log-format');
    expect(json(posted!.message.card)).toContain('Against');
    expect(json((replies[0] as { card: object }).card)).toContain('Forlængelse af arbejdsgruppen');
    // Sent again: the same request, and the parent's channel gets no second card.
    await command.handle(ctx);
    expect(w.messenger.postsTo('ref-arkitektur')).toHaveLength(1);
  });

  it('tells an English parent of the result in English; its agenda item is English too', async () => {
    w = await workingGroupWorld(SqliteStore.inMemory(), {
      now: '2027-02-15T09:00:00.000Z',
      governance: withEnglish('ref-arkitektur'),
    });
    const group = await approved(w);
    const verb = 'workingGroup.result';
    const spec = workingGroupsFeature.cardActions!.find((a) => a.verb === verb)!;
    const data = {
      verb,
      groupId: GROUP_ID,
      kind: 'analysis',
      title: 'Ét log-format',
      summary: 'Vi anbefaler ECS.',
      material: '',
    };
    const ctx = { ...context('p-anna', group), verb, data } as unknown as CardActionContext;
    const answer = await spec.handle(ctx);
    expect(answer).toMatchObject({ kind: 'message' });
    expect((answer as { text: string }).text).toContain('er afleveret');
    const [notice] = w.messenger.postsTo('ref-arkitektur');
    expect(notice!.message.text).toBe(
      'The result "Ét log-format" from Fælles log-format is handed in and is on the reference group\'s agenda for the meeting on 2027-03-10. The working group is dissolved.',
    );
    const [item] = await w.proposals.forMeeting('ref-arkitektur', 'm-ark-2027-03');
    expect(item!.title).toMatch(/^Result from the working group /);
  });

  it('tells an English parent of the dissolution in English, answering the Danish dissolver in Danish', async () => {
    w = await workingGroupWorld(SqliteStore.inMemory(), { governance: withEnglish('ref-arkitektur') });
    const group = await approved(w);
    const replies: Reply[] = [];
    const command = workingGroupsFeature.commands!.find((c) => c.id === 'dissolve-working-group')!;
    const base = context('sofie', group);
    const ctx = {
      ...base,
      actor: { ...base.actor, roles: ['administer'] },
      commandName: 'opløs arbejdsgruppe',
      args: GROUP_ID,
      reply: async (message: Reply) => void replies.push(message),
    } as unknown as CommandContext;
    await command.handle(ctx);
    expect(replies).toEqual(['Arbejdsgruppen Fælles log-format er opløst. Dens historik bevares.']);
    expect(w.messenger.postsTo('ref-arkitektur').map((post) => post.message.text)).toEqual([
      'The working group Fælles log-format is dissolved. Its history is kept.',
    ]);
    // The working group's own channel is the one the command came from: it gets the reply, no post.
    expect(w.messenger.postsTo(GROUP_ID)).toEqual([]);
    expect((await w.groups.getGroup(GROUP_ID))?.status).toBe('dissolved');
  });
});
