import { da } from '../../src/platform/i18n/da';
import { en } from '../../src/platform/i18n/en';
import { localeOf, translate } from '../../src/platform/i18n';

describe('message catalogue', () => {
  test('localeOf: English only for en-*, Danish otherwise', () => {
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

  test('both catalogues have the same sections and keys, and no empty text', () => {
    const keys = (catalogue: object) =>
      Object.entries(catalogue)
        .flatMap(([section, texts]) => Object.keys(texts as object).map((k) => `${section}.${k}`))
        .sort();
    expect(keys(en)).toEqual(keys(da));
    for (const catalogue of [da, en]) {
      for (const texts of Object.values(catalogue)) {
        for (const text of Object.values(texts as Record<string, string>)) expect(text.trim()).not.toBe('');
      }
    }
  });

  test('placeholders agree between the languages', () => {
    // `{person:gen}` is the same parameter as `{person}` (its genitive).
    const params = (text: string) => [...text.matchAll(/\{(\w+)(?::gen)?\}/g)].map((m) => m[1]).sort();
    for (const [section, texts] of Object.entries(da)) {
      for (const [key, text] of Object.entries(texts as Record<string, string>)) {
        const english = (en as Record<string, Record<string, string>>)[section]![key]!;
        expect({ key: `${section}.${key}`, params: params(english) }).toEqual({
          key: `${section}.${key}`,
          params: params(text),
        });
      }
    }
  });
});
