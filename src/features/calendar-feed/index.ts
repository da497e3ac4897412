/**
 * A body's calendar feed (its meetings and their deadlines as one subscribable .ics), with a
 * secret per body that the secretariat rotates.
 */
import type { CalendarFeedService } from './feed-service';

export { calendarFeedFeature, registerCalendarFeedRoutes } from './calendar-feed-feature';
export { CalendarFeedService, type CalendarFeedDeps } from './feed-service';
export { CalendarFeedRepository, calendarFeedDocument } from './feed-repository';

declare module '../../platform/teams/feature' {
  interface FeatureServices {
    /** The bodies' calendar feeds (URL, rotation, the feed). */
    calendarFeed: CalendarFeedService;
  }
}
