/**
 * Status reports in Teams: `statusrapport` / `status report` shows a reference group the request
 * for the next steering meeting (each initiative with its report state and a button); the button
 * opens the report form, and a saved report returns to the request, saying when it came in late.
 */
import type { Locale, Meeting } from '../../domain/model';
import type { PortfolioServices } from './portfolio-services';
import type { FieldErrors } from './portfolio-service';
import type { SubmitReportResult } from './status-reports-service';
import { reportValues, statusReportFormCard, statusRequestCard } from './status-report-cards';
import { VERBS } from './portfolio-cards';
import { formatInstant } from '../../platform/cards/reminders';
import type { CardActionResult, FeatureContext } from '../../platform/teams/feature';
import { cardAction, command } from '../../platform/teams/define';
import { actorOf, portfolioOf } from './portfolio-context';
import { reportSubmitInput, reportTarget, statusReportArgs, type ReportTarget } from './portfolio-input';

/** Who may report for a reference group: its members and chair, and the secretariat. */
const EDITORS = ['administer', 'member', 'chair'] as const;

async function groupNameOf(all: PortfolioServices, groupId: string, locale: Locale): Promise<string> {
  return (await all.portfolio.groupName(groupId, locale)) ?? groupId;
}

/** The request card for one reference group and steering meeting (also posted at the heads-up). */
export async function requestCardFor(
  all: PortfolioServices,
  meeting: Meeting,
  groupId: string,
  locale: Locale,
  notice?: string,
) {
  const request = await all.statusReports.request(meeting, groupId);
  const meetingGroupName = await groupNameOf(all, meeting.groupId, locale);
  return statusRequestCard({ locale, timeZone: all.timeZone, request, meetingGroupName, notice });
}

/** The report form: the stored report's values, or (refused) what was typed with the reasons. */
async function reportForm(
  ctx: FeatureContext,
  all: PortfolioServices,
  { meetingId, groupId, initiativeId }: ReportTarget,
  values?: Record<string, string>,
  errors?: FieldErrors,
): Promise<CardActionResult> {
  const meeting = await all.statusReports.getMeeting(meetingId);
  const initiative = await all.portfolio.get(groupId, initiativeId);
  if (!meeting) return { kind: 'message', text: ctx.t('portfolio.unknownMeeting') };
  if (!initiative) return { kind: 'message', text: ctx.t('portfolio.notFound') };
  const existing = await all.statusReports.existing(groupId, meetingId, initiativeId);
  const previous = (await all.statusReports.previousReport(groupId, initiativeId, meeting)) ?? undefined;
  return {
    kind: 'card',
    card: statusReportFormCard({
      locale: ctx.locale,
      timeZone: all.timeZone,
      meetingId,
      meetingStartsAt: meeting.startsAt,
      deadline: all.statusReports.deadlineOf(meeting),
      initiative,
      previous,
      values: values ?? reportValues(existing, initiative),
      errors,
    }),
  };
}

/** Back to the request with the saved report on it, saying so (and when it came in late). */
async function savedRequest(
  ctx: FeatureContext,
  all: PortfolioServices,
  { report, initiative }: Extract<SubmitReportResult, { kind: 'saved' }>,
): Promise<CardActionResult> {
  const meeting = (await all.statusReports.getMeeting(report.meetingId))!;
  const notice = report.late
    ? ctx.t('portfolio.reportSavedLate', {
        title: initiative.title,
        deadline: formatInstant(all.statusReports.deadlineOf(meeting), ctx.locale, all.timeZone),
      })
    : ctx.t('portfolio.reportSaved', { title: initiative.title });
  return { kind: 'card', card: await requestCardFor(all, meeting, report.groupId, ctx.locale, notice) };
}

export const statusReportCommands = [
  command({
    id: 'status-report',
    helpKey: 'portfolio.help_statusReport',
    requires: 'boundGroup',
    args: statusReportArgs,
    async handle(ctx) {
      const all = portfolioOf(ctx);
      const group = ctx.boundGroup!.group;
      if (group.kind !== 'reference') return ctx.reply(ctx.t('portfolio.notReferenceChannel'));
      const meeting = await all.statusReports.nextSteeringMeeting();
      if (!meeting) return ctx.reply(ctx.t('portfolio.noMeeting'));
      const card = await requestCardFor(all, meeting, group.id, ctx.locale);
      return ctx.reply({ card, summary: ctx.t('portfolio.help_statusReport') });
    },
  }),
];

export const statusReportActions = [
  cardAction({
    verb: VERBS.reportOpen,
    allowedRoles: [...EDITORS],
    input: reportTarget,
    async handle(ctx, target) {
      return reportForm(ctx, portfolioOf(ctx), target);
    },
  }),
  cardAction({
    verb: VERBS.reportBack,
    input: reportTarget,
    async handle(ctx, { meetingId, groupId }) {
      const all = portfolioOf(ctx);
      const meeting = await all.statusReports.getMeeting(meetingId);
      if (!meeting) return { kind: 'message', text: ctx.t('portfolio.unknownMeeting') };
      return { kind: 'card', card: await requestCardFor(all, meeting, groupId, ctx.locale) };
    },
  }),
  cardAction({
    verb: VERBS.reportSubmit,
    allowedRoles: [...EDITORS],
    input: reportSubmitInput,
    async handle(ctx, { target, values }) {
      const all = portfolioOf(ctx);
      const result = await all.statusReports.submit(actorOf(ctx), target, values);
      switch (result.kind) {
        case 'unknown-meeting':
          return { kind: 'message', text: ctx.t('portfolio.unknownMeeting') };
        case 'unknown-initiative':
          return { kind: 'message', text: ctx.t('portfolio.notFound') };
        case 'forbidden':
          return { kind: 'message', text: ctx.t('portfolio.forbidden') };
        case 'invalid':
          return reportForm(ctx, all, target, values, result.errors);
        case 'saved':
          return savedRequest(ctx, all, result);
      }
    },
  }),
];
