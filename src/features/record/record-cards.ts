/**
 * The record's working cards in the group's channel: the overview of a meeting's record (every
 * agenda item with whether a decision is recorded, who records, the draft and approval buttons) and
 * the item card, one agenda item at a time so it works on a phone: the decision, optional notes,
 * the item's actions and one new action (what, owner from the body's current members, due date).
 * A refused save comes back with the user's values and the reason under each wrong field.
 */
import type { Locale } from '../../domain/model';
import type { Translate } from '../../platform/i18n';
import { formatDate, formatInstant } from '../../platform/cards/reminders';
import { clipText, markdownText } from '../../platform/cards/text';
import {
  adaptiveCard,
  choiceSetInput,
  dateInput,
  errorBanner,
  executeAction,
  paragraph,
  showCardAction,
  textInput,
  title,
  type ActionExecute,
  type AdaptiveCard,
  type CardAction,
  type CardElement,
  type Choice,
} from '../../platform/cards/builders';
import type { ItemField, ItemFieldError, ItemSubmission } from './domain/item-rules';
import { RECORD_LIMITS } from './domain/minutes';
import { actionLine, hearingLine, RECORD_VERBS } from './minutes-cards';
import { nameOf, type PersonNames } from './record-names';
import type { RecordEntry, RecordView } from './record-view';
import { localText } from '../../domain/localized-text';

export interface RecordCardCommon {
  locale: Locale;
  timeZone: string;
  groupName: string;
  view: RecordView;
  names: PersonNames;
  /** The body's current members, for the owner and minute-taker choices. */
  members: Choice[];
  notice?: string;
}

export interface OverviewInput extends RecordCardCommon {
  canEdit: boolean;
  isSecretariat: boolean;
}

/** A navigation button: it sends no inputs, so nothing typed is saved by it. */
function navigation(label: string, verb: string, data: Record<string, unknown>): ActionExecute {
  return { ...executeAction(label, verb, data), associatedInputs: 'none' };
}

function keysOf(view: RecordView) {
  return { groupId: view.minutes.groupId, meetingId: view.meeting.id };
}

function heading(t: Translate, input: RecordCardCommon): CardElement[] {
  return [
    title(t('record.overviewTitle', { group: markdownText(input.groupName) })),
    paragraph(
      t('record.meetingLine', {
        meeting: formatInstant(input.view.meeting.startsAt, input.locale, input.timeZone),
      }),
      {
        isSubtle: true,
        spacing: 'None',
      },
    ),
    ...(input.notice ? [paragraph(input.notice, { color: 'Accent', weight: 'Bolder' })] : []),
  ];
}

function overviewStatus(t: Translate, input: OverviewInput): string {
  const { minutes, entries } = input.view;
  if (minutes.status === 'recording')
    return t('record.recordingStatus', {
      recorded: entries.filter((entry) => entry.recorded).length,
      total: entries.length,
    });
  if (minutes.status === 'draft')
    return t('record.draftStatus', {
      until: minutes.draft ? formatDate(minutes.draft.commentsUntil, input.locale) : '',
    });
  return t('record.approvedStatus', { version: minutes.version });
}

/**
 * One item's correction form. Every input of a card must have its own id, so each item's fields
 * carry the item's position (`decision_3`); the button names it as `slot`.
 */
function correctionButton(t: Translate, view: RecordView, entry: RecordEntry, slot: number): CardElement {
  const recorded = entry.recorded!;
  const form = [
    ...textInput({
      id: `decision_${slot}`,
      label: t('record.fieldDecision'),
      value: recorded.decision,
      multiline: true,
      maxLength: RECORD_LIMITS.decisionMaxChars,
    }),
    ...textInput({
      id: `notes_${slot}`,
      label: t('record.fieldNotes'),
      value: recorded.notes,
      multiline: true,
      maxLength: RECORD_LIMITS.notesMaxChars,
    }),
    ...textInput({
      id: `reason_${slot}`,
      label: t('record.fieldReason'),
      maxLength: RECORD_LIMITS.reasonMaxChars,
    }),
  ];
  const data = { ...keysOf(view), itemId: entry.item.id, version: view.minutes.version, slot };
  return {
    type: 'ActionSet',
    actions: [
      showCardAction(t('record.correctButton', { number: entry.item.number }), form, [
        executeAction(t('record.correctSend'), RECORD_VERBS.correct, data),
      ]),
    ],
  };
}

