/**
 * Typed builders for Adaptive Cards (schema 1.5, what Teams renders). Every card the bot sends is
 * built here or from these pieces, and every builder is checked by validateCard in the tests.
 */
import { clipText } from './text';

export const CARD_SCHEMA_VERSION = '1.5';

/** The longest value a form echoes into a field that has no maxLength of its own. */
export const ECHO_CEILING_CHARS = 2000;

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

export interface Choice {
  title: string;
  value: string;
}

/** Input.ChoiceSet (schema 1.0+; label, isRequired, errorMessage 1.3+). */
export interface InputChoiceSet {
  type: 'Input.ChoiceSet';
  id: string;
  label?: string;
  style?: 'compact' | 'expanded';
  choices: Choice[];
  value?: string;
  isRequired?: boolean;
  errorMessage?: string;
}

/** Input.Date: the value is YYYY-MM-DD. */
export interface InputDate {
  type: 'Input.Date';
  id: string;
  label?: string;
  value?: string;
  min?: string;
  max?: string;
  isRequired?: boolean;
  errorMessage?: string;
}

export interface InputNumber {
  type: 'Input.Number';
  id: string;
  label?: string;
  value?: number;
  min?: number;
  max?: number;
  placeholder?: string;
  isRequired?: boolean;
  errorMessage?: string;
}

/** Input.Toggle: submits valueOn / valueOff (default "true" / "false") as a string. */
export interface InputToggle {
  type: 'Input.Toggle';
  id: string;
  title: string;
  label?: string;
  value?: string;
  valueOn?: string;
  valueOff?: string;
  isRequired?: boolean;
  errorMessage?: string;
}

export type InputElement = InputText | InputChoiceSet | InputDate | InputNumber | InputToggle;

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

/** Opens a card inline under the button (no round trip): used for a confirmation step or a small form. */
export interface ActionShowCard {
  type: 'Action.ShowCard';
  title: string;
  card: Omit<AdaptiveCard, '$schema' | 'version'> & { version?: typeof CARD_SCHEMA_VERSION };
  style?: 'default' | 'positive' | 'destructive';
}

export type CardAction = ActionExecute | ActionOpenUrl | ActionShowCard;

export interface ActionSet {
  type: 'ActionSet';
  actions: CardAction[];
}

/** Table (schema 1.5): rows of cells; the first row is the header. */
export interface TableCell {
  type: 'TableCell';
  items: CardElement[];
}

export interface TableRow {
  type: 'TableRow';
  cells: TableCell[];
}

export interface Table {
  type: 'Table';
  columns: Array<{ width: number }>;
  rows: TableRow[];
  firstRowAsHeader: boolean;
  showGridLines?: boolean;
}

export type CardElement = TextBlock | FactSet | Container | InputElement | ActionSet | Table;

/** A table of texts: a header row and rows of the same length (the first column twice as wide). */
export function textTable(header: string[], rows: string[][]): Table {
  const row = (texts: string[], weight?: TextBlock['weight']): TableRow => ({
    type: 'TableRow',
    cells: texts.map((text) => ({
      type: 'TableCell',
      items: [{ type: 'TextBlock', text, wrap: true, ...(weight ? { weight } : {}) }],
    })),
  });
  return {
    type: 'Table',
    columns: header.map((_, index) => ({ width: index === 0 ? 2 : 1 })),
    rows: [row(header, 'Bolder'), ...rows.map((texts) => row(texts))],
    firstRowAsHeader: true,
  };
}

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

/** What every input builder takes besides its own fields. */
interface InputField {
  id: string;
  label: string;
  required?: boolean;
  /**
   * What the client shows when a required input is left empty; without one it shows `error`, if
   * any. Adaptive Cards wants a message on every required input.
   */
  requiredMessage?: string;
  /** Validation reason for this field (from the server), shown under it. */
  error?: string;
}

/**
 * The shared shape of every input: the element keeps the user's value, a required one carries the
 * client-side message, and the field's validation reason is shown under it (when the card comes
 * back from a refused Action.Execute).
 */
