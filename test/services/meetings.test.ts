/**
 * The meeting cycle's services on the embedded store: scheduling and its timeline, moving and
 * cancelling (and what the scheduler then sees), proposal intake + idempotency + triage, the agenda
 * (presenter rotation, overrun, 80 long proposals in one card), the calendar and print outputs.
 */
import { agendaCard } from '../../src/features/agenda/agenda-cards';
import { meetingCard, scheduleYearCard } from '../../src/features/meetings/meeting-cards';
import { proposalFormCard, triageCard } from '../../src/features/agenda/proposal-cards';
import { assertValidCard, validateCard } from '../../src/platform/cards/validate';
import { proposalMessages } from '../../src/features/agenda/proposal-messages';
import { createMeetingHooks } from '../../src/features/agenda/agenda-feature';
import { loadGovernance } from '../../src/platform/governance/governance-loader';
import { ManualClock } from '../../src/domain/clock';
import type { Group } from '../../src/domain/model';
import { translatorFor } from '../../src/platform/i18n';
import { meetingMomentSource } from '../../src/features/meetings/meeting-moments';
import { AgendaService } from '../../src/features/agenda/agenda-service';
import { agendaHtml, meetingIcs } from '../../src/features/agenda/calendar';
import { MeetingService } from '../../src/features/meetings/meetings-service';
import { meetingCycle } from '../../src/features/agenda/meeting-cycle';
import { ProposalService } from '../../src/features/agenda/proposals-service';
import type { ActorRole } from '../../src/domain/roles';
import type { AuditEntry, ChannelMessenger, GroupRegistry, OutboundMessage } from '../../src/domain/ports';
import { MeetingRepository, type MeetingRecord } from '../../src/features/meetings/meetings-repository';
import { PeopleRepository } from '../../src/features/members/people-repository';
import { ProposalRepository } from '../../src/features/agenda/proposals-repository';
import { SqliteStore } from '../../src/platform/storage/sqlite/sqlite-store';

const governance = loadGovernance();
const t = translatorFor('da');

class Recorder implements ChannelMessenger {
  posts: Array<{ groupId: string; message: OutboundMessage }> = [];
  async postToGroup(groupId: string, message: OutboundMessage) {
    this.posts.push({ groupId, message });
    return { activityId: `a-${this.posts.length}` };
  }
  async updateInGroup() {}
}

const groups: Group[] = governance.bodies.map((body) => ({
  id: body.id,
  kind: body.kind,
  name: body.name,
  status: 'active',
  createdAt: '2026-01-01T00:00:00.000Z',
}));
function registry(boundSecretariat: boolean): GroupRegistry {
  return {
    getGroup: async (id) => groups.find((g) => g.id === id),
    listGroups: async () => groups,
    bindingOfGroup: async (id) =>
      id === 'secretariat' && !boundSecretariat
        ? undefined
        : {
            groupId: id,
            teamId: 't',
            channelId: `c-${id}`,
            boundBy: 'x',
            boundAt: '2026-01-01T00:00:00.000Z',
          },
    bindingOfChannel: async () => undefined,
    bind: async () => {
      throw new Error('unused');
    },
    unbind: async () => false,
    recordInstallation: async () => {},
  };
}

function setup(options: { boundSecretariat?: boolean } = {}) {
  const store = SqliteStore.inMemory();
  const clock = new ManualClock('2027-01-10T09:00:00.000Z');
  const audit: AuditEntry[] = [];
  const auditLog = { append: async (entry: AuditEntry) => void audit.push(entry) };
  const meetingsRepo = new MeetingRepository(store);
  const proposalsRepo = new ProposalRepository(store);
  const people = new PeopleRepository(store);
  const messenger = new Recorder();
  const groupRegistry = registry(options.boundSecretariat ?? true);
  const meetings = new MeetingService(meetingsRepo, auditLog, clock, governance);
  // Anne is a member of every group; anyone else is a member of none.
  const roles = {
    rolesOf: async (personId: string | undefined) =>
      personId === 'aad-anne' ? (['member'] as ActorRole[]) : [],
  };
  const proposals = new ProposalService(
    proposalsRepo,
    meetingsRepo,
    groupRegistry,
    messenger,
    auditLog,
    clock,
    governance,
    proposalMessages({ governance, timeZone: governance.timeZone, groups: groupRegistry }),
    roles,
  );
  const agenda = new AgendaService(meetingsRepo, proposalsRepo, people, governance);
  const cycle = meetingCycle({
    meetings,
    proposals,
    agenda,
    timeZone: governance.timeZone,
    publicBaseUrl: 'https://fki.example.org',
  });
  return {
    store,
    clock,
    audit,
    meetingsRepo,
    proposalsRepo,
    people,
    messenger,
    meetings,
    proposals,
    agenda,
    cycle,
    groupRegistry,
  };
}

