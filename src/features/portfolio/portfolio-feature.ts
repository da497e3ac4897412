/**
 * The initiative portfolio in Teams:
 * - `initiativ` / `initiative` [ny|new]: the reference group's initiatives (all of them for the
 *   secretariat outside a reference group's channel), edit buttons and the form.
 * - `statusrapport` / `status report`: the status-report card for the next steering meeting.
 * - `portefølje` / `portfolio`: the live portfolio overview (missing and late reports visible).
 * - `createPortfolioHooks`: the scheduler's hooks: the request card at each reference group's
 *   status-report heads-up, and the overview (plus decision proposals) at the steering meeting's
 *   status-report deadline.
 * - `registerPortfolioRoutes`: GET /api/portfolio/:meetingId.csv?token=... (the CSV export).
 */
import type * as restify from 'restify';
import type { Group, Locale, Meeting } from '../../domain/model';
import { translatorFor } from '../../platform/i18n';
import type { MeetingHooks } from '../meetings';
import type { OverviewRenderer, PortfolioOverviewService } from './portfolio-overview';
import type { PortfolioServices } from './portfolio-services';
import { newInitiativeId, type FieldErrors } from './portfolio-service';
import type { OutboundMessage } from '../../domain/ports';
import {
  VERBS,
  initiativeFormCard,
  initiativeListCard,
  initiativeValues,
  portfolioOverviewMessage,
  reportValues,
  statusReportFormCard,
  statusRequestCard,
} from './portfolio-cards';
import { formatInstant } from '../../platform/cards/reminders';
import { markdownText } from '../../platform/cards/text';
import type {
  BotFeature,
  CardActionContext,
  CardActionResult,
  FeatureContext,
} from '../../platform/teams/feature';
import { actorIdOf } from '../../platform/teams/feature';

const EDITORS = ['secretariat', 'member', 'chair'] as const;

function actorOf(ctx: FeatureContext) {
  return { id: actorIdOf(ctx.actor), name: ctx.actor.name };
}

function services(ctx: FeatureContext): PortfolioServices | undefined {
  return ctx.services.portfolio;
}

/** The reference groups this context may create initiatives in: the bound one, or all for the secretariat. */
async function editableGroups(ctx: FeatureContext, all: PortfolioServices): Promise<Group[] | undefined> {
  const bound = ctx.boundGroup?.group;
  if (bound?.kind === 'reference') return [bound];
  if (ctx.actor.roles.includes('secretariat')) return all.portfolio.referenceGroups();
  return undefined;
}

/**
 * The groups whose initiative form this actor may be offered: the same rule as saving (the
 * secretariat, or a member/chair of the owning reference group), so nobody gets a form whose
 * save would be refused.
 */
async function formGroups(
  ctx: FeatureContext,
  all: PortfolioServices,
  candidates: Group[],
): Promise<Group[]> {
  const actorId = actorOf(ctx).id;
  const allowed: Group[] = [];
  for (const group of candidates) if (await all.portfolio.mayEdit(actorId, group.id)) allowed.push(group);
  return allowed;
}

function stringValues(data: Record<string, unknown>, fields: string[]): Record<string, string> {
  return Object.fromEntries(
    fields.map((field) => [field, typeof data[field] === 'string' ? (data[field] as string) : '']),
  );
}

const INITIATIVE_FIELDS = [
  'groupId',
  'title',
  'responsible',
  'status',
  'statusReason',
  'phase',
  'startDate',
  'endDate',
  'financing',
  'budgetedKr',
  'spentKr',
  'closed',
];
const REPORT_FIELDS = ['status', 'reason', 'progress', 'risks', 'recommendation'];

