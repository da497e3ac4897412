/**
 * A hearing's posts in each channel's language (issue 26.5): with an English proposing reference
 * group, the result reaches its channel in English and the steering group's in Danish; the
 * withdrawal notice too.
 */
import type { Governance } from '../../src/domain/governance';
import { SqliteStore } from '../../src/platform/storage/sqlite/sqlite-store';
import { baseGovernance, hearingWorld, openHearing, type HearingWorld } from './hearings-fixture';

const englishReference: Governance = {
  ...baseGovernance,
  bodies: baseGovernance.bodies.map((body) =>
    body.id === 'ref-arkitektur' ? { ...body, language: 'en' } : body,
  ),
};

let w: HearingWorld;
beforeEach(async () => {
  w = await hearingWorld(SqliteStore.inMemory(), { governance: englishReference, voterCount: 3 });
});
afterEach(async () => w.store.close());

it("announces the result in the English proposing group's channel in English, in the steering channel in Danish", async () => {
  const hearing = await openHearing(w);
  for (const voter of w.voters) await w.service.vote(hearing.id, { id: voter }, 'approve');
  const [english] = w.messenger.postsTo('ref-arkitektur');
  expect(english!.message.summary).toMatch(/^Result of the hearing on /);
  const danish = w.messenger.postsTo('steering').find((post) => post.message.summary?.includes('Resultat'));
  expect(danish).toBeDefined();
  expect(JSON.stringify(danish!.message.card)).not.toContain('Result of the hearing');
});

it('tells the English proposing group of a withdrawal in English', async () => {
  const hearing = await openHearing(w);
  expect((await w.service.withdraw(hearing.id, 'ref1')).kind).toBe('withdrawn');
  const texts = w.messenger.postsTo('ref-arkitektur').map((post) => post.message.text ?? '');
  expect(texts.some((text) => text.includes('was withdrawn from its hearing'))).toBe(true);
  expect(texts.some((text) => text.includes('trukket tilbage'))).toBe(false);
});
