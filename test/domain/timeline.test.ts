import type { Group, Meeting } from '../../src/domain/model';
import { dueMoments, meetingDeadlines, meetingTimeline, momentKey } from '../../src/domain/timeline';
import { fki, meeting } from './governance-fixture';

const M = meeting(); // 2027-04-01 10:00 Copenhagen

function group(id: string, kind: Group['kind'], status: Group['status'] = 'active'): Group {
  return { id, kind, name: { da: id, en: id }, status, createdAt: '2026-01-01T00:00:00.000Z' };
}

const groups: Group[] = [
  group('steering', 'board'),
  group('ref-forretning', 'reference'),
  group('ref-arkitektur', 'reference'),
  group('ref-drift', 'reference', 'dissolved'),
];

describe('meetingDeadlines / meetingTimeline', () => {
  it('puts every moment at 10:00 local time, DST notwithstanding', () => {
    expect(meetingDeadlines(M, fki)).toEqual({
      headsUp: '2027-02-25T09:00:00.000Z', // 35 days before, CET
      proposalDeadline: '2027-03-04T09:00:00.000Z',
      statusReportHeadsUp: '2027-02-25T09:00:00.000Z',
      statusReportDeadline: '2027-03-04T09:00:00.000Z',
      detailedAgenda: '2027-03-18T09:00:00.000Z',
    });
  });

  it('lists the steering meeting moments in order with stable keys', () => {
    const moments = meetingTimeline(M, fki);
    expect(moments.map((m) => [m.kind, m.instant])).toEqual([
      ['heads-up', '2027-02-25T09:00:00.000Z'],
      ['proposal-deadline', '2027-03-04T09:00:00.000Z'],
      ['status-report-deadline', '2027-03-04T09:00:00.000Z'],
      ['detailed-agenda', '2027-03-18T09:00:00.000Z'],
      ['meeting', '2027-04-01T08:00:00.000Z'],
    ]);
    expect(moments[0]!.key).toBe('heads-up:steering:m1:2027-02-25T09:00:00.000Z');
    expect(moments[0]!.about).toBe('proposal-deadline');
    expect(moments[0]!.deadline).toBe('2027-03-04T09:00:00.000Z');
    expect(meetingTimeline(M, fki).map((m) => m.key)).toEqual(moments.map((m) => m.key));
  });

  it('has no status-report deadline for a reference-group meeting', () => {
    const kinds = meetingTimeline(meeting({ groupId: 'ref-drift' }), fki).map((m) => m.kind);
    expect(kinds).not.toContain('status-report-deadline');
    expect(kinds).toHaveLength(4);
  });

  it('gives a cancelled meeting no moments', () => {
    expect(meetingTimeline(meeting({ status: 'cancelled' }), fki)).toEqual([]);
  });

  it('normalises a meeting start written with an offset', () => {
    const moments = meetingTimeline(meeting({ startsAt: '2027-04-01T10:00:00+02:00' }), fki);
    expect(moments.at(-1)!.key).toBe(momentKey('meeting', 'steering', 'm1', '2027-04-01T08:00:00.000Z'));
  });
});

describe('dueMoments', () => {
  const all = { from: '2027-01-01T00:00:00.000Z', to: '2027-03-31T00:00:00.000Z' };

  it('adds heads-up and status-report deadline in each active reference group channel', () => {
    const due = dueMoments({ meetings: [M], groups, window: all, governance: fki });
    const inRef = due.filter((m) => m.groupId !== 'steering').map((m) => `${m.kind}@${m.groupId}`);
    expect(inRef.sort()).toEqual(
      [
        'heads-up@ref-arkitektur',
        'heads-up@ref-forretning',
        'status-report-deadline@ref-arkitektur',
        'status-report-deadline@ref-forretning',
      ].sort(),
    );
    const statusHeadsUp = due.find((m) => m.groupId === 'ref-forretning' && m.kind === 'heads-up')!;
    expect(statusHeadsUp.about).toBe('status-report-deadline');
    expect(statusHeadsUp.meetingGroupId).toBe('steering');
    // the steering channel's own moments before the meeting (the meeting itself is outside the window)
    expect(due.filter((m) => m.groupId === 'steering').map((m) => m.kind)).toEqual([
      'heads-up',
      'proposal-deadline',
      'status-report-deadline',
      'detailed-agenda',
    ]);
    expect(new Set(due.map((m) => m.key)).size).toBe(due.length);
  });

  it('uses a half-open window: from exclusive, to inclusive', () => {
    const at = '2027-03-18T09:00:00.000Z'; // detailed agenda
    const onEnd = dueMoments({
      meetings: [M],
      groups,
      window: { from: '2027-03-18T08:55:00.000Z', to: at },
      governance: fki,
    });
    expect(onEnd.map((m) => m.kind)).toEqual(['detailed-agenda']);
    const onStart = dueMoments({
      meetings: [M],
      groups,
      window: { from: at, to: '2027-03-18T09:05:00.000Z' },
      governance: fki,
    });
    expect(onStart).toEqual([]);
  });

  it('yields nothing for a cancelled meeting or a dissolved group', () => {
    expect(
      dueMoments({ meetings: [meeting({ status: 'cancelled' })], groups, window: all, governance: fki }),
    ).toEqual([]);
    expect(
      dueMoments({ meetings: [meeting({ groupId: 'ref-drift' })], groups, window: all, governance: fki }),
    ).toEqual([]);
  });

  it('drops reminders that are no longer meaningful once the meeting started', () => {
    // The bot was down from January until 30 minutes into the meeting.
    const due = dueMoments({
      meetings: [M],
      groups,
      window: { from: '2027-01-01T00:00:00.000Z', to: '2027-04-01T08:30:00.000Z' },
      governance: fki,
    });
    expect(due.map((m) => m.kind)).toEqual(['meeting']);
    const afterEnd = dueMoments({
      meetings: [M],
      groups,
      window: { from: '2027-01-01T00:00:00.000Z', to: '2027-04-01T12:00:00.000Z' },
      governance: fki,
    });
    expect(afterEnd).toEqual([]);
  });

  it('catches up missed moments of several meetings in time order', () => {
    const other: Meeting = meeting({
      id: 'r1',
      groupId: 'ref-forretning',
      startsAt: '2027-03-25T12:00:00.000Z',
    });
    const window = { from: all.from, to: '2027-03-20T00:00:00.000Z' };
    const due = dueMoments({ meetings: [M, other], groups, window, governance: fki });
    const instants = due.map((m) => Date.parse(m.instant));
    expect(instants).toEqual([...instants].sort((a, b) => a - b));
    expect(due.filter((m) => m.meetingId === 'r1').map((m) => m.kind)).toEqual([
      'heads-up',
      'proposal-deadline',
      'detailed-agenda',
    ]);
  });

  it('refuses a window that ends before it starts', () => {
    expect(() =>
      dueMoments({ meetings: [], groups, window: { from: all.to, to: all.from }, governance: fki }),
    ).toThrow(RangeError);
  });
});

