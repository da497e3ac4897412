/**
 * The record service's entry points for the agenda and the hearings: a written hearing's outcome
 * is told at the steering group's next meeting (and fixed in the approved version), the next
 * meeting's "Godkendelse af referat" approves the previous minutes, the open actions come by due
 * date; and the minutes card stays within Teams' size limit however long the texts are.
 */
import { SqliteStore } from '../../src/platform/storage/sqlite/sqlite-store';
import { translatorFor } from '../../src/platform/i18n';
import { MAX_CARD_BYTES, validateCard } from '../../src/platform/cards/validate';
import { minutesMessage } from '../../src/features/record/minutes-cards';
import type { RecordView } from '../../src/features/record/record-view';
import { emptyMinutes } from '../../src/features/record/domain/minutes';
import { MEETING, recordWorld, SECRETARIAT, type RecordWorld } from './support';

let w: RecordWorld;
beforeEach(async () => {
  w = await recordWorld(SqliteStore.inMemory());
});
afterEach(async () => w.store.close());

const hearing = {
  hearingId: 'h-log',
  title: 'Fælles log-format',
  outcome: 'approved' as const,
  approve: 6,
  reject: 2,
  abstain: 1,
  eligible: 11,
  decidedAt: '2027-02-10T10:00:00.000Z',
};

async function record(itemId: string, decision: string, action?: { what: string; due: string }) {
  const saved = await w.service.saveItem({
    groupId: 'steering',
    meetingId: MEETING.id,
    itemId,
    expectedRevision: 0,
    submission: {
      decision,
      ...(action ? { actionWhat: action.what, actionOwner: 'p2', actionDue: action.due } : {}),
    },
    editor: SECRETARIAT,
  });
  expect(saved.kind).toBe('saved');
}

it("tells a written hearing's outcome at the steering group's next meeting and fixes it in the approved version", async () => {
  await w.service.recordHearingOutcome(hearing);
  await w.service.recordHearingOutcome({
    ...hearing,
    hearingId: 'h-later',
    decidedAt: '2027-03-05T10:00:00.000Z',
  });
  await record('p-arkitektur', 'Godkendt.');
  const posted = await w.service.postDraft('steering', MEETING.id, SECRETARIAT);
  expect(posted.kind).toBe('posted');
  if (posted.kind !== 'posted') return;
  expect(posted.view.hearings.map((h) => h.hearingId)).toEqual(['h-log']);
  const text = JSON.stringify(w.messenger.posts[0]!.message.card);
  expect(text).toContain('Orientering: skriftlige høringer');
  expect(text).toContain(
    'Skriftlig høring om \\"Fælles log-format\\": godkendt 10. februar 2027 (6 for, 2 imod, 1 undlod at stemme; 11 stemmeberettigede).',
  );
  w.clock.set('2027-03-12T09:00:00.000Z');
  expect((await w.service.approve('steering', MEETING.id, 'sec')).kind).toBe('approved');
  const [version] = await w.service.versions('steering', MEETING.id);
  expect(version!.hearings.map((h) => h.hearingId)).toEqual(['h-log']);
  expect(w.messenger.updates.at(-1)?.activityId).toBe(w.messenger.posts[0]!.activityId);
});

it("approves the previous meeting's minutes at the next meeting once it has begun, during the comment period too", async () => {
  await w.meetings.create({ ...MEETING, id: 'm-2027-06', startsAt: '2027-03-10T08:00:00.000Z' });
  expect(
    await w.service.approveAtMeeting({ groupId: 'steering', meetingId: 'm-2027-06', actorId: 'sec' }),
  ).toEqual({
    kind: 'meeting-not-begun',
  });
  w.clock.set('2027-03-10T09:00:00.000Z');
  expect(
    await w.service.approveAtMeeting({ groupId: 'steering', meetingId: 'm-2027-06', actorId: 'sec' }),
  ).toMatchObject({
    kind: 'refused',
    refusal: { code: 'not-drafted' },
  });
  await record('p-arkitektur', 'Godkendt.');
  await w.service.postDraft('steering', MEETING.id, SECRETARIAT);
  const approved = await w.service.approveAtMeeting({
    groupId: 'steering',
    meetingId: 'm-2027-06',
    actorId: 'sec',
  });
  expect(approved).toMatchObject({
    kind: 'approved',
    view: { minutes: { status: 'approved', approval: { via: 'meeting', atMeetingId: 'm-2027-06' } } },
  });
  expect(
    await w.service.approveAtMeeting({ groupId: 'steering', meetingId: MEETING.id, actorId: 'sec' }),
  ).toEqual({
    kind: 'no-previous-meeting',
  });
});

