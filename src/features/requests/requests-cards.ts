/**
 * Cards of the requests for input: the form (in the steering group's channel or the FKI management
 * member's chat), its receipt, the request as the reference group sees it (with the answer form;
 * the reminder is the same card under a reminder heading) and what the answer card becomes.
 */
import type { Locale } from '../../domain/model';
import type { OutboundMessage } from '../../domain/ports';
import type { MessageKey, Translate } from '../../platform/i18n';
import { formatDate, formatInstant } from '../../platform/cards/reminders';
import { markdownText } from '../../platform/cards/text';
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
  type AdaptiveCard,
  type CardElement,
} from '../../platform/cards/builders';
import { REQUEST_LIMITS, type InputRequest, type RequestMaterial } from './domain/requests';

export const REQUEST_VERBS = { submit: 'request.submit', answer: 'request.answer' } as const;

/** A field's reason as the form shows it under the field. */
export interface FormError {
  field: 'referenceGroupId' | 'topic' | 'question' | 'background' | 'dueDate' | 'material';
  key: MessageKey;
  params?: Record<string, number | string>;
}

export interface RequestFormValues {
  referenceGroupId?: string;
  topic?: string;
  question?: string;
  background?: string;
  material?: string;
  dueDate?: string;
}

export interface RequestFormInput {
  groups: Array<{ id: string; name: string }>;
  cardInstanceId: string;
  /** Tomorrow (Copenhagen): the earliest due date the picker offers. */
  earliestDueDate: string;
  values?: RequestFormValues;
  errors?: FormError[];
}

function errorOf(t: Translate, errors: readonly FormError[] | undefined, field: FormError['field']) {
  const error = errors?.find((candidate) => candidate.field === field);
  return error ? t(error.key, error.params) : undefined;
}

/** The form's fields, each with what was typed and its reason under it. */
function formFields(t: Translate, input: RequestFormInput): CardElement[] {
  const { values = {}, errors } = input;
  const L = REQUEST_LIMITS;
  const required = { required: true, requiredMessage: t('requests.err_required') };
  const text = (
    id: 'topic' | 'question' | 'background' | 'material',
    label: MessageKey,
    options: { maxLength?: number; multiline?: boolean; required?: boolean },
  ) =>
    textInput({
      id,
      label: t(label),
      value: values[id],
      ...(options.maxLength !== undefined ? { maxLength: options.maxLength } : {}),
      ...(options.multiline ? { multiline: true } : {}),
      ...(options.required ? required : {}),
      error: errorOf(t, errors, id),
    });
  return [
    ...choiceSetInput({
      id: 'referenceGroupId',
      label: t('requests.fieldGroup'),
      choices: input.groups.map((group) => ({ title: group.name, value: group.id })),
      value: values.referenceGroupId,
      ...required,
      error: errorOf(t, errors, 'referenceGroupId'),
    }),
    ...text('topic', 'requests.fieldTopic', { maxLength: L.topicMaxChars, required: true }),
    ...text('question', 'requests.fieldQuestion', {
      maxLength: L.questionMaxChars,
      multiline: true,
      required: true,
    }),
    ...text('background', 'requests.fieldBackground', { maxLength: L.backgroundMaxChars, multiline: true }),
    ...text('material', 'requests.fieldMaterial', { multiline: true }),
    ...dateInput({
      id: 'dueDate',
      label: t('requests.fieldDueDate'),
      value: values.dueDate,
      min: input.earliestDueDate,
      ...required,
      error: errorOf(t, errors, 'dueDate'),
    }),
  ];
}

export function requestFormCard(t: Translate, input: RequestFormInput): AdaptiveCard {
  const body: CardElement[] = [title(t('requests.formTitle')), paragraph(t('requests.formIntro'))];
  if (input.errors && input.errors.length > 0)
    body.push(errorBanner(input.errors.map((error) => t(error.key, error.params))));
  body.push(...formFields(t, input));
  return adaptiveCard(body, [
    executeAction(
      t('requests.submit'),
      REQUEST_VERBS.submit,
      { cardInstanceId: input.cardInstanceId },
      'positive',
    ),
  ]);
}

export function requestReceivedCard(
  t: Translate,
  input: { request: InputRequest; groupName: string; locale: Locale; posted: boolean; warningDate?: string },
): AdaptiveCard {
  const { request } = input;
  const group = markdownText(input.groupName);
  const body: CardElement[] = [
    title(t('requests.receivedTitle')),
    paragraph(
      t('requests.receivedBody', {
        group,
        topic: markdownText(request.topic),
        due: formatDate(request.dueDate, input.locale),
      }),
    ),
  ];
  if (input.warningDate)
    body.push(
      paragraph(t('requests.deadlineWarning', { agenda: formatDate(input.warningDate, input.locale) }), {
        color: 'Warning',
      }),
    );
  if (!input.posted) body.push(paragraph(t('requests.receivedNotPosted', { group }), { color: 'Attention' }));
  return adaptiveCard(body);
}

