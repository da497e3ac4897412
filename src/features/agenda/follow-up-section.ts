/**
 * "Opfølgning" on the detailed agenda: the group's open follow-up actions from earlier meetings'
 * records (what, the owner's name, the due date, and whether it is overdue by the meeting day), on
 * the agenda card and the printable agenda. The actions come through a small port the composition
 * root fills from the meeting record (src/app/services.ts), so the agenda never depends on the
 * record (the record uses the agenda's composed items).
 *
 * Which actions: open ones decided before this meeting began (an action decided at this meeting,
 * or later, is not follow-up of this meeting). Overdue: the due date lies before the meeting's
 * Copenhagen date, a fact of the agenda itself and not of the day someone reads it.
 */
import type { Locale } from '../../domain/model';
import { instantMillis, localDate } from '../../domain/time';
import type { Translate } from '../../platform/i18n';
import { formatDate } from '../../platform/cards/reminders';
import { markdownText } from '../../platform/cards/text';
import { paragraph, type CardElement } from '../../platform/cards/builders';

/** An open follow-up action as the agenda shows it (the owner's name resolved by the port). */
export interface AgendaFollowUpAction {
  id: string;
  what: string;
  ownerName: string;
  /** YYYY-MM-DD (Copenhagen). */
  dueDate: string;
  /** The meeting that decided it, and when it was recorded. */
  meetingId: string;
  createdAt: string;
}

/** The port: the group's open follow-up actions, by due date. */
export interface AgendaFollowUps {
  openActions(groupId: string): Promise<AgendaFollowUpAction[]>;
}

/** One line of the agenda's follow-up section. */
export interface FollowUpLine {
  what: string;
  ownerName: string;
  dueDate: string;
  overdue: boolean;
}

/** The most lines the card lists; the rest are counted (the printable agenda lists them all). */
export const FOLLOW_UP_CARD_LINES = 15;

/** The follow-up lines of a meeting's agenda (none without a port). */
export async function followUpLines(
  port: AgendaFollowUps | undefined,
  meeting: { id: string; groupId: string; startsAt: string },
  timeZone: string,
): Promise<FollowUpLine[]> {
  if (!port) return [];
  const meetingDay = localDate(meeting.startsAt, timeZone);
  const starts = instantMillis(meeting.startsAt);
  return (await port.openActions(meeting.groupId))
    .filter((action) => action.meetingId !== meeting.id && instantMillis(action.createdAt) < starts)
    .map((action) => ({
      what: action.what,
      ownerName: action.ownerName,
      dueDate: action.dueDate,
      overdue: action.dueDate < meetingDay,
    }));
}

function lineText(t: Translate, locale: Locale, line: FollowUpLine): string {
  return t('agenda.followUpLine', {
    what: line.what,
    owner: line.ownerName,
    due: formatDate(line.dueDate, locale),
  });
}

/** The card's section: a heading and one line per action (compact: only how many there are). */
export function followUpElements(
  t: Translate,
  locale: Locale,
  lines: readonly FollowUpLine[],
  detail: 'full' | 'compact',
): CardElement[] {
  if (lines.length === 0) return [];
  const heading = paragraph(`**${t('agenda.followUpHeading')}**`, { spacing: 'Medium' });
  if (detail === 'compact')
    return [heading, paragraph(t('agenda.followUpCount', { count: lines.length }), { size: 'Small' })];
  const shown = lines
    .slice(0, FOLLOW_UP_CARD_LINES)
    .map((line) =>
      paragraph(
        `• ${markdownText(lineText(t, locale, line))}${line.overdue ? ` **${t('agenda.followUpOverdue')}**` : ''}`,
        { size: 'Small', spacing: 'None', ...(line.overdue ? { color: 'Attention' as const } : {}) },
      ),
    );
  const more = lines.length - shown.length;
  if (more > 0) shown.push(paragraph(t('agenda.followUpMore', { count: more }), { isSubtle: true }));
  return [heading, ...shown];
}

/** The printable agenda's section (every user text escaped by the caller's escaper). */
export function followUpHtml(
  t: Translate,
  locale: Locale,
  lines: readonly FollowUpLine[],
  escape: (text: string) => string,
): string {
  if (lines.length === 0) return '';
  const items = lines
    .map(
      (line) =>
        `<li>${escape(lineText(t, locale, line))}${line.overdue ? ` <strong class="warning">${escape(t('agenda.followUpOverdue'))}</strong>` : ''}</li>`,
    )
    .join('\n');
  return `<h2>${escape(t('agenda.followUpHeading'))}</h2>\n<ul class="follow-up">\n${items}\n</ul>\n`;
}
