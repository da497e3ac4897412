/** Texts in the governance file are language → text; a language left out falls back (issue 23). */
import { localizedTextSchema } from '../../src/domain/governance';
import { LANGUAGES } from '../../src/domain/model';

describe('a localized text in the governance file', () => {
  test('with every language, each keeps its own', () => {
    expect(localizedTextSchema.parse({ da: 'Styregruppen', en: 'The steering group' })).toEqual({
      da: 'Styregruppen',
      en: 'The steering group',
    });
  });

  test('a language left out shows the first language written, in the registry order', () => {
    const onlyEnglish = localizedTextSchema.parse({ en: 'Board' });
    expect(Object.keys(onlyEnglish).sort()).toEqual([...LANGUAGES].sort());
    for (const code of LANGUAGES) expect(onlyEnglish[code]).toBe('Board');
    expect(localizedTextSchema.parse({ da: 'Styret' }).en).toBe('Styret');
  });

  test('no language at all, an empty text or a language without a catalogue is refused', () => {
    expect(localizedTextSchema.safeParse({}).success).toBe(false);
    expect(localizedTextSchema.safeParse({ da: '  ' }).success).toBe(false);
    const unknown = localizedTextSchema.safeParse({ da: 'Styret', xx: 'Board' });
    expect(unknown.success).toBe(false);
    expect(JSON.stringify(unknown.error?.issues)).toContain('xx');
  });
});
