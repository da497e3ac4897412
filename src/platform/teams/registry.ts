import type { Locale } from '../../domain/model';
import { normaliseForMatch } from '../../domain/normalise';
import { commandNames, commandText, registeredLanguages } from '../i18n';
import type { BotFeature, CardActionSpec, CommandSpec, FileHandlerSpec } from './feature';
import { matchCommand, type CommandMatch } from './parse';

/** Where the commands' names come from: the catalogues (issue 23); a test's probe brings its own. */
export interface CommandNaming {
  languages: readonly Locale[];
  text(locale: Locale, commandId: string): { names: string[]; usage: string } | undefined;
  /** Every language's names of the command. */
  names(commandId: string): string[];
}

export const catalogueNaming: CommandNaming = {
  languages: registeredLanguages,
  text: commandText,
  names: commandNames,
};

/**
 * All features' commands and card actions, indexed. Construction fails on a duplicate command name
 * or verb: two features answering the same words would make the bot's behaviour depend on order;
 * and on a command some catalogue has no names for (a language whose users could not call it).
 */
export class FeatureRegistry {
  readonly commands: readonly CommandSpec[];
  private readonly actionsByVerb = new Map<string, CardActionSpec>();
  private readonly named: { names: string[]; value: CommandSpec }[];
  /** Who takes the files sent in personal chat, if any feature does. */
  readonly fileHandler?: FileHandlerSpec;

  constructor(
    readonly features: readonly BotFeature[],
    readonly naming: CommandNaming = catalogueNaming,
  ) {
    this.commands = features.flatMap((feature) => feature.commands ?? []);
    const actions = features.flatMap((feature) => feature.cardActions ?? []);
    for (const gate of [
      ...this.commands.map((c) => ({ gate: c, name: c.id })),
      ...actions.map((a) => ({ gate: a, name: a.verb })),
    ]) {
      if (gate.gate.callerOnly && (gate.gate.allowedRoles || gate.gate.requires === 'boundGroup'))
        throw new Error(`${gate.name} checks roles or the bound group, so it cannot be callerOnly`);
    }
    checkCommandNames(this.commands, naming);
    for (const action of actions) {
      if (this.actionsByVerb.has(action.verb))
        throw new Error(`card action verb "${action.verb}" is registered twice`);
      this.actionsByVerb.set(action.verb, action);
    }
    this.named = this.commands.map((command) => ({ names: naming.names(command.id), value: command }));
    const fileHandlers = features.filter((feature) => feature.files);
    if (fileHandlers.length > 1)
      throw new Error(`files are taken by both ${fileHandlers[0]!.id} and ${fileHandlers[1]!.id}`);
    this.fileHandler = fileHandlers[0]?.files;
  }

  match(text: string): CommandMatch<CommandSpec> {
    return matchCommand(text, this.named);
  }

  cardAction(verb: string): CardActionSpec | undefined {
    return this.actionsByVerb.get(verb);
  }

  /** The command's name the user typed (`match.name`, normalised) as written in a catalogue. */
  typedName(command: CommandSpec, matchedName: string): string {
    return (
      this.naming.names(command.id).find((name) => normaliseForMatch(name) === matchedName) ?? command.id
    );
  }
}

/**
 * Every command has names and a usage line in every language, and no name (in any language, as
 * normalised) calls two commands: the bot answers to every language's names in every conversation.
 */
function checkCommandNames(commands: readonly CommandSpec[], naming: CommandNaming): void {
  const seenNames = new Map<string, string>();
  const seenIds = new Set<string>();
  for (const command of commands) {
    // Names are the catalogue's by id, so one id twice would be one name for two commands.
    if (seenIds.has(command.id)) throw new Error(`command ${command.id} is registered twice`);
    seenIds.add(command.id);
    for (const locale of naming.languages) {
      const text = naming.text(locale, command.id);
      if (!text || text.names.length === 0 || text.usage.trim() === '')
        throw new Error(`command ${command.id} has no names or usage in the ${locale} catalogue`);
    }
    for (const name of naming.names(command.id)) {
      const key = normaliseForMatch(name);
      const owner = seenNames.get(key);
      if (owner && owner !== command.id)
        throw new Error(`command name "${name}" is used by both ${owner} and ${command.id}`);
      seenNames.set(key, command.id);
    }
  }
}
