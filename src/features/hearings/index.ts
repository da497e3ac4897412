/** The written hearing of a proposed working group, run as a card vote (decided by `decideHearing`). */
import type { HearingService } from './hearings-service';

export { hearingsFeature } from './hearings-feature';
export type { Hearing } from './hearings-repository';
export type { HearingService } from './hearings-service';

declare module '../../platform/teams/feature' {
  interface FeatureServices {
    hearings: HearingService;
  }
}
