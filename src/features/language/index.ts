/** Each user's own language for personal chat (`sprog en`); channels keep their body's language. */
import type { LanguagePreferences } from './language-preferences';

export { languageFeature } from './language-feature';
export { LanguagePreferences, languagePersonData, languagePreferenceDocument } from './language-preferences';
export type { LanguagePreference } from './language-preferences';

declare module '../../platform/teams/feature' {
  interface FeatureServices {
    /** The users' own languages (the bot core reads them on a personal turn). */
    languages: LanguagePreferences;
  }
}
