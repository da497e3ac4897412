/**
 * The printable minutes and the agenda PDF through the real app: a held steering meeting with a
 * decision (æ, ø, å), notes and an action; the minutes HTML and the PDF carry them (the PDF's text
 * extracted with unpdf, the Danish letters intact), English on ?lang=en, the agenda PDF has its
 * material list; a wrong token and a meeting without a record answer 404.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { startHarness, SECRETARIAT, type Harness } from '../bot/support/app-harness';
import { seedHearingChannels } from '../support/hearing-channels';
import { printLinks } from '../../src/features/printing';
import type { MeetingRecord } from '../../src/features/meetings';
import { agendaCard } from '../../src/features/agenda/agenda-cards';
import { translatorFor } from '../../src/platform/i18n';

let h: Harness;
let meeting: MeetingRecord;
let future: MeetingRecord;
const DECISION = 'Styregruppen godkendte løsningen for Ærø og Åbenrå; særlige ønsker følger.';

beforeAll(async () => {
  h = await startHarness({ LOG_LEVEL: 'silent' });
  await seedHearingChannels(h.app, { connectorUrl: h.connector.url, clock: h.clock, voters: ['v01'] });
  const meetings = h.app.services.meetingCycle.meetings;
  for (const date of ['2027-01-20', '2027-05-20']) {
    const scheduled = await meetings.schedule({
      groupId: 'steering',
      date,
      time: '10:00',
      actorId: SECRETARIAT.aadObjectId,
    });
    if (scheduled.kind !== 'scheduled') throw new Error('not scheduled');
  }
  [meeting, future] = (await meetings.upcoming('steering')) as [MeetingRecord, MeetingRecord];
  h.clock.set('2027-01-20T12:00:00.000Z');
  const opened = await h.app.services.record.open('steering', meeting.id);
  if (opened.kind !== 'open') throw new Error(opened.kind);
  const saved = await h.app.services.record.saveItem({
    groupId: 'steering',
    meetingId: meeting.id,
    itemId: opened.view.entries[0]!.item.id,
    expectedRevision: 0,
    submission: {
      decision: DECISION,
      notes: 'Drøftet på mødet – ingen indsigelser.',
      actionWhat: 'Send beslutningen til kommunerne',
      actionOwner: 'v01',
      actionDue: '2027-02-15',
    },
    editor: { actorId: SECRETARIAT.aadObjectId, isSecretariat: true },
  });
  expect(saved.kind).toBe('saved');
});
afterAll(async () => h.stop());

async function get(url: string) {
  const { pathname, search } = new URL(url);
  const response = await fetch(`${h.url}${pathname}${search}`);
  return {
    status: response.status,
    type: response.headers.get('content-type'),
    bytes: new Uint8Array(await response.arrayBuffer()),
  };
}

/** The PDF's text, extracted by unpdf in a child node process (support/pdf-text.mjs). */
function pdfText(bytes: Uint8Array): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      process.execPath,
      [path.join(__dirname, 'support', 'pdf-text.mjs')],
      { encoding: 'utf8' },
      (error, stdout) => (error ? reject(error) : resolve(stdout.replace(/\s+/g, ' '))),
    );
    child.stdin!.end(Buffer.from(bytes));
  });
}

test('the minutes as HTML: body, date, decision, notes, action with owner and due date', async () => {
  const page = await get(printLinks(h.app.services.meetingCycle, meeting).minutesHtml);
  expect(page.status).toBe(200);
  expect(page.type).toContain('text/html');
  const html = new TextDecoder().decode(page.bytes);
  expect(html).toContain('<html lang="da">');
  expect(html).toContain('Referat: ');
  expect(html).toContain('onsdag 20. januar 2027');
  expect(html).toContain(DECISION);
  expect(html).toContain('Drøftet på mødet – ingen indsigelser.');
  expect(html).toContain('Send beslutningen til kommunerne. Ansvarlig: Voter v01, frist 15. februar 2027');
  expect(html).toContain('Referatet er under udarbejdelse.');
});