/** A validated https URL as a markdown link target: characters that would end the target are encoded. */
function linkTarget(url: string): string {
  return url.replace(/[()<>\s]/g, (c) => encodeURIComponent(c));
}

export function materialMarkdown(material: readonly RequestMaterial[]): string {
  return material.map((entry) => `[${markdownText(entry.title)}](${linkTarget(entry.url)})`).join(' · ');
}

export interface RequestCardInput {
  locale: Locale;
  request: InputRequest;
  groupName: string;
  requesterName: string;
  /** A reminder: the card under the reminder heading (late: when it was due). */
  reminder?: { lateDueAt?: Date; timeZone: string };
}

function answerForm(t: Translate, request: InputRequest) {
  return showCardAction(
    t('requests.answerButton'),
    [
      ...textInput({
        id: 'answer',
        label: t('requests.fieldAnswer'),
        multiline: true,
        maxLength: REQUEST_LIMITS.answerMaxChars,
        required: true,
        requiredMessage: t('requests.answerRequired'),
      }),
      ...textInput({ id: 'material', label: t('requests.fieldAnswerMaterial'), multiline: true }),
    ],
    [
      executeAction(t('requests.answerSend'), REQUEST_VERBS.answer, {
        steeringGroupId: request.steeringGroupId,
        requestId: request.id,
      }),
    ],
  );
}

/** The request in the reference group's channel (or its members' chats), with the answer form. */
export function requestMessage(t: Translate, input: RequestCardInput): OutboundMessage {
  const { request, locale } = input;
  const due = formatDate(request.dueDate, locale);
  const body: CardElement[] = [];
  if (input.reminder) {
    body.push(title(t('requests.reminderTitle', { due })));
    if (input.reminder.lateDueAt)
      body.push(
        paragraph(
          t('scheduler.lateLine', {
            dueAt: formatInstant(input.reminder.lateDueAt, locale, input.reminder.timeZone),
          }),
          { color: 'Warning', size: 'Small' },
        ),
      );
    body.push(
      paragraph(
        t('requests.reminderLine', {
          group: markdownText(input.groupName),
          topic: markdownText(request.topic),
        }),
      ),
    );
  }
  body.push(
    title(t('requests.cardTitle', { topic: markdownText(request.topic) })),
    paragraph(
      t('requests.cardIntro', {
        requester: t('requests.requesterLine', {
          capacity: t(`requests.requestedAs_${request.requestedAs}`),
          name: markdownText(input.requesterName),
        }),
        group: markdownText(input.groupName),
        due,
      }),
    ),
    paragraph(t('requests.cardQuestion', { question: markdownText(request.question) })),
  );
  if (request.background !== '')
    body.push(paragraph(t('requests.cardBackground', { background: markdownText(request.background) })));
  if (request.material.length > 0)
    body.push(paragraph(t('requests.cardMaterial', { material: materialMarkdown(request.material) })));
  const card = adaptiveCard(body, [answerForm(t, request)]);
  const summary = input.reminder
    ? t('requests.reminderTitle', { due })
    : t('requests.cardTitle', { topic: request.topic });
  return { card, summary };
}

/** What the answered card becomes: the answer stored, late or not, and the meeting it is on. */
export function answeredCard(
  t: Translate,
  input: {
    request: InputRequest;
    groupName: string;
    locale: Locale;
    timeZone: string;
    meetingStartsAt?: string;
  },
): AdaptiveCard {
  const { request, locale } = input;
  const body: CardElement[] = [
    title(t('requests.answeredTitle', { topic: markdownText(request.topic) })),
    paragraph(t('requests.answeredBody', { group: markdownText(input.groupName) })),
  ];
  if (request.answer?.late)
    body.push(
      paragraph(t('requests.answeredLate', { due: formatDate(request.dueDate, locale) }), {
        color: 'Warning',
      }),
    );
  body.push(
    paragraph(
      input.meetingStartsAt
        ? t('requests.answeredOnAgenda', {
            meeting: formatInstant(input.meetingStartsAt, locale, input.timeZone),
          })
        : t('requests.answeredNoMeeting'),
    ),
  );
  return adaptiveCard(body);
}
