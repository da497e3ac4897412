/**
 * The minutes as the group's channel sees them: the draft posted for comments (with the comment
 * form and the secretariat's approve button) and, once approved, the version in force. Names come
 * from the person register when the card is drawn (GDPR: an erased person shows as the pseudonym).
 *
 * Size: Teams refuses cards over ~28 KB. The card is built in full; when it is over the budget the
 * texts are shortened step by step, and the card then says so (each item's card has the full text).
 */
import type { Locale } from '../../domain/model';
import type { OutboundMessage } from '../../domain/ports';
import { localDate } from '../../domain/time';
import type { Translate } from '../../platform/i18n';
import { formatDate, formatInstant } from '../../platform/cards/reminders';
import { clipText, markdownText } from '../../platform/cards/text';
import {
  adaptiveCard,
  executeAction,
  paragraph,
  showCardAction,
  textInput,
  title,
  type CardAction,
  type CardElement,
} from '../../platform/cards/builders';
import { MAX_CARD_BYTES } from '../../platform/cards/validate';
import { RECORD_LIMITS, type FollowUpAction, type HearingOrientation } from './domain/minutes';
import type { MinutesPrintLinks } from './record-deps';
import { nameOf, type PersonNames } from './record-names';
import type { RecordEntry, RecordView } from './record-view';
import { localText } from '../../domain/localized-text';

export const RECORD_VERBS = {
  overview: 'record.overview',
  item: 'record.item',
  saveItem: 'record.item.save',
  minuteTaker: 'record.minute-taker',
  draft: 'record.draft',
  comment: 'record.comment',
  approve: 'record.approve',
  correct: 'record.correct',
  closeAction: 'record.action.close',
} as const;

/** Leaves room for the activity envelope around the card. */
const CARD_BUDGET_BYTES = MAX_CARD_BYTES - 3 * 1024;
/** How many of the latest comments the draft card shows (the count says how many there are). */
const COMMENTS_SHOWN = 5;

export interface MinutesCardInput {
  locale: Locale;
  timeZone: string;
  view: RecordView;
  names: PersonNames;
  /** The printable minutes (HTML and PDF), as buttons on the card. */
  print?: MinutesPrintLinks;
}

export function actionLine(t: Translate, locale: Locale, action: FollowUpAction, names: PersonNames): string {
  const line = t('record.actionLine', {
    what: markdownText(action.what),
    owner: markdownText(nameOf(names, action.ownerId)),
    due: formatDate(action.dueDate, locale),
  });
  return action.status === 'closed' ? `${line} ${t('record.actionClosedMark')}` : line;
}

export function hearingLine(
  t: Translate,
  locale: Locale,
  timeZone: string,
  hearing: HearingOrientation,
): string {
  return t('record.hearingLine', {
    title: markdownText(hearing.title),
    outcome: t(`record.hearingOutcome_${hearing.outcome}`),
    date: formatDate(localDate(hearing.decidedAt, timeZone), locale),
    approve: hearing.approve,
    reject: hearing.reject,
    abstain: hearing.abstain,
    eligible: hearing.eligible,
  });
}

function entryElements(
  t: Translate,
  input: MinutesCardInput,
  entry: RecordEntry,
  clipAt: number | undefined,
): CardElement[] {
  const { locale } = input;
  const recorded = entry.recorded!;
  const clip = (text: string) => (clipAt === undefined ? text : clipText(text, clipAt));
  const elements: CardElement[] = [
    paragraph(`**${entry.item.number}. ${markdownText(localText(entry.item.title, locale))}**`, {
      spacing: 'Medium',
    }),
    paragraph(t('record.decisionLine', { decision: markdownText(clip(recorded.decision)) })),
  ];
  if (recorded.notes) elements.push(paragraph(markdownText(clip(recorded.notes)), { isSubtle: true }));
  for (const action of entry.actions)
    elements.push(paragraph(`• ${actionLine(t, locale, action, input.names)}`, { spacing: 'None' }));
  return elements;
}

