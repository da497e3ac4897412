/**
 * The minutes of a meeting as a printable document (HTML and PDF, print-document.ts): the body's
 * name and the meeting's date, the minutes' status (being written, draft, approved with its date
 * and version), then per agenda item its decision, notes and follow-up actions (owner by name,
 * due date) and the item's material when the agenda has one. In the reader's language.
 */
import type { Locale } from '../../domain/model';
import { translate, type MessageKey, type MessageParams } from '../../platform/i18n';
import { formatDate, formatInstant } from '../../platform/cards/reminders';
import { localDate } from '../../domain/time';
import type { PrintBlock, PrintDocument, PrintLine } from './print-document';
import type { PersonNames } from './record-names';
import type { RecordEntry, RecordView } from './record-view';
import { localText } from '../../domain/localized-text';

export interface MinutesPrintInput {
  view: RecordView;
  names: PersonNames;
  groupName: string;
  locale: Locale;
  timeZone: string;
  /** The material of an agenda item (its proposal's), by item id. */
  materials?: ReadonlyMap<string, string>;
}

function statusLine(
  view: RecordView,
  t: (key: MessageKey, params?: MessageParams) => string,
  input: MinutesPrintInput,
) {
  const { minutes } = view;
  if (minutes.status === 'approved' && minutes.approval)
    return t('minutesPrint.statusApproved', {
      date: formatDate(localDate(minutes.approval.at, input.timeZone), input.locale),
      version: minutes.version,
    });
  return t(minutes.status === 'draft' ? 'minutesPrint.statusDraft' : 'minutesPrint.statusRecording');
}

function entryBlock(entry: RecordEntry, input: MinutesPrintInput): PrintBlock | undefined {
  const t = (key: MessageKey, params?: MessageParams) => translate(input.locale, key, params);
  const recorded = entry.recorded;
  const material = input.materials?.get(entry.item.id);
  if (!recorded && !material) return undefined;
  const lines: PrintLine[] = [];
  if (recorded) lines.push({ label: t('minutesPrint.decision'), text: recorded.decision });
  if (recorded?.notes) lines.push({ label: t('minutesPrint.notes'), text: recorded.notes });
  for (const action of entry.actions)
    lines.push({
      label: t('minutesPrint.actions'),
      text: t('minutesPrint.actionLine', {
        what: action.what,
        owner: input.names.get(action.ownerId) ?? action.ownerId,
        due: formatDate(action.dueDate, input.locale),
      }),
    });
  if (material) lines.push({ label: t('minutesPrint.material'), text: material, link: material });
  const title = localText(recorded?.title ?? entry.item.title, input.locale);
  return { heading: `${recorded?.number ?? entry.item.number}. ${title}`, lines };
}

export function minutesPrintDocument(input: MinutesPrintInput): PrintDocument {
  const t = (key: MessageKey, params?: MessageParams) => translate(input.locale, key, params);
  const { meeting } = input.view;
  const time = formatInstant(meeting.startsAt, input.locale, input.timeZone);
  return {
    locale: input.locale,
    title: t('minutesPrint.title', { group: input.groupName }),
    subtitle: [
      meeting.location
        ? `${t('minutesPrint.meeting', { time })} · ${meeting.location}`
        : t('minutesPrint.meeting', { time }),
      statusLine(input.view, t, input),
    ],
    blocks: input.view.entries.flatMap((entry) => entryBlock(entry, input) ?? []),
    empty: t('minutesPrint.noItems'),
  };
}
