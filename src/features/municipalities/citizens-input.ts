/** The zod schemas of the citizens upload's command and card input. */
import { z } from 'zod';
import { cardString, commandText } from '../../platform/teams/define';
import { MAX_CITIZENS_CSV_CHARS } from './citizens-upload';

/** The paste field's limit: the whole FOLK1A export with regions and titles fits. */
export const MAX_CITIZENS_PASTE_CHARS = MAX_CITIZENS_CSV_CHARS;

/** `indbyggertal` takes no arguments (anything typed after it is ignored). */
export const citizensArgs = commandText;

export const citizensUploadInput = z.object({
  csv: cardString,
  dryRun: z.unknown().transform((value) => value !== false && value !== 'false'),
});
