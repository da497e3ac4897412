/**
 * The inspiration-talk swap on the embedded store (SQLite): the presenter asks, the asked member
 * accepts or declines in their personal chat, the talk record changes hands with who swapped with
 * whom and when, the rotation then gives the original presenter the next turn; retries and racing
 * clicks count once; stale requests and everybody else are refused.
 */
import { ManualClock } from '../../src/domain/clock';
import type { AuditEntry } from '../../src/domain/ports';
import { AgendaService } from '../../src/features/agenda/agenda-service';
import { answerSwap } from '../../src/features/agenda/presenter-swap-answer';
import { swapDelivery } from '../../src/features/agenda/presenter-swap-delivery';
import { SwapRequestRepository } from '../../src/features/agenda/presenter-swap-repository';
import { PresenterSwapService } from '../../src/features/agenda/presenter-swap-service';
import { ProposalRepository } from '../../src/features/agenda/proposals-repository';
import { syncPermanentGroups } from '../../src/features/binding/group-sync';
import { GroupRepository } from '../../src/features/binding/groups-repository';
import { MeetingRepository, type MeetingRecord } from '../../src/features/meetings/meetings-repository';
import { MeetingService } from '../../src/features/meetings/meetings-service';
import { PeopleRepository } from '../../src/features/members/people-repository';
import { assertValidCard } from '../../src/platform/cards/validate';
import { loadGovernance } from '../../src/platform/governance/governance-loader';
import { audienceLanguages, type AudienceLanguages } from '../../src/platform/i18n';
import { SqliteStore } from '../../src/platform/storage/sqlite/sqlite-store';
import { seedPerson } from '../support/people';
import { CapturingMessenger } from './hearings-fixture';

const governance = loadGovernance();
const KOBENHAVN = { kind: 'municipality', municipalityCode: '101', name: 'København' } as const;

/** An audit log that keeps its entries (create-once by key, as the real one). */
class Audit {
  readonly entries: AuditEntry[] = [];
  private readonly keys = new Set<string>();
  async append(entry: AuditEntry, options: { onceKey?: string } = {}): Promise<void> {
    if (options.onceKey !== undefined) {
      if (this.keys.has(options.onceKey)) return;
      this.keys.add(options.onceKey);
    }
    this.entries.push(entry);
  }
  actions(): string[] {
    return this.entries.map((entry) => entry.action).filter((action) => action.startsWith('agenda.'));
  }
}

async function world(options: { unbound?: string[]; audiences?: AudienceLanguages } = {}) {
  const store = SqliteStore.inMemory();
  const clock = new ManualClock('2027-01-10T09:00:00.000Z');
  const groups = new GroupRepository(store);
  await syncPermanentGroups(governance, groups, clock);
  const people = new PeopleRepository(store);
  // Never presented, so the rotation goes by term start: Anne, Bo, Carl; the KL member is no candidate.
  await seedPerson(people, { id: 'anne', name: 'Anne Andersen', organisation: KOBENHAVN }, [
    { groupId: 'steering', role: 'member', termStart: '2024-01-01' },
  ]);
  await seedPerson(people, { id: 'bo', name: 'Bo Berg', organisation: KOBENHAVN }, [
    { groupId: 'steering', role: 'member', termStart: '2025-01-01', plannedEnd: '2029-12-31' },
  ]);
  await seedPerson(people, { id: 'carl', name: 'Carl Clausen', organisation: KOBENHAVN }, [
    { groupId: 'steering', role: 'member', termStart: '2026-01-01' },
  ]);
  await seedPerson(people, { id: 'kl', name: 'Kirsten KL', organisation: { kind: 'KL', name: 'KL' } }, [
    { groupId: 'steering', role: 'member', termStart: '2020-01-01' },
  ]);
  const audit = new Audit();
  const meetingsRepo = new MeetingRepository(store);
  const meetings = new MeetingService(meetingsRepo, audit, clock, governance);
  const agenda = new AgendaService(meetingsRepo, new ProposalRepository(store), people, governance);
  const messenger = new CapturingMessenger(new Set(options.unbound ?? []));
  const requests = new SwapRequestRepository(store);
  let counter = 0;
  const swaps = new PresenterSwapService(
    {
      agenda,
      meetings: meetingsRepo,
      requests,
      people,
      groups,
      audit,
      clock,
      timeZone: governance.timeZone,
      delivery: swapDelivery(messenger),
      ...(options.audiences ? { audiences: options.audiences } : {}),
    },
    () => `request-${String(++counter).padStart(4, '0')}`,
  );
  async function schedule(date: string, groupId = 'steering'): Promise<MeetingRecord> {
    const result = await meetings.schedule({ groupId, date, time: '10:00', actorId: 'sec' });
    if (result.kind !== 'scheduled') throw new Error(result.kind);
    return result.meeting;
  }
  return {
    store,
    clock,
    people,
    audit,
    meetingsRepo,
    meetings,
    agenda,
    messenger,
    requests,
    swaps,
    schedule,
  };
}

