import { composeDetailedAgenda } from '../../src/features/agenda/domain/agenda';
import type { AgendaProposal } from '../../src/domain/model';
import { fki, meeting } from './governance-fixture';

function proposal(
  id: string,
  kind: AgendaProposal['kind'],
  submittedAt: string,
  minutes = 10,
): AgendaProposal {
  return {
    id,
    groupId: 'steering',
    meetingId: 'm1',
    title: `Forslag ${id}`,
    description: '',
    kind,
    requestedMinutes: minutes,
    proposerId: 'p1',
    submittedAt,
    late: false,
    status: 'accepted',
  };
}

describe('composeDetailedAgenda', () => {
  it('orders standard items, the quarter items before the proposals item, then the proposals', () => {
    const agenda = composeDetailedAgenda({
      meeting: meeting(), // Q2
      governance: fki,
      acceptedProposals: [
        proposal('c', 'orientation', '2027-02-01T10:00:00Z'),
        proposal('b', 'decision', '2027-02-03T10:00:00Z'),
        proposal('a2', 'discussion', '2027-02-02T10:00:00Z'),
        proposal('a1', 'discussion', '2027-02-02T10:00:00Z'),
        proposal('d', 'decision', '2027-02-02T10:00:00Z'),
      ],
      inspirationPresenter: 'person-7',
    });
    expect(agenda.quarter).toBe('Q2');
    expect(agenda.items.map((i) => i.id)).toEqual([
      'orientation-kl-kombit',
      'approval-of-minutes',
      'inspiration-talk',
      'portfolio-follow-up',
      'q2-strategic-theme',
      'q2-economy',
      'fki-proposals',
      'd', // decision, earlier
      'b', // decision, later
      'a1', // discussion, same time: by id
      'a2',
      'c', // orientation
      'mutual-orientation',
    ]);
    expect(agenda.items.map((i) => i.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]);
    expect(agenda.items[2]!.presenterId).toBe('person-7');
    expect(agenda.items[7]!.source).toBe('proposal');
    expect(agenda.items[4]!.source).toBe('annual-wheel');
  });

  it('times the items back to back from the meeting start', () => {
    const agenda = composeDetailedAgenda({ meeting: meeting(), governance: fki, acceptedProposals: [] });
    expect(agenda.items[0]!.startsAt).toBe('2027-04-01T08:00:00.000Z');
    expect(agenda.items[0]!.endsAt).toBe('2027-04-01T08:20:00.000Z');
    expect(agenda.items[1]!.startsAt).toBe(agenda.items[0]!.endsAt);
    const sum = agenda.items.reduce((s, i) => s + i.minutes, 0);
    expect(agenda.totalMinutes).toBe(sum);
    expect(agenda.items.at(-1)!.endsAt).toBe(agenda.endsAt);
    expect(agenda.items[2]!.presenterId).toBeNull();
  });

  it('reports the overrun beyond the meeting length, and 0 when it fits', () => {
    const base = composeDetailedAgenda({ meeting: meeting(), governance: fki, acceptedProposals: [] });
    expect(base.overrunMinutes).toBe(0);
    const spare = 240 - base.totalMinutes;
    const fits = composeDetailedAgenda({
      meeting: meeting(),
      governance: fki,
      acceptedProposals: [proposal('x', 'decision', '2027-02-01T00:00:00Z', spare)],
    });
    expect(fits.totalMinutes).toBe(240);
    expect(fits.overrunMinutes).toBe(0);
    const over = composeDetailedAgenda({
      meeting: meeting(),
      governance: fki,
      acceptedProposals: [proposal('x', 'decision', '2027-02-01T00:00:00Z', spare + 15)],
    });
    expect(over.overrunMinutes).toBe(15);
  });

  it('picks the annual-wheel items of the local quarter', () => {
    // 00:30 on 1 October local time is still 30 September in UTC.
    const agenda = composeDetailedAgenda({
      meeting: meeting({ startsAt: '2027-09-30T22:30:00.000Z' }),
      governance: fki,
      acceptedProposals: [],
    });
    expect(agenda.quarter).toBe('Q4');
    expect(agenda.items.filter((i) => i.source === 'annual-wheel').map((i) => i.id)).toEqual(
      fki.annualWheel.Q4.map((i) => i.id),
    );
  });

  it('appends wheel items and proposals when no item has the proposals role', () => {
    const governance = { ...fki, standardAgenda: fki.standardAgenda.map(({ role: _role, ...item }) => item) };
    const agenda = composeDetailedAgenda({
      meeting: meeting({ startsAt: '2027-01-20T09:00:00.000Z' }),
      governance,
      acceptedProposals: [proposal('p', 'discussion', '2027-01-01T00:00:00Z')],
    });
    expect(agenda.items.map((i) => i.source)).toEqual([
      'standard',
      'standard',
      'standard',
      'standard',
      'standard',
      'standard',
      'annual-wheel',
      'annual-wheel',
      'proposal',
    ]);
  });
});

describe("composeDetailedAgenda: the body's own agenda", () => {
  const steeringOnly = [
    'orientation-kl-kombit',
    'inspiration-talk',
    'q4-buffet-price',
    'q4-strategic-theme',
    'q4-economy-budget',
  ];
  const q4 = '2027-12-02T09:00:00.000Z'; // 10:00 Copenhagen, the quarter of the buffet price

  it("a reference group's detailed agenda has its own items, none of the steering group's", () => {
    const agenda = composeDetailedAgenda({
      meeting: meeting({ groupId: 'ref-drift', startsAt: q4 }),
      governance: fki,
      acceptedProposals: [{ ...proposal('p', 'decision', '2027-11-01T00:00:00Z'), groupId: 'ref-drift' }],
      inspirationPresenter: 'person-7',
    });
    expect(agenda.items.map((i) => i.id)).toEqual([
      'orientation-from-steering',
      'approval-of-minutes',
      'working-group-status',
      'p', // accepted proposals follow the item with role proposals
      'any-other-business',
    ]);
    expect(agenda.items.map((i) => i.title.en)).toEqual([
      'Orientation from the steering group',
      'Approval of the minutes',
      'Status on the working groups',
      'Forslag p',
      'Any other business',
    ]);
    expect(agenda.items.map((i) => i.title.da)).toContain('Status på arbejdsgrupperne');
    expect(agenda.items.some((i) => i.role === 'inspiration' || 'presenterId' in i)).toBe(false);
    expect(agenda.items.filter((i) => i.source === 'annual-wheel')).toEqual([]);
    for (const id of steeringOnly) expect(agenda.items.map((i) => i.id)).not.toContain(id);
  });

  it("the steering group's still has the KL/KOMBIT orientation, the inspiration talk and the buffet price", () => {
    const agenda = composeDetailedAgenda({
      meeting: meeting({ startsAt: q4 }),
      governance: fki,
      acceptedProposals: [],
      inspirationPresenter: 'person-7',
    });
    for (const id of steeringOnly) expect(agenda.items.map((i) => i.id)).toContain(id);
    expect(agenda.items.find((i) => i.role === 'inspiration')!.presenterId).toBe('person-7');
  });

  it("a working group (not in the file) gets its kind's agenda", () => {
    const agenda = composeDetailedAgenda({
      meeting: meeting({ groupId: 'wg-cloud', startsAt: q4 }),
      governance: fki,
      acceptedProposals: [],
    });
    expect(agenda.items.map((i) => i.id)).toEqual(['task-status', 'any-other-business']);
  });
});
