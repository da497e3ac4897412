/**
 * Ad hoc working groups: proposal, ranking, members on approval, the welcome in their channel,
 * extension by the parent reference group's decision, the result handed in, dissolution.
 */
import type { ExtensionService } from './working-group-extensions';
import type { ResultService } from './working-group-results';
import type { WorkingGroupService } from './working-groups-service';

export { workingGroupsFeature } from './working-groups-feature';
export {
  proposalSchema,
  type ProposedMember,
  type ResourceNeed,
  type WorkingGroupProposal,
} from './domain/proposal';
export { bindRequestCard } from './working-group-cards';
export { plannedRankingId } from './working-groups-repository';
export type { WorkingGroupService } from './working-groups-service';
export { ExtensionService } from './working-group-extensions';
export {
  ExtensionRepository,
  extensionRequestDocument,
  extensionVoteDocument,
} from './working-group-extension-repository';
export { extensionCloseMomentSource, EXTENSION_CLOSE_KIND } from './working-group-extension-moments';
export { ResultService } from './working-group-results';
export { ResultRepository, resultDocument } from './working-group-result-repository';
export { welcomeOnBinding } from './working-group-welcome';
export { workingGroupsPersonData } from './working-groups-person-data';
export type { WorkingGroupMembers } from './working-group-members';

declare module '../../platform/teams/feature' {
  interface FeatureServices {
    workingGroups: WorkingGroupService;
    /** Extension requests voted by the parent reference group. */
    workingGroupExtensions: ExtensionService;
    /** Results handed in to the parent reference group (then the group is dissolved). */
    workingGroupResults: ResultService;
  }
}
