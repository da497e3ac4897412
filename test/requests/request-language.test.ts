/**
 * A request for input in its readers' languages (issue 26.5): the reference group's card in its
 * body's language, or, while the group has no channel, each member's copy in their own; the
 * steering group's notice and agenda item in the steering group's, whatever the reference group's.
 */
import type { Governance } from '../../src/domain/governance';
import { personAddress } from '../../src/domain/person-address';
import { createScheduler } from '../../src/app/scheduler';
import { requestReminderMomentSource } from '../../src/features/requests';
import { SqliteStore } from '../../src/platform/storage/sqlite/sqlite-store';
import { fileRequest, governance, requestWorld, STEERING_MEETING, type RequestWorld } from './support';

const englishReference: Governance = {
  ...governance,
  bodies: governance.bodies.map((body) =>
    body.id === 'ref-arkitektur' ? { ...body, language: 'en' } : body,
  ),
};
const chosen: Record<string, 'en'> = { r1: 'en' };
const languages = { preferenceOf: async (personId: string) => chosen[personId] };

let w: RequestWorld;
afterEach(async () => w.store.close());

const cardTo = (address: string) => JSON.stringify(w.messenger.postsTo(address)[0]!.message.card);

it("gives each member of an unbound group their own language's copy, the reminder too", async () => {
  w = await requestWorld(SqliteStore.inMemory(), undefined, { languages });
  await fileRequest(w);
  expect(cardTo(personAddress('r1'))).toContain('Request for input: Fælles identitetsløsning');
  expect(cardTo(personAddress('r2'))).toContain('10. februar 2027');
  w.messenger.posts.length = 0;
  await createScheduler({
    store: w.store,
    governance,
    messenger: w.messenger,
    groups: { listGroups: async () => [] },
    meetings: { listUpcoming: async () => [] },
    extraSources: [requestReminderMomentSource({ governance, jobs: w.service })],
    instanceId: 'one',
  }).runScan(new Date('2027-02-07T08:00:00.000Z'));
  expect(cardTo(personAddress('r1'))).toContain('Reminder: due 10 February 2027');
  expect(cardTo(personAddress('r2'))).toContain('Påmindelse: svarfrist 10. februar 2027');
});

it("posts in an English reference group's channel in English, and tells the Danish steering group in Danish", async () => {
  w = await requestWorld(SqliteStore.inMemory(), undefined, { governance: englishReference });
  await w.groups.bind({
    groupId: 'ref-arkitektur',
    teamId: 't',
    channelId: 'c-ref',
    boundBy: 'x',
    boundAt: '2027-01-01T00:00:00.000Z',
  });
  await fileRequest(w);
  expect(cardTo('ref-arkitektur')).toContain('10 February 2027');
  const answered = await w.service.answer({
    steeringGroupId: 'steering',
    requestId: 'ci-1',
    text: 'We recommend OIDC.',
    materialText: '',
    actor: { id: 'r1', name: 'Rikke Ærø' },
  });
  expect(answered.kind).toBe('answered');
  const [notice] = w.messenger.postsTo('steering');
  expect(notice!.message.text).toContain('torsdag 4. marts 2027');
  const [item] = await w.proposals.forMeeting('steering', STEERING_MEETING.id);
  expect(item!.title).toMatch(/^Belysning fra referencegruppen Arkitektur og udvikling: /);
});
