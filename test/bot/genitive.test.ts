/**
 * Genitives in the catalogues (issue 26.9): "{person}s periode" made "Madss periode". The texts
 * write `{person:gen}` and translate() builds the genitive by the language's rule.
 */
import { genitive, translate } from '../../src/platform/i18n';

describe('genitive', () => {
  it.each([
    ['Anne', 'Annes'],
    ['Mads', "Mads'"],
    ['Max', "Max'"],
    ['Lenz', "Lenz'"],
    ['Anne Holm', 'Anne Holms'],
    ['KL', "KL's"],
  ])('Danish: %s -> %s', (name, expected) => {
    expect(genitive(name, 'da')).toBe(expected);
  });

  it.each([
    ['Anne', "Anne's"],
    ['Mads', "Mads'"],
    ['Max', "Max's"],
  ])('English: %s -> %s', (name, expected) => {
    expect(genitive(name, 'en')).toBe(expected);
  });

  // Språkrådet: "s" without an apostrophe, abbreviations too; after s, x and z an apostrophe.
  it.each([
    ['Kari', 'Karis'],
    ['Lars', "Lars'"],
    ['Felix', "Felix'"],
    ['Fritz', "Fritz'"],
    ['Kari Nordmann', 'Kari Nordmanns'],
    ['NRK', 'NRKs'],
    ['KS', "KS'"],
  ])('Norwegian bokmål: %s -> %s', (name, expected) => {
    expect(genitive(name, 'nb')).toBe(expected);
  });
});

describe('catalogue texts with a genitive', () => {
  const ending = (person: string) => ({ person, group: 'Styregruppen', endDate: '1. marts 2028' });

  it.each([
    ['Mads', "Mads' periode i Styregruppen slutter 1. marts 2028."],
    ['Anne', 'Annes periode i Styregruppen slutter 1. marts 2028.'],
    ['Max', "Max' periode i Styregruppen slutter 1. marts 2028."],
  ])('the Danish term-ending reminder for %s', (person, expected) => {
    expect(translate('da', 'scheduler.termEndingBody', ending(person))).toMatch(new RegExp(`^${expected}`));
  });

  it.each([
    ['Mads', "Mads' term in Styregruppen ends on"],
    ['Anne', "Anne's term in Styregruppen ends on"],
    ['Max', "Max's term in Styregruppen ends on"],
  ])('the English term-ending reminder for %s', (person, expected) => {
    expect(translate('en', 'scheduler.termEndingBody', ending(person))).toContain(expected);
  });

  it('the ended membership and the status-report request', () => {
    expect(translate('da', 'members.ended', { person: 'Mads', group: 'Styregruppen', date: 'i dag' })).toBe(
      "Mads' medlemskab af Styregruppen slutter i dag.",
    );
    expect(
      translate('en', 'members.ended', { person: 'Mads', group: 'the steering group', date: 'today' }),
    ).toBe("Mads' membership of the steering group ends on today.");
    expect(
      translate('da', 'portfolio.requestTitle', { meetingGroup: 'Styregruppen', meeting: '4. marts' }),
    ).toBe('Statusrapporter til Styregruppens møde 4. marts');
  });

  it('no catalogue text builds a genitive by appending s to a placeholder', async () => {
    const { da } = await import('../../src/platform/i18n/da');
    const { en } = await import('../../src/platform/i18n/en');
    const { nb } = await import('../../src/platform/i18n/nb');
    const texts = [da, en, nb].flatMap((catalogue) =>
      Object.values(catalogue).flatMap((section) => Object.values(section as Record<string, string>)),
    );
    expect(texts.filter((text) => /\{\w+\}'?s\b/.test(text))).toEqual([]);
  });
});
