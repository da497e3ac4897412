/**
 * Cancelling and moving with confirmation (issue 26.6), on the embedded store with the real
 * exactly-once ledger and the real due-scan: the consequences the card lists, Confirm cancels and
 * tells each proposer once (and the channel), a second or stale Confirm does nothing, and a move
 * recomputes the reminders (one already sent is not sent again when its date stays the same, and
 * is when its date changed).
 */
import { ManualClock } from '../../src/domain/clock';
import type { Group } from '../../src/domain/model';
import type { AuditEntry, ChannelMessenger, OutboundMessage } from '../../src/domain/ports';
import {
  MeetingChanges,
  type AffectedProposal,
  type ChangeNotices,
} from '../../src/features/meetings/meeting-changes';
import {
  changeNotices,
  confirmChangeCard,
  consequenceLines,
  type ChangeCardContext,
  readerNotices,
  type ChangeTexts,
} from '../../src/features/meetings/meeting-change-cards';
import { meetingMomentSource } from '../../src/features/meetings/meeting-moments';
import { MeetingRepository, type MeetingRecord } from '../../src/features/meetings/meetings-repository';
import { MeetingService } from '../../src/features/meetings/meetings-service';
import { assertValidCard } from '../../src/platform/cards/validate';
import { loadGovernance } from '../../src/platform/governance/governance-loader';
import { translatorFor } from '../../src/platform/i18n';
import { createStoreLedger } from '../../src/platform/scheduler/ledger-repository';
import { Scheduler } from '../../src/platform/scheduler/scheduler';
import { SqliteStore } from '../../src/platform/storage/sqlite/sqlite-store';

const governance = loadGovernance();
const groups: Group[] = governance.bodies.map((body) => ({
  id: body.id,
  kind: body.kind,
  name: body.name,
  status: 'active',
  createdAt: '2026-01-01T00:00:00.000Z',
}));

class Recorder implements ChannelMessenger {
  posts: Array<{ groupId: string; message: OutboundMessage }> = [];
  async postToGroup(groupId: string, message: OutboundMessage) {
    this.posts.push({ groupId, message });
    return { activityId: `a-${this.posts.length}` };
  }
  async updateInGroup() {}
}

const PROPOSALS: AffectedProposal[] = [
  { id: 'p1', title: 'Fælles cloudstrategi', proposerId: 'aad-anne', status: 'accepted', material: 2 },
  { id: 'p2', title: 'NemLog-in økonomi', proposerId: 'aad-bo', status: 'accepted', material: 0 },
  { id: 'p3', title: 'Datadeling', proposerId: 'aad-anne', status: 'proposed', material: 1 },
];

function setup() {
  const store = SqliteStore.inMemory();
  const clock = new ManualClock('2027-01-10T09:00:00.000Z');
  const audit: AuditEntry[] = [];
  const repository = new MeetingRepository(store);
  const meetings = new MeetingService(
    repository,
    { append: async (e) => void audit.push(e) },
    clock,
    governance,
  );
  const ledger = createStoreLedger(store.collection('schedule'));
  const messenger = new Recorder();
  const groupSource = { listGroups: async () => groups };
  const changes = new MeetingChanges({
    meetings,
    impact: {
      proposals: async () => PROPOSALS,
      hearings: async () => [{ id: 'h1', title: 'Arbejdsgruppe om AI' }],
      hasRecord: async () => false,
    },
    ledger,
    groups: groupSource,
    messenger,
    governance,
    clock,
    log: { warn: () => {} },
  });
  const context: ChangeCardContext = {
    t: translatorFor('da'),
    locale: 'da',
    timeZone: governance.timeZone,
    groupNames: new Map(groups.map((group) => [group.id, group.name.da!])),
  };
  const scheduler = new Scheduler({
    ledger,
    sources: [
      meetingMomentSource({
        governance,
        meetings: { listUpcoming: (from, to) => repository.listScheduledBetween(from, to) },
        groups: groupSource,
        messenger,
      }),
    ],
  });
  async function schedule(date: string, time = '10:00', groupId = 'steering'): Promise<MeetingRecord> {
    const result = await meetings.schedule({ groupId, date, time, actorId: 'aad-sec' });
    if (result.kind !== 'scheduled') throw new Error(result.kind);
    return result.meeting;
  }
  const scan = () => scheduler.runScan(clock.now(), { ignoreLease: true });
  return {
    meetings,
    changes,
    messenger,
    context,
    clock,
    audit,
    ledger,
    schedule,
    scan,
    notices: inOneLanguage(changeNotices(context)),
  };
}

