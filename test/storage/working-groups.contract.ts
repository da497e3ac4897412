/**
 * The working groups' records after approval, run against every adapter
 * (working-groups-sqlite.contract.test.ts, working-groups-cosmos.contract.test.ts) in the style of
 * contract.ts: `working-group-extension` (created once, decided at the etag it was read with),
 * `working-group-extension-vote` (one per voter, only the request's own by id prefix) and
 * `working-group-result` (created once, in one batch with its agenda item: all or nothing), each
 * refusing a bad document before the store sees it.
 */
import { InvalidDocumentError, type DocumentStore } from '../../src/platform/storage/port';
import { proposalDocument, type ProposalRecord } from '../../src/features/agenda';
import {
  ExtensionRepository,
  ResultRepository,
  extensionRequestDocument,
  extensionVoteDocument,
  resultDocument,
} from '../../src/features/working-groups';
import type { ExtensionRequest, ExtensionVote } from '../../src/features/working-groups/domain/extension';
import type { WorkingGroupResult } from '../../src/features/working-groups/working-group-result-repository';

export type StoreFactory = () => Promise<DocumentStore>;

const request = (id: string, parentGroupId = 'ref-arkitektur'): ExtensionRequest => ({
  id,
  groupId: 'wg-faelles-log-format',
  parentGroupId,
  from: '2027-06-30',
  to: '2027-09-30',
  reason: 'Analysen kræver mere tid (æøå)',
  requesterId: 'r1',
  openedAt: '2027-01-11T09:00:00.000Z',
  closesAt: '2027-01-16T09:00:00.000Z',
  rule: { kind: 'majority-of-answers', days: 5 },
  status: 'open',
});

const vote = (
  requestId: string,
  voterId: string,
  choice: ExtensionVote['choice'] = 'for',
): ExtensionVote => ({
  requestId,
  parentGroupId: 'ref-arkitektur',
  voterId,
  choice,
  castAt: '2027-01-12T09:00:00.000Z',
});

const result = (groupId = 'wg-faelles-log-format'): WorkingGroupResult => ({
  groupId,
  parentGroupId: 'ref-arkitektur',
  kind: 'analysis',
  title: 'Ét log-format',
  summary: 'Vi anbefaler ECS.',
  material: [
    {
      title: 'Notat',
      kind: 'PDF',
      url: 'https://kombit.sharepoint.com/sites/fki/notat.pdf',
      source: 'link',
      addedBy: 'p-anna',
      addedAt: '2027-02-15T09:00:00.000Z',
    },
  ],
  handedInBy: 'p-anna',
  handedInAt: '2027-02-15T09:00:00.000Z',
  meetingId: 'm-ark-2027-03',
  agendaItemId: `wg-result-${groupId}`,
});

const item = (id: string): ProposalRecord => ({
  id,
  groupId: 'ref-arkitektur',
  meetingId: 'm-ark-2027-03',
  title: 'Resultat fra arbejdsgruppen Fælles log-format: Ét log-format',
  description: 'Analyse: Vi anbefaler ECS.',
  kind: 'discussion',
  requestedMinutes: 20,
  proposerId: 'p-anna',
  submittedAt: '2027-02-15T09:00:00.000Z',
  late: false,
  status: 'accepted',
});

const itemOperation = (id: string) => ({ op: 'create' as const, doc: proposalDocument.toDocument(item(id)) });

