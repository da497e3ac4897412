/**
 * Cards of the initiative portfolio: the initiative form and list, the status-report request
 * (posted in each reference group's channel at the heads-up) and form, and the portfolio overview
 * (posted in the steering group's channel at the deadline). Pure builders, texts from the
 * `portfolio` catalogue section. The overview is kept under Teams' 28 KB limit: when the full card
 * would be too large it is summarised, says so, and links to the full view and the CSV.
 */
import type { Group, Locale, TrafficLight } from '../../domain/model';
import { translatorFor, type Translate } from '../../platform/i18n';
import type { Initiative } from './initiatives-repository';
import type { FieldErrors } from './portfolio-service';
import type { OverviewLinks, OverviewRow, PortfolioOverview } from './portfolio-overview';
import type { ReportRequest, StatusReport } from './status-reports-service';
import type { OutboundMessage } from '../../domain/ports';
import {
  adaptiveCard,
  choiceSetInput,
  errorBanner,
  executeAction,
  factSet,
  paragraph,
  textInput,
  title,
  type AdaptiveCard,
  type CardAction,
  type CardElement,
  type Container,
} from '../../platform/cards/builders';
import { formatInstant } from '../../platform/cards/reminders';
import { markdownText } from '../../platform/cards/text';
import { MAX_CARD_BYTES } from '../../platform/cards/validate';

export const VERBS = {
  initiativeNew: 'portfolio.initiative.new',
  initiativeEdit: 'portfolio.initiative.edit',
  initiativeSave: 'portfolio.initiative.save',
  reportOpen: 'portfolio.report.open',
  reportSubmit: 'portfolio.report.submit',
  reportBack: 'portfolio.report.back',
} as const;

const LIGHT_EMOJI: Record<TrafficLight, string> = { green: '🟢', yellow: '🟡', red: '🔴' };

export function light(t: Translate, status: TrafficLight): string {
  return `${LIGHT_EMOJI[status]} ${t(`portfolio.light_${status}`)}`;
}

/** Whole kroner: "1.500.000 kr." / "DKK 1,500,000" (integers only, so formatting is exact). */
export function formatKroner(amount: number, locale: Locale): string {
  const digits = kronerDigits(locale).format(amount);
  return locale === 'da' ? `${digits} kr.` : `DKK ${digits}`;
}

/** One formatter per locale: building an Intl.NumberFormat costs ~30 µs, and every vote card shows a sum. */
const kronerFormats = new Map<Locale, Intl.NumberFormat>();
function kronerDigits(locale: Locale): Intl.NumberFormat {
  let format = kronerFormats.get(locale);
  if (!format) {
    format = new Intl.NumberFormat(locale === 'da' ? 'da-DK' : 'en-GB', { maximumFractionDigits: 0 });
    kronerFormats.set(locale, format);
  }
  return format;
}

/** textInput with the portfolio's client-side message for an empty required field. */
export function formInput(t: Translate, input: Parameters<typeof textInput>[0]): CardElement[] {
  return textInput({ ...input, requiredMessage: input.requiredMessage ?? t('portfolio.errorRequired') });
}

/** Every choice on the portfolio forms is required; an empty one is named by its label. */
function requiredChoice(
  input: Omit<Parameters<typeof choiceSetInput>[0], 'required' | 'requiredMessage'>,
): CardElement[] {
  return choiceSetInput({ ...input, required: true, requiredMessage: input.label });
}

function err(t: Translate, errors: FieldErrors | undefined, field: string): string | undefined {
  const key = errors?.[field];
  return key ? t(key) : undefined;
}

function lightChoices(t: Translate) {
  return (['green', 'yellow', 'red'] as const).map((value) => ({ title: light(t, value), value }));
}

/**
 * The traffic light (green unless chosen) and the free-text reason for it: the same pair on the
 * initiative form and the status-report form, which name the reason field differently.
 */
function statusWithReason(
  t: Translate,
  values: Record<string, string>,
  error: (field: string) => string | undefined,
  reason: { id: string; label: string },
): CardElement[] {
  return [
    ...requiredChoice({
      id: 'status',
      label: t('portfolio.fieldStatus'),
      choices: lightChoices(t),
      value: values.status ?? 'green',
      error: error('status'),
    }),
    ...formInput(t, {
      id: reason.id,
      label: reason.label,
      value: values[reason.id],
      multiline: true,
      maxLength: 2000,
      error: error(reason.id),
    }),
  ];
}

