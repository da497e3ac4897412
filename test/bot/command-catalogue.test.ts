/**
 * The commands' names and usage lines live in the catalogues (issue 23): every command the bot
 * registers has them in every registered catalogue (src/platform/i18n/registry.ts: a language added
 * there is checked here with no edit), and no name calls two commands, within a language or across
 * languages (the bot answers to every language's names everywhere).
 */
import { allFeatures } from '../../src/app/features';
import { normaliseForMatch } from '../../src/domain/normalise';
import type { CommandText } from '../../src/platform/i18n/da';
import {
  catalogueOf,
  commandNames,
  commandText,
  registeredLanguages,
  translatorFor,
} from '../../src/platform/i18n';
import { helpCard } from '../../src/platform/cards/core-cards';
import { selectHelp } from '../../src/platform/teams/help-selection';

/** Every registered catalogue, by its language. */
const catalogues = Object.fromEntries(
  registeredLanguages.map((language) => [language, catalogueOf(language)]),
);
const commandIds = allFeatures().flatMap((feature) => (feature.commands ?? []).map((command) => command.id));
const namesIn = (text: CommandText) => text.names.split('|').map((name) => name.trim());

/** The normalised names that call more than one command, with the commands they call. */
function clashes(entries: ReadonlyArray<[id: string, names: string[]]>): Record<string, string[]> {
  const owners = new Map<string, Set<string>>();
  for (const [id, names] of entries)
    for (const name of names)
      owners.set(normaliseForMatch(name), (owners.get(normaliseForMatch(name)) ?? new Set()).add(id));
  return Object.fromEntries(
    [...owners].filter(([, ids]) => ids.size > 1).map(([name, ids]) => [name, [...ids]]),
  );
}

describe.each(Object.entries(catalogues))('the %s catalogue', (_, catalogue) => {
  const commands = catalogue.commands as Record<string, CommandText | undefined>;

  test('names every registered command and gives its usage', () => {
    expect(commandIds.length).toBeGreaterThan(40);
    const missing = commandIds.filter((id) => {
      const text = commands[id];
      return !text || namesIn(text).some((name) => name === '') || text.usage.trim() === '';
    });
    expect(missing).toEqual([]);
  });

  test('gives no two commands the same name', () => {
    const entries = Object.entries(commands).map(([id, text]): [string, string[]] => [id, namesIn(text!)]);
    expect(clashes(entries)).toEqual({});
  });

  test("the usage line starts with one of the command's names (the help card shows what to type)", () => {
    const wrong = Object.entries(commands).filter(
      ([, text]) =>
        !namesIn(text!).some((name) => normaliseForMatch(text!.usage).startsWith(normaliseForMatch(name))),
    );
    expect(wrong.map(([id]) => id)).toEqual([]);
  });
});

test('no name calls two commands across the registered languages either', () => {
  const entries = Object.values(catalogues).flatMap((catalogue) =>
    Object.entries(catalogue.commands as Record<string, CommandText>).map(
      ([id, text]): [string, string[]] => [id, namesIn(text)],
    ),
  );
  expect(clashes(entries)).toEqual({});
});

test('the check itself finds a clash', () => {
  expect(
    clashes([
      ['a', ['Hjælp']],
      ['b', ['hjaelp']],
      ['c', ['status']],
      ['c', ['Status']],
    ]),
  ).toEqual({
    hjaelp: ['a', 'b'],
  });
});

test('commandText splits the names; commandNames gathers every registered language', () => {
  expect(commandText('da', 'help')).toEqual({ names: ['hjælp', '?'], usage: 'hjælp' });
  expect(commandText('da', 'no-such-command')).toBeUndefined();
  expect(commandNames('bind')).toEqual(['tilknyt', 'bind', 'koble til']);
  // One name in two languages is listed once.
  expect(commandNames('status')).toEqual(['status', 'næste møde', 'next meeting', 'neste møte']);
});

describe.each([
  ['da', 'tilknyt [gruppe]', 'bind [group]'],
  ['en', 'bind [group]', 'tilknyt [gruppe]'],
  ['nb', 'koble til [gruppe]', 'tilknyt [gruppe]'],
] as const)('the help card in %s', (locale, shown, notShown) => {
  test("shows the reader's language's usage line, not another's", () => {
    const selection = selectHelp(allFeatures(), { roles: ['administer'], place: 'unbound' });
    const card = JSON.stringify(helpCard(translatorFor(locale), locale, { selection }));
    expect(card).toContain(shown);
    expect(card).not.toContain(notShown);
  });
});
