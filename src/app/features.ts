import type { BotFeature } from '../platform/teams/feature';
import { proposalsFeature } from '../features/agenda';
import { bindingFeature } from '../features/binding';
import { helpFeature } from '../features/help';
import { membersFeature } from '../features/members';
import { meetingsFeature } from '../features/meetings';
import { hearingsFeature } from '../features/hearings';
import { workingGroupsFeature } from '../features/working-groups';
import { portfolioFeature } from '../features/portfolio';
import { budgetFeature } from '../features/budget';
import { municipalitiesFeature } from '../features/municipalities';
import { recordFeature } from '../features/record';
import { calendarFeedFeature } from '../features/calendar-feed';
import { requestsFeature } from '../features/requests';
import { endorsementsFeature } from '../features/endorsements';
import { recruitmentFeature } from '../features/recruitment';
import { languageFeature } from '../features/language';

/**
 * Every feature the bot serves. Add yours here (one import, one entry); the help card lists
 * commands in this order.
 */
export function allFeatures(): BotFeature[] {
  return [
    helpFeature,
    bindingFeature,
    meetingsFeature,
    proposalsFeature,
    workingGroupsFeature,
    hearingsFeature,
    membersFeature,
    portfolioFeature,
    budgetFeature,
    municipalitiesFeature,
    recordFeature,
    requestsFeature,
    endorsementsFeature,
    recruitmentFeature,
    calendarFeedFeature,
    languageFeature,
  ];
}
