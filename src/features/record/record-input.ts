/**
 * The record's command arguments and card actions' data as typed input. Ids are read as the cards
 * sent them (whatever came, as text); the typed fields stay as typed, so the record's rules
 * (domain/) name what is wrong with one on the re-filled card. A due date typed as D.M.YYYY is
 * read as the date it names.
 */
import { z } from 'zod';
import { cardString, cardText, cardValueText, commandText } from '../../platform/teams/define';
import { parseLocalDate } from '../meetings';

/** "referat [meeting id or date]": without one, the latest meeting that has begun. */
export const minutesArgs = commandText;

/** "forsinkede handlinger": nothing follows. */
export const overdueArgs = commandText;

const meetingKeys = { groupId: cardValueText, meetingId: cardValueText };

/** A revision or version the card carries: a whole number, anything else as -1 (never matches). */
const counter = z.coerce.number().int().nonnegative().catch(-1);

export const meetingInput = z.object(meetingKeys);

/** The approve button; `from: 'overview'` answers with the overview instead of a message. */
export const approveInput = z.object({ ...meetingKeys, from: cardString });

export const itemInput = z.object({ ...meetingKeys, itemId: cardValueText });

export const saveItemInput = z.object({
  ...meetingKeys,
  itemId: cardValueText,
  revision: counter,
  then: z.enum(['next', 'stay', 'overview']).catch('stay'),
  decision: cardString,
  notes: cardString,
  actionWhat: cardString,
  actionOwner: cardValueText,
  actionDue: cardText.transform((value) => parseLocalDate(value) ?? value),
});
export type SaveItemInput = z.infer<typeof saveItemInput>;

export const minuteTakerInput = z.object({ ...meetingKeys, minuteTakerId: cardValueText });

export const commentInput = z.object({ ...meetingKeys, comment: cardString });

/** A correction: the item's fields carry its position on the card (`decision_<slot>`, see the form). */
export const correctInput = z
  .looseObject({
    ...meetingKeys,
    itemId: cardValueText,
    version: counter,
    slot: counter,
  })
  .transform((data) => ({
    groupId: data.groupId,
    meetingId: data.meetingId,
    itemId: data.itemId,
    version: data.version,
    decision: cardString.parse(data[`decision_${data.slot}`]),
    notes: cardString.parse(data[`notes_${data.slot}`]),
    reason: cardString.parse(data[`reason_${data.slot}`]),
  }));

export const closeActionInput = z.object({
  groupId: cardValueText,
  actionId: cardValueText,
  note: cardString,
});
