/** The language command's argument as typed input. */
import { z } from 'zod';
import { languageNamed } from '../../platform/i18n';
import { commandText } from '../../platform/teams/define';

/**
 * "sprog nb" / "language dansk": a registered language by its code or by a name its catalogue
 * gives it (src/platform/i18n, so a new catalogue is understood here without an edit); anything
 * else is answered with the choices.
 */
export const languageArgs = commandText.transform((text) => languageNamed(text)).pipe(z.string());
