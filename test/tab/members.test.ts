/**
 * The members view over time in the tab API: each steering member's inspiration talks (a cancelled
 * meeting's talk was never given, a moved one counts at its new start, a recorded one ahead is the
 * next) and, for the secretariat only, who must be replaced in which body by when.
 */
import { MeetingRepository } from '../../src/features/meetings/meetings-repository';
import type { GroupPageView, ReplacementsView } from '../../src/tab/api-types';
import { PEOPLE, startTabApp, type TabApp } from './support/tab-app';

let tab: TabApp;

beforeAll(async () => {
  tab = await startTabApp();
  const meetings = new MeetingRepository(tab.app.store);
  const past = (id: string, startsAt: string, status: 'held' | 'cancelled') =>
    meetings.create({
      id,
      groupId: 'steering',
      startsAt,
      durationMinutes: 240,
      status,
      accessToken: `token-${id}-0123456789abcdef`,
    });
  await past('held-june', '2026-06-04T08:00:00.000Z', 'held');
  await past('cancelled-sept', '2026-09-03T08:00:00.000Z', 'cancelled');
  await past('held-dec', '2026-12-03T09:00:00.000Z', 'held');
  const talk = (personId: string, meetingId: string, at: string) =>
    meetings.recordInspirationTalk({ personId, groupId: 'steering', meetingId, at });
  await talk(PEOPLE.anna.id, 'held-june', '2026-06-04T08:00:00.000Z');
  await talk(PEOPLE.anna.id, 'cancelled-sept', '2026-09-03T08:00:00.000Z');
  // Recorded before the meeting was moved to December: it counts at the meeting's start.
  await talk(PEOPLE.chair.id, 'held-dec', '2026-11-05T09:00:00.000Z');
  // The seeded meeting of 4 March 2027 has its presenter recorded: Anna's next talk.
  await talk(PEOPLE.anna.id, tab.meetingId, '2027-03-04T09:00:00.000Z');
});
afterAll(async () => {
  await tab?.stop();
});

async function page(groupId: string, personId: string): Promise<GroupPageView> {
  const response = await fetch(`${tab.url}/api/tab/groups/${groupId}`, {
    headers: { authorization: `Bearer ${await tab.entra.sign({ oid: personId })}` },
  });
  expect(response.status).toBe(200);
  return (await response.json()) as GroupPageView;
}

describe('inspiration talks on the members view', () => {
  test('each municipal steering member: talks given and the last one; a KL member has none to give', async () => {
    const steering = await page('steering', PEOPLE.anna.id);
    expect(steering.members.map((m) => [m.name, m.inspirationTalks ?? null])).toEqual([
      [PEOPLE.chair.name, { given: 1, lastAt: '2026-12-03T09:00:00.000Z' }],
      [
        PEOPLE.anna.name,
        { given: 1, lastAt: '2026-06-04T08:00:00.000Z', nextAt: '2027-03-04T09:00:00.000Z' },
      ],
      [PEOPLE.bo.name, null],
    ]);
  });

  test("a reference group's agenda has no inspiration talk: no count", async () => {
    const reference = await page('ref-forretning', PEOPLE.refMember.id);
    expect(reference.members.map((m) => m.inspirationTalks)).toEqual([undefined]);
  });
});

describe('replacements (secretariat only)', () => {
  test('a member does not get them', async () => {
    const steering = await page('steering', PEOPLE.anna.id);
    expect(steering.replacements).toBeUndefined();
  });

  test("the secretariat on a body's page: that body, soonest first, with the rule's answer", async () => {
    const steering = await page('steering', PEOPLE.secretariat.id);
    const report = steering.replacements as ReplacementsView;
    expect(report).toMatchObject({ date: '2027-01-30', days: 90, until: '2027-04-30' });
    expect(report.bodies.map((b) => b.groupId)).toEqual(['steering']);
    expect(report.bodies[0]!.rows).toEqual([
      {
        kind: 'unfilled',
        organisationKind: 'municipality',
        organisation: 'municipality',
        exempt: false,
        replaceBy: '2027-01-30',
        count: 7,
      },
      {
        kind: 'unfilled',
        organisationKind: 'UDK',
        // The governance file's name of the organisation, in the viewer's language.
        kindName: 'UDK',
        organisation: 'UDK',
        exempt: true,
        replaceBy: '2027-01-30',
        count: 1,
      },
      {
        kind: 'ending',
        organisationKind: 'municipality',
        organisation: 'Aarhus Kommune',
        exempt: false,
        replaceBy: '2027-03-31',
        personId: PEOPLE.anna.id,
        name: PEOPLE.anna.name,
        role: 'member',
        daysLeft: 60,
        // From 2023-01-01 the five years in a row end on 2028-01-01.
        reappointment: { kind: 'reappointable', latestEnd: '2028-01-01' },
      },
    ]);
  });

  test("the secretariat's own page: every body with seats, in the governance file's order", async () => {
    const own = await page('secretariat', PEOPLE.secretariat.id);
    const report = own.replacements as ReplacementsView;
    expect(report.bodies.map((b) => b.groupId)).toEqual([
      'steering',
      'ref-forretning',
      'ref-arkitektur',
      'ref-drift',
    ]);
    // Rikke's term ends 2027-12-31, outside the window: only the seats nobody holds.
    expect(report.bodies[1]!.rows.map((r) => [r.kind, r.organisationKind, r.count])).toEqual([
      ['unfilled', 'municipality', 5],
      ['unfilled', 'KL', 1],
    ]);
  });
});
