/**
 * The printable minutes and the agenda as PDF, on the web like the agenda's HTML page and with the
 * same signed, expiring meeting link token (src/platform/links/link-tokens.ts; the token of the
 * meeting's print link opens these too):
 * - GET /print/minutes/:groupId/:meetingId       the minutes as HTML
 * - GET /print/minutes/:groupId/:meetingId.pdf   the minutes as PDF
 * - GET /print/agenda/:groupId/:meetingId.pdf    the agenda with its material list as PDF
 * In Danish; `?lang=en` gives English, `?lang=nb` bokmål (a link for another reader carries it: printLinks).
 * An unknown meeting, a wrong or expired token and a meeting without minutes answer 404 alike.
 */
import type * as restify from 'restify';
import type { Clock } from '../../domain/clock';
import type { Locale } from '../../domain/model';
import type { GroupRegistry } from '../../domain/ports';
import { localeOf } from '../../platform/i18n';
import type { MeetingCycle } from '../agenda';
import type { MeetingRecord } from '../meetings';
import { minutesPrintDocument, printHtml, printPdf, type PrintDocument, type RecordService } from '../record';
import { agendaMaterial, agendaPrintDocument } from './agenda-print';
import { localText } from '../../domain/localized-text';

export interface PrintRouteDeps {
  cycle: MeetingCycle;
  record: RecordService;
  groups: Pick<GroupRegistry, 'getGroup'>;
  clock: Clock;
}

/** The links of a meeting's printouts, with the token of its print link. */
export function printLinks(cycle: MeetingCycle, meeting: MeetingRecord, locale: Locale = 'da') {
  const token = new URL(cycle.links(meeting).print).searchParams.get('token') ?? '';
  const base = cycle.publicBaseUrl.replace(/\/+$/, '');
  const path = `${encodeURIComponent(meeting.groupId)}/${encodeURIComponent(meeting.id)}`;
  const query = `?token=${encodeURIComponent(token)}${locale === 'da' ? '' : `&lang=${encodeURIComponent(locale)}`}`;
  return {
    minutesHtml: `${base}/print/minutes/${path}${query}`,
    minutesPdf: `${base}/print/minutes/${path}.pdf${query}`,
    agendaPdf: `${base}/print/agenda/${path}.pdf${query}`,
  };
}

async function minutesDocument(deps: PrintRouteDeps, meeting: MeetingRecord, locale: Locale) {
  const opened = await deps.record.open(meeting.groupId, meeting.id);
  if (opened.kind !== 'open') return undefined;
  const agenda = await deps.cycle.agenda.draft(meeting);
  const materials = new Map(
    [...agendaMaterial(agenda).entries()].map(([itemId, entries]) => [itemId, entries[0]!.url]),
  );
  const ids = opened.view.entries.flatMap((entry) => entry.actions.map((action) => action.ownerId));
  return minutesPrintDocument({
    view: opened.view,
    names: await deps.record.names(ids, locale),
    groupName: localText((await deps.groups.getGroup(meeting.groupId))?.name, locale) || meeting.groupId,
    locale,
    timeZone: deps.cycle.timeZone,
    materials,
  });
}

async function agendaDocument(deps: PrintRouteDeps, meeting: MeetingRecord, locale: Locale) {
  const view = await deps.cycle.agenda.draft(meeting);
  const groupName = localText((await deps.groups.getGroup(meeting.groupId))?.name, locale) || meeting.groupId;
  return agendaPrintDocument({ view, groupName, locale, timeZone: deps.cycle.timeZone });
}

type Build = (
  deps: PrintRouteDeps,
  meeting: MeetingRecord,
  locale: Locale,
) => Promise<PrintDocument | undefined>;

async function serve(
  deps: PrintRouteDeps,
  req: restify.Request,
  res: restify.Response,
  build: Build,
  pdfOnly: boolean,
) {
  const file = String(req.params.file ?? '');
  const pdf = file.endsWith('.pdf');
  const meetingId = pdf ? file.slice(0, -'.pdf'.length) : file;
  const query = (req.query as Record<string, unknown> | undefined) ?? {};
  const meeting = await deps.cycle.meetings.get(String(req.params.groupId ?? ''), meetingId);
  const document =
    meeting && (pdf || !pdfOnly) && deps.cycle.linkHolds(meeting, query.token)
      ? await build(deps, meeting, localeOf(String(query.lang ?? '')))
      : undefined;
  if (!meeting || !document) {
    res.send(404, { error: 'not found' });
    return;
  }
  if (pdf) {
    const body = await printPdf(document, deps.clock.now());
    res.writeHead(200, {
      'Content-Type': 'application/pdf',
      'Content-Disposition': `inline; filename="${meeting.groupId}-${meeting.id}.pdf"`,
      'Cache-Control': 'no-store',
    });
    res.end(body);
    return;
  }
  res.writeHead(200, {
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'",
    'Cache-Control': 'no-store',
  });
  res.end(printHtml(document));
}

export function registerPrintRoutes(deps: PrintRouteDeps) {
  return (server: restify.Server): void => {
    server.get('/print/minutes/:groupId/:file', async (req: restify.Request, res: restify.Response) =>
      serve(deps, req, res, minutesDocument, false),
    );
    server.get('/print/agenda/:groupId/:file', async (req: restify.Request, res: restify.Response) =>
      serve(deps, req, res, agendaDocument, true),
    );
  };
}
