/**
 * The body's calendar feed in the bot and on the web:
 * - `kalender` (calendar) in a bound channel shows the body's feed URL, to subscribe to in Outlook;
 * - `kalender nyt link` (calendar rotate), secretariat only, replaces the feed's secret: the old URL
 *   opens nothing from then on (404), the reply carries the new one;
 * - GET /api/calendar/:groupId.ics?token=... is the feed (not signed in: the token is its authority).
 */
import type * as restify from 'restify';
import type { BotFeature } from '../../platform/teams/feature';
import { actorIdOf } from '../../platform/teams/feature';
import { command } from '../../platform/teams/define';
import { localeOf } from '../../platform/i18n';
import { feedArgs } from './calendar-feed-input';
import type { CalendarFeedService } from './feed-service';
import { localText } from '../../domain/localized-text';

const showCommand = command({
  id: 'calendarFeed.show',
  helpKey: 'calendarFeed.command_show',
  requires: 'boundGroup',
  args: feedArgs,
  async handle(ctx) {
    const group = ctx.boundGroup!.group;
    const url = await ctx.services.calendarFeed.feedUrl(group.id);
    await ctx.reply(ctx.t('calendarFeed.url', { group: localText(group.name, ctx.locale), url }));
  },
});

const rotateCommand = command({
  id: 'calendarFeed.rotate',
  helpKey: 'calendarFeed.command_rotate',
  allowedRoles: ['administer'],
  requires: 'boundGroup',
  args: feedArgs,
  async handle(ctx) {
    const group = ctx.boundGroup!.group;
    const url = await ctx.services.calendarFeed.rotate(group.id, actorIdOf(ctx.actor));
    await ctx.reply(ctx.t('calendarFeed.rotated', { group: localText(group.name, ctx.locale), url }));
  },
});

export const calendarFeedFeature: BotFeature = {
  id: 'calendarFeed',
  commands: [showCommand, rotateCommand],
};

/** GET /api/calendar/:file (`<groupId>.ics`); `?lang=en` for English titles (default Danish). */
export function registerCalendarFeedRoutes(deps: { feeds: CalendarFeedService }) {
  return (server: restify.Server): void => {
    server.get('/api/calendar/:file', async (req: restify.Request, res: restify.Response) => {
      const file = String(req.params.file ?? '');
      const query = (req.query as Record<string, unknown> | undefined) ?? {};
      const body = file.endsWith('.ics')
        ? await deps.feeds.feed(
            file.slice(0, -'.ics'.length),
            query.token,
            localeOf(String(query.lang ?? '')),
          )
        : undefined;
      // Unknown body, wrong or rotated token answer alike, so neither can be probed.
      if (body === undefined) {
        res.send(404, { error: 'not found' });
        return;
      }
      res.writeHead(200, {
        'Content-Type': 'text/calendar; charset=utf-8',
        'Cache-Control': 'no-store',
      });
      res.end(body);
    });
  };
}
