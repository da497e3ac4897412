/**
 * The meeting record's storage contract, run against every adapter (record-sqlite.contract.test.ts,
 * record-cosmos.contract.test.ts) in the style of contract.ts: the minutes written at the etag read
 * with their actions and version all or nothing, versions written once, the reminder scan, the
 * hearing outcome once, a bad document refused before the store; and through the service, two
 * people recording the same minutes at once lose no edit (the later writer of one item is told to
 * reload), and edits after approval store nothing.
 */
import {
  AlreadyExistsError,
  InvalidDocumentError,
  PreconditionFailedError,
} from '../../src/platform/storage/port';
import type { DocumentStore } from '../../src/platform/storage/port';
import {
  emptyMinutes,
  type FollowUpAction,
  type MinutesVersion,
} from '../../src/features/record/domain/minutes';
import { recordWorld, SECRETARIAT, type RecordWorld } from '../record/support';

export type StoreFactory = () => Promise<DocumentStore>;

const action = (
  id: string,
  groupId = 'steering',
  status: FollowUpAction['status'] = 'open',
): FollowUpAction => ({
  id,
  groupId,
  meetingId: 'm-2027-03',
  itemId: 'p-arkitektur',
  what: 'Udarbejd notat om æøå',
  ownerId: 'p1',
  dueDate: '2027-03-20',
  createdAt: '2027-03-04T11:00:00.000Z',
  createdBy: 'sec',
  status,
});

const version = (number: number): MinutesVersion => ({
  groupId: 'steering',
  meetingId: 'm-2027-03',
  version: number,
  kind: number === 1 ? 'approval' : 'correction',
  items: [],
  hearings: [],
  createdAt: '2027-03-12T09:00:00.000Z',
  createdBy: 'sec',
});

function itemSave(
  w: RecordWorld,
  decision: string,
  expectedRevision = 0,
  itemId = 'p-arkitektur',
  actorId = 'sec',
) {
  return w.service.saveItem({
    groupId: 'steering',
    meetingId: 'm-2027-03',
    itemId,
    expectedRevision,
    submission: { decision },
    editor: { actorId, isSecretariat: true },
  });
}

