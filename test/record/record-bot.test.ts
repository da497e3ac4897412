/**
 * The meeting record through the real bot (composeApp in development mode, activities POSTed to
 * /api/messages, the channel posts captured by the Bot Connector stand-in): the secretariat opens
 * the record of a held steering meeting, bad input is refused with the reason and stores nothing,
 * an item is recorded with an action, a named minute-taker records the next one, a stale card is
 * told to reload, the draft is posted, a member comments, the approval waits for the comment
 * period, approved minutes refuse edits and take a correction as version 2, the secretariat lists
 * the overdue action, its owner closes it; and erasing the owner leaves their name nowhere.
 */
import { validateCard } from '../../src/platform/cards/validate';
import { cardInvoke, cardsOf, channelMessage, textsOf } from '../bot/support/activities';
import { startHarness, OUTSIDER, SECRETARIAT, type Harness } from '../bot/support/app-harness';
import { seedHearingChannels, STEERING_CHANNEL } from '../support/hearing-channels';
import type { CollectionName } from '../../src/platform/storage/port';

let h: Harness;
let meetingId: string;
const owner = { aadObjectId: 'v01', name: 'Voter v01' };
const taker = { aadObjectId: 'v02', name: 'Voter v02' };
const member = { aadObjectId: 'v03', name: 'Voter v03' };

beforeAll(async () => {
  h = await startHarness({ LOG_LEVEL: 'silent' });
  await seedHearingChannels(h.app, {
    connectorUrl: h.connector.url,
    clock: h.clock,
    voters: ['v01', 'v02', 'v03'],
  });
  const scheduled = await h.app.services.meetingCycle.meetings.schedule({
    groupId: 'steering',
    date: '2027-01-20',
    time: '10:00',
    actorId: SECRETARIAT.aadObjectId,
  });
  if (scheduled.kind !== 'scheduled') throw new Error('not scheduled');
  meetingId = scheduled.meeting.id;
});
afterAll(async () => h.stop());
beforeEach(() => h.connector.clear());

async function say(text: string, from = SECRETARIAT) {
  const response = await h.post(channelMessage(h.connector.url, text, from, { channelId: STEERING_CHANNEL }));
  expect(response.status).toBeLessThan(300);
  return { texts: textsOf(h.connector.sent), cards: cardsOf(h.connector.sent) };
}

/** A card action from the steering channel: the card it answers with, or its message text. */
async function act(
  verb: string,
  data: Record<string, unknown>,
  from: { aadObjectId: string; name: string } = SECRETARIAT,
) {
  const response = await h.post(
    cardInvoke(h.connector.url, verb, data, from, { channelId: STEERING_CHANNEL }),
  );
  expect(response.status).toBe(200);
  const value = (response.body as { value?: unknown }).value;
  if (typeof value === 'string') return { text: value, card: undefined, json: value };
  expect(validateCard(value).problems).toEqual([]);
  return { text: undefined, card: value as object, json: JSON.stringify(value) };
}

const keys = () => ({ groupId: 'steering', meetingId });
const minutes = () => h.app.services.record.open('steering', meetingId);
async function storedMinutes() {
  const opened = await minutes();
  if (opened.kind !== 'open') throw new Error(opened.kind);
  return opened.view;
}

test('before the meeting has begun there is no record to write', async () => {
  const { texts } = await say('referat');
  expect(texts).toEqual(['Gruppen har endnu ikke holdt noget møde, så der er intet referat.']);
});

test('the secretariat opens the record of the held meeting; a member sees it but may not record', async () => {
  h.clock.set('2027-01-20T12:00:00.000Z');
  const { cards } = await say('referat');
  expect(cards).toHaveLength(1);
  expect(validateCard(cards[0]).problems).toEqual([]);
  const json = JSON.stringify(cards[0]);
  expect(json).toContain('Referat: Kommunestyregruppen');
  expect(json).toContain('Registrér punkter');
  expect(json).toContain('Fastsættelse af kommunestyregruppens mål');
  h.connector.clear();
  const seen = await say('referat', member);
  expect(JSON.stringify(seen.cards[0])).not.toContain('Registrér punkter');
  expect((await act('record.item', { ...keys(), itemId: 'q1-goals' }, member)).text).toBe(
    'Kun sekretariatet og mødets referent kan skrive referatet.',
  );
});