/** Every reader told in the context's language (the per-reader choice is tested in meeting-change-language.test.ts). */
function inOneLanguage(texts: ChangeTexts): ChangeNotices {
  return {
    toProposer: async (consequences, proposals, after) => texts.toProposer(consequences, proposals, after),
    toChannel: async (consequences, after) => texts.toChannel(consequences, after),
  };
}

describe('cancelling with confirmation', () => {
  it('lists the consequences: the accepted and pending items, the hearing, material, the reminders that stop', async () => {
    const { changes, schedule, context } = setup();
    const meeting = await schedule('2027-04-01');
    const consequences = await changes.consequences(meeting);
    expect(consequences.accepted.map((p) => p.id)).toEqual(['p1', 'p2']);
    expect(consequences.pending.map((p) => p.id)).toEqual(['p3']);
    expect(consequences.material).toBe(3);
    expect(consequences.proposerIds).toEqual(['aad-anne', 'aad-bo']);
    expect(consequences.reminders.every((change) => change.fate === 'stop')).toBe(true);
    expect(consequences.reminders.map((change) => change.moment.kind)).toEqual(
      expect.arrayContaining(['heads-up', 'proposal-deadline', 'detailed-agenda']),
    );
    const text = consequenceLines(context, consequences).join('\n');
    expect(text).toContain('Accepterede punkter (2): "Fælles cloudstrategi", "NemLog-in økonomi"');
    expect(text).toContain('Forslag, der venter på behandling (1): "Datadeling"');
    expect(text).toContain('Høringer, hvis resultat skal orienteres om på mødet (1): "Arbejdsgruppe om AI"');
    expect(text).toContain('Bilag på punkterne: 3');
    expect(text).toContain('Påmindelser, der ikke bliver sendt');
    expect(text).toContain('Forslagsstillerne (2) får en personlig besked');
    const card = confirmChangeCard(context, consequences);
    assertValidCard(card);
    const verbs = card.actions!.map((action) => (action as { verb?: string }).verb);
    expect(verbs).toEqual(['meeting.cancel.confirm', 'meeting.keep']);
  });

  it('looking at the consequences changes nothing (Keep leaves the meeting as it was)', async () => {
    const { changes, schedule, meetings, messenger } = setup();
    const meeting = await schedule('2027-04-01');
    await changes.consequences(meeting);
    expect(await meetings.get('steering', meeting.id)).toEqual(meeting);
    expect(messenger.posts).toEqual([]);
  });

  it('Confirm cancels, tells each proposer once and the channel; a second Confirm says it is done', async () => {
    const { changes, schedule, meetings, messenger, notices, audit } = setup();
    const meeting = await schedule('2027-04-01');
    const done = await changes.confirmCancel('steering', meeting.id, 0, 'aad-sec', notices);
    expect(done.kind).toBe('done');
    expect((await meetings.get('steering', meeting.id))!.status).toBe('cancelled');
    expect(messenger.posts.map((post) => post.groupId)).toEqual([
      'person:aad-anne',
      'person:aad-bo',
      'steering',
    ]);
    // Anne's one message names both her proposals.
    expect(messenger.posts[0]!.message.text).toContain('"Fælles cloudstrategi", "Datadeling"');
    expect(messenger.posts[2]!.message.text).toContain('aflyst');

    const again = await changes.confirmCancel('steering', meeting.id, 0, 'aad-sec', notices);
    expect(again.kind).toBe('already');
    expect(messenger.posts).toHaveLength(3);
    expect(audit.filter((entry) => entry.action === 'meeting.cancel')).toHaveLength(1);
  });

  it('two Confirms at once: one cancels, the proposers hear of it once', async () => {
    const { changes, schedule, messenger, notices } = setup();
    const meeting = await schedule('2027-04-01');
    const results = await Promise.all([
      changes.confirmCancel('steering', meeting.id, 0, 'aad-sec', notices),
      changes.confirmCancel('steering', meeting.id, 0, 'aad-sec', notices),
    ]);
    expect(results.map((result) => result.kind).sort()).toEqual(['already', 'done']);
    expect(messenger.posts.filter((post) => post.groupId === 'person:aad-anne')).toHaveLength(1);
  });

  it('a stale card (the meeting moved since) cancels nothing and shows the new consequences', async () => {
    const { changes, schedule, meetings, messenger, notices } = setup();
    const meeting = await schedule('2027-04-01');
    await meetings.move('steering', meeting.id, '2027-04-08', '10:00', 'aad-sec');
    const stale = await changes.confirmCancel('steering', meeting.id, 0, 'aad-sec', notices);
    expect(stale.kind).toBe('changed');
    if (stale.kind !== 'changed') throw new Error('unreachable');
    expect(stale.consequences.meeting.startsAt).toBe('2027-04-08T08:00:00.000Z');
    expect(stale.consequences.meeting.sequence).toBe(1);
    expect((await meetings.get('steering', meeting.id))!.status).toBe('scheduled');
    expect(messenger.posts).toEqual([]);
  });
});

