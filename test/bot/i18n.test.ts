import { da } from '../../src/platform/i18n/da';
import {
  catalogueOf,
  closestLanguage,
  languageChoices,
  languageFor,
  languageNamed,
  languageOfLocale,
  localeOf,
  registeredLanguages,
  translate,
} from '../../src/platform/i18n';

/**
 * Every registered catalogue (src/platform/i18n/registry.ts): a language added there is checked
 * against da here with no edit to this test (issue 23).
 */
const catalogues = Object.fromEntries(
  registeredLanguages.map((language) => [language, catalogueOf(language)]),
);

/** Every text of a catalogue with its key ("section.key", "commands.bind.names"). */
function texts(catalogue: object, prefix = ''): Array<[string, string]> {
  return Object.entries(catalogue).flatMap(([key, value]): Array<[string, string]> =>
    typeof value === 'string' ? [[`${prefix}${key}`, value]] : texts(value as object, `${prefix}${key}.`),
  );
}

describe('message catalogue', () => {
  test('localeOf: a language we speak when asked for, Danish otherwise', () => {
    expect(localeOf('en-US')).toBe('en');
    expect(localeOf('EN-gb')).toBe('en');
    expect(localeOf('da-DK')).toBe('da');
    expect(localeOf('de-DE')).toBe('da');
    expect(localeOf(undefined)).toBe('da');
  });

  test('translate interpolates {name} parameters and leaves unknown ones visible', () => {
    expect(translate('da', 'binding.bound', { group: 'Kommunestyregruppen' })).toBe(
      'Kanalen er nu tilknyttet Kommunestyregruppen.',
    );
    expect(translate('en', 'binding.bound', { group: 'X' })).toBe('This channel is now bound to X.');
    expect(translate('en', 'binding.bound')).toBe('This channel is now bound to {group}.');
  });

  test.each(Object.entries(catalogues))(
    '%s has the same sections and keys as da, and no empty text',
    (_, catalogue) => {
      const keys = (c: object) =>
        texts(c)
          .map(([key]) => key)
          .sort();
      expect(keys(catalogue)).toEqual(keys(da));
      expect(texts(catalogue).filter(([, text]) => text.trim() === '')).toEqual([]);
    },
  );

  test.each(Object.entries(catalogues))('the placeholders of %s agree with da', (_, catalogue) => {
    // `{person:gen}` is the same parameter as `{person}` (its genitive).
    const params = (text: string) => [...text.matchAll(/\{(\w+)(?::gen)?\}/g)].map((m) => m[1]).sort();
    const theirs = new Map(texts(catalogue));
    for (const [key, text] of texts(da)) {
      expect({ key, params: params(theirs.get(key) ?? '') }).toEqual({ key, params: params(text) });
    }
  });
});

describe('the registry of languages (issue 23)', () => {
  test('the registry speaks Danish, English and Norwegian bokmål, Danish first (the default)', () => {
    expect(registeredLanguages).toEqual(['da', 'en', 'nb']);
    expect(translate('nb', 'binding.bound', { group: 'Styret' })).toContain('Styret');
    expect(translate('nb', 'binding.bound', { group: 'X' })).not.toBe(
      translate('da', 'binding.bound', { group: 'X' }),
    );
  });

  test('a stored choice of a language without a catalogue counts as no choice', () => {
    const turn = { conversation: 'personal', bodyLanguage: 'nb', teamsLocale: 'en-US' } as const;
    expect(languageFor({ ...turn, preference: 'nb' })).toBe('nb');
    expect(languageFor({ ...turn, preference: 'sv' })).toBe('en');
    expect(languageFor({ ...turn, teamsLocale: 'de-DE', preference: 'sv' })).toBe('nb');
  });

  test('`sprog …` names a language by its code or by a name its catalogue gives it', () => {
    expect(languageNamed('nb')).toBe('nb');
    expect(languageNamed(' Norsk ')).toBe('nb');
    expect(languageNamed('bokmål')).toBe('nb');
    expect(languageNamed('english')).toBe('en');
    expect(languageNamed('dansk')).toBe('da');
    expect(languageNamed('sv')).toBeUndefined();
    expect(languageNamed('klingon')).toBeUndefined();
    expect(languageChoices('da')).toBe('"sprog da" (dansk), "sprog en" (English), "sprog nb" (norsk bokmål)');
  });

  test('a Teams locale maps to its language, or undefined when no catalogue has it', () => {
    expect(languageOfLocale('en-US')).toBe('en');
    expect(languageOfLocale('nb-NO')).toBe('nb');
    expect(languageOfLocale('no')).toBe('nb');
    expect(languageOfLocale('nn-NO')).toBe('nb');
    expect(localeOf('nb-NO')).toBe('nb');
    expect(languageOfLocale('da')).toBe('da');
    expect(languageOfLocale(' DA-dk ')).toBe('da');
    expect(languageOfLocale('de-DE')).toBeUndefined();
    expect(languageOfLocale('')).toBeUndefined();
    expect(languageOfLocale(undefined)).toBeUndefined();
    // "enx" is no English: only the primary subtag counts.
    expect(languageOfLocale('enx-US')).toBeUndefined();
  });

  test('Norwegian: bokmål for nb, and for no and nn as the closest we have', () => {
    const withBokmal = ['da', 'en', 'nb'] as const;
    expect(closestLanguage('nb-NO', withBokmal)).toBe('nb');
    expect(closestLanguage('nb', withBokmal)).toBe('nb');
    expect(closestLanguage('no', withBokmal)).toBe('nb');
    expect(closestLanguage('nn-NO', withBokmal)).toBe('nb');
    expect(closestLanguage('da-DK', withBokmal)).toBe('da');
    expect(closestLanguage('sv-SE', withBokmal)).toBeUndefined();
    // Without a bokmål catalogue, Norwegian is no language we speak (the body default applies).
    expect(closestLanguage('nb-NO', ['da', 'en'])).toBeUndefined();
  });
});
