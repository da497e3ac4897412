/**
 * Placeholders that Teams shows (issue 25.11): Teams reads `<gruppe>` in a card or message as an
 * HTML tag and drops it, so the welcome card said `"@FKI tilknyt " i kanalen`. Placeholders in the
 * catalogues are written in square brackets (`tilknyt [gruppe]`); this fails on any text in angle
 * brackets in any registered catalogue.
 */
import { welcomeCard } from '../../src/platform/cards/core-cards';
import { catalogueOf, commandText, registeredLanguages, translatorFor } from '../../src/platform/i18n';
import { allFeatures } from '../../src/app/features';

/** Every text of a catalogue with its key ("section.key"). */
function texts(catalogue: object, prefix = ''): Array<[string, string]> {
  return Object.entries(catalogue).flatMap(([key, value]): Array<[string, string]> =>
    typeof value === 'string' ? [[`${prefix}${key}`, value]] : texts(value as object, `${prefix}${key}.`),
  );
}

/** Anything Teams could take for a tag: "<" followed by a letter, "/" or "!" up to a ">". */
const ANGLE_PLACEHOLDER = /<[\p{L}/!][^<>]*>/u;

describe.each(registeredLanguages.map((language) => [language, catalogueOf(language)] as const))(
  'the %s catalogue',
  (_locale, catalogue) => {
    it('has no text with an angle-bracket placeholder', () => {
      const all = texts(catalogue);
      expect(all.length).toBeGreaterThan(500);
      expect(all.filter(([, text]) => ANGLE_PLACEHOLDER.test(text))).toEqual([]);
    });
  },
);

it('no command usage on the help card has an angle-bracket placeholder (issue 26.9)', () => {
  const usages = allFeatures().flatMap((feature) =>
    (feature.commands ?? []).flatMap((command) =>
      registeredLanguages.map((locale) => `${command.id}: ${commandText(locale, command.id)?.usage ?? ''}`),
    ),
  );
  expect(usages.length).toBeGreaterThan(20);
  expect(usages.filter((usage) => ANGLE_PLACEHOLDER.test(usage))).toEqual([]);
});

describe('the check itself', () => {
  it('finds the placeholders it is for, and leaves square brackets and comparisons alone', () => {
    expect(ANGLE_PLACEHOLDER.test('tilknyt <gruppe>')).toBe(true);
    expect(ANGLE_PLACEHOLDER.test('forlæng <ÅÅÅÅ-MM-DD>')).toBe(true);
    expect(ANGLE_PLACEHOLDER.test('<b>fed</b>')).toBe(true);
    expect(ANGLE_PLACEHOLDER.test('tilknyt [gruppe]')).toBe(false);
    expect(ANGLE_PLACEHOLDER.test('{a} < {b} og {c} > {d}')).toBe(false);
  });
});

it('the welcome card shows the placeholder of the bind command', () => {
  const textsOf = (locale: 'da' | 'en') =>
    (welcomeCard(translatorFor(locale)).body as Array<{ text: string }>).map((block) => block.text);
  expect(textsOf('da')).toContain(
    'Sekretariatet tilknytter en kanal til en gruppe ved at skrive "@FKI tilknyt [gruppe]" i kanalen.',
  );
  expect(textsOf('en')).toContain(
    'The secretariat binds a channel to a group by writing "@FKI bind [group]" in the channel.',
  );
});