test('an empty decision, an action without owner and a due date in the past are refused and store nothing', async () => {
  const base = { ...keys(), itemId: 'q1-goals', revision: 0, then: 'next' };
  const empty = await act('record.item.save', { ...base, decision: '   ' });
  expect(empty.json).toContain('Punktet er ikke gemt');
  expect(empty.json).toContain('Skal udfyldes.');
  const noOwner = await act('record.item.save', {
    ...base,
    decision: 'Målene godkendt.',
    actionWhat: 'Skriv mål',
    actionDue: '2027-02-10',
  });
  expect(noOwner.json).toContain('Skal udfyldes.');
  expect(noOwner.json).toContain('Målene godkendt.');
  const past = await act('record.item.save', {
    ...base,
    decision: 'Målene godkendt.',
    actionWhat: 'Skriv mål',
    actionOwner: owner.aadObjectId,
    actionDue: '2027-01-19',
  });
  expect(past.json).toContain('Fristen kan ikke ligge før i dag.');
  const view = await storedMinutes();
  expect(view.minutes.items).toEqual([]);
  expect(await h.app.services.record.openActions('steering')).toEqual([]);
});

test('the secretariat records an item with an action, and the card moves on to the next item', async () => {
  const saved = await act('record.item.save', {
    ...keys(),
    itemId: 'q1-goals',
    revision: 0,
    then: 'next',
    decision: 'Målene for 2027 godkendt – også for Ærø og Løgstør.',
    notes: 'Drøftet kort.',
    actionWhat: 'Sende målene til kommunerne',
    actionOwner: owner.aadObjectId,
    actionDue: '10.2.2027',
  });
  expect(saved.json).toMatch(/Punkt \d+ er gemt\./);
  expect(saved.json).toContain('Økonomirapport');
  const [action] = await h.app.services.record.openActions('steering');
  expect(action).toMatchObject({
    ownerId: 'v01',
    dueDate: '2027-02-10',
    what: 'Sende målene til kommunerne',
  });
  // The name is not stored with the action: it is looked up when a card is drawn.
  expect(JSON.stringify(action)).not.toContain('Voter v01');
});

test('a named minute-taker records an item; a card drawn before someone else saved is told to reload', async () => {
  const named = await act('record.minute-taker', { ...keys(), minuteTakerId: taker.aadObjectId });
  expect(named.json).toContain('Referent: Voter v02');
  const saved = await act(
    'record.item.save',
    {
      ...keys(),
      itemId: 'q1-economy',
      revision: 0,
      then: 'stay',
      decision: 'Økonomirapporten taget til efterretning.',
    },
    taker,
  );
  expect(saved.json).toMatch(/Punkt \d+ er gemt\./);
  const stale = await act(
    'record.item.save',
    { ...keys(), itemId: 'q1-goals', revision: 0, then: 'stay', decision: 'En anden tekst' },
    taker,
  );
  expect(stale.json).toContain('En anden har gemt punktet, mens du skrev');
  expect(stale.json).toContain('En anden tekst');
  const goals = (await storedMinutes()).minutes.items.find((item) => item.itemId === 'q1-goals');
  expect(goals?.decision).toBe('Målene for 2027 godkendt – også for Ærø og Løgstør.');
});

test('the draft goes to the channel; members comment, a non-member may not', async () => {
  const posted = await act('record.draft', keys(), taker);
  expect(posted.json).toContain('kan kommentere til og med 27. januar 2027');
  const post = h.connector.sent.find((activity) => JSON.stringify(activity).includes('Referat af mødet'));
  expect(post).toBeDefined();
  expect(JSON.stringify(post)).toContain('Ærø og Løgstør');
  const [card] = cardsOf([post!]);
  expect(validateCard(card).problems).toEqual([]);
  expect((await act('record.comment', { ...keys(), comment: 'Fint referat.' }, member)).text).toBe(
    'Tak, din kommentar er gemt.',
  );
  expect((await act('record.comment', { ...keys(), comment: 'Hej' }, OUTSIDER)).text).toContain(
    'Kun gruppens nuværende medlemmer',
  );
  expect((await storedMinutes()).minutes.comments.map((c) => c.authorId)).toEqual(['v03']);
});