function withValidation<T extends InputElement>(element: T, field: InputField): CardElement[] {
  if (field.required) element.isRequired = true;
  const clientMessage = field.error ?? field.requiredMessage;
  if (field.required && clientMessage !== undefined) element.errorMessage = clientMessage;
  const elements: CardElement[] = [element];
  if (field.error)
    elements.push(paragraph(field.error, { color: 'Attention', size: 'Small', spacing: 'None' }));
  return elements;
}

/** A text input that keeps what the user typed and shows the field's validation reason under it. */
export function textInput(
  input: InputField & {
    value?: string;
    placeholder?: string;
    multiline?: boolean;
    maxLength?: number;
  },
): CardElement[] {
  const element: InputText = { type: 'Input.Text', id: input.id, label: input.label };
  // An echoed value never exceeds the field's limit (or a generous ceiling when the field has none):
  // a refused form must still fit in a Teams message (~28 KB), whatever was sent.
  if (input.value !== undefined) element.value = clipText(input.value, input.maxLength ?? ECHO_CEILING_CHARS);
  if (input.placeholder !== undefined) element.placeholder = input.placeholder;
  if (input.multiline) element.isMultiline = true;
  if (input.required) element.isRequired = true;
  if (input.maxLength !== undefined) element.maxLength = input.maxLength;
  return withValidation(element, input);
}

/** A choice set (a drop-down unless `style` says otherwise) that keeps the chosen value. */
export function choiceSetInput(
  input: InputField & { choices: Choice[]; value?: string; style?: InputChoiceSet['style'] },
): CardElement[] {
  const element: InputChoiceSet = {
    type: 'Input.ChoiceSet',
    id: input.id,
    label: input.label,
    style: input.style ?? 'compact',
    choices: input.choices,
  };
  if (input.value !== undefined) element.value = input.value;
  return withValidation(element, input);
}

/** A date picker (YYYY-MM-DD) that keeps the chosen date. */
export function dateInput(input: InputField & { value?: string; min?: string; max?: string }): CardElement[] {
  const element: InputDate = { type: 'Input.Date', id: input.id, label: input.label };
  if (input.value !== undefined) element.value = input.value;
  if (input.min !== undefined) element.min = input.min;
  if (input.max !== undefined) element.max = input.max;
  return withValidation(element, input);
}

/** A number input that keeps the typed number. */
export function numberInput(
  input: InputField & { value?: number; min?: number; max?: number; placeholder?: string },
): CardElement[] {
  const element: InputNumber = { type: 'Input.Number', id: input.id, label: input.label };
  if (input.value !== undefined) element.value = input.value;
  if (input.min !== undefined) element.min = input.min;
  if (input.max !== undefined) element.max = input.max;
  if (input.placeholder !== undefined) element.placeholder = input.placeholder;
  return withValidation(element, input);
}

/** A check box: `title` is the text beside it; the value is "true"/"false" unless valueOn/valueOff say otherwise. */
export function toggleInput(
  input: InputField & { title: string; value?: boolean; valueOn?: string; valueOff?: string },
): CardElement[] {
  const element: InputToggle = { type: 'Input.Toggle', id: input.id, label: input.label, title: input.title };
  if (input.valueOn !== undefined) element.valueOn = input.valueOn;
  if (input.valueOff !== undefined) element.valueOff = input.valueOff;
  if (input.value !== undefined)
    element.value = input.value ? (input.valueOn ?? 'true') : (input.valueOff ?? 'false');
  return withValidation(element, input);
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

/** A button that shows `body` and `actions` as an inline card under it. */
export function showCardAction(
  titleText: string,
  body: CardElement[],
  actions: CardAction[],
  style?: ActionShowCard['style'],
): ActionShowCard {
  const action: ActionShowCard = {
    type: 'Action.ShowCard',
    title: titleText,
    card: { type: 'AdaptiveCard', body, actions },
  };
  if (style) action.style = style;
  return action;
}

/** A one-paragraph card, e.g. the answer to a card action or a refusal. */
export function noticeCard(text: string, heading?: string): AdaptiveCard {
  return adaptiveCard(heading ? [title(heading), paragraph(text)] : [paragraph(text)]);
}