type World = Awaited<ReturnType<typeof world>>;

let w: World;
beforeEach(async () => (w = await world()));
afterEach(() => w.store.close());

/** Anne (the presenter) asks `to` about the meeting, on a form she opened. */
async function askFor(meeting: MeetingRecord, to: string, from = 'anne') {
  const form = await w.swaps.formFor(from, 'steering', meeting.id);
  if (form.kind !== 'form') throw new Error(`no form: ${form.kind}`);
  const asked = await w.swaps.ask({
    actorId: from,
    groupId: 'steering',
    meetingId: meeting.id,
    requestId: form.requestId,
    toPersonId: to,
  });
  return { form, asked, requestId: form.requestId };
}

const answer = (requestId: string, actorId: string, reply: 'accept' | 'decline') =>
  answerSwap(w.swaps, { actorId, groupId: 'steering', requestId, answer: reply });

const postsTo = (address: string) => w.messenger.postsTo(address).map((post) => JSON.stringify(post.message));

describe('asking', () => {
  it("offers the rotation's other candidates in its order and sends the request to the member's personal chat", async () => {
    const meeting = await w.schedule('2027-04-01');
    const { form, asked } = await askFor(meeting, 'bo');
    if (form.kind !== 'form') throw new Error(form.kind);
    expect(form.candidates.map((c) => c.personId)).toEqual(['bo', 'carl']);
    expect(asked.kind).toBe('sent');
    const [request] = w.messenger.postsTo('person:bo');
    expect(request).toBeDefined();
    assertValidCard(request!.message.card);
    const text = JSON.stringify(request!.message.card);
    expect(text).toContain('Anne Andersen spørger, om du vil overtage inspirationsoplægget');
    expect(text).toContain('torsdag 1. april 2027 kl. 10.00');
    expect(text).toContain('rotation.swap.answer');
    expect(w.messenger.postsTo('steering')).toHaveLength(0);
    expect(w.audit.actions()).toEqual(['agenda.presenter-swap-asked']);
    // Nothing changes hands by asking.
    expect((await w.agenda.draft(meeting)).presenter).toMatchObject({ personId: 'anne', recorded: false });
  });

  it('asks once for a re-sent submit, and for two submits racing', async () => {
    const meeting = await w.schedule('2027-04-01');
    const { requestId } = await askFor(meeting, 'bo');
    const input = {
      actorId: 'anne',
      groupId: 'steering',
      meetingId: meeting.id,
      requestId,
      toPersonId: 'bo',
    };
    expect((await w.swaps.ask(input)).kind).toBe('already-asked');
    const form = await w.swaps.formFor('anne', 'steering', meeting.id);
    if (form.kind !== 'form') throw new Error(form.kind);
    const both = await Promise.all(
      [1, 2].map(() => w.swaps.ask({ ...input, requestId: form.requestId, toPersonId: 'carl' })),
    );
    expect(both.map((r) => r.kind).sort()).toEqual(['already-asked', 'sent']);
    expect(w.messenger.postsTo('person:bo')).toHaveLength(1);
    expect(w.messenger.postsTo('person:carl')).toHaveLength(1);
  });

  it('refuses anyone but the presenter, a member who is no candidate, and a body without the talk', async () => {
    const meeting = await w.schedule('2027-04-01');
    const bo = await w.swaps.formFor('bo', 'steering', meeting.id);
    expect(bo).toMatchObject({
      kind: 'refused',
      reason: 'not-presenter',
      presenter: { name: 'Anne Andersen' },
    });
    const form = await w.swaps.formFor('anne', 'steering', meeting.id);
    if (form.kind !== 'form') throw new Error(form.kind);
    for (const to of ['kl', 'anne', 'nobody', '']) {
      const asked = await w.swaps.ask({
        actorId: 'anne',
        groupId: 'steering',
        meetingId: meeting.id,
        requestId: form.requestId,
        toPersonId: to,
      });
      expect(asked).toMatchObject({ kind: 'refused', reason: 'not-candidate' });
    }
    const reference = await w.schedule('2027-04-02', 'ref-drift');
    expect(await w.swaps.formFor('anne', 'ref-drift', reference.id)).toMatchObject({ reason: 'no-talk' });
    expect(w.messenger.posts).toHaveLength(0);
    expect(await w.requests.forMeeting('steering', meeting.id)).toEqual([]);
  });

  it('finds the first upcoming meeting whose talk is yours, and says so when there is none', async () => {
    const first = await w.schedule('2027-04-01');
    const second = await w.schedule('2027-06-03');
    await w.agenda.publish(first); // Anne is recorded for the first; Bo is the pick for the second.
    const upcoming = await w.meetings.upcoming('steering');
    expect(await w.swaps.ownTalk('bo', upcoming)).toMatchObject({ kind: 'form', meeting: { id: second.id } });
    expect(await w.swaps.ownTalk('anne', upcoming)).toMatchObject({
      kind: 'form',
      meeting: { id: first.id },
    });
    expect(await w.swaps.ownTalk('carl', upcoming)).toMatchObject({
      kind: 'refused',
      reason: 'not-presenter',
    });
  });

  it('tells the presenter when the request could not be delivered', async () => {
    const broken = await world({ unbound: ['person:bo'] });
    try {
      const meeting = await broken.schedule('2027-04-01');
      const form = await broken.swaps.formFor('anne', 'steering', meeting.id);
      if (form.kind !== 'form') throw new Error(form.kind);
      const asked = await broken.swaps.ask({
        actorId: 'anne',
        groupId: 'steering',
        meetingId: meeting.id,
        requestId: form.requestId,
        toPersonId: 'bo',
      });
      expect(asked).toMatchObject({ kind: 'not-delivered', to: { name: 'Bo Berg' } });
      expect(broken.audit.actions()).toEqual([]);
    } finally {
      broken.store.close();
    }
  });
});