async function scheduled(
  s: ReturnType<typeof setup>,
  date = '2027-04-01',
  time = '10:00',
): Promise<MeetingRecord> {
  const result = await s.meetings.schedule({ groupId: 'steering', date, time, actorId: 'sec' });
  if (result.kind !== 'scheduled') throw new Error(result.kind);
  return result.meeting;
}

const member = { id: 'aad-anne', name: 'Anne', isSecretariat: false };
const fields = { title: 'Cloud', description: 'd', kind: 'discussion', requestedMinutes: '20' };

describe('meeting schedule', () => {
  let s: ReturnType<typeof setup>;
  beforeEach(() => (s = setup()));
  afterEach(() => s.store.close());

  it('schedules in local time with the timeline from the governance config, and refuses bad or past slots', async () => {
    const meeting = await scheduled(s);
    expect(meeting.startsAt).toBe('2027-04-01T08:00:00.000Z'); // 10:00 CEST
    expect(meeting.durationMinutes).toBe(240);
    expect(s.meetings.deadlines(meeting).proposalDeadline).toBe('2027-03-04T09:00:00.000Z'); // 10:00 CET, before DST
    expect(await s.meetings.nextMeeting('steering', s.clock.now())).toMatchObject({ id: meeting.id });
    expect(
      (await s.meetings.schedule({ groupId: 'steering', date: '2027-02-30', time: '10:00', actorId: 'sec' }))
        .kind,
    ).toBe('invalid');
    expect(
      await s.meetings.schedule({ groupId: 'steering', date: '2027-05-01', time: '25:00', actorId: 'sec' }),
    ).toMatchObject({ kind: 'invalid', error: 'bad-time' });
    expect(
      await s.meetings.schedule({ groupId: 'steering', date: '2026-12-01', time: '10:00', actorId: 'sec' }),
    ).toMatchObject({ kind: 'invalid', error: 'in-past' });
    // A re-sent schedule (same day) does not create a second meeting.
    expect(
      await s.meetings.schedule({ groupId: 'steering', date: '1.4.2027', time: '10:00', actorId: 'sec' }),
    ).toMatchObject({ kind: 'same-day-exists' });
    expect(await s.meetingsRepo.all('steering')).toHaveLength(1);
    expect(s.audit.map((e) => e.action)).toEqual(['meeting.schedule']);
  });

  it("proposes a year's quarterly defaults (first Thursdays) and schedules them", async () => {
    const slots = s.meetings.defaultYearSlots(2027, 'steering');
    expect(slots).toEqual([
      { date: '2027-03-04', time: '10:00' },
      { date: '2027-06-03', time: '10:00' },
      { date: '2027-09-02', time: '10:00' },
      { date: '2027-12-02', time: '10:00' },
    ]);
    assertValidCard(scheduleYearCard(t, { groupId: 'steering', groupName: 'KSG', year: 2027, slots }));
    const results = await s.meetings.scheduleMany('steering', slots, 'sec');
    expect(results.map((r) => r.kind)).toEqual(['scheduled', 'scheduled', 'scheduled', 'scheduled']);
    expect((await s.meetings.upcoming('steering')).map((m) => m.startsAt.slice(0, 10))).toEqual([
      '2027-03-04',
      '2027-06-03',
      '2027-09-02',
      '2027-12-02',
    ]);
  });

  it('moving changes the moment keys the scheduler derives; a cancelled meeting yields none', async () => {
    const meeting = await scheduled(s);
    const source = meetingMomentSource({
      governance,
      messenger: s.messenger,
      groups: s.groupRegistry,
      meetings: { listUpcoming: (from, to) => s.meetingsRepo.listScheduledBetween(from, to) },
    });
    const window = { from: new Date('2027-01-01T00:00:00Z'), to: new Date('2027-12-31T00:00:00Z') };
    const before = (await source.moments(window))
      .filter((m) => m.kind === 'detailed-agenda')
      .map((m) => m.key);
    expect(before).toEqual([`detailed-agenda:steering:${meeting.id}:2027-03-18T09:00:00.000Z`]);

    const moved = await s.meetings.move('steering', meeting.id, '2027-04-08', '10:00', 'sec');
    expect(moved.kind).toBe('changed');
    const after = (await source.moments(window))
      .filter((m) => m.kind === 'detailed-agenda')
      .map((m) => m.key);
    expect(after).toEqual([`detailed-agenda:steering:${meeting.id}:2027-03-25T09:00:00.000Z`]);

    expect((await s.meetings.cancel('steering', meeting.id, 'sec')).kind).toBe('changed');
    expect(await source.moments(window)).toEqual([]);
    expect(await s.meetingsRepo.listScheduledBetween(window.from, window.to)).toEqual([]);
    expect(await s.meetings.nextMeeting('steering', s.clock.now())).toBeUndefined();
    expect((await s.meetings.cancel('steering', meeting.id, 'sec')).kind).toBe('not-scheduled');
  });

  it('the meeting card shows the timeline and is valid', async () => {
    const meeting = await scheduled(s);
    const card = meetingCard(t, {
      locale: 'da',
      timeZone: governance.timeZone,
      groupName: 'KSG',
      meeting,
      deadlines: s.meetings.deadlines(meeting),
      withStatusReports: true,
      links: s.cycle.links(meeting),
      manage: true,
    });
    assertValidCard(card);
    expect(JSON.stringify(card)).toContain('torsdag 18. marts 2027 kl. 10.00');
  });
});

