/**
 * Requests for input through the service on a real store: who may file (the steering group's
 * members in its channel, the secretariat, FKI management from the register), the request stored
 * once and posted to the reference group (its members personally while it has no channel), the
 * warning for a due date after the next agenda goes out, and the answer: by a member or the chair
 * only, late but taken after the due date, a duplicate told the first counts, and the answer and
 * its agenda item (with the material) written together or not at all.
 */
import { AgendaService } from '../../src/features/agenda/agenda-service';
import { assertValidCard } from '../../src/platform/cards/validate';
import { personAddress } from '../../src/domain/person-address';
import { SqliteStore } from '../../src/platform/storage/sqlite/sqlite-store';
import { requestedInputItemId } from '../../src/features/agenda';
import {
  fileRequest,
  governance,
  requestWorld,
  STEERING_MEETING,
  VALID_FIELDS,
  type RequestWorld,
} from './support';

let w: RequestWorld;

beforeEach(async () => {
  w = await requestWorld(SqliteStore.inMemory());
});
afterEach(async () => w.store.close());

const answer = (actorId: string, text = 'Vi anbefaler OIDC og fælles log.', materialText = '') =>
  w.service.answer({
    steeringGroupId: 'steering',
    requestId: 'ci-1',
    text,
    materialText,
    actor: { id: actorId, name: `Navn ${actorId}` },
  });

describe('who may file a request', () => {
  test('a steering member in its channel, the secretariat anywhere, FKI management from the register', async () => {
    const here = (roles: Array<'member' | 'chair' | 'administer'>, boundGroupId?: string) => ({
      roles,
      boundGroupId,
    });
    expect(await w.service.capacityOf('s1', here(['member'], 'steering'))).toBe('decide');
    expect(await w.service.capacityOf('s1', here(['member'], 'ref-arkitektur'))).toBeUndefined();
    expect(await w.service.capacityOf('s1', here([]))).toBeUndefined();
    expect(await w.service.capacityOf('x', here(['administer'], 'ref-arkitektur'))).toBe('administer');
    expect(await w.service.capacityOf('m1', here([]))).toBe('management');
    expect(await w.service.capacityOf('o1', here([]))).toBeUndefined();
  });
});

describe('filing a request', () => {
  test('is stored once and posted to each member of the unbound reference group personally', async () => {
    const filed = await fileRequest(w);
    expect(filed.created).toBe(true);
    expect(filed.posted).toBe(true);
    expect(filed.warningDate).toBeUndefined();
    expect(filed.request.material.map((entry) => entry.url)).toEqual(['https://example.org/notat.pdf']);
    const targets = w.messenger.posts.map((post) => post.groupId).sort();
    expect(targets).toEqual([personAddress('r1'), personAddress('r2')]);
    const card = w.messenger.posts[0]!.message.card as object;
    assertValidCard(card);
    const text = JSON.stringify(card);
    expect(text).toContain('Anmodning om belysning: Fælles identitetsløsning');
    expect(text).toContain('Kommunestyregruppen (Søren Styr)');
    expect(text).toContain('"verb":"request.answer"');

    const again = await fileRequest(w);
    expect(again.created).toBe(false);
    expect(w.messenger.posts).toHaveLength(2);
    expect(await w.repository.forSteeringGroup('steering')).toHaveLength(1);
  });

  test('a due date after the next detailed agenda is taken with a warning', async () => {
    // The meeting on 4 March: the detailed agenda goes out 14 days before, on 18 February.
    const filed = await fileRequest(w, 'ci-late', { dueDate: '2027-02-19' });
    expect(filed.warningDate).toBe('2027-02-18');
    expect((await w.repository.get('steering', 'ci-late'))?.dueDate).toBe('2027-02-19');
  });

  test('a past due date and a bad material line are both named, and nothing is stored or posted', async () => {
    const result = await w.service.submit({
      cardInstanceId: 'ci-bad',
      fields: { ...VALID_FIELDS, dueDate: '2027-01-11' },
      materialText: 'http://example.org/notat.pdf',
      actor: { id: 's1', capacity: 'decide' },
    });
    expect(result.kind).toBe('invalid');
    if (result.kind !== 'invalid') return;
    expect(result.errors.map((error) => error.key)).toEqual([
      'requests.err_not-in-future',
      'proposals.err_material-not-https',
    ]);
    expect(await w.repository.forSteeringGroup('steering')).toEqual([]);
    expect(w.messenger.posts).toEqual([]);
  });
});

