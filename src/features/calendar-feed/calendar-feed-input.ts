/** The calendar-feed commands' arguments: nothing follows either command. */
import { z } from 'zod';
import { commandText } from '../../platform/teams/define';

/** "kalender" / "kalender nyt link": nothing follows (a stray word still shows the URL). */
export const feedArgs: z.ZodType<string, string> = commandText;