export function recordContract(adapterName: string, newStore: StoreFactory): void {
  describe(`meeting record storage contract: ${adapterName}`, () => {
    let w: RecordWorld;
    beforeEach(async () => {
      w = await recordWorld(await newStore());
    });
    afterEach(async () => {
      await w.store.close();
    });

    it('writes the minutes with their actions together, and a stale etag writes nothing at all', async () => {
      const minutes = emptyMinutes('steering', 'm-2027-03');
      await w.repository.commit({ minutes, newActions: [action('a-1')] });
      const stored = await w.repository.getMinutes('steering', 'm-2027-03');
      expect(stored).toMatchObject({ status: 'recording', version: 0 });
      await expect(w.repository.commit({ minutes, newActions: [action('a-2')] })).rejects.toBeInstanceOf(
        AlreadyExistsError,
      );
      await w.repository.commit({ minutes: { ...minutes, minuteTakerId: 'p1' }, etag: stored!.etag });
      await expect(
        w.repository.commit({
          minutes: { ...minutes, minuteTakerId: 'p2' },
          etag: stored!.etag,
          newActions: [action('a-3')],
        }),
      ).rejects.toBeInstanceOf(PreconditionFailedError);
      expect((await w.repository.getMinutes('steering', 'm-2027-03'))?.minuteTakerId).toBe('p1');
      expect((await w.repository.actionsOfMeeting('steering', 'm-2027-03')).map((a) => a.id)).toEqual([
        'a-1',
      ]);
    });

    it('writes a version once and lists the versions in order', async () => {
      const minutes = emptyMinutes('steering', 'm-2027-03');
      await w.repository.commit({ minutes, version: version(2) });
      let stored = await w.repository.getMinutes('steering', 'm-2027-03');
      await w.repository.commit({ minutes, etag: stored!.etag, version: version(1) });
      stored = await w.repository.getMinutes('steering', 'm-2027-03');
      await expect(
        w.repository.commit({ minutes, etag: stored!.etag, version: version(1) }),
      ).rejects.toBeInstanceOf(AlreadyExistsError);
      expect((await w.repository.versionsOf('steering', 'm-2027-03')).map((v) => v.version)).toEqual([1, 2]);
      expect(await w.repository.versionsOf('steering', 'm-2027')).toEqual([]);
    });

    it("lists a group's minutes (the decision log), not the actions, versions or other groups'", async () => {
      await w.repository.commit({
        minutes: emptyMinutes('steering', 'm-2027-03'),
        newActions: [action('a-1')],
        version: version(1),
      });
      await w.repository.commit({ minutes: emptyMinutes('steering', 'm-2027-06') });
      await w.repository.commit({ minutes: emptyMinutes('ref-arkitektur', 'm-2027-04') });
      const found = await w.repository.minutesOf('steering');
      expect(found.map((m) => m.meetingId).sort()).toEqual(['m-2027-03', 'm-2027-06']);
      expect(found.every((m) => !('etag' in m))).toBe(true);
      expect(await w.repository.minutesOf('ref-forretning')).toEqual([]);
    });

    it('finds the open actions of a group and, for the reminder scan, of every group', async () => {
      await w.repository.commit({
        minutes: emptyMinutes('steering', 'm-2027-03'),
        newActions: [action('a-1'), action('a-2', 'steering', 'closed')],
      });
      await w.repository.commit({
        minutes: emptyMinutes('ref-arkitektur', 'm-2027-03'),
        newActions: [action('a-3', 'ref-arkitektur')],
      });
      expect((await w.repository.openActionsOf('steering')).map((a) => a.id)).toEqual(['a-1']);
      expect((await w.repository.listOpenActions()).map((a) => a.id).sort()).toEqual(['a-1', 'a-3']);
      const closed = await w.repository.updateAction('steering', 'a-1', (current) => ({
        ...current,
        status: 'closed',
      }));
      expect(closed.status).toBe('closed');
      expect(await w.repository.openActionsOf('steering')).toEqual([]);
    });

    it('records a hearing outcome once', async () => {
      const outcome = {
        hearingId: 'h1',
        title: 'Fælles log-format',
        outcome: 'approved' as const,
        approve: 6,
        reject: 2,
        abstain: 1,
        eligible: 11,
        decidedAt: '2027-02-10T10:00:00.000Z',
      };
      expect((await w.service.recordHearingOutcome(outcome)).recorded).toBe(true);
      expect((await w.service.recordHearingOutcome(outcome)).recorded).toBe(false);
      expect(await w.repository.hearingOutcomesOf('steering')).toEqual([{ ...outcome, groupId: 'steering' }]);
    });

    it('refuses a bad document before the store sees it', async () => {
      const bad = { ...emptyMinutes('steering', 'm/1'), version: -1 };
      await expect(w.repository.commit({ minutes: bad })).rejects.toBeInstanceOf(InvalidDocumentError);
      await expect(
        w.repository.commit({
          minutes: emptyMinutes('steering', 'm1'),
          newActions: [{ ...action('a-1'), dueDate: '20.3.2027' }],
        }),
      ).rejects.toMatchObject({ field: 'dueDate' });
      expect(await w.repository.getMinutes('steering', 'm1')).toBeUndefined();
    });

    it('keeps both edits when two people record different items of the same minutes at once', async () => {
      const results = await Promise.all([
        itemSave(w, 'Referatet godkendt.', 0, 'approval-of-minutes'),
        itemSave(w, 'Arkitekturen godkendt.', 0, 'p-arkitektur', 'p2'),
      ]);
      expect(results.map((r) => r.kind)).toEqual(['saved', 'saved']);
      const stored = await w.repository.getMinutes('steering', 'm-2027-03');
      expect(stored?.items.map((item) => [item.itemId, item.decision])).toEqual([
        ['approval-of-minutes', 'Referatet godkendt.'],
        ['p-arkitektur', 'Arkitekturen godkendt.'],
      ]);
    });

    it('tells the later of two writers of one item to reload, keeping the first edit', async () => {
      const results = await Promise.all([
        itemSave(w, 'Første tekst'),
        itemSave(w, 'Anden tekst', 0, 'p-arkitektur', 'p2'),
      ]);
      expect(results.map((r) => r.kind).sort()).toEqual(['conflict', 'saved']);
      const winner = results.find((r) => r.kind === 'saved');
      const stored = await w.repository.getMinutes('steering', 'm-2027-03');
      expect(stored?.items).toHaveLength(1);
      expect(stored?.items[0]!.decision).toBe(winner?.kind === 'saved' ? winner.item.decision : 'none');
      expect(stored?.items[0]!.revision).toBe(1);
    });

    it('stores nothing for an edit after approval; a correction is the next version', async () => {
      await itemSave(w, 'Godkendt.');
      await w.service.postDraft('steering', 'm-2027-03', SECRETARIAT);
      w.clock.set('2027-03-12T09:00:00.000Z');
      expect((await w.service.approve('steering', 'm-2027-03', 'sec')).kind).toBe('approved');
      const before = await w.repository.getMinutes('steering', 'm-2027-03');
      expect((await itemSave(w, 'Ændret efter godkendelse', 1)).kind).toBe('approved');
      expect((await w.repository.getMinutes('steering', 'm-2027-03'))?.etag).toBe(before?.etag);
      const corrected = await w.service.correct(
        'steering',
        'm-2027-03',
        {
          itemId: 'p-arkitektur',
          expectedVersion: 1,
          decision: 'Godkendt med rettelse.',
          reason: 'Tastefejl',
        },
        'sec',
      );
      expect(corrected).toMatchObject({ kind: 'corrected', version: 2 });
      const versions = await w.repository.versionsOf('steering', 'm-2027-03');
      expect(versions.map((v) => [v.version, v.items[0]!.decision, v.reason])).toEqual([
        [1, 'Godkendt.', undefined],
        [2, 'Godkendt med rettelse.', 'Tastefejl'],
      ]);
    });
  });
}