export interface InitiativeFormInput {
  locale: Locale;
  initiativeId: string;
  isNew: boolean;
  /** The reference groups the actor may choose from (one = fixed). */
  groups: Group[];
  values: Record<string, string>;
  errors?: FieldErrors;
}

export function initiativeFormCard(input: InitiativeFormInput): AdaptiveCard {
  const t = translatorFor(input.locale);
  const v = input.values;
  const e = (field: string) => err(t, input.errors, field);
  const body: CardElement[] = [
    title(
      input.isNew
        ? t('portfolio.newInitiativeTitle')
        : t('portfolio.editInitiativeTitle', { title: markdownText(v.title) }),
    ),
  ];
  if (input.errors && Object.keys(input.errors).length > 0)
    body.push(errorBanner([t('portfolio.invalidBanner')]));
  body.push(
    ...requiredChoice({
      id: 'groupId',
      label: t('portfolio.fieldGroup'),
      choices: input.groups.map((g) => ({ title: g.name[input.locale], value: g.id })),
      value: v.groupId ?? input.groups[0]?.id,
      error: e('groupId'),
    }),
    ...formInput(t, {
      id: 'title',
      label: t('portfolio.fieldTitle'),
      value: v.title,
      required: true,
      maxLength: 200,
      error: e('title'),
    }),
    ...formInput(t, {
      id: 'responsible',
      label: t('portfolio.fieldResponsible'),
      value: v.responsible,
      required: true,
      maxLength: 200,
      error: e('responsible'),
    }),
    ...statusWithReason(t, v, e, { id: 'statusReason', label: t('portfolio.fieldStatusReason') }),
    ...formInput(t, {
      id: 'phase',
      label: t('portfolio.fieldPhase'),
      value: v.phase,
      required: true,
      maxLength: 100,
      error: e('phase'),
    }),
    ...formInput(t, {
      id: 'startDate',
      label: t('portfolio.fieldStart'),
      value: v.startDate,
      required: true,
      placeholder: '2027-01-01',
      error: e('startDate'),
    }),
    ...formInput(t, {
      id: 'endDate',
      label: t('portfolio.fieldEnd'),
      value: v.endDate,
      required: true,
      placeholder: '2027-12-31',
      error: e('endDate'),
    }),
    ...requiredChoice({
      id: 'financing',
      label: t('portfolio.fieldFinancing'),
      choices: [
        { title: t('portfolio.financing_buffet'), value: 'buffet' },
        { title: t('portfolio.financing_other'), value: 'other' },
      ],
      value: v.financing ?? 'other',
      error: e('financing'),
    }),
    ...formInput(t, {
      id: 'budgetedKr',
      label: t('portfolio.fieldBudgeted'),
      value: v.budgetedKr,
      required: true,
      placeholder: '1.500.000',
      error: e('budgetedKr'),
    }),
    ...formInput(t, {
      id: 'spentKr',
      label: t('portfolio.fieldSpent'),
      value: v.spentKr,
      placeholder: '0',
      error: e('spentKr'),
    }),
  );
  if (!input.isNew)
    body.push(
      ...formInput(t, {
        id: 'closed',
        label: t('portfolio.fieldClosed'),
        value: v.closed,
        error: e('closed'),
      }),
    );
  return adaptiveCard(body, [
    executeAction(
      t('portfolio.save'),
      VERBS.initiativeSave,
      { initiativeId: input.initiativeId },
      'positive',
    ),
  ]);
}

/** The form's values from a stored initiative. */
export function initiativeValues(initiative: Initiative): Record<string, string> {
  return {
    groupId: initiative.groupId,
    title: initiative.title,
    responsible: initiative.responsible,
    status: initiative.status,
    statusReason: initiative.statusReason ?? '',
    phase: initiative.phase,
    startDate: initiative.startDate,
    endDate: initiative.endDate,
    financing: initiative.financing,
    budgetedKr: String(initiative.budgetedKr),
    spentKr: String(initiative.spentKr),
    closed: initiative.closedOn ?? '',
  };
}

