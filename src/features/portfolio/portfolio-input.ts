/**
 * The portfolio commands' arguments and card actions' data as typed input. Fields stay as typed:
 * the portfolio and status-report services validate them and name, per field, what is wrong, so
 * the card shows the reason and keeps the input.
 */
import { z } from 'zod';
import { cardString, cardValueText, commandText } from '../../platform/teams/define';

/**
 * A form field the portfolio reads only as text: anything else (a number included) is empty, as
 * the portfolio forms always have, so the service names the field.
 */
const formText = cardString;

/** An id the card carries back (meeting, group, initiative) as text; absent is empty. */
const cardId = cardValueText;

/** "initiative [new]": the list, or the form for a new initiative. */
export const initiativeArgs = commandText.transform((text) => ({
  wantsNew: ['ny', 'nyt', 'new'].includes(text.toLowerCase()),
}));

/** "portfolio [meeting id]": the next steering meeting when none is given. */
export const overviewArgs = commandText;

/** "status report": nothing after the name is read. */
export const statusReportArgs = commandText;

/** The new-initiative button sends nothing the form needs. */
export const initiativeNewInput = z.object({});

export const initiativeEditInput = z.object({ groupId: cardId, initiativeId: cardId });

/** The initiative form: its id (carried by the card, so a re-sent submit creates once) and its fields. */
export const initiativeSaveInput = z
  .object({
    initiativeId: cardId,
    groupId: formText,
    title: formText,
    responsible: formText,
    status: formText,
    statusReason: formText,
    phase: formText,
    startDate: formText,
    endDate: formText,
    financing: formText,
    budgetedKr: formText,
    spentKr: formText,
    closed: formText,
  })
  .transform(({ initiativeId, ...values }) => ({ initiativeId, values }));

/** Which report a status-report button is about: the meeting, the reference group, the initiative. */
export const reportTarget = z.object({ meetingId: cardId, groupId: cardId, initiativeId: cardId });

export type ReportTarget = z.infer<typeof reportTarget>;

/** The status-report form: the report it is for and its fields. */
export const reportSubmitInput = reportTarget
  .extend({
    status: formText,
    reason: formText,
    progress: formText,
    risks: formText,
    recommendation: formText,
  })
  .transform(({ meetingId, groupId, initiativeId, ...values }) => ({
    target: { meetingId, groupId, initiativeId },
    values,
  }));
