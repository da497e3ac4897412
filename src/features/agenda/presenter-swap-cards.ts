/**
 * Cards of the inspiration-talk swap: the presenter's form (the other candidates in the rotation's
 * order), the request the asked member answers, the answered request that replaces it, the note to
 * the presenter, and the short answers to the clicks.
 *
 * They go to the members' personal chats and the outcome of an accepted swap to the body's channel
 * (presenter-swap-delivery.ts). The form carries the request id (made when the form is shown), so
 * a re-sent submit asks only once.
 */
import type { Locale } from '../../domain/model';
import type { RankedPresenter } from '../../domain/rotation';
import { localDate } from '../../domain/time';
import type { MessageKey, Translate } from '../../platform/i18n';
import { formatDate, formatInstant } from '../../platform/cards/reminders';
import { markdownText } from '../../platform/cards/text';
import {
  adaptiveCard,
  choiceSetInput,
  errorBanner,
  executeAction,
  noticeCard,
  paragraph,
  title,
  type AdaptiveCard,
  type CardAction,
} from '../../platform/cards/builders';
import type { AskRefusal, StaleReason } from './domain/presenter-swap';
import type { MeetingRecord } from '../meetings';

export const SWAP_VERBS = {
  open: 'rotation.swap.open',
  ask: 'rotation.swap.ask',
  answer: 'rotation.swap.answer',
} as const;

/** The agenda card's button beside the presenter: opens the swap form for the one who clicks. */
export function swapButton(t: Translate, meeting: Pick<MeetingRecord, 'groupId' | 'id'>): CardAction {
  return executeAction(t('rotation.swapButton'), SWAP_VERBS.open, {
    groupId: meeting.groupId,
    meetingId: meeting.id,
  });
}

/** Someone a card is addressed to. */
export interface Addressee {
  personId: string;
  name: string;
}

export interface SwapFormInput {
  locale: Locale;
  timeZone: string;
  groupName: string;
  meeting: MeetingRecord;
  candidates: readonly RankedPresenter[];
  requestId: string;
  error?: string;
}

function candidateTitle(t: Translate, locale: Locale, timeZone: string, candidate: RankedPresenter): string {
  const last = candidate.lastTalkAt
    ? t('rotation.lastTalk', { date: formatDate(localDate(candidate.lastTalkAt, timeZone), locale) })
    : t('rotation.neverGiven');
  // A choice title is plain text (not markdown): the name as registered.
  return `${candidate.name} (${last})`;
}

/** The presenter's form: whom to ask, in the rotation's order. */
export function swapFormCard(t: Translate, input: SwapFormInput): AdaptiveCard {
  const meeting = formatInstant(input.meeting.startsAt, input.locale, input.timeZone);
  const body = [
    title(t('rotation.formTitle', { group: markdownText(input.groupName) })),
    ...(input.error ? [errorBanner([input.error])] : []),
    paragraph(t('rotation.formIntro', { meeting })),
    ...choiceSetInput({
      id: 'toPersonId',
      label: t('rotation.fieldMember'),
      required: true,
      requiredMessage: t('rotation.fieldMemberRequired'),
      choices: input.candidates.map((candidate) => ({
        title: candidateTitle(t, input.locale, input.timeZone, candidate),
        value: candidate.personId,
      })),
    }),
  ];
  return adaptiveCard(body, [
    executeAction(
      t('rotation.send'),
      SWAP_VERBS.ask,
      { groupId: input.meeting.groupId, meetingId: input.meeting.id, requestId: input.requestId },
      'positive',
    ),
  ]);
}

export interface SwapRequestCardInput {
  groupId: string;
  requestId: string;
  groupName: string;
  meetingTime: string;
  from: Addressee;
  to: Addressee;
}

/** The request the asked member answers (the buttons answer for them only). */
export function swapRequestCard(t: Translate, input: SwapRequestCardInput): AdaptiveCard {
  const data = (answer: 'accept' | 'decline') => ({
    groupId: input.groupId,
    requestId: input.requestId,
    answer,
  });
  return adaptiveCard(
    [
      title(t('rotation.requestTitle')),
      paragraph(
        t('rotation.requestBody', {
          from: markdownText(input.from.name),
          meeting: input.meetingTime,
          group: markdownText(input.groupName),
        }),
      ),
    ],
    [
      executeAction(t('rotation.accept'), SWAP_VERBS.answer, data('accept'), 'positive'),
      executeAction(t('rotation.decline'), SWAP_VERBS.answer, data('decline'), 'destructive'),
    ],
  );
}

export type SwapOutcome =
  { kind: 'accepted' } | { kind: 'declined' } | { kind: 'stale'; reason: StaleReason };

export interface SwapOutcomeInput {
  meetingTime: string;
  from: Addressee;
  to: Addressee;
  outcome: SwapOutcome;
}

export function staleText(
  t: Translate,
  input: Omit<SwapOutcomeInput, 'outcome'>,
  reason: StaleReason,
): string {
  return t(`rotation.stale_${reason}` as MessageKey, {
    from: markdownText(input.from.name),
    to: markdownText(input.to.name),
  });
}

/** What the request says once answered: the same words for everyone who sees it. */
export function outcomeText(t: Translate, input: SwapOutcomeInput): string {
  const params = {
    from: markdownText(input.from.name),
    to: markdownText(input.to.name),
    meeting: input.meetingTime,
  };
  switch (input.outcome.kind) {
    case 'accepted':
      return t('rotation.answeredAccepted', params);
    case 'declined':
      return t('rotation.answeredDeclined', params);
    case 'stale':
      return t('rotation.answeredStale', { ...params, reason: staleText(t, input, input.outcome.reason) });
  }
}

/** The request card once answered (it replaces the request, so its buttons are gone). */
export function swapAnsweredCard(t: Translate, input: SwapOutcomeInput): AdaptiveCard {
  return noticeCard(outcomeText(t, input), t('rotation.requestTitle'));
}

/** The note that tells the presenter how the asked member answered. */
export function askerNoteCard(t: Translate, input: SwapOutcomeInput): AdaptiveCard {
  const params = { to: markdownText(input.to.name), meeting: input.meetingTime };
  const text =
    input.outcome.kind === 'accepted'
      ? t('rotation.askerAccepted', params)
      : input.outcome.kind === 'declined'
        ? t('rotation.askerDeclined', params)
        : t('rotation.askerStale', { ...params, reason: staleText(t, input, input.outcome.reason) });
  return adaptiveCard([paragraph(text)]);
}

/** The body's channel learns who gives the talk now (an agenda posted there named the asker). */
export function swapChannelNoticeCard(t: Translate, input: Omit<SwapOutcomeInput, 'outcome'>): AdaptiveCard {
  return noticeCard(
    t('rotation.channelNotice', {
      to: markdownText(input.to.name),
      from: markdownText(input.from.name),
      meeting: input.meetingTime,
    }),
  );
}

/** Why the presenter may not ask, in the reader's words. */
export function askRefusalText(
  t: Translate,
  reason: AskRefusal,
  params: { meetingTime: string; groupName: string; presenterName?: string },
): string {
  if (reason === 'not-presenter' && params.presenterName === undefined) return t('rotation.noOwnTalk');
  return t(`rotation.refused_${reason}` as MessageKey, {
    meeting: params.meetingTime,
    group: markdownText(params.groupName),
    presenter: markdownText(params.presenterName ?? ''),
  });
}
