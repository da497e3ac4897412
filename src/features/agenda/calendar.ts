/**
 * A meeting as a calendar invitation (.ics) and the agenda as a printable HTML page (the links to
 * them are the meetings' own, src/features/meetings/meeting-links.ts). The tab page reuses these.
 *
 * Time zone: the invitation is written in the governance time zone (Europe/Copenhagen for FKI):
 * `DTSTART;TZID=Europe/Copenhagen:20270401T100000` with the zone's VTIMEZONE block, as Outlook and
 * Teams expect of an invitation. ical-generator writes the calendar (escaping, 75-octet folding,
 * CRLF); timezones-ical-library supplies the VTIMEZONE rules from the official tz database. (The
 * `ics` package has no TZID/VTIMEZONE support, which is why it is not used here.)
 *
 * Authorisation: the GETs are not signed in; each link carries the meeting's unguessable random
 * access token (`?token=`, 144 bits), compared in constant time. Good enough for an agenda that goes
 * to the group anyway; a later step can put the routes behind Teams SSO.
 */
import ical, { ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import { DateTime } from 'luxon';
import { tzlib_get_ical_block, tzlib_get_timezones } from 'timezones-ical-library';
import type { Locale } from '../../domain/model';
import { localTime } from '../../domain/time';
import { translate, translatorFor } from '../../platform/i18n';
import { materialHtml } from './material-cards';
import { followUpHtml } from './follow-up-section';
import type { MeetingLinks } from '../meetings';
import type { AgendaView } from './agenda-service';
import { localText } from '../../domain/localized-text';

/** One line per agenda item: "1. 10:00–10:20 Title (Orientering) – oplæg: Name". */
export function agendaLines(view: AgendaView, locale: Locale, timeZone: string): string[] {
  return view.agenda.items.map((item) => {
    const kind = translate(locale, `agenda.kind_${item.kind}`);
    let line = `${item.number}. ${localTime(item.startsAt, timeZone)}–${localTime(item.endsAt, timeZone)} ${localText(item.title, locale)} (${kind})`;
    if (item.role === 'inspiration' && view.presenter)
      line += ` – ${translate(locale, 'agenda.presenter')}: ${view.presenter.name}`;
    const proposal = item.proposal ? view.proposals.get(item.proposal.id) : undefined;
    if (proposal?.materialUrl) line += ` – ${proposal.materialUrl}`;
    return line;
  });
}

/**
 * The VTIMEZONE block of an IANA zone, or undefined when the library does not know the zone.
 * The tz database keeps some zones as links (Europe/Copenhagen -> Europe/Berlin since 2022), and
 * the library answers a link with its target's block; the rules are the same, so the block is
 * renamed to the zone asked for: its TZID must equal the events' `TZID=` parameter.
 */
export function vtimezoneBlock(zone: string): string | undefined {
  if (!vtimezoneBlocks.has(zone)) vtimezoneBlocks.set(zone, readVtimezoneBlock(zone));
  return vtimezoneBlocks.get(zone);
}

/** Blocks by zone: the one governance zone is looked up once per process, not once per download. */
const vtimezoneBlocks = new Map<string, string | undefined>();

function readVtimezoneBlock(zone: string): string | undefined {
  // Asked first because the library logs an error for a zone it does not know.
  const known = tzlib_get_timezones();
  if (!Array.isArray(known) || !known.includes(zone)) return undefined;
  const answer = tzlib_get_ical_block(zone);
  const block = Array.isArray(answer) ? answer[0] : undefined;
  if (!block?.startsWith('BEGIN:VTIMEZONE')) return undefined;
  return block
    .replace(/^TZID:.*$/m, `TZID:${zone}`)
    .replace(/^X-LIC-LOCATION:.*$/m, `X-LIC-LOCATION:${zone}`);
}

/**
 * The meeting as an iCalendar invitation (METHOD:PUBLISH, one VEVENT) in the governance time zone
 * (see the header), with the agenda as its description. The UID is stable per meeting and SEQUENCE
 * is the meeting's revision (raised by a move or a cancellation), so a client that imported the
 * earlier file updates its entry; a cancelled meeting has STATUS:CANCELLED.
 * `now` is the DTSTAMP (when this file was made).
 */
export function meetingIcs(input: {
  view: AgendaView;
  groupName: string;
  locale: Locale;
  timeZone: string;
  links?: MeetingLinks;
  now?: Date;
}): string {
  const { view, locale } = input;
  const meeting = view.meeting;
  const description = [
    translate(locale, 'agenda.title', { group: input.groupName }),
    '',
    ...agendaLines(view, locale, input.timeZone),
    ...(input.links ? ['', input.links.print] : []),
  ].join('\n');
  // A zone without a known VTIMEZONE falls back to UTC instants (still the right moments).
  const zone = vtimezoneBlock(input.timeZone) ? input.timeZone : undefined;
  // luxon DateTimes, not Dates: ical-generator renders a Date in the process's zone, a DateTime in its own.
  const start = DateTime.fromISO(meeting.startsAt, { zone: zone ?? 'utc' });
  // Elapsed minutes, as the agenda counts them: a DST change during the meeting does not lengthen it.
  const end = start.plus({ minutes: meeting.durationMinutes });
  const calendar = ical({
    prodId: { company: 'fki-governance-bot', product: 'meetings', language: locale.toUpperCase() },
    method: ICalCalendarMethod.PUBLISH,
    // `name: null`: no calendar-wide zone (which would also put DTSTAMP in local time); the
    // generator is called for each event's zone.
    timezone: { name: null, generator: (tz) => vtimezoneBlock(tz) ?? null },
  });
  calendar.createEvent({
    id: `${meeting.groupId}-${meeting.id}@fki-governance-bot`,
    sequence: meeting.sequence ?? 0,
    stamp: input.now ?? new Date(),
    start,
    end,
    timezone: zone ?? null,
    summary: translate(locale, 'meetings.icsTitle', { group: input.groupName }),
    description,
    status: meeting.status === 'cancelled' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    ...(meeting.location ? { location: meeting.location } : {}),
    ...(input.links ? { url: input.links.print } : {}),
  });
  return `${calendar.toString()}\r\n`;
}

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char]!);
}

