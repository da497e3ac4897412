/**
 * The portfolio overview card, posted in the steering group's channel at the status-report
 * deadline (and shown live on request): every reference group's initiatives with their reports,
 * then the recommendations. It is kept under Teams' 28 KB limit: when the full card would be too
 * large it is summarised, says so, and links to the full view and the CSV.
 */
import type { Locale } from '../../domain/model';
import { translatorFor, type Translate } from '../../platform/i18n';
import type { OverviewGroup, OverviewLinks, OverviewRow, PortfolioOverview } from './portfolio-overview';
import type { OutboundMessage } from '../../domain/ports';
import {
  adaptiveCard,
  paragraph,
  title,
  type AdaptiveCard,
  type CardAction,
  type CardElement,
} from '../../platform/cards/builders';
import { formatInstant } from '../../platform/cards/reminders';
import { markdownText } from '../../platform/cards/text';
import { MAX_CARD_BYTES } from '../../platform/cards/validate';
import { light } from './portfolio-cards';
import { localText } from '../../domain/localized-text';

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

/** A reference group reduced to its counts: the smallest form of the overview. */
function groupCounts(t: Translate, rows: OverviewRow[]): CardElement {
  const count = (state: OverviewRow['state']) => rows.filter((r) => r.state === state).length;
  return paragraph(
    t('portfolio.countsLine', {
      total: rows.length,
      onTime: count('on-time'),
      late: count('late'),
      missing: count('missing'),
      changed: rows.filter((r) => r.statusChanged).length,
    }),
  );
}

/** One reference group's section: its name, then its rows in the detail that fits. */
function groupSection(
  t: Translate,
  locale: Locale,
  { group, rows }: OverviewGroup,
  detail: Detail,
): CardElement {
  const items: CardElement[] = [
    paragraph(markdownText(localText(group.name, locale)), { weight: 'Bolder', size: 'Medium' }),
  ];
  if (rows.length === 0) items.push(paragraph(t('portfolio.groupEmpty'), { isSubtle: true }));
  if (detail === 'counts') items.push(groupCounts(t, rows));
  else {
    // Compact: only what needs attention (not green, changed, late, missing) in full lines.
    const shown =
      detail === 'full'
        ? rows
        : rows.filter((r) => r.state !== 'on-time' || r.statusChanged || r.report?.status !== 'green');
    for (const row of shown) items.push(paragraph(rowLine(t, row, detail), { spacing: 'Small' }));
  }
  return { type: 'Container', items, style: 'emphasis' };
}

/** The recommendations, and (on the posted card) whether they went on the agenda by themselves. */
function recommendationsSection(t: Translate, input: OverviewCardInput, detail: Detail): CardElement[] {
  const { recommendations } = input.overview;
  const body: CardElement[] = [
    paragraph(t('portfolio.recommendationsTitle'), { weight: 'Bolder', size: 'Medium' }),
  ];
  if (recommendations.length === 0) {
    body.push(paragraph(t('portfolio.noRecommendations'), { isSubtle: true }));
    return body;
  }
  for (const r of recommendations) {
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
  return body;
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
  for (const group of overview.groups) body.push(groupSection(t, input.locale, group, detail));
  body.push(...recommendationsSection(t, input, detail));
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