describe('accepting', () => {
  it('hands the talk over with who and when, tells both and the channel, and the rotation gives the asker the next turn', async () => {
    const first = await w.schedule('2027-04-01');
    const second = await w.schedule('2027-06-03');
    const third = await w.schedule('2027-09-02');
    const { requestId } = await askFor(first, 'bo');
    w.clock.set('2027-01-11T10:00:00.000Z');
    const accepted = await answer(requestId, 'bo', 'accept');
    expect(accepted).toMatchObject({ kind: 'accepted', askerTold: true });

    const talk = await w.meetingsRepo.inspirationTalk('steering', first.id);
    expect(talk).toMatchObject({
      personId: 'bo',
      at: first.startsAt,
      swaps: [{ requestId, fromPersonId: 'anne', toPersonId: 'bo', at: '2027-01-11T10:00:00.000Z' }],
    });
    expect((await w.agenda.draft(first)).presenter).toMatchObject({ personId: 'bo', recorded: true });
    // The request card in Bo's chat shows the outcome; Anne and the channel are told.
    const [update] = w.messenger.updates;
    expect(update).toMatchObject({ groupId: 'person:bo', activityId: 'act-1' });
    expect(JSON.stringify(update!.message)).toContain('Bo Berg holder inspirationsoplægget på mødet');
    expect(postsTo('person:anne').join()).toContain('Bo Berg har sagt ja');
    expect(postsTo('steering').join()).toContain('holdes af Bo Berg i stedet for Anne Andersen');
    expect(w.audit.actions()).toEqual(['agenda.presenter-swap-asked', 'agenda.presenter-swap-accepted']);

    // Anne gave no talk, so she is next; publishing the first meeting keeps Bo.
    expect((await w.agenda.draft(second)).presenter).toMatchObject({ personId: 'anne', recorded: false });
    expect((await w.agenda.publish(first)).presenter).toMatchObject({ personId: 'bo' });
    expect((await w.agenda.publish(second)).presenter).toMatchObject({ personId: 'anne', recorded: true });
    expect((await w.agenda.draft(third)).presenter).toMatchObject({ personId: 'carl' });
  });

  it('hands over a talk already recorded at the 2-week moment (etag-guarded update)', async () => {
    const first = await w.schedule('2027-04-01');
    await w.agenda.publish(first);
    const { requestId } = await askFor(first, 'carl');
    expect(await answer(requestId, 'carl', 'accept')).toMatchObject({ kind: 'accepted' });
    const talk = await w.meetingsRepo.inspirationTalk('steering', first.id);
    expect(talk).toMatchObject({ personId: 'carl', swaps: [{ fromPersonId: 'anne', toPersonId: 'carl' }] });
  });

  it('counts a repeated accept and two accepts racing once', async () => {
    const meeting = await w.schedule('2027-04-01');
    const { requestId } = await askFor(meeting, 'bo');
    const racing = await Promise.all([answer(requestId, 'bo', 'accept'), answer(requestId, 'bo', 'accept')]);
    expect(racing.filter((r) => r.kind === 'accepted' && r.askerTold === true)).toHaveLength(1);
    expect(racing.every((r) => r.kind === 'accepted' || r.kind === 'answered')).toBe(true);
    // A Teams retry later is told it is answered (accepted); a decline cannot undo it.
    for (const reply of ['accept', 'decline'] as const)
      expect(await answer(requestId, 'bo', reply)).toMatchObject({
        kind: 'answered',
        request: { status: 'accepted' },
      });
    const talk = await w.meetingsRepo.inspirationTalk('steering', meeting.id);
    expect(talk?.swaps).toHaveLength(1);
    expect(w.messenger.postsTo('person:anne')).toHaveLength(1);
    expect(w.messenger.postsTo('steering')).toHaveLength(1);
    expect(w.audit.actions().filter((a) => a.endsWith('accepted'))).toHaveLength(1);
  });

  it('gives the talk to one of two members asked at once: the later accept is stale', async () => {
    const meeting = await w.schedule('2027-04-01');
    const toBo = await askFor(meeting, 'bo');
    const toCarl = await askFor(meeting, 'carl');
    const [bo, carl] = await Promise.all([
      answer(toBo.requestId, 'bo', 'accept'),
      answer(toCarl.requestId, 'carl', 'accept'),
    ]);
    const kinds = [bo.kind, carl.kind].sort();
    expect(kinds).toEqual(['accepted', 'stale']);
    const talk = await w.meetingsRepo.inspirationTalk('steering', meeting.id);
    expect(talk?.swaps).toHaveLength(1);
    expect(talk?.personId).toBe(bo.kind === 'accepted' ? 'bo' : 'carl');
    const stale = bo.kind === 'stale' ? bo : carl;
    expect(stale).toMatchObject({ reason: 'presenter-changed' });
  });

  it('finishes an accept that stopped between its writes', async () => {
    const meeting = await w.schedule('2027-04-01');
    const claimed = await askFor(meeting, 'bo');
    // Claimed, talk not yet handed over (the process died): the next click does the rest.
    await w.requests.update('steering', claimed.requestId, (r) => ({ ...r, status: 'accepting' }));
    expect(await answer(claimed.requestId, 'bo', 'accept')).toMatchObject({
      kind: 'accepted',
      askerTold: true,
    });
    expect(await w.meetingsRepo.inspirationTalk('steering', meeting.id)).toMatchObject({ personId: 'bo' });

    // Handed over, request not yet closed: the next click closes it without a second hand-over.
    const later = await w.schedule('2027-06-03');
    const half = await askFor(later, 'carl', 'anne');
    await w.requests.update('steering', half.requestId, (r) => ({ ...r, status: 'accepting' }));
    const swap = {
      requestId: half.requestId,
      fromPersonId: 'anne',
      toPersonId: 'carl',
      at: '2027-01-10T09:00:00.000Z',
    };
    await w.meetingsRepo.handOverInspirationTalk(
      { groupId: 'steering', meetingId: later.id, at: later.startsAt },
      swap,
    );
    expect(await answer(half.requestId, 'carl', 'accept')).toMatchObject({ kind: 'accepted' });
    expect((await w.meetingsRepo.inspirationTalk('steering', later.id))?.swaps).toHaveLength(1);
    expect((await w.requests.get('steering', half.requestId))?.status).toBe('accepted');
  });
});

