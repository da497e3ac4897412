import { normaliseForMatch } from '../../domain/normalise';
import type { BotFeature, CardActionSpec, CommandSpec, FileHandlerSpec } from './feature';
import { matchCommand, type CommandMatch } from './parse';

/**
 * All features' commands and card actions, indexed. Construction fails on a duplicate command name
 * or verb: two features answering the same words would make the bot's behaviour depend on order.
 */
export class FeatureRegistry {
  readonly commands: readonly CommandSpec[];
  private readonly actionsByVerb = new Map<string, CardActionSpec>();
  private readonly named: { names: string[]; value: CommandSpec }[];
  /** Who takes the files sent in personal chat, if any feature does. */
  readonly fileHandler?: FileHandlerSpec;

  constructor(readonly features: readonly BotFeature[]) {
    const seenNames = new Map<string, string>();
    this.commands = features.flatMap((feature) => feature.commands ?? []);
    const actions = features.flatMap((feature) => feature.cardActions ?? []);
    for (const gate of [
      ...this.commands.map((c) => ({ gate: c, name: c.id })),
      ...actions.map((a) => ({ gate: a, name: a.verb })),
    ]) {
      if (gate.gate.callerOnly && (gate.gate.allowedRoles || gate.gate.requires === 'boundGroup'))
        throw new Error(`${gate.name} checks roles or the bound group, so it cannot be callerOnly`);
    }
    for (const command of this.commands) {
      for (const name of command.names) {
        const key = normaliseForMatch(name);
        const owner = seenNames.get(key);
        if (owner) throw new Error(`command name "${name}" is used by both ${owner} and ${command.id}`);
        seenNames.set(key, command.id);
      }
    }
    for (const action of actions) {
      if (this.actionsByVerb.has(action.verb))
        throw new Error(`card action verb "${action.verb}" is registered twice`);
      this.actionsByVerb.set(action.verb, action);
    }
    this.named = this.commands.map((command) => ({ names: command.names, value: command }));
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
}
