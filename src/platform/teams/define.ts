/**
 * Typed edges for features: a card action or command declares the zod schema of its input beside
 * its handler, and the handler receives the parsed, typed value. A card's fields arrive as whatever
 * the client sent; `cardText` reads one as the handler always has (a string as typed, a number as
 * its digits, anything else as empty), so the service still names what is missing, as before.
 */
import { z } from 'zod';
import type {
  CardActionContext,
  CardActionResult,
  CardActionSpec,
  CommandContext,
  CommandSpec,
} from './feature';

/** A card field read as text: a string as typed, a number as its digits, anything else empty. */
export const cardText = z.union([z.string(), z.number().transform(String)]).catch('');

/** A card field that counts only as text: a string as typed, anything else (a number too) empty. */
export const cardString = z.string().catch('');

/** A value a card carries back (an id): whatever came, as its text; nothing as empty. */
export const cardValueText = z
  .unknown()
  .optional()
  .transform((value) => String(value ?? ''));

/** A card field that is absent when empty. */
export const optionalCardText = cardText.transform((value) => (value === '' ? undefined : value));

/** What a card action whose input does not fit its schema answers: nothing is stored. */
function invalidInput(ctx: CardActionContext, issues: z.core.$ZodIssue[]): CardActionResult {
  const fields = [...new Set(issues.map((issue) => issue.path.join('.') || '-'))].join(', ');
  return { kind: 'message', text: ctx.t('core.cardInputInvalid', { fields }) };
}

export interface TypedCardAction<Input> extends Omit<CardActionSpec, 'handle'> {
  /** The action's data (its action data merged with the card's inputs) as the handler needs it. */
  input: z.ZodType<Input>;
  /** Answers input that does not fit the schema (default: the generic "nothing was saved" text). */
  onInvalid?(
    ctx: CardActionContext,
    issues: z.core.$ZodIssue[],
  ): CardActionResult | Promise<CardActionResult>;
  handle(ctx: CardActionContext, input: Input): Promise<CardActionResult>;
}

export function cardAction<Input>(spec: TypedCardAction<Input>): CardActionSpec {
  const { input, onInvalid, handle, ...gate } = spec;
  return {
    ...gate,
    async handle(ctx) {
      const parsed = input.safeParse(ctx.data);
      if (!parsed.success) return (onInvalid ?? invalidInput)(ctx, parsed.error.issues);
      return handle(ctx, parsed.data);
    },
  };
}

export interface TypedCommand<Args> extends Omit<CommandSpec, 'handle'> {
  /** The text after the command name (mention removed, trimmed) as the handler needs it. */
  args: z.ZodType<Args, string>;
  /** Answers arguments that do not fit the schema (default: a pointer to the help card). */
  onInvalid?(ctx: CommandContext, issues: z.core.$ZodIssue[]): Promise<void>;
  handle(ctx: CommandContext, args: Args): Promise<void>;
}

/** Free text after a command name, trimmed. */
export const commandText = z.string().trim();

/** The words after a command name (runs of spaces count as one). */
export const commandWords = z.string().transform((text) => text.split(' ').filter((word) => word !== ''));

export function command<Args>(spec: TypedCommand<Args>): CommandSpec {
  const { args, onInvalid, handle, ...rest } = spec;
  return {
    ...rest,
    async handle(ctx) {
      const parsed = args.safeParse(ctx.args);
      if (parsed.success) return handle(ctx, parsed.data);
      if (onInvalid) return onInvalid(ctx, parsed.error.issues);
      return ctx.reply(ctx.t('core.commandArgsInvalid', { command: ctx.commandName }));
    },
  };
}