describe("a body's own deadline offsets", () => {
  // ref-forretning gives its detailed agenda 7 days before and takes proposals until 21 days before.
  const governance = {
    ...fki,
    bodies: fki.bodies.map((body) =>
      body.id === 'ref-forretning'
        ? { ...body, deadlines: { agendaProposalsDays: 21, detailedAgendaDays: 7 } }
        : body,
    ),
  };

  it('the body uses its own offsets (the others inherited), every other body the defaults', () => {
    expect(meetingDeadlines(meeting({ groupId: 'ref-forretning' }), governance)).toEqual({
      headsUp: '2027-03-04T09:00:00.000Z', // 21 + 7 days before
      proposalDeadline: '2027-03-11T09:00:00.000Z',
      statusReportHeadsUp: '2027-02-25T09:00:00.000Z',
      statusReportDeadline: '2027-03-04T09:00:00.000Z',
      detailedAgenda: '2027-03-25T09:00:00.000Z',
    });
    expect(meetingDeadlines(meeting({ groupId: 'ref-arkitektur' }), governance)).toEqual(
      meetingDeadlines(M, fki),
    );
    expect(meetingDeadlines(M, governance)).toEqual(meetingDeadlines(M, fki));
  });

  it("the timeline and the scan use them; a steering meeting's status-report moments keep the steering offsets", () => {
    const own = meeting({ id: 'm2', groupId: 'ref-forretning' });
    expect(
      meetingTimeline(own, governance)
        .filter((m) => m.kind === 'detailed-agenda')
        .map((m) => m.instant),
    ).toEqual(['2027-03-25T09:00:00.000Z']);
    const window = { from: '2027-01-01T00:00:00Z', to: '2027-03-31T00:00:00Z' };
    const due = dueMoments({ meetings: [M, own], groups, window, governance });
    expect(
      due.filter((m) => m.meetingId === 'm2' && m.kind === 'proposal-deadline').map((m) => m.instant),
    ).toEqual(['2027-03-11T09:00:00.000Z']);
    expect(
      due
        .filter((m) => m.meetingId === 'm1' && m.kind === 'status-report-deadline')
        .map((m) => [m.groupId, m.instant]),
    ).toEqual([
      ['ref-arkitektur', '2027-03-04T09:00:00.000Z'],
      ['ref-forretning', '2027-03-04T09:00:00.000Z'],
      ['steering', '2027-03-04T09:00:00.000Z'],
    ]);
  });
});

describe('meetingDeadlines memo', () => {
  it('is per governance: other deadline rules for the same meeting give other deadlines', () => {
    const startsAt = '2027-03-30T08:00:00.000Z'; // the Tuesday after the switch to summer time
    const first = meetingDeadlines({ startsAt }, fki);
    const longer = {
      ...fki,
      deadlines: { ...fki.deadlines, agendaProposalsDays: fki.deadlines.agendaProposalsDays + 7 },
    };
    const second = meetingDeadlines({ startsAt }, longer);
    expect(second.proposalDeadline).not.toBe(first.proposalDeadline);
    // The same answer again, and the same as a first computation would give (winter time, an hour later in UTC).
    expect(meetingDeadlines({ startsAt }, fki)).toEqual(first);
    expect(first.proposalDeadline).toBe('2027-03-02T09:00:00.000Z');
    expect(Object.isFrozen(first)).toBe(true);
  });
});