/** The agenda as a self-contained printable HTML page; every user text is escaped. */
export function agendaHtml(input: {
  view: AgendaView;
  groupName: string;
  meetingTime: string;
  locale: Locale;
  timeZone: string;
}): string {
  const { view, locale, timeZone } = input;
  const t = (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) =>
    escapeHtml(translate(locale, key, params));
  const rows = view.agenda.items
    .map((item) => {
      const proposal = item.proposal ? view.proposals.get(item.proposal.id) : undefined;
      const details: string[] = [];
      if (item.role === 'inspiration' && view.presenter)
        details.push(`${t('agenda.presenter')}: ${escapeHtml(view.presenter.name)}`);
      if (proposal?.description) details.push(escapeHtml(proposal.description));
      if (proposal?.proposedDecision)
        details.push(
          `<strong>${t('agenda.proposedDecision')}:</strong> ${escapeHtml(proposal.proposedDecision)}`,
        );
      if (proposal) details.push(...materialHtml(translatorFor(locale), proposal, escapeHtml));
      if (proposal?.late) details.push(`<em>${t('agenda.late')}</em>`);
      return `<tr><td>${item.number}</td><td>${localTime(item.startsAt, timeZone)}–${localTime(item.endsAt, timeZone)}</td><td><strong>${escapeHtml(localText(item.title, locale))}</strong> <span class="kind">(${t(`agenda.kind_${item.kind}`)})</span>${details.map((d) => `<div>${d}</div>`).join('')}</td></tr>`;
    })
    .join('\n');
  const overrun =
    view.agenda.overrunMinutes > 0
      ? `<p class="warning">${t('agenda.overrun', { minutes: view.agenda.overrunMinutes, total: view.agenda.totalMinutes, length: view.agenda.meetingMinutes })}</p>`
      : '';
  return `<!doctype html>
<html lang="${locale}">
<head>
<meta charset="utf-8">
<title>${t('agenda.title', { group: input.groupName })}</title>
<style>
body { font-family: "Segoe UI", Arial, sans-serif; margin: 2rem; color: #111; }
table { border-collapse: collapse; width: 100%; }
td { border-bottom: 1px solid #ccc; padding: .4rem .5rem; vertical-align: top; }
td:first-child { width: 2rem; } td:nth-child(2) { width: 7.5rem; white-space: nowrap; }
.kind { color: #555; } .warning { color: #a00; font-weight: bold; }
@media print { body { margin: 0; font-size: 11pt; } a { color: #000; } tr { page-break-inside: avoid; } }
</style>
</head>
<body>
<h1>${t('agenda.title', { group: input.groupName })}</h1>
<p>${escapeHtml(input.meetingTime)}${view.meeting.location ? ` · ${escapeHtml(view.meeting.location)}` : ''}</p>
${overrun}
<table>
${rows}
</table>
${followUpHtml(translatorFor(locale), locale, view.followUp ?? [], escapeHtml)}</body>
</html>
`;
}