describe('proposals', () => {
  let s: ReturnType<typeof setup>;
  beforeEach(() => (s = setup()));
  afterEach(() => s.store.close());

  it('validates every field and returns the errors per field', async () => {
    const meeting = await scheduled(s);
    const result = await s.proposals.submit({
      groupId: 'steering',
      meetingId: meeting.id,
      cardInstanceId: 'c1',
      actor: member,
      fields: { title: 'x', kind: 'decision', requestedMinutes: '500', materialUrl: 'http://x' },
    });
    expect(result.kind).toBe('invalid');
    if (result.kind !== 'invalid') return;
    expect(result.errors.map((e) => e.field).sort()).toEqual([
      'materialUrl',
      'proposedDecision',
      'requestedMinutes',
      'title',
    ]);
    const card = proposalFormCard(t, {
      locale: 'da',
      timeZone: governance.timeZone,
      groupId: 'steering',
      groupName: 'KSG',
      meeting,
      deadline: s.proposals.deadlineOf(meeting),
      cardInstanceId: 'c1',
      values: { title: 'x', materialUrl: 'http://x' },
      errors: result.errors,
    });
    assertValidCard(card);
    const json = JSON.stringify(card);
    expect(json).toContain('Mindst 3 tegn (du skrev 1).');
    expect(json).toContain('Skal være et link, der begynder med https://.');
    expect(json).toContain('"value":"http://x"');
  });

  it('takes a member proposal up to the deadline instant, refuses it after, and lets the secretariat add it late', async () => {
    const meeting = await scheduled(s);
    s.clock.set('2027-03-04T09:00:00.000Z'); // the deadline itself
    expect(
      await s.proposals.submit({
        groupId: 'steering',
        meetingId: meeting.id,
        cardInstanceId: 'c1',
        actor: member,
        fields,
      }),
    ).toMatchObject({ kind: 'accepted', created: true });
    s.clock.set('2027-03-04T09:00:00.001Z');
    expect(
      await s.proposals.submit({
        groupId: 'steering',
        meetingId: meeting.id,
        cardInstanceId: 'c2',
        actor: member,
        fields,
      }),
    ).toMatchObject({ kind: 'refused', reason: 'deadline-passed', deadline: '2027-03-04T09:00:00.000Z' });
    const late = await s.proposals.submit({
      groupId: 'steering',
      meetingId: meeting.id,
      cardInstanceId: 'c3',
      actor: { ...member, isSecretariat: true },
      fields,
    });
    expect(late).toMatchObject({ kind: 'accepted', proposal: { late: true } });
  });

  it("refuses a non-member's proposal (governance: any member may propose), stores nothing; the secretariat may add", async () => {
    const meeting = await scheduled(s);
    const outsider = { id: 'aad-outsider', name: 'Ole', isSecretariat: false };
    expect(
      await s.proposals.submit({
        groupId: 'steering',
        meetingId: meeting.id,
        cardInstanceId: 'n1',
        actor: outsider,
        fields,
      }),
    ).toEqual({ kind: 'not-member' });
    expect(await s.proposals.forMeeting('steering', meeting.id)).toEqual([]);
    expect(s.messenger.posts).toEqual([]);
    expect(
      await s.proposals.submit({
        groupId: 'steering',
        meetingId: meeting.id,
        cardInstanceId: 'n2',
        actor: { ...outsider, isSecretariat: true },
        fields,
      }),
    ).toMatchObject({ kind: 'accepted', created: true });
  });

  it('is idempotent per card instance and posts one triage card to the secretariat (or the steering group)', async () => {
    const meeting = await scheduled(s);
    const first = await s.proposals.submit({
      groupId: 'steering',
      meetingId: meeting.id,
      cardInstanceId: 'card-1',
      actor: member,
      fields,
    });
    const second = await s.proposals.submit({
      groupId: 'steering',
      meetingId: meeting.id,
      cardInstanceId: 'card-1',
      actor: member,
      fields,
    });
    expect(second).toMatchObject({ kind: 'accepted', created: false });
    expect(
      first.kind === 'accepted' && second.kind === 'accepted' && first.proposal.id === second.proposal.id,
    ).toBe(true);
    expect(await s.proposals.forMeeting('steering', meeting.id)).toHaveLength(1);
    expect(s.messenger.posts.map((p) => p.groupId)).toEqual(['secretariat']);
    assertValidCard(s.messenger.posts[0]!.message.card);

    const unbound = setup({ boundSecretariat: false });
    const m = await scheduled(unbound);
    await unbound.proposals.submit({
      groupId: 'steering',
      meetingId: m.id,
      cardInstanceId: 'x',
      actor: member,
      fields,
    });
    // Addressed to the secretariat even without its channel (the app's secretariat route then takes it
    // to its members personally, test/services/secretariat-delivery.test.ts), never the steering channel.
    expect(unbound.messenger.posts.map((p) => p.groupId)).toEqual(['secretariat']);
    await unbound.store.close();
  });

  it('triage: accept, reject needs a reason, defer moves it to the next meeting; the proposer is told', async () => {
    const meeting = await scheduled(s);
    const later = await scheduled(s, '2027-06-03');
    const submit = async (id: string) => {
      const r = await s.proposals.submit({
        groupId: 'steering',
        meetingId: meeting.id,
        cardInstanceId: id,
        actor: member,
        fields: { ...fields, title: `Punkt ${id}` },
      });
      if (r.kind !== 'accepted') throw new Error(r.kind);
      return r.proposal.id;
    };
    const [a, b, c] = [await submit('a'), await submit('b'), await submit('c')];
    s.messenger.posts = [];
    expect(
      await s.proposals.triage({ groupId: 'steering', proposalId: a, decision: 'accept', actorId: 'sec' }),
    ).toMatchObject({ kind: 'done', proposal: { status: 'accepted' } });
    expect(
      await s.proposals.triage({
        groupId: 'steering',
        proposalId: a,
        decision: 'reject',
        reason: 'x',
        actorId: 'sec',
      }),
    ).toMatchObject({ kind: 'already-triaged' });
    expect(
      await s.proposals.triage({
        groupId: 'steering',
        proposalId: b,
        decision: 'reject',
        reason: ' ',
        actorId: 'sec',
      }),
    ).toMatchObject({ kind: 'reason-required' });
    expect(
      await s.proposals.triage({
        groupId: 'steering',
        proposalId: b,
        decision: 'reject',
        reason: 'Uden for FKI',
        actorId: 'sec',
      }),
    ).toMatchObject({ kind: 'done', proposal: { status: 'rejected', triage: { reason: 'Uden for FKI' } } });
    const deferred = await s.proposals.triage({
      groupId: 'steering',
      proposalId: c,
      decision: 'defer',
      reason: 'Fuld dagsorden',
      actorId: 'sec',
    });
    expect(deferred).toMatchObject({ kind: 'done', deferredTo: { id: later.id } });
    expect((await s.proposals.forMeeting('steering', later.id)).map((p) => [p.title, p.status])).toEqual([
      ['Punkt c', 'proposed'],
    ]);
    const outcomes = s.messenger.posts
      .filter((p) => p.groupId === 'steering')
      .map((p) => JSON.stringify(p.message.card));
    expect(outcomes).toHaveLength(3);
    expect(outcomes[1]).toContain('Begrundelse: Uden for FKI');
    expect(outcomes[0]).toContain('**Anne**');
    for (const post of s.messenger.posts) assertValidCard(post.message.card);
  });
});

