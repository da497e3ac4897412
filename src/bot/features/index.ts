import type { BotFeature } from '../feature';
import { bindingFeature } from './binding';
import { helpFeature } from './help';
import { membersFeature } from './members';
import { meetingsFeature } from './meetings';
import { hearingsFeature } from './hearings';
import { workingGroupsFeature } from './working-groups';
import { portfolioFeature } from './portfolio';
import { budgetFeature } from './budget';

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
