/**
 * A reminder to a person is in their own language (issue 26.5): the owner who chose English
 * (`sprog en`) gets the follow-up reminder in English; without a choice it is in the bodies' language.
 */
import { createScheduler } from '../../src/app/scheduler';
import { LanguagePreferences } from '../../src/features/language';
import { SqliteStore } from '../../src/platform/storage/sqlite/sqlite-store';
import { governance, recordWorld, SECRETARIAT, type RecordWorld } from './support';

let w: RecordWorld;

beforeEach(async () => {
  w = await recordWorld(SqliteStore.inMemory());
});
afterEach(async () => w.store.close());

async function remindedText(): Promise<string> {
  const saved = await w.service.saveItem({
    groupId: 'steering',
    meetingId: 'm-2027-03',
    itemId: 'p-arkitektur',
    expectedRevision: 0,
    submission: {
      decision: 'Besluttet.',
      actionWhat: 'Send notatet',
      actionOwner: 'p1',
      actionDue: '2027-03-20',
    },
    editor: SECRETARIAT,
  });
  if (saved.kind !== 'saved') throw new Error(saved.kind);
  const scheduler = createScheduler({
    store: w.store,
    governance,
    messenger: w.messenger,
    groups: { listGroups: async () => [] },
    meetings: { listUpcoming: async () => [] },
    languages: new LanguagePreferences(w.store),
    instanceId: 'one',
  });
  await scheduler.runScan(new Date('2027-03-17T08:00:00.000Z'));
  expect(w.messenger.posts).toHaveLength(1);
  return JSON.stringify(w.messenger.posts[0]!.message.card);
}

it("is in the owner's own language when they chose one", async () => {
  await new LanguagePreferences(w.store).set('p1', 'en', new Date('2027-03-01T00:00:00.000Z'));
  const text = await remindedText();
  expect(text).toContain('20 March 2027');
  expect(text).not.toContain('20. marts 2027');
});

it("is in the bodies' language when the owner chose none", async () => {
  expect(await remindedText()).toContain('20. marts 2027');
});
