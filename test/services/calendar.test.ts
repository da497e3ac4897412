/**
 * The meeting's calendar invitation (.ics): local Copenhagen time with its VTIMEZONE, the agenda in
 * the description, escaping, 75-octet folding, CRLF, a stable UID with a SEQUENCE that rises when
 * the meeting is moved or cancelled. The file is parsed back with ical.js (an independent
 * implementation) to check that the instants are the meeting's.
 */
import ICAL from 'ical.js';
import { loadGovernance } from '../../src/platform/governance/governance-loader';
import { ManualClock } from '../../src/domain/clock';
import { AgendaService } from '../../src/features/agenda/agenda-service';
import { meetingIcs, vtimezoneBlock } from '../../src/features/agenda/calendar';
import { meetingLinks } from '../../src/features/meetings/meeting-links';
import { MeetingService } from '../../src/features/meetings/meetings-service';
import { MeetingRepository, type MeetingRecord } from '../../src/features/meetings/meetings-repository';
import { PeopleRepository } from '../../src/features/members/people-repository';
import { ProposalRepository } from '../../src/features/agenda/proposals-repository';
import { SqliteStore } from '../../src/platform/storage/sqlite/sqlite-store';

const governance = loadGovernance();
const STAMP = new Date('2027-01-10T09:00:00.000Z');

function setup() {
  const store = SqliteStore.inMemory();
  const clock = new ManualClock(STAMP);
  const repository = new MeetingRepository(store);
  const meetings = new MeetingService(repository, { append: async () => {} }, clock, governance);
  const agenda = new AgendaService(
    repository,
    new ProposalRepository(store),
    new PeopleRepository(store),
    governance,
  );
  return { store, meetings, agenda };
}

type Setup = ReturnType<typeof setup>;

async function schedule(s: Setup, date: string, time = '10:00', location?: string): Promise<MeetingRecord> {
  const result = await s.meetings.schedule({
    groupId: 'steering',
    date,
    time,
    actorId: 'sec',
    ...(location ? { location } : {}),
  });
  if (result.kind !== 'scheduled') throw new Error(result.kind);
  return result.meeting;
}

async function ics(s: Setup, meeting: MeetingRecord, groupName = 'Kommunestyregruppen'): Promise<string> {
  return meetingIcs({
    view: await s.agenda.draft(meeting),
    groupName,
    locale: 'da',
    timeZone: governance.timeZone,
    links: meetingLinks('https://fki.example.org', meeting),
    now: STAMP,
  });
}

/** Undo RFC 5545 line folding (CRLF followed by one space or tab). */
const unfold = (text: string) => text.replace(/\r\n[ \t]/g, '');