export function workingGroupsContract(adapterName: string, newStore: StoreFactory): void {
  describe(`working-group records storage contract: ${adapterName}`, () => {
    let store: DocumentStore;
    let extensions: ExtensionRepository;
    let results: ResultRepository;
    beforeEach(async () => {
      store = await newStore();
      extensions = new ExtensionRepository(store);
      results = new ResultRepository(store);
    });
    afterEach(async () => {
      await store.close();
    });

    it('creates an extension request once: a re-sent request finds the first', async () => {
      const first = await extensions.createOnce(request('x-1'));
      expect(first).toEqual({ request: request('x-1'), created: true });
      const again = await extensions.createOnce({ ...request('x-1'), reason: 'Et andet' });
      expect(again).toEqual({ request: request('x-1'), created: false });
      expect((await extensions.get('ref-arkitektur', 'x-1'))?.reason).toBe('Analysen kræver mere tid (æøå)');
    });

    it('decides a request at the etag it was read with; a stale etag writes nothing', async () => {
      await extensions.createOnce(request('x-1'));
      const read = (await extensions.get('ref-arkitektur', 'x-1'))!;
      const closed = (status: 'approved' | 'rejected'): ExtensionRequest => ({
        ...request('x-1'),
        status,
        closed: { at: '2027-01-16T09:00:00.000Z', tally: { for: 2, against: 1 } },
      });
      expect(await extensions.close(closed('approved'), read.etag)).toBe('written');
      expect(await extensions.close(closed('rejected'), read.etag)).toBe('conflict');
      const { etag: _etag, ...stored } = (await extensions.get('ref-arkitektur', 'x-1'))!;
      expect(stored).toEqual(closed('approved'));
    });

    it('lists the open requests of every reference group, not the decided ones', async () => {
      await extensions.createOnce(request('x-1'));
      await extensions.createOnce(request('x-2', 'ref-drift'));
      await extensions.createOnce(request('x-3'));
      const read = (await extensions.get('ref-arkitektur', 'x-3'))!;
      await extensions.close(
        {
          ...request('x-3'),
          status: 'rejected',
          closed: { at: read.closesAt, tally: { for: 0, against: 0 } },
        },
        read.etag,
      );
      expect((await extensions.listOpen()).map((r) => r.id).sort()).toEqual(['x-1', 'x-2']);
    });

    it("keeps one vote per voter and reads only the request's own votes", async () => {
      await extensions.putVote(vote('x-1', 'r1', 'against'));
      await extensions.putVote(vote('x-1', 'r1', 'for'));
      await extensions.putVote(vote('x-1', 'r2', 'against'));
      // A request whose id starts like the first one's: its votes are not the first's.
      await extensions.putVote(vote('x-10', 'r3'));
      const votes = await extensions.votesOf('ref-arkitektur', 'x-1');
      expect(votes.map((v) => [v.voterId, v.choice]).sort()).toEqual([
        ['r1', 'for'],
        ['r2', 'against'],
      ]);
      expect(await extensions.votesOf('ref-arkitektur', 'x-10')).toHaveLength(1);
    });

    it('writes the result with its agenda item in one batch, once', async () => {
      expect(await results.create(result(), itemOperation('wg-result-wg-faelles-log-format'))).toBe(
        'written',
      );
      expect(await results.get('ref-arkitektur', 'wg-faelles-log-format')).toEqual(result());
      expect(
        await store.collection('groups').read('ref-arkitektur', 'proposal:wg-result-wg-faelles-log-format'),
      ).toMatchObject({ status: 'accepted' });
      const second = await results.create(
        { ...result(), title: 'Igen' },
        itemOperation('wg-result-wg-faelles-log-format-2'),
      );
      expect(second).toBe('exists');
      expect((await results.get('ref-arkitektur', 'wg-faelles-log-format'))?.title).toBe('Ét log-format');
      expect(
        await store.collection('groups').read('ref-arkitektur', 'proposal:wg-result-wg-faelles-log-format-2'),
      ).toBeUndefined();
    });

    it('stores neither the result nor the item when the item cannot be written', async () => {
      // The item exists already (created by hand): the batch fails as a whole.
      await store.collection('groups').batch('ref-arkitektur', [itemOperation('taken')]);
      await expect(results.create(result(), itemOperation('taken'))).resolves.toBe('exists');
      expect(await results.get('ref-arkitektur', 'wg-faelles-log-format')).toBeUndefined();
    });

    it('refuses bad documents of all three types before the store sees them', async () => {
      await expect(extensions.createOnce({ ...request('x-1'), to: '30.9.2027' })).rejects.toMatchObject({
        field: 'to',
      });
      await expect(
        extensions.createOnce({ ...request('x-1'), rule: { kind: 'majority-of-answers', days: 0 } }),
      ).rejects.toBeInstanceOf(InvalidDocumentError);
      expect(await extensions.get('ref-arkitektur', 'x-1')).toBeUndefined();
      await expect(
        extensions.putVote({ ...vote('x-1', 'r1'), choice: 'abstain' as ExtensionVote['choice'] }),
      ).rejects.toMatchObject({ field: 'choice' });
      expect(await extensions.votesOf('ref-arkitektur', 'x-1')).toEqual([]);
      await expect(
        results.create({ ...result(), title: '' }, itemOperation('wg-result-wg-faelles-log-format')),
      ).rejects.toMatchObject({ field: 'title' });
      expect(await results.get('ref-arkitektur', 'wg-faelles-log-format')).toBeUndefined();
      expect(() => resultDocument.toDocument({ ...result(), kind: 'poem' as never })).toThrow(
        InvalidDocumentError,
      );
      expect(() =>
        extensionRequestDocument.toDocument({ ...request('x'), status: 'maybe' as never }),
      ).toThrow(InvalidDocumentError);
      expect(() => extensionVoteDocument.toDocument({ ...vote('x', 'r1'), castAt: 'i går' })).toThrow(
        InvalidDocumentError,
      );
    });
  });
}