describe('agenda', () => {
  let s: ReturnType<typeof setup>;
  beforeEach(() => (s = setup()));
  afterEach(() => s.store.close());

  async function members() {
    await s.people.savePerson({
      id: 'p-anne',
      name: 'Anne',
      organisation: { kind: 'municipality', name: 'Aalborg' },
    });
    await s.people.savePerson({
      id: 'p-bo',
      name: 'Bo',
      organisation: { kind: 'municipality', name: 'Brønderslev' },
    });
    await s.people.savePerson({ id: 'p-kl', name: 'Kim KL', organisation: { kind: 'KL', name: 'KL' } });
    await s.people.saveMembership({
      personId: 'p-anne',
      groupId: 'steering',
      role: 'member',
      termStart: '2024-01-01',
    });
    await s.people.saveMembership({
      personId: 'p-bo',
      groupId: 'steering',
      role: 'member',
      termStart: '2025-01-01',
    });
    await s.people.saveMembership({
      personId: 'p-kl',
      groupId: 'steering',
      role: 'member',
      termStart: '2020-01-01',
    });
  }

  it('publishing records the presenter, so the rotation advances; the draft only previews', async () => {
    await members();
    const first = await scheduled(s);
    const second = await scheduled(s, '2027-06-03');
    expect((await s.agenda.draft(first)).presenter).toMatchObject({ personId: 'p-anne', recorded: false });
    expect((await s.agenda.draft(second)).presenter).toMatchObject({ personId: 'p-anne' }); // nothing recorded yet
    expect((await s.agenda.publish(first)).presenter).toMatchObject({ personId: 'p-anne', recorded: true });
    expect((await s.agenda.publish(first)).presenter).toMatchObject({ personId: 'p-anne' }); // idempotent
    expect((await s.agenda.draft(second)).presenter).toMatchObject({ personId: 'p-bo', recorded: false });
  });

  it("a cancelled meeting keeps the presenter's turn: its presenter presents at the next meeting", async () => {
    await members();
    const first = await scheduled(s);
    const second = await scheduled(s, '2027-06-03');
    const third = await scheduled(s, '2027-09-02');
    expect((await s.agenda.publish(first)).presenter).toMatchObject({ personId: 'p-anne', recorded: true });
    // Cancelled after its detailed agenda went out: Anne never gave the talk.
    expect((await s.meetings.cancel('steering', first.id, 'sec')).kind).toBe('changed');
    expect((await s.agenda.draft(second)).presenter).toMatchObject({ personId: 'p-anne', recorded: false });
    expect((await s.agenda.publish(second)).presenter).toMatchObject({ personId: 'p-anne', recorded: true });
    expect((await s.agenda.draft(third)).presenter).toMatchObject({ personId: 'p-bo', recorded: false });
    // The cancelled meeting's agenda is not published again (the 2-week hook skips it).
    const hooks = createMeetingHooks({ cycle: s.cycle, groups: s.groupRegistry, messenger: s.messenger });
    const context = { now: s.clock.now(), dueAt: s.clock.now(), late: false, attempt: 1 };
    expect(await hooks.onDetailedAgendaDue!(s.meetings.plain(first), context, 'da')).toBeUndefined();
  });

  it('a moved meeting keeps its recorded presenter, and the rotation goes on from its new date', async () => {
    await members();
    const first = await scheduled(s);
    const second = await scheduled(s, '2027-06-03');
    expect((await s.agenda.publish(first)).presenter).toMatchObject({ personId: 'p-anne' });
    const moved = await s.meetings.move('steering', first.id, '2027-04-22', '10:00', 'sec');
    if (moved.kind !== 'changed') throw new Error(moved.kind);
    // The moved meeting's new 2-week moment publishes again: the same presenter.
    expect((await s.agenda.publish(moved.meeting)).presenter).toMatchObject({
      personId: 'p-anne',
      recorded: true,
    });
    expect((await s.agenda.draft(second)).presenter).toMatchObject({ personId: 'p-bo' });
  });

  it("a reference group's detailed agenda has its own items, no steering-group items and no presenter", async () => {
    await members();
    await s.people.saveMembership({
      personId: 'p-anne',
      groupId: 'ref-drift',
      role: 'member',
      termStart: '2024-01-01',
    });
    const result = await s.meetings.schedule({
      groupId: 'ref-drift',
      date: '2027-12-09',
      time: '10:00',
      actorId: 'sec',
    });
    if (result.kind !== 'scheduled') throw new Error(result.kind);
    const meeting = result.meeting;
    // FKI: the reference groups keep the default deadline offsets.
    expect(s.meetings.deadlines(meeting)).toEqual(s.meetings.deadlines({ startsAt: meeting.startsAt }));
    const hooks = createMeetingHooks({ cycle: s.cycle, groups: s.groupRegistry, messenger: s.messenger });
    const message = await hooks.onDetailedAgendaDue!(
      s.meetings.plain(meeting),
      {
        now: s.clock.now(),
        dueAt: s.clock.now(),
        late: false,
        attempt: 1,
      },
      'da',
    );
    assertValidCard(message!.card);
    const text = JSON.stringify(message!.card);
    for (const own of ['Orientering fra kommunestyregruppen', 'Status på arbejdsgrupperne', 'Eventuelt'])
      expect(text).toContain(own);
    for (const steering of [
      'Kort orientering fra KL og KOMBIT',
      'Inspirationsoplæg',
      'Oplægsholder',
      'buffetpris',
    ])
      expect(text).not.toContain(steering);
    expect(await s.meetingsRepo.inspirationTalks('ref-drift')).toEqual([]);
    // The steering group's Q4 agenda still has them.
    const steering = await s.agenda.publish(await scheduled(s, '2027-12-02'));
    expect(steering.agenda.items.map((i) => i.id)).toEqual(
      expect.arrayContaining(['orientation-kl-kombit', 'inspiration-talk', 'q4-buffet-price']),
    );
    expect(steering.presenter).toMatchObject({ personId: 'p-anne', recorded: true });
  });

  it('the 2-week hook posts an overrun alert to the secretariat and returns the detailed agenda', async () => {
    await members();
    const meeting = await scheduled(s);
    for (const id of ['a', 'b', 'c']) {
      await s.proposals.submit({
        groupId: 'steering',
        meetingId: meeting.id,
        cardInstanceId: id,
        actor: member,
        fields: { ...fields, title: `Stort punkt ${id}`, requestedMinutes: '60' },
      });
      const [p] = (await s.proposals.forMeeting('steering', meeting.id)).filter(
        (x) => x.title === `Stort punkt ${id}`,
      );
      await s.proposals.triage({
        groupId: 'steering',
        proposalId: p!.id,
        decision: 'accept',
        actorId: 'sec',
      });
    }
    s.messenger.posts = [];
    const hooks = createMeetingHooks({ cycle: s.cycle, groups: s.groupRegistry, messenger: s.messenger });
    const message = await hooks.onDetailedAgendaDue!(
      s.meetings.plain(meeting),
      {
        now: s.clock.now(),
        dueAt: s.clock.now(),
        late: false,
        attempt: 1,
      },
      'da',
    );
    assertValidCard(message!.card);
    const text = JSON.stringify(message!.card);
    expect(text).toContain('Stort punkt a');
    expect(text).toContain('Strategisk temadrøftelse');
    expect(text).toContain('Oplægsholder: Anne');
    // 130 standard + 45 wheel (Q2) + 180 proposals = 355 > 240.
    expect(text).toContain('Dagsordenen er 355 min., men mødet varer 240 min.: 115 min. for meget.');
    // The overrun alert first; then the three items without material are flagged to their proposer
    // and, in one card, to the secretariat (src/features/agenda/material-flags.ts).
    expect(s.messenger.posts.map((p) => p.groupId)).toEqual([
      'secretariat',
      'person:aad-anne',
      'person:aad-anne',
      'person:aad-anne',
      'secretariat',
    ]);
    assertValidCard(s.messenger.posts[0]!.message.card);
  });

  it('80 long proposals: the card stays under 28 KB and says it is summarised, with a link to the tab', async () => {
    const meeting = await scheduled(s);
    const long = 'Lang tekst '.repeat(18).trim().slice(0, 190);
    for (let i = 0; i < 80; i++) {
      const r = await s.proposals.submit({
        groupId: 'steering',
        meetingId: meeting.id,
        cardInstanceId: `p${i}`,
        actor: member,
        fields: {
          title: `${i} ${long}`,
          description: 'x'.repeat(3000),
          kind: 'decision',
          requestedMinutes: '30',
          materialUrl: `https://example.org/${'m'.repeat(100)}/${i}`,
          proposedDecision: 'y'.repeat(3000),
        },
      });
      if (r.kind !== 'accepted') throw new Error(r.kind);
      await s.proposals.triage({
        groupId: 'steering',
        proposalId: r.proposal.id,
        decision: 'accept',
        actorId: 'sec',
      });
    }
    const view = await s.agenda.draft(meeting);
    expect(view.agenda.items.length).toBe(6 + 2 + 80);
    const card = agendaCard(t, {
      locale: 'da',
      timeZone: governance.timeZone,
      groupName: 'KSG',
      view,
      links: s.cycle.links(meeting),
      variant: 'detailed',
    });
    const validation = validateCard(card);
    expect(validation.problems).toEqual([]);
    const json = JSON.stringify(card);
    expect(Buffer.byteLength(json)).toBeLessThan(28 * 1024);
    const shown = /(\d+) af 88 punkter vises her/.exec(json);
    expect(shown).not.toBeNull();
    expect(json).toContain(`https://fki.example.org/tab/index.html#meeting=${meeting.id}`);
    // Exactly the announced number of items is on the card.
    const itemCount = (json.match(/\*\*\d+\. \d\d:\d\d–/g) ?? []).length;
    expect(itemCount).toBe(Number(shown![1]));

    // A short agenda is shown in full, without the summary notice.
    const small = await scheduled(s, '2027-06-03');
    const smallCard = agendaCard(t, {
      locale: 'da',
      timeZone: governance.timeZone,
      groupName: 'KSG',
      view: await s.agenda.draft(small),
      links: s.cycle.links(small),
      variant: 'draft',
    });
    assertValidCard(smallCard);
    expect(JSON.stringify(smallCard)).not.toContain('vises her');
  });
});

