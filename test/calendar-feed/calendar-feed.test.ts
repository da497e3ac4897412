/**
 * The body's calendar feed through the real app: `kalender` in the steering channel gives the feed
 * URL; the feed parses as iCalendar (ical.js) with the meetings, the proposal deadline 4 weeks and
 * the detailed agenda 2 weeks before, in Europe/Copenhagen with its VTIMEZONE; a wrong token and an
 * unknown body get 404; a member may not rotate; after the secretariat's `kalender nyt link` the old
 * URL gets 404 and the new one works.
 */
import ICAL from 'ical.js';
import { channelMessage, textsOf } from '../bot/support/activities';
import { startHarness, SECRETARIAT, type Harness } from '../bot/support/app-harness';
import { seedHearingChannels, STEERING_CHANNEL } from '../support/hearing-channels';

let h: Harness;
const member = { aadObjectId: 'v01', name: 'Voter v01' };

beforeAll(async () => {
  h = await startHarness({ LOG_LEVEL: 'silent' });
  await seedHearingChannels(h.app, { connectorUrl: h.connector.url, clock: h.clock, voters: ['v01'] });
  for (const date of ['2027-03-04', '2027-06-10']) {
    const scheduled = await h.app.services.meetingCycle.meetings.schedule({
      groupId: 'steering',
      date,
      time: '10:00',
      actorId: SECRETARIAT.aadObjectId,
    });
    if (scheduled.kind !== 'scheduled') throw new Error('not scheduled');
  }
});
afterAll(async () => h.stop());
beforeEach(() => h.connector.clear());

async function say(text: string, from = SECRETARIAT): Promise<string[]> {
  h.connector.clear();
  const response = await h.post(channelMessage(h.connector.url, text, from, { channelId: STEERING_CHANNEL }));
  expect(response.status).toBeLessThan(300);
  return textsOf(h.connector.sent);
}

/** The feed URL in a reply, on the test server (the reply's base is the configured public URL). */
function feedPath(reply: string): string {
  const match = /\/api\/calendar\/[^\s)]+/.exec(reply);
  if (!match) throw new Error(`no feed URL in: ${reply}`);
  return match[0];
}

async function get(path: string) {
  const response = await fetch(`${h.url}${path}`);
  return { status: response.status, type: response.headers.get('content-type'), body: await response.text() };
}

function events(ics: string) {
  const calendar = new ICAL.Component(ICAL.parse(ics));
  expect(calendar.getAllSubcomponents('vtimezone').map((tz) => tz.getFirstPropertyValue('tzid'))).toEqual([
    'Europe/Copenhagen',
  ]);
  return calendar.getAllSubcomponents('vevent').map((vevent) => {
    const event = new ICAL.Event(vevent);
    return {
      summary: event.summary,
      start: event.startDate.toString(),
      zone: vevent.getFirstProperty('dtstart')?.getParameter('tzid'),
    };
  });
}

let firstUrl: string;

test('`kalender` gives the feed URL; the feed has the meetings and their deadlines in Copenhagen time', async () => {
  const [reply] = await say('kalender', member);
  expect(reply).toContain('Kalenderen for');
  firstUrl = feedPath(reply!);
  const feed = await get(firstUrl);
  expect(feed.status).toBe(200);
  expect(feed.type).toContain('text/calendar');
  const found = events(feed.body);
  expect(found).toHaveLength(6);
  const meeting = found.find((e) => e.summary.startsWith('Møde i') && e.start.startsWith('2027-03-04'));
  expect(meeting).toMatchObject({ start: '2027-03-04T10:00:00', zone: 'Europe/Copenhagen' });
  // 4 and 2 weeks before the 4 March meeting, at the meeting's wall-clock time.
  expect(found.find((e) => e.summary.startsWith('Frist for dagsordensforslag'))?.start).toBe(
    '2027-02-04T10:00:00',
  );
  expect(found.find((e) => e.summary.startsWith('Den detaljerede dagsorden'))?.start).toBe(
    '2027-02-18T10:00:00',
  );
  // Asking again gives the same URL (the secret is made once).
  expect(feedPath((await say('kalender'))[0]!)).toBe(firstUrl);
});

test('English on ?lang=en', async () => {
  const feed = await get(`${firstUrl}&lang=en`);
  expect(feed.status).toBe(200);
  expect(events(feed.body).some((e) => e.summary.startsWith('Deadline for agenda proposals'))).toBe(true);
});

test('a wrong token, no token and an unknown body answer 404', async () => {
  const [path, query] = firstUrl.split('?token=') as [string, string];
  const wrong = `${query.slice(0, -1)}${query.endsWith('A') ? 'B' : 'A'}`;
  expect((await get(`${path}?token=${wrong}`)).status).toBe(404);
  expect((await get(path)).status).toBe(404);
  expect((await get(`/api/calendar/ref-arkitektur.ics?token=${query}`)).status).toBe(404);
  expect((await get(`/api/calendar/nope.ics?token=${query}`)).status).toBe(404);
});

test('a member may not rotate; after the secretariat rotates, the old URL fails and the new one works', async () => {
  const refused = await say('kalender nyt link', member);
  expect(refused.join(' ')).toMatch(/sekretariat/i);
  expect((await get(firstUrl)).status).toBe(200);

  const [rotated] = await say('kalender nyt link');
  expect(rotated).toContain('ny adresse');
  const newUrl = feedPath(rotated!);
  expect(newUrl).not.toBe(firstUrl);
  expect((await get(firstUrl)).status).toBe(404);
  expect((await get(newUrl)).status).toBe(200);
  expect(feedPath((await say('calendar'))[0]!)).toBe(newUrl);
});