test('the minutes as PDF: the decision is in its text with æ, ø and å intact', async () => {
  const file = await get(printLinks(h.app.services.meetingCycle, meeting).minutesPdf);
  expect(file.status).toBe(200);
  expect(file.type).toBe('application/pdf');
  const text = await pdfText(file.bytes);
  expect(text).toContain('Styregruppen godkendte løsningen for Ærø og Åbenrå');
  expect(text).toContain('særlige ønsker følger');
  expect(text).toContain('Beslutning');
  expect(text).toContain('Ansvarlig: Voter v01');
});

test('English on ?lang=en', async () => {
  const file = await get(printLinks(h.app.services.meetingCycle, meeting, 'en').minutesPdf);
  expect(file.status).toBe(200);
  const text = await pdfText(file.bytes);
  expect(text).toContain('Minutes: ');
  expect(text).toContain('Decision');
  expect(text).toContain('Wednesday 20 January 2027');
});

test('the agenda as PDF, with its material list', async () => {
  const file = await get(printLinks(h.app.services.meetingCycle, meeting).agendaPdf);
  expect(file.status).toBe(200);
  const text = await pdfText(file.bytes);
  expect(text).toContain('Dagsorden');
  expect(text).toContain('Materialeliste');
});

test('a wrong token, the HTML-less agenda path and a meeting without a record answer 404', async () => {
  const links = printLinks(h.app.services.meetingCycle, meeting);
  expect((await get(links.minutesPdf.replace(/token=[^&]+/, 'token=1.abc'))).status).toBe(404);
  expect((await get(links.minutesHtml.replace(/\?.*$/, ''))).status).toBe(404);
  expect((await get(links.agendaPdf.replace('.pdf', ''))).status).toBe(404);
  // The next meeting has not begun: there is no record to print yet.
  expect((await get(printLinks(h.app.services.meetingCycle, future).minutesPdf)).status).toBe(404);
});

/** The Action.OpenUrl buttons of the cards the bot sent, by title. */
function openUrlButtons(sent: readonly Record<string, unknown>[]): Map<string, string> {
  const buttons = new Map<string, string>();
  const walk = (node: unknown): void => {
    if (!node || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach(walk);
    const action = node as { type?: string; title?: string; url?: string };
    if (action.type === 'Action.OpenUrl' && action.title && action.url) buttons.set(action.title, action.url);
    Object.values(node).forEach(walk);
  };
  walk(sent);
  return buttons;
}

test("the draft minutes card links to the minutes' printouts, the detailed agenda to its PDF", async () => {
  const before = h.connector.sent.length;
  const posted = await h.app.services.record.postDraft('steering', meeting.id, {
    actorId: SECRETARIAT.aadObjectId,
    isSecretariat: true,
  });
  expect(posted.kind).toBe('posted');
  const buttons = openUrlButtons(h.connector.sent.slice(before));
  const links = printLinks(h.app.services.meetingCycle, meeting);
  expect(buttons.get('Udskriv referat')).toBe(links.minutesHtml);
  expect(buttons.get('Referat som PDF')).toBe(links.minutesPdf);
  // Absolute on the app's public base URL, with the meeting's print token: the link opens the PDF.
  const base = h.app.services.meetingCycle.publicBaseUrl.replace(/\/+$/, '');
  expect(links.minutesPdf.startsWith(`${base}/print/minutes/steering/${meeting.id}.pdf?token=`)).toBe(true);
  expect((await get(buttons.get('Referat som PDF')!)).status).toBe(200);

  // The detailed agenda card of the later meeting (as the 2-week hook draws it).
  const cycle = h.app.services.meetingCycle;
  const card = agendaCard(translatorFor('da'), {
    locale: 'da',
    timeZone: cycle.timeZone,
    groupName: 'Kommunestyregruppen',
    view: await cycle.agenda.draft(future),
    links: cycle.links(future),
    variant: 'detailed',
  });
  const agendaButtons = openUrlButtons([card as unknown as Record<string, unknown>]);
  const agendaPdf = printLinks(cycle, future).agendaPdf;
  expect(agendaButtons.get('Dagsorden som PDF')).toBe(agendaPdf);
  expect((await get(agendaPdf)).status).toBe(200);
});
