/**
 * The tab's own agenda has the bot's "Opfølgning": an open follow-up action recorded at an earlier
 * meeting is on the next meeting's agenda in the tab API (owner, due date, overdue by the meeting
 * day); a closed one is not. And the annual wheel shows the year of the next meeting (issue 26.9):
 * in December 2026, with the next meeting in March 2027, the wheel is 2027's with that meeting in Q1.
 */
import { MeetingRepository } from '../../src/features/meetings/meetings-repository';
import type { GroupPageView, MeetingView } from '../../src/tab/api-types';
import { NOW, PEOPLE, startTabApp, type TabApp } from './support/tab-app';

let tab: TabApp;

beforeAll(async () => {
  tab = await startTabApp();
  const meetings = new MeetingRepository(tab.app.store);
  for (const [id, startsAt, status] of [
    ['held-dec', '2026-12-03T09:00:00.000Z', 'held'],
    ['last-of-2026', '2026-12-17T09:00:00.000Z', 'scheduled'],
  ] as const)
    await meetings.create({
      id,
      groupId: 'steering',
      startsAt,
      durationMinutes: 240,
      status,
      accessToken: `token-${id}-0123456789abcdef`,
    });
  const record = tab.app.services.record;
  const opened = await record.open('steering', 'held-dec');
  if (opened.kind !== 'open') throw new Error(opened.kind);
  const [first, second] = opened.view.entries;
  for (const [entry, what, due] of [
    [first!, 'Sende målene til Ærø Kommune', '2027-02-15'],
    [second!, 'Lukkes inden mødet', '2027-02-20'],
  ] as const) {
    const saved = await record.saveItem({
      groupId: 'steering',
      meetingId: 'held-dec',
      itemId: entry.item.id,
      expectedRevision: 0,
      submission: { decision: 'Besluttet.', actionWhat: what, actionOwner: PEOPLE.anna.id, actionDue: due },
      editor: { actorId: PEOPLE.secretariat.id, isSecretariat: true },
    });
    expect(saved.kind).toBe('saved');
  }
  const closing = (await record.openActions('steering')).find((a) => a.what === 'Lukkes inden mødet')!;
  const closed = await record.closeAction(
    'steering',
    closing.id,
    { actorId: PEOPLE.anna.id, isSecretariat: false },
    'Klaret.',
  );
  expect(closed.kind).toBe('closed');
});
afterAll(async () => tab?.stop());

async function get<T>(path: string, personId: string = PEOPLE.chair.id): Promise<T> {
  const response = await fetch(`${tab.url}/api/tab${path}`, {
    headers: { authorization: `Bearer ${await tab.entra.sign({ oid: personId })}` },
  });
  expect(response.status).toBe(200);
  return (await response.json()) as T;
}

test("the next meeting's agenda in the tab lists the open action under follow-up, not the closed one", async () => {
  const meeting = await get<MeetingView>(`/groups/steering/meetings/${tab.meetingId}`);
  expect(meeting.agenda?.followUp).toEqual([
    {
      what: 'Sende målene til Ærø Kommune',
      ownerName: PEOPLE.anna.name,
      dueDate: '2027-02-15',
      // Due before the meeting of 4 March 2027.
      overdue: true,
    },
  ]);
  // The group page's next meeting is the same view.
  const page = await get<GroupPageView>('/groups/steering');
  expect(page.nextMeeting?.agenda?.followUp.map((line) => line.what)).toEqual([
    'Sende målene til Ærø Kommune',
  ]);
});

test('the meeting that decided the action does not list it as its own follow-up', async () => {
  const held = await get<MeetingView>('/groups/steering/meetings/held-dec');
  expect(held.agenda?.followUp).toEqual([]);
});

describe("the annual wheel's year (issue 26.9)", () => {
  afterEach(() => tab.clock.set(NOW));

  const meetingsIn = (page: GroupPageView, quarter: string) =>
    page.annualWheel.find((q) => q.quarter === quarter)?.meetings.map((m) => m.id);

  test('after the last meeting of 2026 the wheel is 2027 with the March meeting in Q1', async () => {
    tab.clock.set('2026-12-20T09:00:00.000Z');
    const page = await get<GroupPageView>('/groups/steering');
    expect(page.year).toBe(2027);
    expect(meetingsIn(page, 'Q1')).toEqual([tab.meetingId]);
    expect(meetingsIn(page, 'Q4')).toEqual([]);
  });

  test('with a meeting still to come this year, this year', async () => {
    tab.clock.set('2026-12-10T09:00:00.000Z');
    const page = await get<GroupPageView>('/groups/steering');
    expect(page.year).toBe(2026);
    expect(meetingsIn(page, 'Q4')).toEqual(['held-dec', 'last-of-2026']);
    expect(meetingsIn(page, 'Q1')).toEqual([]);
  });

  test('a body without a next meeting: this year', async () => {
    tab.clock.set('2026-12-10T09:00:00.000Z');
    const page = await get<GroupPageView>('/groups/ref-forretning', PEOPLE.refMember.id);
    expect(page.year).toBe(2026);
  });
});
