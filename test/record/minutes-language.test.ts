/**
 * The minutes card is posted in its body's channel in that body's language (issue 26.5): an
 * English steering group's draft minutes are English, the file's Danish default otherwise.
 */
import type { Governance } from '../../src/domain/governance';
import { SqliteStore } from '../../src/platform/storage/sqlite/sqlite-store';
import { governance, MEETING, recordWorld, SECRETARIAT, type RecordWorld } from './support';

const englishSteering: Governance = {
  ...governance,
  bodies: governance.bodies.map((body) => (body.id === 'steering' ? { ...body, language: 'en' } : body)),
};

let w: RecordWorld;
afterEach(async () => w.store.close());

async function postedCard(options: { governance?: Governance }): Promise<string> {
  w = await recordWorld(SqliteStore.inMemory(), undefined, options);
  const saved = await w.service.saveItem({
    groupId: 'steering',
    meetingId: MEETING.id,
    itemId: 'p-arkitektur',
    expectedRevision: 0,
    submission: { decision: 'Besluttet.' },
    editor: SECRETARIAT,
  });
  expect(saved.kind).toBe('saved');
  expect((await w.service.postDraft('steering', MEETING.id, SECRETARIAT)).kind).toBe('posted');
  return JSON.stringify(w.messenger.posts[0]!.message);
}

it("posts an English body's draft minutes in English", async () => {
  const card = await postedCard({ governance: englishSteering });
  expect(card).toContain('Minutes of the meeting');
  expect(card).not.toContain('Referat af mødet');
});

it("posts a body's draft minutes in the file's default without a language of its own", async () => {
  expect(await postedCard({})).toContain('Referat af mødet');
});
