/**
 * The portfolio overview in Teams: `portefølje` / `portfolio` [meeting id] shows it live for the
 * next steering meeting (or the one named), missing and late reports included; the same card is
 * what the overview service posts at the status-report deadline (`overviewRenderer`).
 */
import type { OverviewRenderer } from './portfolio-overview';
import { portfolioOverviewMessage } from './overview-card';
import { command } from '../../platform/teams/define';
import { portfolioOf } from './portfolio-context';
import { overviewArgs } from './portfolio-input';

export const overviewCommand = command({
  id: 'portfolio',
  helpKey: 'portfolio.help_portfolio',
  helpRank: { unbound: 2, personal: 2 },
  args: overviewArgs,
  async handle(ctx, meetingId) {
    const all = portfolioOf(ctx);
    const meeting = meetingId
      ? await all.statusReports.getMeeting(meetingId)
      : await all.statusReports.nextSteeringMeeting();
    if (!meeting) return ctx.reply(ctx.t(meetingId ? 'portfolio.unknownMeeting' : 'portfolio.noMeeting'));
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
});

/** The overview card builder the overview service posts with (services stay free of the bot). */
export function overviewRenderer(timeZone: string, proposalsWired: boolean): OverviewRenderer {
  return (overview, links, locale) =>
    portfolioOverviewMessage({ locale, timeZone, overview, links, proposalsWired });
}