test('approval waits for the comment period; approved minutes refuse edits and take a correction as a version', async () => {
  h.clock.set('2027-01-27T15:00:00.000Z');
  expect((await act('record.approve', keys())).text).toContain(
    'Medlemmerne kan kommentere til og med 27. januar 2027',
  );
  expect((await act('record.approve', keys(), member)).text).toContain('sekretariatet');
  h.clock.set('2027-01-28T08:00:00.000Z');
  expect((await act('record.approve', keys())).text).toBe(
    'Referatet er godkendt (version 1) og kan ikke længere ændres.',
  );
  expect(JSON.stringify(h.connector.updates.at(-1)?.body)).toContain('Godkendt');
  const before = await h.app.store.collection('groups').read('steering', `minutes:${meetingId}`);
  const edit = await act('record.item.save', {
    ...keys(),
    itemId: 'q1-goals',
    revision: 1,
    then: 'stay',
    decision: 'Ny',
  });
  expect(edit.text).toContain('Referatet er godkendt og kan ikke ændres');
  expect((await h.app.store.collection('groups').read('steering', `minutes:${meetingId}`))?.etag).toBe(
    before?.etag,
  );
  const corrected = await act('record.correct', {
    ...keys(),
    itemId: 'q1-goals',
    version: 1,
    slot: 3,
    decision_3: 'Målene for 2027 godkendt.',
    reason_3: 'Kommunenavnene hørte ikke til beslutningen.',
  });
  expect(corrected.json).toContain('Rettelsen er gemt som version 2.');
  const versions = await h.app.services.record.versions('steering', meetingId);
  expect(versions.map((v) => [v.version, v.createdBy, v.reason])).toEqual([
    [1, SECRETARIAT.aadObjectId, undefined],
    [2, SECRETARIAT.aadObjectId, 'Kommunenavnene hørte ikke til beslutningen.'],
  ]);
});

test('the secretariat lists the overdue action; only its owner (or the secretariat) closes it', async () => {
  h.clock.set('2027-02-11T09:00:00.000Z');
  const refused = await say('forsinkede handlinger', member);
  expect(refused.texts.join(' ')).toContain('sekretariatet');
  h.connector.clear();
  const { cards } = await say('forsinkede handlinger');
  const json = JSON.stringify(cards[0]);
  expect(json).toContain('Sende målene til kommunerne');
  expect(json).toContain('Voter v01');
  expect(json).toContain('1 dage over fristen');
  const [action] = await h.app.services.record.openActions('steering');
  const data = { groupId: 'steering', actionId: action!.id };
  expect((await act('record.action.close', { ...data, note: 'Gjort' }, member)).text).toContain(
    'Kun den ansvarlige',
  );
  expect((await act('record.action.close', { ...data, note: ' ' }, owner)).text).toContain(
    'Skriv en kort note',
  );
  const closed = await act('record.action.close', { ...data, note: 'Sendt til alle 98 kommuner' }, owner);
  expect(closed.json).toContain('Handlingen er lukket');
  expect(await h.app.services.record.openActions('steering')).toEqual([]);
});

test('erasing the owner leaves the name nowhere in the store; the decision stays', async () => {
  const ended = await h.app.services.memberService.endMembership(
    'steering',
    'v01',
    '2027-02-11',
    'aad-secretariat',
  );
  expect(ended.ok).toBe(true);
  expect((await h.app.services.memberService.erasePerson('v01', 'aad-secretariat')).ok).toBe(true);
  const everything: string[] = [];
  for (const name of ['groups', 'directory', 'schedule', 'audit'] as CollectionName[])
    for await (const doc of h.app.store.collection(name).scan({})) everything.push(JSON.stringify(doc));
  expect(everything.filter((doc) => doc.includes('Voter v01'))).toEqual([]);
  expect(everything.some((doc) => doc.includes('Målene for 2027 godkendt.'))).toBe(true);
  const { cards } = await say('referat');
  expect(JSON.stringify(cards[0])).toContain('ansvarlig: Tidligere medlem');
});