function statusLine(t: Translate, input: MinutesCardInput): string {
  const { minutes } = input.view;
  if (minutes.status === 'approved' && minutes.approval) {
    const at = formatDate(localDate(minutes.approval.at, input.timeZone), input.locale);
    return minutes.approval.via === 'meeting'
      ? t('record.approvedAtMeeting', { date: at, version: minutes.version })
      : t('record.approvedBy', {
          date: at,
          name: markdownText(nameOf(input.names, minutes.approval.by)),
          version: minutes.version,
        });
  }
  const until = minutes.draft ? formatDate(minutes.draft.commentsUntil, input.locale) : '';
  return t('record.draftStatus', { until });
}

function commentElements(t: Translate, input: MinutesCardInput): CardElement[] {
  const { comments } = input.view.minutes;
  if (input.view.minutes.status === 'approved' || comments.length === 0) return [];
  return [
    paragraph(`**${t('record.comments', { count: comments.length })}**`, { spacing: 'Medium' }),
    ...comments
      .slice(-COMMENTS_SHOWN)
      .map((comment) =>
        paragraph(
          `${markdownText(nameOf(input.names, comment.authorId))}: ${markdownText(clipText(comment.text, 300))}`,
          { spacing: 'None', size: 'Small' },
        ),
      ),
  ];
}

function draftActions(t: Translate, input: MinutesCardInput): CardAction[] {
  const { minutes } = input.view;
  if (minutes.status !== 'draft') return [];
  const keys = { groupId: minutes.groupId, meetingId: minutes.meetingId };
  return [
    showCardAction(
      t('record.commentButton'),
      textInput({
        id: 'comment',
        label: t('record.fieldComment'),
        multiline: true,
        maxLength: RECORD_LIMITS.commentMaxChars,
      }),
      [executeAction(t('record.commentSend'), RECORD_VERBS.comment, keys)],
    ),
    executeAction(t('record.approveButton'), RECORD_VERBS.approve, keys, 'positive'),
  ];
}

function minutesBody(t: Translate, input: MinutesCardInput, clipAt: number | undefined): CardElement[] {
  const { view, locale, timeZone } = input;
  const body: CardElement[] = [
    title(t('record.minutesTitle', { meeting: formatInstant(view.meeting.startsAt, locale, timeZone) })),
    paragraph(statusLine(t, input), { isSubtle: true }),
  ];
  if (clipAt !== undefined) body.push(paragraph(t('record.shortened'), { color: 'Warning', size: 'Small' }));
  for (const entry of view.entries.filter((candidate) => candidate.recorded))
    body.push(...entryElements(t, input, entry, clipAt));
  if (view.hearings.length > 0) {
    body.push(paragraph(`**${t('record.hearingsHeading')}**`, { spacing: 'Medium' }));
    for (const hearing of view.hearings) body.push(paragraph(hearingLine(t, locale, timeZone, hearing)));
  }
  return [...body, ...commentElements(t, input)];
}

function printActions(t: Translate, input: MinutesCardInput): CardAction[] {
  if (!input.print) return [];
  return [
    { type: 'Action.OpenUrl', title: t('record.openMinutesPrint'), url: input.print.minutesHtml },
    { type: 'Action.OpenUrl', title: t('record.openMinutesPdf'), url: input.print.minutesPdf },
  ];
}

/** The minutes card for the group's channel (draft or approved), within Teams' size limit. */
export function minutesMessage(t: Translate, input: MinutesCardInput): OutboundMessage {
  const actions = [...draftActions(t, input), ...printActions(t, input)];
  let card = adaptiveCard(minutesBody(t, input, undefined), actions);
  for (const clipAt of [600, 300, 150, 80, 40]) {
    if (Buffer.byteLength(JSON.stringify(card), 'utf8') <= CARD_BUDGET_BYTES) break;
    card = adaptiveCard(minutesBody(t, input, clipAt), actions);
  }
  const summary = t('record.minutesTitle', {
    meeting: formatInstant(input.view.meeting.startsAt, input.locale, input.timeZone),
  });
  return { card, summary };
}
