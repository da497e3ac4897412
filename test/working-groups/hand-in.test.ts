/**
 * The working group hands in its result (issue 22.3): the result and its accepted item on the
 * parent reference group's next meeting are written in one batch (a failing batch stores neither);
 * then the memberships end that day and the group is dissolved with the result in its charter. A
 * second hand-in, a dissolved group, an outsider and a parent without a meeting are refused with
 * nothing stored. The item's title is in the parent's language.
 */
import { SqliteStore } from '../../src/platform/storage/sqlite/sqlite-store';
import { batchRecordingStore } from '../support/batch-recording-store';
import { resultItemId } from '../../src/features/working-groups/working-group-results';
import {
  actor,
  approved,
  GROUP_ID,
  PARENT_MEETING,
  withEnglish,
  workingGroupWorld,
  type WorkingGroupWorld,
} from './support';

let w: WorkingGroupWorld;
afterEach(async () => w.store.close());

const RESULT = {
  kind: 'decision-proposal' as const,
  title: 'Ét log-format for alle',
  summary: 'Vi foreslår formatet ECS med en plan i tre trin.',
  materialText: 'Notat | https://kombit.sharepoint.com/sites/fki/logformat.pdf',
};

const itemsOfParent = () => w.proposals.forMeeting('ref-arkitektur', PARENT_MEETING.id);

describe('handing in the result', () => {
  it("puts the result on the parent's next agenda, ends the memberships and dissolves the group", async () => {
    w = await workingGroupWorld(SqliteStore.inMemory(), { now: '2027-02-15T09:00:00.000Z' });
    await approved(w);
    const handedIn = await w.results.handIn(await actor(w, 'p-anna'), GROUP_ID, RESULT);
    expect(handedIn).toMatchObject({ kind: 'handed-in', meetingStartsAt: PARENT_MEETING.startsAt });
    const [item] = await itemsOfParent();
    expect(item).toMatchObject({
      id: resultItemId(GROUP_ID),
      status: 'accepted',
      kind: 'decision',
      title: 'Resultat fra arbejdsgruppen Fælles log-format: Ét log-format for alle',
      proposerId: 'p-anna',
      material: [expect.objectContaining({ url: 'https://kombit.sharepoint.com/sites/fki/logformat.pdf' })],
    });
    const stored = await w.resultRepository.get('ref-arkitektur', GROUP_ID);
    expect(stored).toMatchObject({
      title: RESULT.title,
      meetingId: PARENT_MEETING.id,
      agendaItemId: item!.id,
    });
    expect((await w.workingGroups.charter(GROUP_ID))!.result).toEqual(stored);
    expect((await w.people.membersOf(GROUP_ID)).map((m) => m.endedOn)).toEqual(['2027-02-15', '2027-02-15']);
    expect((await w.groups.getGroup(GROUP_ID))!.status).toBe('dissolved');
    const dissolutions = (await w.audit.export('2027-02', '2027-02')).filter(
      (entry) => entry.action === 'working-group.dissolve',
    );
    expect(dissolutions).toEqual([
      expect.objectContaining({ actorId: 'p-anna', details: { reason: 'result' } }),
    ]);
  });

  it('refuses a second hand-in (and one for a dissolved group) with nothing more stored', async () => {
    w = await workingGroupWorld(SqliteStore.inMemory(), { now: '2027-02-15T09:00:00.000Z' });
    await approved(w);
    const anna = await actor(w, 'p-anna');
    await w.results.handIn(anna, GROUP_ID, RESULT);
    const second = await w.results.handIn(await actor(w, 'sec', true), GROUP_ID, {
      ...RESULT,
      title: 'Igen',
    });
    expect(second.kind).toBe('read-only');
    expect(await itemsOfParent()).toHaveLength(1);
    expect((await w.resultRepository.get('ref-arkitektur', GROUP_ID))!.title).toBe(RESULT.title);
  });

  it('a hand-in racing the first one is refused by the store (the result is created once)', async () => {
    w = await workingGroupWorld(SqliteStore.inMemory(), { now: '2027-02-15T09:00:00.000Z' });
    await approved(w);
    const anna = await actor(w, 'p-anna');
    const bo = await actor(w, 'p-bo');
    const results = await Promise.all([
      w.results.handIn(anna, GROUP_ID, RESULT),
      w.results.handIn(bo, GROUP_ID, { ...RESULT, title: 'Bos udgave' }),
    ]);
    expect(results.map((r) => r.kind).sort()).toEqual(['already-handed-in', 'handed-in']);
    expect(await itemsOfParent()).toHaveLength(1);
  });

  it('refuses an outsider, a bad form and a parent without a meeting, storing nothing', async () => {
    w = await workingGroupWorld(SqliteStore.inMemory(), { now: '2027-02-15T09:00:00.000Z', meeting: false });
    await approved(w);
    expect((await w.results.handIn(await actor(w, 's1'), GROUP_ID, RESULT)).kind).toBe('not-allowed');
    const invalid = await w.results.handIn(await actor(w, 'p-anna'), GROUP_ID, {
      ...RESULT,
      title: ' ',
      materialText: 'ikke et link',
    });
    expect(invalid.kind === 'invalid' && invalid.errors.map((e) => e.field)).toEqual(['title', 'material']);
    expect((await w.results.handIn(await actor(w, 'p-anna'), GROUP_ID, RESULT)).kind).toBe('no-meeting');
    expect(await w.resultRepository.get('ref-arkitektur', GROUP_ID)).toBeUndefined();
    expect((await w.groups.getGroup(GROUP_ID))!.status).toBe('active');
    expect((await w.people.membersOf(GROUP_ID)).every((m) => m.endedOn === undefined)).toBe(true);
  });

  it('writes the result and its item in one batch; a failing batch stores neither', async () => {
    const recording = batchRecordingStore(SqliteStore.inMemory());
    w = await workingGroupWorld(recording.store, { now: '2027-02-15T09:00:00.000Z' });
    await approved(w);
    recording.fail.next = true;
    await expect(w.results.handIn(await actor(w, 'p-anna'), GROUP_ID, RESULT)).rejects.toThrow('disk full');
    recording.fail.next = false;
    expect(recording.batches.at(-1)).toEqual({
      collection: 'groups',
      ids: [`wg-result:${GROUP_ID}`, `proposal:${resultItemId(GROUP_ID)}`],
    });
    expect(await w.resultRepository.get('ref-arkitektur', GROUP_ID)).toBeUndefined();
    expect(await itemsOfParent()).toEqual([]);
    expect((await w.groups.getGroup(GROUP_ID))!.status).toBe('active');
    // Tried again, it goes through.
    expect((await w.results.handIn(await actor(w, 'p-anna'), GROUP_ID, RESULT)).kind).toBe('handed-in');
    expect(await itemsOfParent()).toHaveLength(1);
  });

  it("titles the item in the parent's language: English for an English reference group", async () => {
    w = await workingGroupWorld(SqliteStore.inMemory(), {
      now: '2027-02-15T09:00:00.000Z',
      governance: withEnglish('ref-arkitektur'),
    });
    await approved(w);
    await w.results.handIn(await actor(w, 'p-anna'), GROUP_ID, RESULT);
    const [item] = await itemsOfParent();
    expect(item!.title).toBe('Result from the working group Fælles log-format: Ét log-format for alle');
    expect(item!.description).toMatch(/^Decision proposal: /);
  });
});
