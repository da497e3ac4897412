import type { Membership, Person } from '../../src/domain/model';
import {
  inspirationRanking,
  nextInspirationPresenter,
  type InspirationTalk,
} from '../../src/domain/rotation';
import { instantOfLocal } from '../../src/domain/time';

const CPH = 'Europe/Copenhagen';

function municipal(id: string, name: string): Person {
  return { id, name, organisation: { kind: 'municipality', municipalityCode: '101', name: 'København' } };
}
function membership(personId: string, termStart: string, endedOn?: string): Membership {
  return { personId, groupId: 'steering', role: 'member', termStart, ...(endedOn ? { endedOn } : {}) };
}

const people: Person[] = [
  municipal('p1', 'Anna'),
  municipal('p2', 'Bo'),
  municipal('p3', 'Carl'),
  { id: 'kl', name: 'KL rep', organisation: { kind: 'KL', name: 'KL' } },
];
const memberships: Membership[] = [
  membership('p1', '2026-01-01'),
  membership('p2', '2025-01-01'),
  membership('p3', '2026-01-01'),
  membership('kl', '2020-01-01'),
];
const meetingAt = '2027-04-01T08:00:00.000Z';

describe('inspiration rotation', () => {
  it('puts never-presented members first by term start, then name; skips KL/UDK/KOMBIT', () => {
    const ranking = inspirationRanking({
      memberships,
      people,
      talks: [],
      meetingStartsAt: meetingAt,
      groupId: 'steering',
      timeZone: CPH,
    });
    expect(ranking.map((r) => r.personId)).toEqual(['p2', 'p1', 'p3']);
  });

  it('then ranks by longest since the last talk', () => {
    const talks: InspirationTalk[] = [
      { personId: 'p2', at: '2026-06-01T08:00:00.000Z' },
      { personId: 'p1', at: '2026-09-01T08:00:00.000Z' },
      { personId: 'p3', at: '2026-12-01T09:00:00.000Z' },
      { personId: 'p2', at: '2027-01-10T09:00:00.000Z' }, // p2's last talk is the most recent
    ];
    const ranking = inspirationRanking({
      memberships,
      people,
      talks,
      meetingStartsAt: meetingAt,
      groupId: 'steering',
      timeZone: CPH,
    });
    expect(ranking.map((r) => [r.personId, r.lastTalkAt])).toEqual([
      ['p1', '2026-09-01T08:00:00.000Z'],
      ['p3', '2026-12-01T09:00:00.000Z'],
      ['p2', '2027-01-10T09:00:00.000Z'],
    ]);
  });

  it('ignores talks at or after the meeting (a re-computation of an old agenda gives the same answer)', () => {
    const talks = [{ personId: 'p2', at: meetingAt }];
    expect(
      nextInspirationPresenter({
        memberships,
        people,
        talks,
        meetingStartsAt: meetingAt,
        groupId: 'steering',
        timeZone: CPH,
      }),
    ).toBe('p2');
  });

  it('skips people who left (on the leave date) and people not yet started', () => {
    const changed = [
      ...memberships.slice(1),
      membership('p1', '2026-01-01', '2027-04-01'),
      membership('p9', '2027-04-02'),
    ];
    const all = [...people, municipal('p9', 'Ny')];
    const ranking = inspirationRanking({
      memberships: changed,
      people: all,
      talks: [],
      meetingStartsAt: meetingAt,
      groupId: 'steering',
      timeZone: CPH,
    });
    expect(ranking.map((r) => r.personId)).toEqual(['p2', 'p3']);
  });

  it('returns undefined when nobody is eligible', () => {
    expect(
      nextInspirationPresenter({
        memberships: [],
        people,
        talks: [],
        meetingStartsAt: meetingAt,
        groupId: 'steering',
        timeZone: CPH,
      }),
    ).toBeUndefined();
  });

  it("a cancelled meeting keeps the presenter's turn: they present at the next meeting", () => {
    const april = { id: 'april', startsAt: meetingAt, status: 'cancelled' as const };
    const june = { id: 'june', startsAt: '2027-06-03T08:00:00.000Z', status: 'scheduled' as const };
    // p2 was recorded for April at its 2-week moment; then April was cancelled.
    const talks: InspirationTalk[] = [{ personId: 'p2', at: meetingAt, meetingId: 'april' }];
    const input = {
      memberships,
      people,
      talks,
      meetingStartsAt: june.startsAt,
      groupId: 'steering',
      timeZone: CPH,
    };
    expect(nextInspirationPresenter({ ...input, meetings: [april, june] })).toBe('p2');
    expect(inspirationRanking({ ...input, meetings: [april, june] })[0]!.lastTalkAt).toBeNull();
    // Held (or still scheduled), the talk counts and the turn passes on.
    expect(nextInspirationPresenter({ ...input, meetings: [{ ...april, status: 'held' }, june] })).toBe('p1');
    // Without the meetings, every recorded talk counts (as before).
    expect(nextInspirationPresenter(input)).toBe('p1');
  });

  it("a moved meeting's talk counts from the meeting's new start", () => {
    // April's presenter p2 was recorded, then April moved to after the June meeting.
    const talks: InspirationTalk[] = [{ personId: 'p2', at: meetingAt, meetingId: 'april' }];
    const moved = { id: 'april', startsAt: '2027-06-24T08:00:00.000Z', status: 'scheduled' as const };
    const ranking = inspirationRanking({
      memberships,
      people,
      talks,
      meetings: [moved],
      meetingStartsAt: '2027-09-02T08:00:00.000Z',
      groupId: 'steering',
      timeZone: CPH,
    });
    expect(ranking.find((r) => r.personId === 'p2')!.lastTalkAt).toBe(moved.startsAt);
  });

  it('is fair over five years of quarterly meetings with members coming and going', () => {
    const names = ['Ida', 'Jens', 'Karen', 'Lars', 'Mette', 'Niels', 'Ole', 'Pia', 'Rasmus'];
    const everyone = names.map((name, i) => municipal(`m${i}`, name));
    let roster: Membership[] = everyone.map((p, i) => membership(p.id, i < 5 ? '2026-01-01' : '2026-06-01'));
    // m2 leaves mid-2028, replaced by m9; m5 leaves 2030, replaced by m10.
    roster = roster.map((m) => (m.personId === 'm2' ? { ...m, endedOn: '2028-07-01' } : m));
    roster = roster.map((m) => (m.personId === 'm5' ? { ...m, endedOn: '2030-01-01' } : m));
    roster.push(membership('m9', '2028-07-01'), membership('m10', '2030-01-01'));
    everyone.push(municipal('m9', 'Søren'), municipal('m10', 'Tove'));

    const talks: InspirationTalk[] = [];
    const servingAt: string[][] = [];
    for (let year = 2027; year <= 2031; year++) {
      for (const month of ['02', '05', '08', '11']) {
        const startsAt = instantOfLocal(`${year}-${month}-15`, '10:00', CPH);
        const date = `${year}-${month}-15`;
        const serving = roster
          .filter((m) => m.termStart <= date && (!m.endedOn || m.endedOn > date))
          .map((m) => m.personId);
        const presenter = nextInspirationPresenter({
          memberships: roster,
          people: everyone,
          talks,
          meetingStartsAt: startsAt,
          groupId: 'steering',
          timeZone: CPH,
        });
        expect(serving).toContain(presenter);
        talks.push({ personId: presenter!, at: startsAt });
        servingAt.push(serving);
      }
    }
    const presenters = talks.map((t) => t.personId);
    // Nine members at the start: nine different presenters first.
    expect(new Set(presenters.slice(0, 9)).size).toBe(9);
    // A newcomer comes right after the never-presented members with earlier term starts:
    // m9 joins 2028-07-01 while m6..m8 (from 2026-06-01) have not yet presented.
    expect(presenters.slice(6, 10)).toEqual(['m6', 'm7', 'm8', 'm9']);
    // m10 joins 2030-01-01 when everybody else has presented: first meeting, first in line.
    expect(presenters[12]).toBe('m10');
    // Between two talks of the same person, everyone who served throughout presented.
    presenters.forEach((person, t) => {
      const s = t === 0 ? -1 : presenters.lastIndexOf(person, t - 1);
      if (s < 0) return;
      const between = new Set(presenters.slice(s + 1, t));
      const servedThroughout = servingAt[s]!.filter((id) =>
        servingAt.slice(s, t + 1).every((list) => list.includes(id)),
      );
      for (const id of servedThroughout) if (id !== person) expect(between).toContain(id);
    });
    // Nobody left or not yet started ever presents, and everyone present long enough presents.
    expect(presenters.filter((id) => id === 'm2').length).toBeLessThanOrEqual(1);
    expect(new Set(presenters).size).toBe(11);
    // The exact, deterministic sequence (m5 left before the second round reached them).
    expect(presenters.join(' ')).toBe('m0 m1 m2 m3 m4 m5 m6 m7 m8 m9 m0 m1 m10 m3 m4 m6 m7 m8 m9 m0');
  });
});