export function initiativeListCard(input: {
  locale: Locale;
  heading: string;
  initiatives: Initiative[];
  groupNames: Map<string, string>;
  canCreate: boolean;
  notice?: string;
}): AdaptiveCard {
  const t = translatorFor(input.locale);
  const body: CardElement[] = [title(input.heading)];
  if (input.notice) body.push(paragraph(input.notice, { color: 'Good', weight: 'Bolder' }));
  if (input.initiatives.length === 0) body.push(paragraph(t('portfolio.noInitiatives'), { isSubtle: true }));
  const actions: CardAction[] = [];
  for (const initiative of input.initiatives) {
    const line = t('portfolio.initiativeLine', {
      light: LIGHT_EMOJI[initiative.status],
      title: markdownText(initiative.title),
      phase: markdownText(initiative.phase),
      responsible: markdownText(initiative.responsible),
      start: initiative.startDate,
      end: initiative.endDate,
      budgeted: formatKroner(initiative.budgetedKr, input.locale),
      spent: formatKroner(initiative.spentKr, input.locale),
    });
    const items: CardElement[] = [paragraph(line)];
    if (initiative.statusReason)
      items.push(
        paragraph(markdownText(initiative.statusReason), { isSubtle: true, size: 'Small', spacing: 'None' }),
      );
    items.push({
      type: 'ActionSet',
      actions: [
        executeAction(t('portfolio.edit'), VERBS.initiativeEdit, {
          groupId: initiative.groupId,
          initiativeId: initiative.id,
        }),
      ],
    });
    body.push({ type: 'Container', items, separator: true } as Container);
  }
  if (input.canCreate)
    actions.push(executeAction(t('portfolio.newInitiative'), VERBS.initiativeNew, {}, 'positive'));
  return adaptiveCard(body, actions);
}