/** The VEVENT as ical.js reads it, with the file's own VTIMEZONE registered for its TZID. */
function parseEvent(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  for (const zone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(zone);
  const vevent = calendar.getFirstSubcomponent('vevent');
  if (!vevent) throw new Error('no VEVENT');
  return { calendar, vevent, event: new ICAL.Event(vevent) };
}

describe('meeting invitation (.ics) in Europe/Copenhagen', () => {
  let s: Setup;
  beforeEach(() => (s = setup()));
  afterEach(() => {
    s.store.close();
    ICAL.TimezoneService.reset();
  });

  it('writes a summer meeting in local CEST time whose instants parse back to the meeting', async () => {
    const meeting = await schedule(s, '2027-04-01');
    expect(meeting.startsAt).toBe('2027-04-01T08:00:00.000Z');
    const text = await ics(s, meeting);
    expect(text).toContain('\r\nDTSTART;TZID=Europe/Copenhagen:20270401T100000\r\n');
    expect(text).toContain('\r\nDTEND;TZID=Europe/Copenhagen:20270401T140000\r\n');
    expect(text).toContain('\r\nDTSTAMP:20270110T090000Z\r\n');
    const { event } = parseEvent(text);
    expect(event.startDate.zone?.tzid).toBe('Europe/Copenhagen');
    expect(event.startDate.toJSDate().toISOString()).toBe(meeting.startsAt);
    expect(event.endDate.toJSDate().toISOString()).toBe('2027-04-01T12:00:00.000Z');
  });

  it('writes a winter meeting in local CET time whose instants parse back to the meeting', async () => {
    const meeting = await schedule(s, '2027-01-21', '13:30');
    expect(meeting.startsAt).toBe('2027-01-21T12:30:00.000Z');
    const text = await ics(s, meeting);
    expect(text).toContain('\r\nDTSTART;TZID=Europe/Copenhagen:20270121T133000\r\n');
    expect(text).toContain('\r\nDTEND;TZID=Europe/Copenhagen:20270121T173000\r\n');
    const { event } = parseEvent(text);
    expect(event.startDate.toJSDate().toISOString()).toBe(meeting.startsAt);
    expect(event.endDate.toJSDate().toISOString()).toBe('2027-01-21T16:30:00.000Z');
  });

  it('carries the VTIMEZONE of Europe/Copenhagen (CET/CEST with their yearly rules)', async () => {
    const text = await ics(s, await schedule(s, '2027-04-01'));
    const block = /BEGIN:VTIMEZONE\r\n[\s\S]*?END:VTIMEZONE\r\n/.exec(text)?.[0];
    expect(block).toBeDefined();
    // The zone is a tz-database link to Europe/Berlin; the block is named for the events' TZID.
    expect(block).toContain('\r\nTZID:Europe/Copenhagen\r\n');
    expect(text).not.toContain('Berlin');
    const part = (name: 'STANDARD' | 'DAYLIGHT') =>
      new RegExp(`BEGIN:${name}\\r\\n([\\s\\S]*?)END:${name}`).exec(block!)?.[1]?.split('\r\n');
    expect(part('STANDARD')).toEqual(
      expect.arrayContaining([
        'TZNAME:CET',
        'TZOFFSETFROM:+0200',
        'TZOFFSETTO:+0100',
        'DTSTART:19701025T030000',
        'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
      ]),
    );
    expect(part('DAYLIGHT')).toEqual(
      expect.arrayContaining([
        'TZNAME:CEST',
        'TZOFFSETFROM:+0100',
        'TZOFFSETTO:+0200',
        'DTSTART:19700329T020000',
        'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
      ]),
    );
    // The block comes before the event that refers to it.
    expect(text.indexOf('BEGIN:VTIMEZONE')).toBeLessThan(text.indexOf('BEGIN:VEVENT'));
    expect(vtimezoneBlock('Not/AZone')).toBeUndefined();
  });

  it('puts the agenda in the description, one item per line', async () => {
    const meeting = await schedule(s, '2027-04-01');
    const text = await ics(s, meeting);
    const { event } = parseEvent(text);
    const lines = event.description.split('\n');
    expect(lines[0]).toBe('Dagsorden: Kommunestyregruppen');
    expect(lines).toContain('1. 10:00–10:20 Kort orientering fra KL og KOMBIT (Orientering)');
    expect(lines.filter((line) => /^\d+\. \d\d:\d\d–\d\d:\d\d /.test(line)).length).toBeGreaterThan(2);
    expect(lines.at(-1)).toBe(meetingLinks('https://fki.example.org', meeting).print);
    // In the file itself the newlines are the escaped `\n`.
    expect(unfold(text)).toContain('DESCRIPTION:Dagsorden: Kommunestyregruppen\\n\\n1. 10:00–10:20 ');
  });

  it('escapes commas, semicolons, backslashes and newlines in text values', async () => {
    const location = 'Lokale 2, KL-huset; Weidekampsgade 10 \\ 2. sal';
    const meeting = await schedule(s, '2027-04-01', '10:00', location);
    const text = unfold(await ics(s, meeting, 'Styring, drift; IT'));
    expect(text).toContain('\r\nLOCATION:Lokale 2\\, KL-huset\\; Weidekampsgade 10 \\\\ 2. sal\r\n');
    expect(text).toContain('\r\nSUMMARY:Møde i Styring\\, drift\\; IT\r\n');
    const { event } = parseEvent(text);
    expect(event.location).toBe(location);
    expect(event.summary).toBe('Møde i Styring, drift; IT');
  });

  it('folds lines at 75 octets and ends every line with CRLF', async () => {
    const text = await ics(s, await schedule(s, '2027-04-01'));
    expect(text.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
    expect(text.endsWith('END:VCALENDAR\r\n')).toBe(true);
    const lines = text.slice(0, -2).split('\r\n');
    expect(lines.some((line) => /[\r\n]/.test(line))).toBe(false);
    for (const line of lines) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
    // The long description is folded (continuation lines start with a space) ...
    expect(lines.filter((line) => line.startsWith(' ')).length).toBeGreaterThan(3);
    // ... and never inside a multi-byte character (– and æøå are 2-3 octets).
    expect(Buffer.from(text, 'utf8').toString('utf8')).toBe(text);
    expect(lines.every((line) => !line.includes('\uFFFD'))).toBe(true);
  });

  it('keeps the UID, raises SEQUENCE on a move and a cancellation, and marks a cancelled meeting', async () => {
    const meeting = await schedule(s, '2027-04-01');
    const first = parseEvent(await ics(s, meeting));
    expect(first.calendar.getFirstPropertyValue('method')).toBe('PUBLISH');
    expect(first.event.uid).toBe(`steering-${meeting.id}@fki-governance-bot`);
    expect(first.event.sequence).toBe(0);
    expect(first.vevent.getFirstPropertyValue('status')).toBe('CONFIRMED');

    const moved = await s.meetings.move('steering', meeting.id, '2027-04-08', '09:00', 'sec');
    if (moved.kind !== 'changed') throw new Error(moved.kind);
    const second = parseEvent(await ics(s, moved.meeting));
    expect(second.event.uid).toBe(first.event.uid);
    expect(second.event.sequence).toBe(1);
    expect(second.event.startDate.toJSDate().toISOString()).toBe('2027-04-08T07:00:00.000Z');

    const cancelled = await s.meetings.cancel('steering', meeting.id, 'sec');
    if (cancelled.kind !== 'changed') throw new Error(cancelled.kind);
    const text = await ics(s, cancelled.meeting);
    expect(text).toContain('\r\nSTATUS:CANCELLED\r\n');
    const third = parseEvent(text);
    expect(third.event.uid).toBe(first.event.uid);
    expect(third.event.sequence).toBe(2);
    expect(third.vevent.getFirstPropertyValue('status')).toBe('CANCELLED');
  });
});
