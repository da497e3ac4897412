/** Ad hoc working groups: proposal, ranking, dissolution and extension. */
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

declare module '../../platform/teams/feature' {
  interface FeatureServices {
    workingGroups: WorkingGroupService;
  }
}
