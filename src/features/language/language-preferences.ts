/**
 * Each user's own language for personal chat (`sprog en`), one document per person beside the
 * person's register entry (directory / pk `person:<id>` / id `language-preference`, the members'
 * layout), so the incoming-activity path reads it with one point read. A personal datum: the GDPR
 * export shows it and the erasure deletes it (`languagePersonData`).
 */
import { z } from 'zod';
import type { Locale } from '../../domain/model';
import { isRegisteredLanguage, registeredLanguages } from '../../platform/i18n';
import { InvalidDocumentError, NotFoundError, type DocumentStore } from '../../platform/storage/port';
import { defineDocument, typedCollection, type TypedCollection } from '../../platform/storage/repository';
import type { PersonDataHolder } from '../gdpr';

export interface LanguagePreference {
  personId: string;
  language: Locale;
  /** ISO instant of the choice. */
  setAt: string;
}

const preferenceSchema = z.object({
  personId: z.string().min(1),
  // Read: any code, a choice of a language whose catalogue has since gone reads as no choice
  // (languageFor). Written: only a registered one (`set`).
  language: z.string().min(1),
  setAt: z.string().min(1),
});

/** Same partition as the person's register entry (src/features/members/people-repository.ts). */
const personPk = (personId: string) => `person:${personId}`;
const PREFERENCE_ID = 'language-preference';

export const languagePreferenceDocument = defineDocument('language-preference', preferenceSchema, {
  collection: 'directory',
  pk: (preference) => personPk(preference.personId),
  id: () => PREFERENCE_ID,
});

export class LanguagePreferences {
  private readonly preferences: TypedCollection<LanguagePreference>;

  constructor(store: DocumentStore) {
    this.preferences = typedCollection(store, languagePreferenceDocument);
  }

  async get(personId: string): Promise<LanguagePreference | undefined> {
    const stored = await this.preferences.get(personPk(personId), PREFERENCE_ID);
    if (!stored) return undefined;
    const { etag: _etag, ...preference } = stored;
    return preference;
  }

  /** The user's own language, when they chose one (what the bot core asks on a personal turn). */
  async preferenceOf(personId: string): Promise<Locale | undefined> {
    return (await this.get(personId))?.language;
  }

  async set(personId: string, language: Locale, at: Date): Promise<void> {
    if (!isRegisteredLanguage(language)) {
      throw new InvalidDocumentError('language', `expected one of ${registeredLanguages.join(', ')}`);
    }
    await this.preferences.upsert({ personId, language, setAt: at.toISOString() });
  }

  /** Forgets the choice; true when there was one (an erasure run again finds none). */
  async remove(personId: string): Promise<boolean> {
    try {
      await this.preferences.delete(personPk(personId), PREFERENCE_ID);
      return true;
    } catch (error) {
      if (error instanceof NotFoundError) return false;
      throw error;
    }
  }
}

/** The preference in the GDPR export, and gone with the erasure. */
export function languagePersonData(preferences: LanguagePreferences): PersonDataHolder {
  return {
    section: 'languagePreference',
    exportOf: async (personId) => {
      const preference = await preferences.get(personId);
      return preference ? [preference] : [];
    },
    erase: async ({ personId }) => void (await preferences.remove(personId)),
  };
}
