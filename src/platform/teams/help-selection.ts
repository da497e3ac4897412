/**
 * What the help shows (issue 26.8): only the commands the caller may use here (their roles, and
 * whether this is a bound group's channel, an unbound channel or a personal chat), grouped by the
 * feature that owns them, with the three most likely next steps first; and for a command the bot
 * does not know, the closest ones it does. Pure: the bot passes the caller's roles and place.
 */
import { distance } from 'fastest-levenshtein';
import type { ActorRole } from '../../domain/roles';
import { normaliseForMatch } from '../../domain/normalise';
import { commandNames } from '../i18n';
import type { BotFeature, CommandSpec, FeatureContext, HelpPlace } from './feature';

export interface HelpAudience {
  roles: readonly ActorRole[];
  place: HelpPlace;
}

export interface HelpSection {
  featureId: string;
  commands: CommandSpec[];
}

export interface HelpSelection {
  nextSteps: CommandSpec[];
  sections: HelpSection[];
  /** Commands that exist but are not for this caller or this conversation. */
  hiddenCount: number;
}

/** A group's channel, a channel bound to none, or a chat (personal or group chat: no group there). */
export function helpPlaceOf(ctx: Pick<FeatureContext, 'conversation' | 'boundGroup'>): HelpPlace {
  if (ctx.boundGroup) return 'bound';
  return ctx.conversation.kind === 'channel' ? 'unbound' : 'personal';
}

const NEXT_STEPS = 3;
const SUGGESTIONS = 3;

/** The caller may use the command here: a role it asks for, and the conversation it needs. */
export function usableHere(command: CommandSpec, audience: HelpAudience): boolean {
  if (command.allowedRoles && !command.allowedRoles.some((role) => audience.roles.includes(role)))
    return false;
  if (command.requires === 'boundGroup') return audience.place === 'bound';
  if (command.requires === 'channel') return audience.place !== 'personal';
  return true;
}

export function selectHelp(features: readonly BotFeature[], audience: HelpAudience): HelpSelection {
  const all = features.flatMap((feature) => feature.commands ?? []);
  const usable = all.filter((command) => usableHere(command, audience));
  const nextSteps = usable
    .filter((command) => command.helpRank?.[audience.place] !== undefined)
    .sort((a, b) => a.helpRank![audience.place]! - b.helpRank![audience.place]!)
    .slice(0, NEXT_STEPS);
  const sections = features
    .map((feature) => ({
      featureId: feature.id,
      commands: (feature.commands ?? []).filter(
        (command) => usableHere(command, audience) && !nextSteps.includes(command),
      ),
    }))
    .filter((section) => section.commands.length > 0);
  return { nextSteps, sections, hiddenCount: all.length - usable.length };
}

const words = (text: string) =>
  normaliseForMatch(text)
    .split(' ')
    .map((word) => word.replace(/[?!.:,;]+$/, ''))
    .filter((word) => word.length > 0);

/** Edits a typo may have: one in a short word, two from five letters, three from nine. */
const allowedEdits = (length: number) => (length < 5 ? 1 : length < 9 ? 2 : 3);

/** Two words are alike when one is a typo of the other (long enough to tell). */
function alike(typed: string, known: string): boolean {
  if (typed.length < 4 || known.length < 4) return typed === known;
  return distance(typed, known) <= allowedEdits(Math.min(typed.length, known.length)) - 1;
}

/** How close a typed text is to one name: words in common first, then the edit distance of its start. */
function closeness(typed: string[], name: string): { shared: number; edits: number } | undefined {
  const nameWords = words(name);
  // "?" is a name of the help, but no word to compare with.
  if (nameWords.join(' ').length < 3) return undefined;
  const shared = nameWords.filter((known) => typed.some((word) => alike(word, known))).length;
  const start = typed.slice(0, nameWords.length).join(' ');
  return { shared, edits: distance(start, nameWords.join(' ')) };
}

/**
 * The commands closest to what was typed ("hvornår er næste møde?" → "næste møde", "møder"), only
 * among those the caller may use here, at most three; none when nothing is alike. Every
 * language's names count: a Danish user may have typed an English name half right.
 */
export function closestCommands(
  typedText: string,
  commands: readonly CommandSpec[],
  namesOf: (commandId: string) => string[] = commandNames,
): CommandSpec[] {
  const typed = words(typedText);
  if (typed.length === 0) return [];
  const scored = commands.flatMap((command) => {
    const best = namesOf(command.id)
      .flatMap((name) => closeness(typed, name) ?? [])
      .sort((a, b) => b.shared - a.shared || a.edits - b.edits)[0];
    if (!best) return [];
    const typoOfName = best.edits <= allowedEdits(typed.join(' ').length);
    return best.shared > 0 || typoOfName ? [{ command, ...best }] : [];
  });
  return scored
    .sort((a, b) => b.shared - a.shared || a.edits - b.edits)
    .slice(0, SUGGESTIONS)
    .map((entry) => entry.command);
}
