/**
 * Endorsements ("indstillinger", issue 22.2): a reference group speaks to the steering group as a
 * group, by a short card vote under its own rule; an endorsed proposal lands on the steering
 * group's next agenda, a rejected one goes back to its author with the tally.
 */
import type { EndorsementService } from './endorsements-service';

export { endorsementsFeature } from './endorsements-feature';
export { ENDORSEMENT_VERBS } from './endorsements-cards';
export {
  EndorsementService,
  type EndorsementAgenda,
  type EndorsementServiceDeps,
} from './endorsements-service';
export {
  EndorsementRepository,
  endorsementDocument,
  endorsementVoteDocument,
} from './endorsements-repository';
export { endorsementCloseMomentSource, ENDORSEMENT_CLOSE_KIND } from './endorsements-moments';
export { endorsementsPersonData } from './endorsements-person-data';
export type { Endorsement, EndorsementVote, EndorsementTally } from './domain/endorsements';

declare module '../../platform/teams/feature' {
  interface FeatureServices {
    /** A reference group's endorsements to the steering group and their votes. */
    endorsements: EndorsementService;
  }
}
