/**
 * An endorsement's outcome in its readers' languages (issue 26.5): the notice in the reference
 * group's channel in that body's language, the rejected author's personal message in theirs, and
 * the endorsed item on the steering agenda in the steering group's.
 */
import type { Governance } from '../../src/domain/governance';
import { personAddress } from '../../src/domain/person-address';
import { SqliteStore } from '../../src/platform/storage/sqlite/sqlite-store';
import {
  draft,
  endorsementWorld,
  governance,
  STEERING_MEETING,
  vote,
  type EndorsementWorld,
} from './support';

const AFTER_PERIOD = '2027-01-16T10:00:00.000Z';
const englishReference: Governance = {
  ...governance,
  bodies: governance.bodies.map((body) =>
    body.id === 'ref-arkitektur' ? { ...body, language: 'en' } : body,
  ),
};

let w: EndorsementWorld;
afterEach(async () => w.store.close());

async function rejected(): Promise<void> {
  await draft(w);
  await vote(w, 'r1', 'for');
  await vote(w, 'r2', 'against');
  w.clock.set(AFTER_PERIOD);
  const result = await w.service.close('steering', 'ci-1');
  expect(result.kind === 'closed' && result.endorsement.status).toBe('rejected');
}

it('tells an author who chose English in English, the Danish reference group in Danish', async () => {
  w = await endorsementWorld(SqliteStore.inMemory(), {
    languages: { preferenceOf: async (personId) => (personId === 'r1' ? 'en' : undefined) },
  });
  await rejected();
  const [author] = w.messenger.postsTo(personAddress('r1'));
  expect(author!.message.text).toContain('was not adopted');
  expect(author!.message.text).toContain('For: 1 · Against: 1');
  const [channel] = w.messenger.postsTo('ref-arkitektur');
  expect(channel!.message.text).toContain('Imod: 1');
});

it("posts the notice in an English reference group's language, the author without a choice in the default", async () => {
  w = await endorsementWorld(SqliteStore.inMemory(), { governance: englishReference });
  await rejected();
  expect(w.messenger.postsTo('ref-arkitektur')[0]!.message.text).toContain('did not adopt');
  expect(w.messenger.postsTo(personAddress('r1'))[0]!.message.text).toContain('blev ikke vedtaget');
});

it("writes the endorsed item for the Danish steering agenda in Danish, whatever the reference group's language", async () => {
  w = await endorsementWorld(SqliteStore.inMemory(), { governance: englishReference });
  await draft(w);
  await vote(w, 'r1', 'for');
  w.clock.set(AFTER_PERIOD);
  await w.service.close('steering', 'ci-1');
  const [item] = await w.proposals.forMeeting('steering', STEERING_MEETING.id);
  expect(item!.title).toMatch(/^Indstilling fra referencegruppen /);
  expect(w.messenger.postsTo('ref-arkitektur')[0]!.message.text).toContain('adopted the endorsement');
});
