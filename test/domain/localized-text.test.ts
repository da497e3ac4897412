/** Texts in the governance file are language → text, with any of the languages (issue 23). */
import { localizedTextSchema } from '../../src/domain/governance';
import { defaultLanguageFirst, localText, untranslated } from '../../src/domain/localized-text';

describe('a localized text in the governance file', () => {
  test('keeps the languages it was written in, and no others', () => {
    expect(localizedTextSchema.parse({ da: 'Styregruppen', en: 'The steering group' })).toEqual({
      da: 'Styregruppen',
      en: 'The steering group',
    });
    expect(localizedTextSchema.parse({ nb: 'Styret' })).toEqual({ nb: 'Styret' });
  });

  test('no language at all, an empty text or a key that is no language code is refused', () => {
    expect(localizedTextSchema.safeParse({}).success).toBe(false);
    expect(localizedTextSchema.safeParse({ da: '  ' }).success).toBe(false);
    const notACode = localizedTextSchema.safeParse({ da: 'Styret', 'en-GB': 'Board' });
    expect(notACode.success).toBe(false);
    expect(JSON.stringify(notACode.error?.issues)).toContain('en-GB');
  });
});

describe('localText, the one reader of a localized text', () => {
  const name = { nb: 'Styret', en: 'The board' };

  test("the reader's language when the text has it", () => {
    expect(localText(name, 'en')).toBe('The board');
    expect(localText(name, 'nb', 'en')).toBe('Styret');
  });

  test('else the fallback language (the body’s or the file’s), else the first written', () => {
    expect(localText(name, 'da', 'en')).toBe('The board');
    expect(localText(name, 'da', 'sv')).toBe('Styret');
    expect(localText(name, 'da')).toBe('Styret');
    expect(localText(untranslated('wg-x'), 'nb')).toBe('wg-x');
    expect(localText(undefined, 'da')).toBe('');
  });

  test("defaultLanguageFirst puts the file's language first, so the first written is it", () => {
    const governance = {
      language: 'da',
      bodies: [{ name: { en: 'Steering group', da: 'Styregruppen' } }],
      standardAgenda: [{ title: { en: 'Welcome', da: 'Velkomst' } }],
    };
    defaultLanguageFirst(governance);
    expect(Object.keys(governance.bodies[0]!.name)).toEqual(['da', 'en']);
    expect(localText(governance.standardAgenda[0]!.title, 'nb')).toBe('Velkomst');
  });
});
