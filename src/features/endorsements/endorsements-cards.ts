/**
 * Cards of the endorsements: the draft form in the reference group's channel, the vote card it
 * becomes (For / Imod / Undlad with the tally so far, refreshed on every vote) and the closed card.
 */
import type { Locale } from '../../domain/model';
import type { MessageKey, Translate } from '../../platform/i18n';
import { formatInstant } from '../../platform/cards/reminders';
import { markdownText } from '../../platform/cards/text';
import {
  adaptiveCard,
  errorBanner,
  executeAction,
  paragraph,
  textInput,
  title,
  type AdaptiveCard,
  type CardElement,
} from '../../platform/cards/builders';
import {
  ENDORSEMENT_CHOICES,
  ENDORSEMENT_LIMITS,
  type Endorsement,
  type EndorsementMaterial,
  type EndorsementTally,
} from './domain/endorsements';

export const ENDORSEMENT_VERBS = { submit: 'endorsement.submit', vote: 'endorsement.vote' } as const;

/** A field's reason as the form shows it under the field. */
export interface FormError {
  field: 'title' | 'text' | 'material';
  key: MessageKey;
  params?: Record<string, number | string>;
}

export interface EndorsementFormValues {
  title?: string;
  text?: string;
  material?: string;
}

function errorOf(t: Translate, errors: readonly FormError[] | undefined, field: FormError['field']) {
  const error = errors?.find((candidate) => candidate.field === field);
  return error ? t(error.key, error.params) : undefined;
}

export function endorsementFormCard(
  t: Translate,
  input: {
    cardInstanceId: string;
    groupName: string;
    days: number;
    values?: EndorsementFormValues;
    errors?: FormError[];
  },
): AdaptiveCard {
  const { values = {}, errors } = input;
  const body: CardElement[] = [
    title(t('endorsements.formTitle')),
    paragraph(t('endorsements.formIntro', { group: markdownText(input.groupName), days: input.days })),
  ];
  if (errors && errors.length > 0) body.push(errorBanner(errors.map((error) => t(error.key, error.params))));
  const required = { required: true, requiredMessage: t('endorsements.err_required') };
  body.push(
    ...textInput({
      id: 'title',
      label: t('endorsements.fieldTitle'),
      value: values.title,
      maxLength: ENDORSEMENT_LIMITS.titleMaxChars,
      ...required,
      error: errorOf(t, errors, 'title'),
    }),
    ...textInput({
      id: 'text',
      label: t('endorsements.fieldText'),
      value: values.text,
      maxLength: ENDORSEMENT_LIMITS.textMaxChars,
      multiline: true,
      ...required,
      error: errorOf(t, errors, 'text'),
    }),
    ...textInput({
      id: 'material',
      label: t('endorsements.fieldMaterial'),
      value: values.material,
      multiline: true,
      error: errorOf(t, errors, 'material'),
    }),
  );
  return adaptiveCard(body, [
    executeAction(
      t('endorsements.submit'),
      ENDORSEMENT_VERBS.submit,
      { cardInstanceId: input.cardInstanceId },
      'positive',
    ),
  ]);
}

/** A validated https URL as a markdown link target: characters that would end the target are encoded. */
function linkTarget(url: string): string {
  return url.replace(/[()<>\s]/g, (c) => encodeURIComponent(c));
}

function materialMarkdown(material: readonly EndorsementMaterial[]): string {
  return material.map((entry) => `[${markdownText(entry.title)}](${linkTarget(entry.url)})`).join(' · ');
}

export function tallyLine(t: Translate, tally: EndorsementTally): string {
  return t('endorsements.tally', { for: tally.for, against: tally.against, abstain: tally.abstain });
}

export interface VoteCardInput {
  endorsement: Endorsement;
  groupName: string;
  authorName: string;
  tally: EndorsementTally;
  locale: Locale;
  timeZone: string;
}

/** The draft as the group votes on it: the text, its material, the tally so far, the three buttons. */
export function endorsementVoteCard(t: Translate, input: VoteCardInput): AdaptiveCard {
  const { endorsement, locale } = input;
  const body: CardElement[] = [
    title(t('endorsements.cardTitle', { title: markdownText(endorsement.title) })),
    paragraph(
      t('endorsements.cardIntro', {
        author: markdownText(input.authorName),
        group: markdownText(input.groupName),
        closes: formatInstant(endorsement.closesAt, locale, input.timeZone),
      }),
    ),
    paragraph(markdownText(endorsement.text)),
  ];
  if (endorsement.material.length > 0)
    body.push(
      paragraph(t('endorsements.cardMaterial', { material: materialMarkdown(endorsement.material) })),
    );
  body.push(paragraph(tallyLine(t, input.tally), { size: 'Small' }));
  if (endorsement.status !== 'open') {
    body.push(paragraph(t(`endorsements.outcome_${endorsement.status}`)));
    return adaptiveCard(body);
  }
  return adaptiveCard(
    body,
    ENDORSEMENT_CHOICES.map((choice) =>
      executeAction(t(`endorsements.choice_${choice}`), ENDORSEMENT_VERBS.vote, {
        steeringGroupId: endorsement.steeringGroupId,
        endorsementId: endorsement.id,
        choice,
      }),
    ),
  );
}
