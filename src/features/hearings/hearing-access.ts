/**
 * Who may fetch a hearing's card by its id (`hearing.refresh`), and from where.
 *
 * The card holds the proposal, the live tally and, for a voter, their own vote and comment, and its
 * id travels in the card's data: without a check anyone in the tenant could fetch any hearing from
 * any conversation. The rule, from the governance (the written hearing is the steering group's):
 * - who: the hearing's eligible voters (those listed when it opened), the steering group's current
 *   members and the secretariat;
 * - where: the hearing's own conversation, the steering group's bound channel, where its vote card
 *   is posted; or the caller's personal chat with the bot (an eligible voter's own view of their own
 *   vote; nobody else sees a personal chat). Any other channel or a group chat is refused, the
 *   secretariat and the voters included: an answer there is seen by that conversation's members,
 *   who may not see the hearing, so the card does not travel into it.
 * The hearing list (`høringer`) follows the same rule. The vote itself is not bound to a
 * conversation: the hearing's list decides (hearing-votes.ts), and a vote shows nothing new.
 */
import type { Membership } from '../../domain/model';
import { localToday } from '../../domain/time';
import type { FeatureContext } from '../../platform/teams/feature';
import { voterStanding } from './domain/hearing';
import type { Hearing } from './hearings-repository';
import type { HearingService } from './hearings-service';

/**
 * A conversation where the steering group's hearings may be shown: its bound channel, or a personal
 * chat (only the caller sees it; who the caller is, is checked apart).
 */
export async function hearingsMayShowHere(ctx: FeatureContext, service: HearingService): Promise<boolean> {
  if (ctx.conversation.kind === 'personal') return true;
  const channelId = ctx.conversation.kind === 'channel' ? ctx.conversation.channelId : undefined;
  if (!channelId) return false;
  const binding = await ctx.services.groups.bindingOfGroup(service.steeringGroupId);
  return binding?.channelId === channelId;
}

/** A current member of the steering group (member or chair, on today's Copenhagen date). */
function isCurrentMember(
  ctx: FeatureContext,
  memberships: readonly Membership[],
  personId: string,
  groupId: string,
) {
  const today = localToday(ctx.services.clock, ctx.services.governance.timeZone);
  return voterStanding(memberships, personId, groupId, today).kind === 'active';
}

/** May the caller fetch this hearing's card here (see the header)? */
export async function mayRefresh(
  ctx: FeatureContext,
  service: HearingService,
  hearing: Hearing,
): Promise<boolean> {
  const personId = ctx.actor.aadObjectId;
  if (!personId || !(await hearingsMayShowHere(ctx, service))) return false;
  if (hearing.eligibleVoterIds.includes(personId)) return true;
  const memberships = await service.steeringMemberships();
  if (isCurrentMember(ctx, memberships, personId, service.steeringGroupId)) return true;
  // The gate is callerOnly (no roles resolved for a voter's refresh): the secretariat is looked up here.
  return (await ctx.services.roles.rolesOf(personId)).includes('hearings');
}
