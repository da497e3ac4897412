import { normaliseForMatch } from '../../domain/normalise';

/**
 * Removes @mentions (`<at>FKI</at>`), the HTML Teams wraps channel messages in, and entities, so
 * "<at>FKI</at>&nbsp;hjælp" becomes "hjælp". The bot core calls TurnContext.removeRecipientMention
 * first; this also catches mentions of other users and leftovers.
 */
export function stripMentions(text: string | undefined): string {
  return (text ?? '')
    .replace(/<at>[\s\S]*?<\/at>/gi, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&nbsp;/gi, ' ')
    .replace(/&amp;/gi, '&')
    .replace(/&lt;/gi, '<')
    .replace(/&gt;/gi, '>')
    .replace(/&quot;/gi, '"')
    .replace(/[\s\u00a0]+/g, ' ')
    .trim();
}

export interface NamedCommand<T> {
  names: readonly string[];
  value: T;
}

export type CommandMatch<T> =
  | { kind: 'matched'; value: T; name: string; args: string }
  | { kind: 'unknown'; word: string }
  | { kind: 'empty' };

/**
 * Matches the text against command names. The longest matching name wins ("fjern tilknytning"
 * beats a hypothetical "fjern"); names are compared word by word after normalisation, and the
 * remaining words are the arguments, kept as typed (a group name keeps its accents).
 */
export function matchCommand<T>(text: string, commands: readonly NamedCommand<T>[]): CommandMatch<T> {
  const typed = stripMentions(text);
  if (typed === '') return { kind: 'empty' };
  const typedWords = typed.split(' ');
  const normalisedWords = typedWords.map((word) => normaliseForMatch(word).replace(/[?!.:,;]+$/, ''));
  let best: { value: T; name: string; length: number } | undefined;
  for (const command of commands) {
    for (const name of command.names) {
      const nameWords = normaliseForMatch(name).split(' ');
      const matches = nameWords.every((word, index) => normalisedWords[index] === word);
      if (matches && (!best || nameWords.length > best.length)) {
        best = { value: command.value, name: nameWords.join(' '), length: nameWords.length };
      }
    }
  }
  if (!best) return { kind: 'unknown', word: typedWords[0] ?? typed };
  return {
    kind: 'matched',
    value: best.value,
    name: best.name,
    args: typedWords.slice(best.length).join(' '),
  };
}