function overviewItems(t: Translate, input: OverviewInput): CardElement[] {
  const { view, locale } = input;
  const correcting = input.isSecretariat && view.minutes.status === 'approved';
  return view.entries.flatMap((entry, slot) => {
    const mark = entry.recorded ? '✔' : '○';
    const line = `${mark} **${entry.item.number}. ${markdownText(localText(entry.item.title, locale))}**`;
    const elements: CardElement[] = [paragraph(line, { spacing: 'Small' })];
    if (entry.recorded)
      elements.push(
        paragraph(markdownText(clipText(entry.recorded.decision, 160)), { isSubtle: true, spacing: 'None' }),
      );
    for (const action of entry.actions)
      elements.push(
        paragraph(`• ${actionLine(t, locale, action, input.names)}`, { size: 'Small', spacing: 'None' }),
      );
    if (correcting && entry.recorded) elements.push(correctionButton(t, view, entry, slot));
    return elements;
  });
}

function overviewActions(t: Translate, input: OverviewInput): CardAction[] {
  const { view } = input;
  const keys = keysOf(view);
  const open = view.minutes.status !== 'approved';
  const actions: CardAction[] = [];
  if (open && input.canEdit && view.entries.length > 0) {
    const first = view.entries.find((entry) => !entry.recorded) ?? view.entries[0]!;
    actions.push(navigation(t('record.recordButton'), RECORD_VERBS.item, { ...keys, itemId: first.item.id }));
    if (view.minutes.items.length > 0)
      actions.push(
        executeAction(
          view.minutes.draft ? t('record.redraftButton') : t('record.draftButton'),
          RECORD_VERBS.draft,
          keys,
        ),
      );
  }
  if (open && input.isSecretariat && input.members.length > 0)
    actions.push(
      showCardAction(
        t('record.minuteTakerButton'),
        choiceSetInput({
          id: 'minuteTakerId',
          label: t('record.fieldMinuteTaker'),
          choices: input.members,
          value: view.minutes.minuteTakerId,
        }),
        [executeAction(t('record.minuteTakerSend'), RECORD_VERBS.minuteTaker, keys)],
      ),
    );
  if (view.minutes.status === 'draft' && input.isSecretariat)
    actions.push(
      executeAction(
        t('record.approveButton'),
        RECORD_VERBS.approve,
        { ...keys, from: 'overview' },
        'positive',
      ),
    );
  return actions;
}

/** The overview of a meeting's record. */
export function recordOverviewCard(t: Translate, input: OverviewInput): AdaptiveCard {
  const { view, locale, timeZone } = input;
  const taker = view.minutes.minuteTakerId
    ? t('record.minuteTaker', { name: markdownText(nameOf(input.names, view.minutes.minuteTakerId)) })
    : t('record.noMinuteTaker');
  const body: CardElement[] = [
    ...heading(t, input),
    paragraph(overviewStatus(t, input)),
    paragraph(taker, { isSubtle: true, spacing: 'None' }),
    ...overviewItems(t, input),
  ];
  if (view.entries.length === 0) body.push(paragraph(t('record.noItems')));
  if (view.hearings.length > 0) {
    body.push(paragraph(`**${t('record.hearingsHeading')}**`, { spacing: 'Medium' }));
    for (const hearing of view.hearings) body.push(paragraph(hearingLine(t, locale, timeZone, hearing)));
  }
  return adaptiveCard(body, overviewActions(t, input));
}

export interface ItemCardInput extends RecordCardCommon {
  itemId: string;
  /** Today's Copenhagen date (the earliest due date). */
  today: string;
  values?: ItemSubmission;
  errors?: ItemFieldError[];
  /** Someone saved the item meanwhile: the form shows their text, this is what the user had typed. */
  conflict?: ItemSubmission;
}

function itemErrorText(t: Translate, error: ItemFieldError): string {
  return t(`record.err_${error.code}`, error.params);
}

function conflictElements(t: Translate, input: ItemCardInput): CardElement[] {
  if (!input.conflict) return [];
  const yours = [input.conflict.decision, input.conflict.notes].filter((text) => text && text.trim() !== '');
  return [
    errorBanner([t('record.conflict')]),
    ...(yours.length > 0
      ? [
          paragraph(t('record.conflictYours', { text: markdownText(clipText(yours.join('\n\n'), 2000)) }), {
            isSubtle: true,
          }),
        ]
      : []),
  ];
}

