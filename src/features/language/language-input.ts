/** The language command's argument as typed input. */
import { z } from 'zod';
import type { Locale } from '../../domain/model';
import { commandText } from '../../platform/teams/define';

/** What people write for each language, in either language (compared in lower case). */
const NAMES: Record<string, Locale> = {
  da: 'da',
  dansk: 'da',
  danish: 'da',
  en: 'en',
  engelsk: 'en',
  english: 'en',
};

/** "sprog en" / "language dansk": the chosen language; anything else is answered with the choices. */
export const languageArgs = commandText
  .transform((text) => NAMES[text.toLowerCase()])
  .pipe(z.enum(['da', 'en']));
