/**
 * Cards of the follow-up actions: the owner's reminder before the due date (sent to the owner's
 * personal chat with the bot; the close form is on it, so the owner closes it with a short note),
 * the card a closed action becomes, and the secretariat's list of overdue actions.
 */
import type { Locale } from '../../domain/model';
import type { OutboundMessage } from '../../domain/ports';
import type { Translate } from '../../platform/i18n';
import { formatDate, formatInstant } from '../../platform/cards/reminders';
import { markdownText } from '../../platform/cards/text';
import {
  adaptiveCard,
  executeAction,
  paragraph,
  showCardAction,
  textInput,
  title,
  type AdaptiveCard,
  type CardElement,
} from '../../platform/cards/builders';
import { daysBetweenDates } from '../../domain/time';
import { RECORD_LIMITS, type FollowUpAction } from './domain/minutes';
import { actionLine, RECORD_VERBS } from './minutes-cards';
import { nameOf, type PersonNames } from './record-names';

export interface ReminderCardInput {
  locale: Locale;
  timeZone: string;
  action: FollowUpAction;
  ownerName: string;
  /** The body that decided the action (a person may sit in several). */
  groupName: string;
  /** When the meeting that decided the action began (absent when the meeting is gone). */
  meetingStartsAt?: string;
  /** Present when the reminder goes out late: when it was due. */
  lateDueAt?: Date;
}

/** The close form: a short note, then the button (the owner's, or the secretariat's). */
function closeForm(t: Translate, action: FollowUpAction) {
  return showCardAction(
    t('record.closeButton'),
    textInput({
      id: 'note',
      label: t('record.fieldCloseNote'),
      maxLength: RECORD_LIMITS.closeNoteMaxChars,
      required: true,
      requiredMessage: t('record.closeNoteRequired'),
    }),
    [
      executeAction(t('record.closeSend'), RECORD_VERBS.closeAction, {
        groupId: action.groupId,
        actionId: action.id,
      }),
    ],
  );
}

/** The owner's reminder, in their personal chat: what, by when, which body and meeting decided it. */
export function actionReminderMessage(t: Translate, input: ReminderCardInput): OutboundMessage {
  const { action, locale } = input;
  const body: CardElement[] = [title(t('record.reminderTitle'))];
  if (input.lateDueAt)
    body.push(
      paragraph(t('scheduler.lateLine', { dueAt: formatInstant(input.lateDueAt, locale, input.timeZone) }), {
        color: 'Warning',
        size: 'Small',
      }),
    );
  body.push(
    paragraph(
      t('record.reminderPersonal', {
        owner: markdownText(input.ownerName),
        what: markdownText(action.what),
        due: formatDate(action.dueDate, locale),
        group: markdownText(input.groupName),
      }),
    ),
  );
  if (input.meetingStartsAt)
    body.push(
      paragraph(
        t('record.reminderMeeting', {
          meeting: formatInstant(input.meetingStartsAt, locale, input.timeZone),
        }),
        { isSubtle: true },
      ),
    );
  const card = adaptiveCard(body, [closeForm(t, action)]);
  return { card, summary: t('record.reminderSummary', { what: action.what }) };
}

/** What a closed action's card shows (it replaces the reminder card it was closed from). */
export function actionClosedCard(
  t: Translate,
  locale: Locale,
  action: FollowUpAction,
  names: PersonNames,
): AdaptiveCard {
  return adaptiveCard([
    title(t('record.closedTitle')),
    paragraph(actionLine(t, locale, action, names)),
    paragraph(
      t('record.closedBy', {
        name: markdownText(nameOf(names, action.closedBy ?? '')),
        note: markdownText(action.closeNote ?? ''),
      }),
      { isSubtle: true },
    ),
  ]);
}

export interface OverdueRow {
  action: FollowUpAction;
  groupName: string;
}

/** The secretariat's list of overdue actions, by group, oldest due date first. */
export function overdueCard(
  t: Translate,
  locale: Locale,
  today: string,
  rows: readonly OverdueRow[],
  names: PersonNames,
): AdaptiveCard {
  const body: CardElement[] = [title(t('record.overdueTitle'))];
  if (rows.length === 0) return adaptiveCard([...body, paragraph(t('record.overdueNone'))]);
  let group: string | undefined;
  for (const row of rows.slice().sort((a, b) => a.groupName.localeCompare(b.groupName, locale))) {
    if (row.groupName !== group) {
      group = row.groupName;
      body.push(paragraph(`**${markdownText(group)}**`, { spacing: 'Medium' }));
    }
    const days = daysBetweenDates(row.action.dueDate, today);
    body.push(
      paragraph(`• ${actionLine(t, locale, row.action, names)} ${t('record.overdueDays', { days })}`, {
        spacing: 'None',
      }),
    );
  }
  return adaptiveCard(body);
}