function itemFields(t: Translate, input: ItemCardInput, entry: RecordEntry): CardElement[] {
  const values = input.values ?? {};
  const errorOf = (field: ItemField) => {
    const error = input.errors?.find((candidate) => candidate.field === field);
    return error ? itemErrorText(t, error) : undefined;
  };
  return [
    ...textInput({
      id: 'decision',
      label: t('record.fieldDecision'),
      value: values.decision ?? entry.recorded?.decision,
      placeholder: entry.item.kind === 'orientation' ? t('record.orientationPlaceholder') : undefined,
      multiline: true,
      maxLength: RECORD_LIMITS.decisionMaxChars,
      error: errorOf('decision'),
    }),
    ...textInput({
      id: 'notes',
      label: t('record.fieldNotes'),
      value: values.notes ?? entry.recorded?.notes,
      multiline: true,
      maxLength: RECORD_LIMITS.notesMaxChars,
      error: errorOf('notes'),
    }),
    ...entry.actions.map((action) =>
      paragraph(`• ${actionLine(t, input.locale, action, input.names)}`, { size: 'Small', spacing: 'None' }),
    ),
    paragraph(`**${t('record.newAction')}**`, { spacing: 'Medium' }),
    ...textInput({
      id: 'actionWhat',
      label: t('record.fieldActionWhat'),
      value: values.actionWhat,
      maxLength: RECORD_LIMITS.actionWhatMaxChars,
      error: errorOf('actionWhat'),
    }),
    ...choiceSetInput({
      id: 'actionOwner',
      label: t('record.fieldActionOwner'),
      choices: input.members,
      value: values.actionOwner,
      error: errorOf('actionOwner'),
    }),
    ...dateInput({
      id: 'actionDue',
      label: t('record.fieldActionDue'),
      value: values.actionDue,
      min: input.today,
      error: errorOf('actionDue'),
    }),
  ];
}

function itemActions(t: Translate, input: ItemCardInput, index: number): CardAction[] {
  const { view } = input;
  const entry = view.entries[index]!;
  const keys = keysOf(view);
  const save = { ...keys, itemId: entry.item.id, revision: entry.recorded?.revision ?? 0 };
  const last = index === view.entries.length - 1;
  const actions: CardAction[] = [
    executeAction(
      last ? t('record.saveAndOverview') : t('record.saveAndNext'),
      RECORD_VERBS.saveItem,
      {
        ...save,
        then: last ? 'overview' : 'next',
      },
      'positive',
    ),
    executeAction(t('record.save'), RECORD_VERBS.saveItem, { ...save, then: 'stay' }),
  ];
  const previous = view.entries[index - 1];
  const next = view.entries[index + 1];
  if (previous)
    actions.push(navigation(t('record.previous'), RECORD_VERBS.item, { ...keys, itemId: previous.item.id }));
  if (next) actions.push(navigation(t('record.next'), RECORD_VERBS.item, { ...keys, itemId: next.item.id }));
  actions.push(navigation(t('record.toOverview'), RECORD_VERBS.overview, keys));
  return actions;
}

/** One agenda item's card (the item must be one of the view's entries). */
export function recordItemCard(t: Translate, input: ItemCardInput): AdaptiveCard {
  const { view, locale } = input;
  const index = Math.max(
    0,
    view.entries.findIndex((entry) => entry.item.id === input.itemId),
  );
  const entry = view.entries[index]!;
  const body: CardElement[] = [
    ...heading(t, input),
    title(
      t('record.itemTitle', {
        position: index + 1,
        total: view.entries.length,
        number: entry.item.number,
        title: markdownText(localText(entry.item.title, locale)),
      }),
    ),
    paragraph(t(`agenda.kind_${entry.item.kind}`), { isSubtle: true, spacing: 'None' }),
    ...(input.errors && input.errors.length > 0 ? [errorBanner([t('record.errorIntro')])] : []),
    ...conflictElements(t, input),
    ...itemFields(t, input, entry),
  ];
  return adaptiveCard(body, itemActions(t, input, index));
}
