import { matchCommand, stripMentions } from '../../src/platform/teams/parse';
import { catalogueNaming, FeatureRegistry, type CommandNaming } from '../../src/platform/teams/registry';
import { allFeatures } from '../../src/app/features';
import type { BotFeature } from '../../src/platform/teams/feature';

const commands = [
  { names: ['hjælp', 'help'], value: 'help' },
  { names: ['tilknyt', 'bind'], value: 'bind' },
  { names: ['fjern tilknytning', 'unbind'], value: 'unbind' },
  { names: ['fjern'], value: 'remove' },
  { names: ['næste møde', 'next meeting', 'status'], value: 'status' },
];

describe('stripMentions', () => {
  test('removes the bot mention and Teams HTML', () => {
    expect(stripMentions('<at>FKI Bot</at>&nbsp;hjælp')).toBe('hjælp');
    expect(stripMentions('<p><at>FKI</at> tilknyt <b>steering</b></p>\n')).toBe('tilknyt steering');
    expect(stripMentions(undefined)).toBe('');
  });
});

describe('matchCommand', () => {
  test.each(['hjælp', 'hjaelp', 'HJÆLP', 'Hjælp!', 'help', 'HELP', '<at>FKI</at> hjælp'])(
    '"%s" is help',
    (text) => {
      expect(matchCommand(text, commands)).toMatchObject({ kind: 'matched', value: 'help' });
    },
  );

  test('multi-word names, accent-free spelling, and English aliases', () => {
    expect(matchCommand('naeste mode', commands)).toMatchObject({ kind: 'unknown' }); // "mode" is not "møde"
    expect(matchCommand('NÆSTE MØDE', commands)).toMatchObject({
      kind: 'matched',
      value: 'status',
      args: '',
    });
    expect(matchCommand('naeste moede', commands)).toMatchObject({ kind: 'matched', value: 'status' });
    expect(matchCommand('next meeting', commands)).toMatchObject({ kind: 'matched', value: 'status' });
  });

  test('the longest name wins and the rest are the arguments, as typed', () => {
    expect(matchCommand('fjern tilknytning', commands)).toMatchObject({ value: 'unbind', args: '' });
    expect(matchCommand('fjern noget', commands)).toMatchObject({ value: 'remove', args: 'noget' });
    expect(matchCommand('tilknyt Referencegruppe Forretning', commands)).toMatchObject({
      value: 'bind',
      args: 'Referencegruppe Forretning',
    });
    expect(matchCommand('bind  Kommunestyregruppen ', commands)).toMatchObject({
      value: 'bind',
      args: 'Kommunestyregruppen',
    });
  });

  test('unknown and empty input are reported, never matched by accident', () => {
    expect(matchCommand('tilknytning', commands)).toEqual({ kind: 'unknown', word: 'tilknytning' });
    expect(matchCommand('<at>FKI</at>', commands)).toEqual({ kind: 'empty' });
  });
});

describe('FeatureRegistry', () => {
  test('the shipped features have unique names and every command has a help text key', () => {
    const registry = new FeatureRegistry(allFeatures());
    expect(registry.commands.map((c) => c.id)).toEqual(
      expect.arrayContaining(['help', 'bind', 'unbind', 'status']),
    );
    expect(registry.match('TILKNYT steering')).toMatchObject({ kind: 'matched', args: 'steering' });
  });

  test('a command name used twice (even spelled differently) is refused at start', () => {
    const clash: BotFeature = {
      id: 'clash',
      commands: [{ id: 'other-help', helpKey: 'help.command_help', handle: async () => {} }],
    };
    expect(() => new FeatureRegistry([...allFeatures(), clash], withCommand('other-help', 'HJAELP'))).toThrow(
      /hjaelp|HJAELP/i,
    );
    // The same name in two languages of one command is no clash: "status" is Danish and English.
    expect(catalogueNaming.text('da', 'status')?.names).toContain('status');
    expect(catalogueNaming.text('en', 'status')?.names).toContain('status');
    expect(
      () => new FeatureRegistry([...allFeatures(), clash], withCommand('other-help', 'andet')),
    ).not.toThrow();
  });

  test('a command that some catalogue has no names for is refused at start', () => {
    const orphan: BotFeature = {
      id: 'orphan',
      commands: [{ id: 'no-such-command', helpKey: 'help.command_help', handle: async () => {} }],
    };
    expect(() => new FeatureRegistry([orphan])).toThrow(/no-such-command.*da/);
    const onlyDanish: CommandNaming = {
      ...withCommand('no-such-command', 'forældreløs'),
      text: (locale, id) =>
        id === 'no-such-command' && locale === 'en'
          ? undefined
          : withCommand(id, 'forældreløs').text(locale, id),
    };
    expect(() => new FeatureRegistry([orphan], onlyDanish)).toThrow(/no-such-command.*en/);
  });

  test('one command id registered twice is refused (its names would call two commands)', () => {
    const twice: BotFeature = {
      id: 'twice',
      commands: [{ id: 'help', helpKey: 'help.command_help', handle: async () => {} }],
    };
    expect(() => new FeatureRegistry([...allFeatures(), twice])).toThrow(/help is registered twice/);
  });

  test("every language's names call the command, in any conversation", () => {
    const registry = new FeatureRegistry(allFeatures());
    expect(registry.match('bind steering')).toMatchObject({ kind: 'matched', args: 'steering' });
    expect(registry.match('tilknyt steering')).toMatchObject({ kind: 'matched', args: 'steering' });
    const matched = registry.match('next meeting');
    expect(matched).toMatchObject({ kind: 'matched', name: 'next meeting' });
    if (matched.kind === 'matched')
      expect(registry.typedName(matched.value, matched.name)).toBe('next meeting');
  });

  test('a card action verb registered twice is refused', () => {
    const action = { verb: 'x.y', handle: async () => ({ kind: 'message' as const, text: '' }) };
    expect(
      () =>
        new FeatureRegistry([
          { id: 'a', cardActions: [action] },
          { id: 'b', cardActions: [action] },
        ]),
    ).toThrow(/x\.y/);
  });

  test('a callerOnly gate cannot check roles or require the bound group', () => {
    const handle = async () => ({ kind: 'message' as const, text: '' });
    expect(
      () =>
        new FeatureRegistry([
          { id: 'a', cardActions: [{ verb: 'x.z', allowedRoles: ['chair'], callerOnly: true, handle }] },
        ]),
    ).toThrow(/x\.z.*callerOnly/);
    expect(
      () =>
        new FeatureRegistry([
          { id: 'a', cardActions: [{ verb: 'x.z', requires: 'boundGroup', callerOnly: true, handle }] },
        ]),
    ).toThrow(/x\.z.*callerOnly/);
    expect(
      () => new FeatureRegistry([{ id: 'a', cardActions: [{ verb: 'x.z', callerOnly: true, handle }] }]),
    ).not.toThrow();
  });
});

/** The catalogues' names, and one more command with one name in every language. */
function withCommand(id: string, name: string): CommandNaming {
  return {
    ...catalogueNaming,
    text: (locale, commandId) =>
      commandId === id ? { names: [name], usage: name } : catalogueNaming.text(locale, commandId),
    names: (commandId) => (commandId === id ? [name] : catalogueNaming.names(commandId)),
  };
}