describe('calendar and print', () => {
  let s: ReturnType<typeof setup>;
  beforeEach(() => (s = setup()));
  afterEach(() => s.store.close());

  it('exports an .ics with the correct instants and the agenda, and an escaped printable page', async () => {
    const meeting = await scheduled(s);
    await s.proposals.submit({
      groupId: 'steering',
      meetingId: meeting.id,
      cardInstanceId: 'x',
      actor: member,
      fields: { ...fields, title: '<script>alert(1)</script> & co' },
    });
    const [p] = await s.proposals.forMeeting('steering', meeting.id);
    await s.proposals.triage({ groupId: 'steering', proposalId: p!.id, decision: 'accept', actorId: 'sec' });
    const view = await s.agenda.draft(meeting);
    const ics = meetingIcs({
      view,
      groupName: 'Kommunestyregruppen',
      locale: 'da',
      timeZone: governance.timeZone,
    });
    expect(ics).toContain('BEGIN:VEVENT');
    // Local Copenhagen time (CEST) with the zone's rules; the details are in calendar.test.ts.
    expect(ics).toContain('DTSTART;TZID=Europe/Copenhagen:20270401T100000');
    expect(ics).toContain('DTEND;TZID=Europe/Copenhagen:20270401T140000');
    expect(ics).toContain(`UID:steering-${meeting.id}@fki-governance-bot`);
    expect(ics.replace(/\r\n[ \t]/g, '')).toContain('10:00–10:20 Kort orientering fra KL og KOMBIT');
    const html = agendaHtml({
      view,
      groupName: 'KSG',
      meetingTime: 'torsdag',
      locale: 'da',
      timeZone: governance.timeZone,
    });
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; co');
    expect(html).toContain('@media print');
  });

  it('triage cards are valid', async () => {
    const meeting = await scheduled(s);
    const r = await s.proposals.submit({
      groupId: 'steering',
      meetingId: meeting.id,
      cardInstanceId: 'x',
      actor: member,
      fields: { ...fields, kind: 'decision', proposedDecision: 'Godkend' },
    });
    if (r.kind !== 'accepted') throw new Error(r.kind);
    assertValidCard(
      triageCard(t, {
        proposal: r.proposal,
        groupName: 'KSG',
        meetingTime: 'x',
        error: 'Skriv en begrundelse',
      }),
    );
  });
});