describe('moving with confirmation', () => {
  it('a reminder already sent is not sent again when the move keeps its date', async () => {
    const { changes, schedule, clock, scan, notices } = setup();
    const meeting = await schedule('2027-04-01', '10:00', 'ref-arkitektur');
    // The 4-week deadline (2027-03-04 10:00 = 09:00Z) has gone out.
    clock.set('2027-03-04T09:30:00.000Z');
    const first = await scan();
    const deadlineKey = first.performed.find((key) => key.startsWith('proposal-deadline:'));
    expect(deadlineKey).toBeDefined();

    const consequences = await changes.consequences(meeting, '2027-04-01T11:00:00.000Z');
    const fates = new Map(consequences.reminders.map((change) => [change.moment.kind, change.fate]));
    expect(fates.get('proposal-deadline')).toBe('kept');
    expect(fates.get('detailed-agenda')).toBe('move');

    const moved = await changes.confirmMove(
      {
        groupId: 'ref-arkitektur',
        meetingId: meeting.id,
        sequence: 0,
        date: '2027-04-01',
        time: '13:00',
        actorId: 'aad-sec',
      },
      notices,
    );
    expect(moved.kind).toBe('done');
    // After the new deadline instant (13:00 local = 12:00Z) the scan does not send it a second time.
    clock.set('2027-03-04T12:30:00.000Z');
    const second = await scan();
    expect(second.performed.filter((key) => key.startsWith('proposal-deadline:'))).toEqual([]);
    // The 2-week moment moved with the meeting: due at 13:00 local on 18 March.
    clock.set('2027-03-18T12:01:00.000Z');
    const third = await scan();
    expect(third.performed.filter((key) => key.startsWith('detailed-agenda:'))).toEqual([
      `detailed-agenda:ref-arkitektur:${meeting.id}:2027-03-18T12:00:00.000Z`,
    ]);
  });

  it('a reminder already sent goes out again when the move changes its date', async () => {
    const { changes, schedule, clock, scan, notices, messenger } = setup();
    const meeting = await schedule('2027-04-01', '10:00', 'ref-arkitektur');
    clock.set('2027-03-04T09:30:00.000Z');
    await scan();
    const consequences = await changes.consequences(meeting, '2027-04-08T08:00:00.000Z');
    expect(consequences.reminders.find((change) => change.moment.kind === 'proposal-deadline')?.fate).toBe(
      'resend',
    );
    const moved = await changes.confirmMove(
      {
        groupId: 'ref-arkitektur',
        meetingId: meeting.id,
        sequence: 0,
        date: '2027-04-08',
        time: '10:00',
        actorId: 'aad-sec',
      },
      notices,
    );
    expect(moved.kind).toBe('done');
    expect(
      messenger.posts.filter((post) => post.groupId === 'ref-arkitektur').at(-1)!.message.text,
    ).toContain('flyttet');
    clock.set('2027-03-11T09:30:00.000Z');
    const report = await scan();
    expect(report.performed).toContain(
      `proposal-deadline:ref-arkitektur:${meeting.id}:2027-03-11T09:00:00.000Z`,
    );
  });

  it('a second Confirm of the same move says it is done; a bad slot is refused with every problem', async () => {
    const { changes, schedule, notices, meetings } = setup();
    const meeting = await schedule('2027-04-01');
    const move = {
      groupId: 'steering',
      meetingId: meeting.id,
      sequence: 0,
      date: '2027-04-08',
      time: '10:00',
      actorId: 'aad-sec',
    };
    expect((await changes.confirmMove(move, notices)).kind).toBe('done');
    expect((await changes.confirmMove(move, notices)).kind).toBe('already');
    expect((await meetings.get('steering', meeting.id))!.sequence).toBe(1);
    const bad = await changes.confirmMove(
      { ...move, sequence: 1, date: '31.02.2027', time: '24.00' },
      notices,
    );
    expect(bad).toMatchObject({ kind: 'invalid', problems: { date: 'no-such-date', time: 'hour-range' } });
  });
});

