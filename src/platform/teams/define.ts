/**
 * Typed edges for features: a card action or command declares the zod schema of its input beside
 * its handler, and the handler receives the parsed, typed value. A card's fields arrive as whatever
 * the client sent; `cardText` reads one as the handler always has (a string as typed, a number as
 * its digits, anything else as empty), so the service still names what is missing, as before.
 */
import { z } from 'zod';
import { parseDanishDate, parseDanishTime, type DateTimeProblem } from '../../domain/danish-dates';
import { validationIssueOf } from '../../domain/validation-issue';
import { markdownText } from '../cards/text';
import { validationText, type FieldLabels } from '../cards/validation-text';
import type { MessageKey, Translate } from '../i18n';
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

/**
 * A card field holding a date as people write it (src/domain/danish-dates.ts: 10.03.2027,
 * 10/3-2027, 2027-03-10 …), parsed to YYYY-MM-DD. A bad one is an issue that names its problem
 * (fieldErrors says it), and the other fields are still checked: a form reports every bad field.
 */
export const cardDate = dateTimeField('date', parseDanishDate);

/** A card field holding a time (10, 10.00, kl. 10, kl 10:30 …), parsed to HH:mm; as cardDate. */
export const cardTime = dateTimeField('time', parseDanishTime);

/** As cardDate, but an empty field is undefined (an optional date). */
export const optionalCardDate = optionalField(cardDate);

/** As cardTime, but an empty field is undefined (e.g. "keep the meeting's time"). */
export const optionalCardTime = optionalField(cardTime);

function optionalField(field: typeof cardDate) {
  return cardText.transform((text, ctx) => {
    if (text.trim() === '') return undefined;
    const parsed = field.safeParse(text);
    if (parsed.success) return parsed.data;
    ctx.issues.push(...(parsed.error.issues as typeof ctx.issues));
    return z.NEVER;
  });
}

type DateTimeParser = (text: string) => { ok: true; value: string } | { ok: false; problem: DateTimeProblem };

function dateTimeField(kind: 'date' | 'time', parse: DateTimeParser) {
  return cardText.transform((text, ctx) => {
    const parsed = parse(text);
    if (parsed.ok) return parsed.value;
    ctx.issues.push({
      code: 'custom',
      input: text,
      message: `not a ${kind} (${parsed.problem})`,
      params: { code: 'invalid_format', format: kind, problem: parsed.problem, value: text },
    });
    return z.NEVER;
  });
}

const DATE_TIME_TEXTS: Record<DateTimeProblem | 'date-empty' | 'time-empty', MessageKey> = {
  empty: 'dates.dateEmpty',
  'date-empty': 'dates.dateEmpty',
  'time-empty': 'dates.timeEmpty',
  'date-format': 'dates.dateFormat',
  'no-such-date': 'dates.noSuchDate',
  'time-format': 'dates.timeFormat',
  'hour-range': 'dates.hourRange',
  'minute-range': 'dates.minuteRange',
  'dst-gap': 'dates.dstGap',
};

/** What is wrong with a typed date or time, in the user's language (the value shown as typed). */
export function dateTimeProblemText(
  t: Translate,
  kind: 'date' | 'time',
  problem: DateTimeProblem,
  value: string,
): string {
  const key = problem === 'empty' ? DATE_TIME_TEXTS[`${kind}-empty`] : DATE_TIME_TEXTS[problem];
  return t(key, { value: markdownText(value) });
}

/**
 * Every field's problems at once, in the user's language: field path -> its sentences. zod reports
 * each field of an object on its own, so nothing here stops at the first bad field; a card comes
 * back with each reason under its input.
 */
export function fieldErrors(
  t: Translate,
  issues: readonly z.core.$ZodIssue[],
  labels?: FieldLabels,
): Record<string, string> {
  const texts = new Map<string, string[]>();
  for (const issue of issues) {
    const field = issue.path.map(String).join('.');
    const params = (issue as { params?: { format?: string; problem?: DateTimeProblem; value?: string } })
      .params;
    const text =
      params?.problem && (params.format === 'date' || params.format === 'time')
        ? dateTimeProblemText(t, params.format, params.problem, params.value ?? '')
        : validationText(t, validationIssueOf(issue), labels);
    const list = texts.get(field) ?? [];
    if (!list.includes(text)) list.push(text);
    texts.set(field, list);
  }
  return Object.fromEntries([...texts].map(([field, list]) => [field, list.join(' ')]));
}

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
