/**
 * The users' own languages (`sprog en`) on every adapter (language-sqlite.contract.test.ts,
 * language-cosmos.contract.test.ts), in the style of contract.ts: one choice per person, the last
 * one kept, beside the person's register entry without disturbing its one-query read, removed once,
 * and a bad language refused before the store.
 */
import { LanguagePreferences } from '../../src/features/language';
import { PeopleRepository } from '../../src/features/members/people-repository';
import { InvalidDocumentError, type DocumentStore } from '../../src/platform/storage/port';
import type { Locale } from '../../src/domain/model';

export type StoreFactory = () => Promise<DocumentStore>;

export function languageContract(name: string, open: StoreFactory): void {
  describe(`language preferences on ${name}`, () => {
    let store: DocumentStore;
    let preferences: LanguagePreferences;
    beforeEach(async () => {
      store = await open();
      preferences = new LanguagePreferences(store);
    });
    afterEach(async () => store.close());

    it('keeps one choice per person, the last one', async () => {
      expect(await preferences.preferenceOf('anne')).toBeUndefined();
      await preferences.set('anne', 'en', new Date('2027-01-10T09:00:00.000Z'));
      await preferences.set('bo', 'da', new Date('2027-01-10T09:00:00.000Z'));
      await preferences.set('anne', 'da', new Date('2027-01-11T09:00:00.000Z'));
      expect(await preferences.get('anne')).toEqual({
        personId: 'anne',
        language: 'da',
        setAt: '2027-01-11T09:00:00.000Z',
      });
      expect(await preferences.preferenceOf('bo')).toBe('da');
    });

    it("sits beside the person's register entry without disturbing its read", async () => {
      const people = new PeopleRepository(store);
      await people.savePerson({
        id: 'anne',
        name: 'Anne Æbelø',
        organisation: { kind: 'municipality', name: 'Roskilde Kommune' },
      } as never);
      await preferences.set('anne', 'en', new Date('2027-01-10T09:00:00.000Z'));
      const { person, memberships } = await people.personWithMemberships('anne');
      expect(person?.name).toBe('Anne Æbelø');
      expect(memberships).toEqual([]);
    });

    it('is removed once; removing it again finds nothing', async () => {
      await preferences.set('anne', 'en', new Date('2027-01-10T09:00:00.000Z'));
      expect(await preferences.remove('anne')).toBe(true);
      expect(await preferences.get('anne')).toBeUndefined();
      expect(await preferences.remove('anne')).toBe(false);
    });

    it('refuses a language the bot does not speak before the store sees it', async () => {
      await expect(preferences.set('anne', 'de' as Locale, new Date())).rejects.toBeInstanceOf(
        InvalidDocumentError,
      );
      expect(await preferences.get('anne')).toBeUndefined();
    });
  });
}