describe('declining and refusals', () => {
  it('tells the asker of a decline; the talk stays, and a later accept changes nothing', async () => {
    const meeting = await w.schedule('2027-04-01');
    const { requestId } = await askFor(meeting, 'bo');
    expect(await answer(requestId, 'bo', 'decline')).toMatchObject({ kind: 'declined', askerTold: true });
    expect(postsTo('person:anne').join()).toContain('Bo Berg har sagt nej');
    expect(await answer(requestId, 'bo', 'accept')).toMatchObject({
      kind: 'answered',
      request: { status: 'declined' },
    });
    expect(await w.meetingsRepo.inspirationTalk('steering', meeting.id)).toBeUndefined();
    expect((await w.agenda.draft(meeting)).presenter).toMatchObject({ personId: 'anne' });
    expect(w.messenger.postsTo('steering')).toHaveLength(0);
  });

  it('refuses everybody but the asked member, and unknown requests', async () => {
    const meeting = await w.schedule('2027-04-01');
    const { requestId } = await askFor(meeting, 'bo');
    for (const actor of ['carl', 'anne', 'kl'])
      expect(await answer(requestId, actor, 'accept')).toMatchObject({
        kind: 'not-addressee',
        to: { name: 'Bo Berg' },
      });
    expect(await answer('request-9999', 'bo', 'accept')).toEqual({ kind: 'not-found' });
    expect((await w.requests.get('steering', requestId))?.status).toBe('pending');
    expect(await w.meetingsRepo.inspirationTalk('steering', meeting.id)).toBeUndefined();
  });

  it.each([
    ['cancelled', 'meeting-cancelled'],
    ['moved', 'meeting-moved'],
    ['started', 'meeting-started'],
    ['taken over by someone else', 'presenter-changed'],
    ['outside the asked member’s term', 'not-eligible'],
  ])('refuses an accept when the meeting was %s, and says why to both', async (change, reason) => {
    const meeting = await w.schedule('2027-04-01');
    const { requestId } = await askFor(meeting, 'bo');
    if (change === 'cancelled') await w.meetings.cancel('steering', meeting.id, 'sec');
    if (change === 'moved') await w.meetings.move('steering', meeting.id, '2027-04-08', '10:00', 'sec');
    if (change === 'started') w.clock.set(meeting.startsAt);
    if (change === 'taken over by someone else') {
      const other = await askFor(meeting, 'carl');
      await answer(other.requestId, 'carl', 'accept');
    }
    if (change === 'outside the asked member’s term')
      await w.people.saveMembership({
        personId: 'bo',
        groupId: 'steering',
        role: 'member',
        termStart: '2025-01-01',
        endedOn: '2027-03-01',
      });
    const before = await w.meetingsRepo.inspirationTalk('steering', meeting.id);
    expect(await answer(requestId, 'bo', 'accept')).toMatchObject({ kind: 'stale', reason });
    expect(await w.meetingsRepo.inspirationTalk('steering', meeting.id)).toEqual(before);
    expect((await w.requests.get('steering', requestId))?.status).toBe('stale');
    expect(postsTo('person:anne').join()).toContain('gælder ikke længere');
    // Answered for good: the next click is told so.
    expect(await answer(requestId, 'bo', 'accept')).toMatchObject({ kind: 'answered' });
  });
});

describe("each card in its reader's language (issue 26.5)", () => {
  it('asks a member who chose English in English, and tells the Danish asker and channel in Danish', async () => {
    w.store.close();
    const chosen: Record<string, 'en'> = { bo: 'en' };
    w = await world({
      audiences: audienceLanguages(governance, { preferenceOf: async (personId) => chosen[personId] }),
    });
    const meeting = await w.schedule('2027-04-01');
    const { requestId } = await askFor(meeting, 'bo');
    const [request] = postsTo('person:bo');
    expect(request).toContain('Will you give the inspiration talk?');
    expect(request).toContain('Thursday 1 April 2027');
    expect((await answer(requestId, 'bo', 'accept')).kind).toBe('accepted');
    expect(JSON.stringify(w.messenger.updates[0]!.message)).toContain('gives the inspiration talk');
    const [askerNote] = postsTo('person:anne');
    expect(askerNote).toContain('torsdag 1. april 2027');
    expect(askerNote).not.toContain('April 2027');
    expect(postsTo('steering')[0]).toContain('torsdag 1. april 2027');
  });
});
