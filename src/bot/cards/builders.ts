/**
 * Typed builders for Adaptive Cards (schema 1.5, what Teams renders). Every card the bot sends is
 * built here or from these pieces, and every builder is checked by validateCard in the tests.
 */
export const CARD_SCHEMA_VERSION = '1.5';

export interface TextBlock {
  type: 'TextBlock';
  text: string;
  wrap?: boolean;
  weight?: 'Default' | 'Lighter' | 'Bolder';
  size?: 'Small' | 'Default' | 'Medium' | 'Large' | 'ExtraLarge';
  color?: 'Default' | 'Dark' | 'Light' | 'Accent' | 'Good' | 'Warning' | 'Attention';
  isSubtle?: boolean;
  spacing?: 'None' | 'Small' | 'Default' | 'Medium' | 'Large';
  id?: string;
}

export interface Fact {
  title: string;
  value: string;
}

export interface FactSet {
  type: 'FactSet';
  facts: Fact[];
}

export interface Container {
  type: 'Container';
  items: CardElement[];
  style?: 'default' | 'emphasis' | 'good' | 'attention' | 'warning' | 'accent';
  id?: string;
  bleed?: boolean;
}

export interface InputText {
  type: 'Input.Text';
  id: string;
  label?: string;
  value?: string;
  placeholder?: string;
  isMultiline?: boolean;
  isRequired?: boolean;
  errorMessage?: string;
  maxLength?: number;
}

export interface ActionExecute {
  type: 'Action.Execute';
  title: string;
  verb: string;
  data?: Record<string, unknown>;
  style?: 'default' | 'positive' | 'destructive';
  associatedInputs?: 'auto' | 'none';
}

export interface ActionOpenUrl {
  type: 'Action.OpenUrl';
  title: string;
  url: string;
}

export type CardAction = ActionExecute | ActionOpenUrl;

export interface ActionSet {
  type: 'ActionSet';
  actions: CardAction[];
}

export type CardElement = TextBlock | FactSet | Container | InputText | ActionSet;

export interface AdaptiveCard {
  type: 'AdaptiveCard';
  $schema: string;
  version: typeof CARD_SCHEMA_VERSION;
  body: CardElement[];
  actions?: CardAction[];
  /** Universal Actions: who sees an auto-refreshed card, and the verb that refreshes it. */
  refresh?: { action: ActionExecute; userIds?: string[] };
  msteams?: { width?: 'Full' };
}

export function adaptiveCard(body: CardElement[], actions: CardAction[] = []): AdaptiveCard {
  const card: AdaptiveCard = {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: CARD_SCHEMA_VERSION,
    body,
  };
  if (actions.length > 0) card.actions = actions;
  return card;
}

export function title(text: string): TextBlock {
  return { type: 'TextBlock', text, weight: 'Bolder', size: 'Medium', wrap: true };
}

export function paragraph(text: string, options: Partial<Omit<TextBlock, 'type' | 'text'>> = {}): TextBlock {
  return { type: 'TextBlock', text, wrap: true, ...options };
}

/** A fact set; facts with an empty value are dropped (Teams renders them as dangling titles). */
export function factSet(facts: Fact[]): FactSet {
  return { type: 'FactSet', facts: facts.filter((fact) => fact.value.trim() !== '') };
}

/** A red banner with the reasons an input was refused; shown above the form, which keeps the user's input. */
export function errorBanner(messages: string[]): Container {
  return {
    type: 'Container',
    style: 'attention',
    items: messages.map((message) => paragraph(message, { color: 'Attention', weight: 'Bolder' })),
  };
}

/**
 * A text input that keeps what the user typed and shows the field's validation reason under it
 * (when the card comes back from a refused Action.Execute).
 */
export function textInput(input: {
  id: string;
  label: string;
  value?: string;
  placeholder?: string;
  multiline?: boolean;
  required?: boolean;
  maxLength?: number;
  /** Validation reason for this field, shown under it. */
  error?: string;
}): CardElement[] {
  const element: InputText = { type: 'Input.Text', id: input.id, label: input.label };
  if (input.value !== undefined) element.value = input.value;
  if (input.placeholder !== undefined) element.placeholder = input.placeholder;
  if (input.multiline) element.isMultiline = true;
  if (input.required) element.isRequired = true;
  if (input.maxLength !== undefined) element.maxLength = input.maxLength;
  if (input.required && input.error) element.errorMessage = input.error;
  const elements: CardElement[] = [element];
  if (input.error)
    elements.push(paragraph(input.error, { color: 'Attention', size: 'Small', spacing: 'None' }));
  return elements;
}

export function executeAction(
  titleText: string,
  verb: string,
  data: Record<string, unknown> = {},
  style?: ActionExecute['style'],
): ActionExecute {
  const action: ActionExecute = { type: 'Action.Execute', title: titleText, verb, data: { verb, ...data } };
  if (style) action.style = style;
  return action;
}

/** A one-paragraph card, e.g. the answer to a card action or a refusal. */
export function noticeCard(text: string, heading?: string): AdaptiveCard {
  return adaptiveCard(heading ? [title(heading), paragraph(text)] : [paragraph(text)]);
}