describe('telling each reader in their language (issue 26.5)', () => {
  it('tells a proposer who chose English in English, the other and the steering channel in Danish', async () => {
    const { changes, schedule, messenger } = setup();
    const meeting = await schedule('2027-04-01');
    const notices = readerNotices({
      governance,
      languages: { preferenceOf: async (personId) => (personId === 'aad-anne' ? 'en' : undefined) },
      timeZone: governance.timeZone,
      groups: { listGroups: async () => groups },
    });
    expect((await changes.confirmCancel('steering', meeting.id, 0, 'aad-sec', notices)).kind).toBe('done');
    const text = (address: string) => messenger.posts.find((post) => post.groupId === address)!.message.text;
    expect(text('person:aad-anne')).toContain('is cancelled');
    expect(text('person:aad-anne')).toContain('Thursday 1 April 2027');
    expect(text('person:aad-bo')).toContain('er aflyst');
    expect(text('steering')).toContain('aflyst');
  });

  it("tells an English body's channel in English", async () => {
    const { changes, schedule, messenger } = setup();
    const meeting = await schedule('2027-04-01');
    const english = {
      ...governance,
      bodies: governance.bodies.map((body) =>
        body.id === 'steering' ? { ...body, language: 'en' as const } : body,
      ),
    };
    const notices = readerNotices({
      governance: english,
      timeZone: governance.timeZone,
      groups: { listGroups: async () => groups },
    });
    await changes.confirmCancel('steering', meeting.id, 0, 'aad-sec', notices);
    const channel = messenger.posts.find((post) => post.groupId === 'steering')!.message.text;
    expect(channel).toContain('has cancelled the meeting');
    // Without a stored choice a proposer gets the file's default, not the English body's language.
    expect(messenger.posts.find((post) => post.groupId === 'person:aad-bo')!.message.text).toContain(
      'aflyst',
    );
  });
});