describe('answering a request', () => {
  test("the member's answer goes onto the steering group's next agenda with its material", async () => {
    await fileRequest(w);
    w.clock.set('2027-02-01T10:00:00.000Z');
    const result = await answer('r1', 'Vi anbefaler OIDC.', 'Svarnotat | https://example.org/svar.docx');
    expect(result.kind).toBe('answered');
    const stored = await w.repository.get('steering', 'ci-1');
    expect(stored?.status).toBe('answered');
    expect(stored?.answer).toMatchObject({ by: 'r1', late: false, meetingId: STEERING_MEETING.id });

    const item = await w.proposals.get('steering', requestedInputItemId('ci-1'));
    expect(item).toMatchObject({
      title: 'Belysning fra referencegruppen Arkitektur og udvikling: Fælles identitetsløsning',
      description: 'Vi anbefaler OIDC.',
      status: 'accepted',
      meetingId: STEERING_MEETING.id,
      late: false,
    });
    expect(item?.material?.map((entry) => entry.url)).toEqual([
      'https://example.org/svar.docx',
      'https://example.org/notat.pdf',
    ]);
    // On the composed agenda right after "Rådgivning om indstillinger fra FKI".
    const agenda = new AgendaService(w.meetings, w.proposals, w.people, governance);
    const items = (await agenda.draft(STEERING_MEETING)).agenda.items.map((entry) => entry.id);
    expect(items[items.indexOf('fki-proposals') + 1]).toBe(requestedInputItemId('ci-1'));
    // The steering group hears of it in its channel.
    expect(JSON.stringify(w.messenger.postsTo('steering'))).toContain('har besvaret anmodningen');
  });

  test('the chair may answer; a second answer is told the first counts and changes nothing', async () => {
    await fileRequest(w);
    expect((await answer('r2')).kind).toBe('answered');
    const second = await answer('r1', 'Et andet svar');
    expect(second.kind).toBe('already-answered');
    expect((await w.repository.get('steering', 'ci-1'))?.answer?.by).toBe('r2');
    expect(await w.proposals.forMeeting('steering', STEERING_MEETING.id)).toHaveLength(1);
  });

  test("a steering member or another group's member may not answer, and nothing is stored", async () => {
    await fileRequest(w);
    expect((await answer('s1')).kind).toBe('not-member');
    expect((await answer('o1')).kind).toBe('not-member');
    expect((await w.repository.get('steering', 'ci-1'))?.status).toBe('open');
    expect(await w.proposals.forMeeting('steering', STEERING_MEETING.id)).toEqual([]);
  });

  test('an answer after the due date is taken and marked late, on the agenda too', async () => {
    await fileRequest(w);
    w.clock.set('2027-02-11T08:00:00.000Z');
    expect((await answer('r1')).kind).toBe('answered');
    expect((await w.repository.get('steering', 'ci-1'))?.answer?.late).toBe(true);
    expect((await w.proposals.get('steering', requestedInputItemId('ci-1')))?.late).toBe(true);
  });

  test('when the agenda item cannot be written the answer is not stored either', async () => {
    await fileRequest(w);
    // An item with the answer's id already exists: the batch fails as a whole, every attempt.
    const taken = await w.proposals.createOnce({
      id: requestedInputItemId('ci-1'),
      groupId: 'steering',
      meetingId: STEERING_MEETING.id,
      title: 'Optaget',
      description: '',
      kind: 'discussion',
      requestedMinutes: 10,
      proposerId: 's1',
      submittedAt: '2027-01-11T10:00:00.000Z',
      late: false,
      status: 'proposed',
    });
    expect(taken.created).toBe(true);
    expect((await answer('r1')).kind).toBe('busy');
    expect((await w.repository.get('steering', 'ci-1'))?.status).toBe('open');
    expect((await w.proposals.get('steering', requestedInputItemId('ci-1')))?.title).toBe('Optaget');
  });

  test('without a planned steering meeting the answer is stored without an item', async () => {
    await fileRequest(w);
    await w.meetings.update('steering', STEERING_MEETING.id, (m) => ({ ...m, status: 'cancelled' }));
    const result = await answer('r1');
    expect(result).toMatchObject({ kind: 'answered', meeting: undefined });
    expect((await w.repository.get('steering', 'ci-1'))?.answer?.meetingId).toBeUndefined();
  });
});
