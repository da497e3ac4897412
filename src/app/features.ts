import type { BotFeature } from '../platform/teams/feature';
import { bindingFeature } from '../features/binding/binding-feature';
import { helpFeature } from '../features/help/help-feature';
import { membersFeature } from '../features/members/members-feature';
import { meetingsFeature } from '../features/meetings/meetings-feature';
import { hearingsFeature } from '../features/hearings/hearings-feature';
import { workingGroupsFeature } from '../features/working-groups/working-groups-feature';
import { portfolioFeature } from '../features/portfolio/portfolio-feature';
import { budgetFeature } from '../features/budget/budget-feature';

/**
 * Every feature the bot serves. Add yours here (one import, one entry); the help card lists
 * commands in this order.
 */
export function allFeatures(): BotFeature[] {
  return [
    helpFeature,
    bindingFeature,
    meetingsFeature,
    workingGroupsFeature,
    hearingsFeature,
    membersFeature,
    portfolioFeature,
    budgetFeature,
  ];
}