export interface RequestCardInput {
  locale: Locale;
  timeZone: string;
  request: ReportRequest;
  meetingGroupName: string;
  notice?: string;
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
  for (const { initiative, report } of request.items) {
    const state = report
      ? `${light(t, report.status)} – ${t('portfolio.reportedBy', { at: when(report.submittedAt), by: markdownText(report.submittedByName ?? report.submittedBy) })}${report.late ? ` (${t('portfolio.state_late')})` : ''}`
      : t('portfolio.notReported');
    const verbData = {
      meetingId: request.meeting.id,
      groupId: initiative.groupId,
      initiativeId: initiative.id,
    };
    body.push({
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
    } as Container);
  }
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

export function statusReportFormCard(input: ReportFormInput): AdaptiveCard {
  const t = translatorFor(input.locale);
  const v = input.values;
  const e = (field: string) => err(t, input.errors, field);
  const body: CardElement[] = [
    title(t('portfolio.reportFormTitle', { title: markdownText(input.initiative.title) })),
  ];
  if (input.errors && Object.keys(input.errors).length > 0)
    body.push(errorBanner([t('portfolio.invalidBanner')]));
  body.push(
    factSet([
      {
        title: t('portfolio.factMeeting'),
        value: formatInstant(input.meetingStartsAt, input.locale, input.timeZone),
      },
      {
        title: t('portfolio.factDeadline'),
        value: formatInstant(input.deadline, input.locale, input.timeZone),
      },
      { title: t('portfolio.factPrevious'), value: input.previous ? light(t, input.previous.status) : '' },
    ]),
    ...statusWithReason(t, v, e, { id: 'reason', label: t('portfolio.fieldReason') }),
    ...formInput(t, {
      id: 'progress',
      label: t('portfolio.fieldProgress'),
      value: v.progress,
      multiline: true,
      required: true,
      maxLength: 4000,
      error: e('progress'),
    }),
    ...formInput(t, {
      id: 'risks',
      label: t('portfolio.fieldRisks'),
      value: v.risks,
      multiline: true,
      maxLength: 4000,
      error: e('risks'),
    }),
    ...formInput(t, {
      id: 'recommendation',
      label: t('portfolio.fieldRecommendation'),
      value: v.recommendation,
      multiline: true,
      maxLength: 4000,
      error: e('recommendation'),
    }),
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

export interface OverviewCardInput {
  locale: Locale;
  timeZone: string;
  overview: PortfolioOverview;
  links: OverviewLinks;
  /** False when recommendations could not be put on the agenda automatically. */
  proposalsWired: boolean;
  /** The live view (command) rather than the card posted at the deadline. */
  live?: boolean;
}

type Detail = 'full' | 'compact' | 'counts';

function rowLine(t: Translate, row: OverviewRow, detail: Detail): string {
  const status = row.report ? light(t, row.report.status) : `⚪ ${t('portfolio.state_missing')}`;
  let line = `${status} **${markdownText(row.initiative.title)}**`;
  if (row.statusChanged && row.previousStatus && row.report) {
    line += ` (${t('portfolio.changed', { from: t(`portfolio.light_${row.previousStatus}`), to: t(`portfolio.light_${row.report.status}`) })})`;
  }
  if (row.state === 'late') line += ` – ${t('portfolio.state_late')}`;
  if (detail === 'full' && row.report) {
    if (row.report.reason) line += `\n\n${markdownText(row.report.reason)}`;
    line += `\n\n${markdownText(row.report.progress)}`;
    if (row.report.risks) line += `\n\n⚠ ${markdownText(row.report.risks)}`;
  }
  return line;
}

function overviewBody(input: OverviewCardInput, detail: Detail): CardElement[] {
  const t = translatorFor(input.locale);
  const { overview } = input;
  const meeting = formatInstant(overview.meeting.startsAt, input.locale, input.timeZone);
  const body: CardElement[] = [
    title(t(input.live ? 'portfolio.liveTitle' : 'portfolio.overviewTitle', { meeting })),
    paragraph(t('portfolio.countsLine', overview.counts)),
  ];
  if (detail !== 'full') body.push(paragraph(t('portfolio.summarisedNote'), { color: 'Warning' }));
  for (const { group, rows } of overview.groups) {
    const items: CardElement[] = [
      paragraph(markdownText(group.name[input.locale]), { weight: 'Bolder', size: 'Medium' }),
    ];
    if (rows.length === 0) items.push(paragraph(t('portfolio.groupEmpty'), { isSubtle: true }));
    if (detail === 'counts') {
      const count = (state: OverviewRow['state']) => rows.filter((r) => r.state === state).length;
      items.push(
        paragraph(
          t('portfolio.countsLine', {
            total: rows.length,
            onTime: count('on-time'),
            late: count('late'),
            missing: count('missing'),
            changed: rows.filter((r) => r.statusChanged).length,
          }),
        ),
      );
    } else {
      // Compact: only what needs attention (not green, changed, late, missing) in full lines.
      const shown =
        detail === 'full'
          ? rows
          : rows.filter((r) => r.state !== 'on-time' || r.statusChanged || r.report?.status !== 'green');
      for (const row of shown) items.push(paragraph(rowLine(t, row, detail), { spacing: 'Small' }));
    }
    body.push({ type: 'Container', items, style: 'emphasis' });
  }
  body.push(paragraph(t('portfolio.recommendationsTitle'), { weight: 'Bolder', size: 'Medium' }));
  if (overview.recommendations.length === 0)
    body.push(paragraph(t('portfolio.noRecommendations'), { isSubtle: true }));
  else {
    for (const r of overview.recommendations) {
      body.push(
        paragraph(
          detail === 'counts'
            ? `• **${markdownText(r.initiativeTitle)}**`
            : `• **${markdownText(r.initiativeTitle)}**: ${markdownText(r.recommendation)}`,
        ),
      );
    }
    if (!input.live)
      body.push(
        paragraph(
          t(input.proposalsWired ? 'portfolio.recommendationsToAgenda' : 'portfolio.recommendationsNotWired'),
          { isSubtle: true },
        ),
      );
  }
  return body;
}

/**
 * The overview card: in full when it fits, else summarised (only what needs attention), else just
 * the counts; the summarised forms say so and the links always lead to everything.
 */
export function portfolioOverviewCard(input: OverviewCardInput): { card: AdaptiveCard; detail: Detail } {
  const t = translatorFor(input.locale);
  const actions: CardAction[] = [
    { type: 'Action.OpenUrl', title: t('portfolio.openFullView'), url: input.links.tab },
    { type: 'Action.OpenUrl', title: t('portfolio.downloadCsv'), url: input.links.csv },
  ];
  // Margin under the limit for the activity envelope around the card.
  const budget = MAX_CARD_BYTES - 2048;
  let card: AdaptiveCard = adaptiveCard([], actions);
  for (const detail of ['full', 'compact', 'counts'] as const) {
    card = adaptiveCard(overviewBody(input, detail), actions);
    if (Buffer.byteLength(JSON.stringify(card), 'utf8') < budget) return { card, detail };
  }
  return { card, detail: 'counts' };
}

export function portfolioOverviewMessage(input: OverviewCardInput): OutboundMessage {
  const t = translatorFor(input.locale);
  return {
    card: portfolioOverviewCard(input).card,
    summary: t(input.live ? 'portfolio.liveTitle' : 'portfolio.overviewTitle', {
      meeting: formatInstant(input.overview.meeting.startsAt, input.locale, input.timeZone),
    }),
  };
}
