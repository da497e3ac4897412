/**
 * The status-report cards: the request posted in each reference group's channel at the heads-up
 * (each initiative with its report state and a button), and the report form for one initiative.
 */
import type { Locale } from '../../domain/model';
import { translatorFor, type Translate } from '../../platform/i18n';
import type { Initiative } from './initiatives-repository';
import type { FieldErrors } from './portfolio-service';
import type { ReportRequest, ReportRequestItem, StatusReport } from './status-reports-service';
import {
  adaptiveCard,
  errorBanner,
  executeAction,
  factSet,
  paragraph,
  title,
  type AdaptiveCard,
  type CardElement,
  type Container,
} from '../../platform/cards/builders';
import { formatInstant } from '../../platform/cards/reminders';
import { markdownText } from '../../platform/cards/text';
import { VERBS, fieldErrors, formInput, hasErrors, light, statusWithReason } from './portfolio-cards';

export interface RequestCardInput {
  locale: Locale;
  timeZone: string;
  request: ReportRequest;
  meetingGroupName: string;
  notice?: string;
}

/** One initiative on the request: its title, whether (and when, by whom) it is reported, its button. */
function requestEntry(
  t: Translate,
  request: ReportRequest,
  { initiative, report }: ReportRequestItem,
  when: (iso: string) => string,
): Container {
  const state = report
    ? `${light(t, report.status)} – ${t('portfolio.reportedBy', { at: when(report.submittedAt), by: markdownText(report.submittedByName ?? report.submittedBy) })}${report.late ? ` (${t('portfolio.state_late')})` : ''}`
    : t('portfolio.notReported');
  const verbData = {
    meetingId: request.meeting.id,
    groupId: initiative.groupId,
    initiativeId: initiative.id,
  };
  return {
    type: 'Container',
    separator: true,
    items: [
      paragraph(markdownText(initiative.title), { weight: 'Bolder' }),
      paragraph(state, { isSubtle: !report, color: report?.late ? 'Warning' : 'Default', spacing: 'None' }),
      {
        type: 'ActionSet',
        actions: [
          executeAction(
            t(report ? 'portfolio.editReportButton' : 'portfolio.reportButton', {
              title: initiative.title,
            }),
            VERBS.reportOpen,
            verbData,
          ),
        ],
      },
    ],
  } as Container;
}

/** The ask in a reference group's channel: each initiative with its report state and a button. */
export function statusRequestCard(input: RequestCardInput): AdaptiveCard {
  const t = translatorFor(input.locale);
  const { request } = input;
  const when = (iso: string) => formatInstant(iso, input.locale, input.timeZone);
  const body: CardElement[] = [
    title(
      t('portfolio.requestTitle', {
        meetingGroup: markdownText(input.meetingGroupName),
        meeting: when(request.meeting.startsAt),
      }),
    ),
  ];
  if (input.notice) body.push(paragraph(input.notice, { color: 'Good', weight: 'Bolder' }));
  body.push(paragraph(t('portfolio.requestIntro', { deadline: when(request.deadline) })));
  if (request.items.length === 0)
    body.push(paragraph(t('portfolio.noInitiativesToReport'), { isSubtle: true }));
  for (const item of request.items) body.push(requestEntry(t, request, item, when));
  return adaptiveCard(body);
}

export interface ReportFormInput {
  locale: Locale;
  timeZone: string;
  meetingId: string;
  meetingStartsAt: string;
  deadline: string;
  initiative: Initiative;
  previous?: StatusReport;
  values: Record<string, string>;
  errors?: FieldErrors;
}

/** The form's values: the stored report, or for a first report the initiative's current light. */
export function reportValues(
  report: StatusReport | undefined,
  initiative: Initiative,
): Record<string, string> {
  if (!report) return { status: initiative.status, reason: initiative.statusReason ?? '' };
  return {
    status: report.status,
    reason: report.reason ?? '',
    progress: report.progress,
    risks: report.risks ?? '',
    recommendation: report.recommendation ?? '',
  };
}

/** Which meeting the report is for, its deadline and the light of the previous report. */
function reportFacts(t: Translate, input: ReportFormInput): CardElement {
  return factSet([
    {
      title: t('portfolio.factMeeting'),
      value: formatInstant(input.meetingStartsAt, input.locale, input.timeZone),
    },
    {
      title: t('portfolio.factDeadline'),
      value: formatInstant(input.deadline, input.locale, input.timeZone),
    },
    { title: t('portfolio.factPrevious'), value: input.previous ? light(t, input.previous.status) : '' },
  ]);
}

/** The report's free texts: progress (required), risks and a recommendation to the steering group. */
function reportTexts(
  t: Translate,
  values: Record<string, string>,
  error: (field: string) => string | undefined,
): CardElement[] {
  return [
    ...formInput(t, {
      id: 'progress',
      label: t('portfolio.fieldProgress'),
      value: values.progress,
      multiline: true,
      required: true,
      maxLength: 4000,
      error: error('progress'),
    }),
    ...formInput(t, {
      id: 'risks',
      label: t('portfolio.fieldRisks'),
      value: values.risks,
      multiline: true,
      maxLength: 4000,
      error: error('risks'),
    }),
    ...formInput(t, {
      id: 'recommendation',
      label: t('portfolio.fieldRecommendation'),
      value: values.recommendation,
      multiline: true,
      maxLength: 4000,
      error: error('recommendation'),
    }),
  ];
}

export function statusReportFormCard(input: ReportFormInput): AdaptiveCard {
  const t = translatorFor(input.locale);
  const error = fieldErrors(t, input.errors);
  const body: CardElement[] = [
    title(t('portfolio.reportFormTitle', { title: markdownText(input.initiative.title) })),
  ];
  if (hasErrors(input.errors)) body.push(errorBanner([t('portfolio.invalidBanner')]));
  body.push(
    reportFacts(t, input),
    ...statusWithReason(t, input.values, error, { id: 'reason', label: t('portfolio.fieldReason') }),
    ...reportTexts(t, input.values, error),
  );
  const data = {
    meetingId: input.meetingId,
    groupId: input.initiative.groupId,
    initiativeId: input.initiative.id,
  };
  return adaptiveCard(body, [
    executeAction(t('portfolio.submit'), VERBS.reportSubmit, data, 'positive'),
    { ...executeAction(t('portfolio.back'), VERBS.reportBack, data), associatedInputs: 'none' },
  ]);
}