it('recording "Godkendelse af referat" at the next meeting approves the previous minutes, once', async () => {
  await record('p-arkitektur', 'Godkendt.');
  await w.service.postDraft('steering', MEETING.id, SECRETARIAT);
  await w.meetings.create({ ...MEETING, id: 'm-2027-06', startsAt: '2027-03-10T08:00:00.000Z' });
  // At the next meeting, still inside the comment period (it runs to 11 March): the body approves.
  w.clock.set('2027-03-10T09:00:00.000Z');
  const save = (revision: number, decision: string) =>
    w.service.saveItem({
      groupId: 'steering',
      meetingId: 'm-2027-06',
      itemId: 'approval-of-minutes',
      expectedRevision: revision,
      submission: { decision },
      editor: { actorId: 'taker', isSecretariat: true },
    });
  const first = await save(0, 'Referatet godkendt.');
  expect(first).toMatchObject({
    kind: 'saved',
    previousMinutes: { meetingStartsAt: MEETING.startsAt, result: { kind: 'approved' } },
  });
  const opened = await w.service.open('steering', MEETING.id);
  expect(opened).toMatchObject({
    kind: 'open',
    view: {
      minutes: { status: 'approved', approval: { by: 'taker', via: 'meeting', atMeetingId: 'm-2027-06' } },
    },
  });
  // A later edit of the item (or a repeated delivery) finds them approved: still one version.
  const again = await save(1, 'Referatet godkendt uden bemærkninger.');
  expect(again).toMatchObject({
    kind: 'saved',
    previousMinutes: { result: { kind: 'refused', refusal: { code: 'already-approved' } } },
  });
  expect(await w.service.versions('steering', MEETING.id)).toHaveLength(1);
  // Another item of the next meeting approves nothing.
  expect(
    await w.service.saveItem({
      groupId: 'steering',
      meetingId: 'm-2027-06',
      itemId: 'p-arkitektur',
      expectedRevision: 0,
      submission: { decision: 'Drøftet.' },
      editor: SECRETARIAT,
    }),
  ).not.toHaveProperty('previousMinutes');
});

it('"Godkendelse af referat" says so when the previous minutes were never posted as a draft', async () => {
  await record('p-arkitektur', 'Godkendt.');
  await w.meetings.create({ ...MEETING, id: 'm-2027-06', startsAt: '2027-03-10T08:00:00.000Z' });
  w.clock.set('2027-03-10T09:00:00.000Z');
  const saved = await w.service.saveItem({
    groupId: 'steering',
    meetingId: 'm-2027-06',
    itemId: 'approval-of-minutes',
    expectedRevision: 0,
    submission: { decision: 'Referatet godkendt.' },
    editor: SECRETARIAT,
  });
  expect(saved).toMatchObject({
    kind: 'saved',
    previousMinutes: { result: { kind: 'refused', refusal: { code: 'not-drafted' } } },
  });
  expect(await w.service.versions('steering', MEETING.id)).toEqual([]);
});

it('lists the open actions by due date for the next agenda', async () => {
  await record('p-arkitektur', 'Godkendt.', { what: 'Senere', due: '2027-05-01' });
  await record('approval-of-minutes', 'Godkendt.', { what: 'Først', due: '2027-04-01' });
  expect((await w.service.openActions('steering')).map((a) => a.what)).toEqual(['Først', 'Senere']);
});

it('keeps the minutes card under the size limit, saying the texts are shortened', () => {
  const long = 'Beslutning med æøå og mange ord. '.repeat(30).slice(0, 1000);
  const items = Array.from({ length: 40 }, (_, index) => ({
    itemId: `i${index}`,
    number: index + 1,
    title: { da: `Punkt ${index + 1}`, en: `Item ${index + 1}` },
    kind: 'decision' as const,
    decision: long,
    notes: long + long,
    actionIds: [],
    revision: 1,
    changedAt: '2027-03-04T11:00:00.000Z',
    changedBy: 'sec',
  }));
  const minutes = { ...emptyMinutes('steering', MEETING.id), items, status: 'draft' as const };
  const view: RecordView = {
    meeting: MEETING,
    minutes: {
      ...minutes,
      draft: { postedAt: '2027-03-04T12:00:00.000Z', postedBy: 'sec', commentsUntil: '2027-03-11' },
    },
    entries: items.map((item) => ({
      item: { id: item.itemId, number: item.number, title: item.title, kind: item.kind },
      recorded: item,
      actions: [],
    })),
    hearings: [],
  };
  const { card } = minutesMessage(translatorFor('da'), {
    locale: 'da',
    timeZone: 'Europe/Copenhagen',
    view,
    names: new Map(),
  });
  expect(Buffer.byteLength(JSON.stringify(card), 'utf8')).toBeLessThan(MAX_CARD_BYTES);
  expect(validateCard(card).problems).toEqual([]);
  expect(JSON.stringify(card)).toContain('Teksterne er forkortet');
  expect(JSON.stringify(card)).toContain('Punkt 40');
});