async function listCard(ctx: FeatureContext, all: PortfolioServices, notice?: string) {
  const groups = await all.portfolio.referenceGroups();
  const bound = ctx.boundGroup?.group;
  const scoped = bound?.kind === 'reference' ? bound : undefined;
  const initiatives = await all.portfolio.list(scoped?.id);
  return initiativeListCard({
    locale: ctx.locale,
    heading: scoped
      ? ctx.t('portfolio.listTitleGroup', { group: scoped.name[ctx.locale] })
      : ctx.t('portfolio.listTitle'),
    initiatives,
    groupNames: new Map(groups.map((g) => [g.id, g.name[ctx.locale]])),
    canCreate: true,
    notice,
  });
}

async function requestCardFor(
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

async function groupNameOf(all: PortfolioServices, groupId: string, locale: Locale): Promise<string> {
  return (await all.portfolio.groupName(groupId, locale)) ?? groupId;
}

function target(data: Record<string, unknown>) {
  return {
    meetingId: String(data.meetingId ?? ''),
    groupId: String(data.groupId ?? ''),
    initiativeId: String(data.initiativeId ?? ''),
  };
}

async function reportForm(
  ctx: CardActionContext,
  all: PortfolioServices,
  values?: Record<string, string>,
  errors?: FieldErrors,
): Promise<CardActionResult> {
  const { meetingId, groupId, initiativeId } = target(ctx.data);
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

export const portfolioFeature: BotFeature = {
  id: 'portfolio',
  commands: [
    {
      id: 'initiative',
      names: ['initiativ', 'initiativer', 'initiative', 'initiatives'],
      helpKey: 'portfolio.help_initiative',
      usage: { da: 'initiativ [ny]', en: 'initiative [new]' },
      requires: 'channel',
      async handle(ctx) {
        const all = services(ctx);
        if (!all) return ctx.reply(ctx.t('core.unknownError'));
        const groups = await editableGroups(ctx, all);
        if (!groups) return ctx.reply(ctx.t('portfolio.notReferenceChannel'));
        const wantsNew = ['ny', 'nyt', 'new'].includes(ctx.args.trim().toLowerCase());
        if (wantsNew) {
          const offered = await formGroups(ctx, all, groups);
          if (offered.length === 0) return ctx.reply(ctx.t('portfolio.forbidden'));
          const card = initiativeFormCard({
            locale: ctx.locale,
            initiativeId: newInitiativeId(),
            isNew: true,
            groups: offered,
            values: {},
          });
          return ctx.reply({ card, summary: ctx.t('portfolio.newInitiativeTitle') });
        }
        return ctx.reply({ card: await listCard(ctx, all), summary: ctx.t('portfolio.listTitle') });
      },
    },
    {
      id: 'status-report',
      names: ['statusrapport', 'statusrapporter', 'status report', 'status reports'],
      helpKey: 'portfolio.help_statusReport',
      requires: 'boundGroup',
      async handle(ctx) {
        const all = services(ctx);
        if (!all) return ctx.reply(ctx.t('core.unknownError'));
        const group = ctx.boundGroup!.group;
        if (group.kind !== 'reference') return ctx.reply(ctx.t('portfolio.notReferenceChannel'));
        const meeting = await all.statusReports.nextSteeringMeeting();
        if (!meeting) return ctx.reply(ctx.t('portfolio.noMeeting'));
        const card = await requestCardFor(all, meeting, group.id, ctx.locale);
        return ctx.reply({ card, summary: ctx.t('portfolio.help_statusReport') });
      },
    },
    {
      id: 'portfolio',
      names: ['portefølje', 'porteføljeoverblik', 'portfolio', 'portfolio overview'],
      helpKey: 'portfolio.help_portfolio',
      usage: { da: 'portefølje [møde-id]', en: 'portfolio [meeting id]' },
      async handle(ctx) {
        const all = services(ctx);
        if (!all) return ctx.reply(ctx.t('core.unknownError'));
        const meeting = ctx.args.trim()
          ? await all.statusReports.getMeeting(ctx.args.trim())
          : await all.statusReports.nextSteeringMeeting();
        if (!meeting)
          return ctx.reply(ctx.t(ctx.args.trim() ? 'portfolio.unknownMeeting' : 'portfolio.noMeeting'));
        const overview = await all.overview.buildFor(meeting);
        const message = portfolioOverviewMessage({
          locale: ctx.locale,
          timeZone: all.timeZone,
          overview,
          links: await all.overview.links(meeting),
          proposalsWired: all.overview.proposalsWired,
          live: true,
        });
        return ctx.reply(message);
      },
    },
  ],
  cardActions: [
    {
      verb: VERBS.initiativeNew,
      requires: 'channel',
      async handle(ctx) {
        const all = services(ctx);
        if (!all) return { kind: 'message', text: ctx.t('core.unknownError') };
        const groups = await editableGroups(ctx, all);
        if (!groups) return { kind: 'message', text: ctx.t('portfolio.notReferenceChannel') };
        const offered = await formGroups(ctx, all, groups);
        if (offered.length === 0) return { kind: 'message', text: ctx.t('portfolio.forbidden') };
        return {
          kind: 'card',
          card: initiativeFormCard({
            locale: ctx.locale,
            initiativeId: newInitiativeId(),
            isNew: true,
            groups: offered,
            values: {},
          }),
        };
      },
    },
    {
      verb: VERBS.initiativeEdit,
      requires: 'channel',
      async handle(ctx) {
        const all = services(ctx);
        if (!all) return { kind: 'message', text: ctx.t('core.unknownError') };
        const initiative = await all.portfolio.get(
          String(ctx.data.groupId ?? ''),
          String(ctx.data.initiativeId ?? ''),
        );
        if (!initiative) return { kind: 'message', text: ctx.t('portfolio.notFound') };
        const group = await all.portfolio
          .referenceGroups()
          .then((gs) => gs.filter((g) => g.id === initiative.groupId));
        if ((await formGroups(ctx, all, group)).length === 0)
          return { kind: 'message', text: ctx.t('portfolio.forbidden') };
        return {
          kind: 'card',
          card: initiativeFormCard({
            locale: ctx.locale,
            initiativeId: initiative.id,
            isNew: false,
            groups: group,
            values: initiativeValues(initiative),
          }),
        };
      },
    },
    {
      verb: VERBS.initiativeSave,
      requires: 'channel',
      async handle(ctx) {
        const all = services(ctx);
        if (!all) return { kind: 'message', text: ctx.t('core.unknownError') };
        const initiativeId = String(ctx.data.initiativeId ?? '');
        const values = stringValues(ctx.data, INITIATIVE_FIELDS);
        const result = await all.portfolio.save(actorOf(ctx), initiativeId, values);
        switch (result.kind) {
          case 'forbidden':
            return { kind: 'message', text: ctx.t('portfolio.forbidden') };
          case 'not-found':
            return { kind: 'message', text: ctx.t('portfolio.notFound') };
          case 'invalid': {
            const existing = values.groupId
              ? await all.portfolio.get(values.groupId, initiativeId)
              : undefined;
            const groups = (await editableGroups(ctx, all)) ?? (await all.portfolio.referenceGroups());
            return {
              kind: 'card',
              card: initiativeFormCard({
                locale: ctx.locale,
                initiativeId,
                isNew: !existing,
                groups,
                values,
                errors: result.errors,
              }),
            };
          }
          case 'saved':
            return {
              kind: 'card',
              card: await listCard(
                ctx,
                all,
                ctx.t(result.created ? 'portfolio.created' : 'portfolio.saved', {
                  title: markdownText(result.initiative.title),
                }),
              ),
            };
        }
      },
    },
    {
      verb: VERBS.reportOpen,
      allowedRoles: [...EDITORS],
      async handle(ctx) {
        const all = services(ctx);
        if (!all) return { kind: 'message', text: ctx.t('core.unknownError') };
        return reportForm(ctx, all);
      },
    },
    {
      verb: VERBS.reportBack,
      async handle(ctx) {
        const all = services(ctx);
        if (!all) return { kind: 'message', text: ctx.t('core.unknownError') };
        const { meetingId, groupId } = target(ctx.data);
        const meeting = await all.statusReports.getMeeting(meetingId);
        if (!meeting) return { kind: 'message', text: ctx.t('portfolio.unknownMeeting') };
        return { kind: 'card', card: await requestCardFor(all, meeting, groupId, ctx.locale) };
      },
    },
    {
      verb: VERBS.reportSubmit,
      allowedRoles: [...EDITORS],
      async handle(ctx) {
        const all = services(ctx);
        if (!all) return { kind: 'message', text: ctx.t('core.unknownError') };
        const values = stringValues(ctx.data, REPORT_FIELDS);
        const result = await all.statusReports.submit(actorOf(ctx), target(ctx.data), values);
        switch (result.kind) {
          case 'unknown-meeting':
            return { kind: 'message', text: ctx.t('portfolio.unknownMeeting') };
          case 'unknown-initiative':
            return { kind: 'message', text: ctx.t('portfolio.notFound') };
          case 'forbidden':
            return { kind: 'message', text: ctx.t('portfolio.forbidden') };
          case 'invalid':
            return reportForm(ctx, all, values, result.errors);
          case 'saved': {
            const meeting = (await all.statusReports.getMeeting(result.report.meetingId))!;
            const notice = result.report.late
              ? ctx.t('portfolio.reportSavedLate', {
                  title: result.initiative.title,
                  deadline: formatInstant(all.statusReports.deadlineOf(meeting), ctx.locale, all.timeZone),
                })
              : ctx.t('portfolio.reportSaved', { title: result.initiative.title });
            return {
              kind: 'card',
              card: await requestCardFor(all, meeting, result.report.groupId, ctx.locale, notice),
            };
          }
        }
      },
    },
  ],
};

/** The overview card builder the overview service posts with (services stay free of the bot). */
export function overviewRenderer(timeZone: string, proposalsWired: boolean): OverviewRenderer {
  return (overview, links, locale) =>
    portfolioOverviewMessage({ locale, timeZone, overview, links, proposalsWired });
}

/**
 * The scheduler's hooks for the portfolio (merge them into the meeting hooks): the request card at
 * each reference group's heads-up, the overview at the steering meeting's status-report deadline.
 */
export function createPortfolioHooks(deps: {
  portfolio: PortfolioServices;
  locale?: Locale;
}): Pick<MeetingHooks, 'onStatusReportHeadsUp' | 'onStatusReportDeadline'> {
  const locale = deps.locale ?? 'da';
  return {
    async onStatusReportHeadsUp(
      meeting: Meeting,
      referenceGroupId: string,
    ): Promise<OutboundMessage | undefined> {
      const card = await requestCardFor(deps.portfolio, meeting, referenceGroupId, locale);
      return { card, summary: translatorFor(locale)('portfolio.help_statusReport') };
    },
    async onStatusReportDeadline(meeting: Meeting): Promise<void> {
      await deps.portfolio.overview.compileAtDeadline(meeting);
    },
  };
}

/** GET /api/portfolio/:meetingId.csv?token=...: unknown meeting and wrong token answer alike (404). */
export function registerPortfolioRoutes(deps: { overview: PortfolioOverviewService; locale?: Locale }) {
  return (server: restify.Server): void => {
    server.get('/api/portfolio/:file', async (req: restify.Request, res: restify.Response) => {
      const file = String(req.params.file ?? '');
      const token = (req.query as Record<string, unknown> | undefined)?.token;
      const csv = file.endsWith('.csv')
        ? await deps.overview.csvFor(file.slice(0, -'.csv'.length), token, deps.locale)
        : undefined;
      if (csv === undefined) {
        res.send(404, { error: 'not found' });
        return;
      }
      const meetingId = file.slice(0, -'.csv'.length).replace(/[^A-Za-z0-9-]/g, '');
      res.writeHead(200, {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="portfolio-${meetingId}.csv"`,
        'Cache-Control': 'no-store',
      });
      res.end(csv);
    });
  };
}
