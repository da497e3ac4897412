/** Members and terms: appointments, 5/3-year terms, the pause, seniority, K98 spread, CSV and GDPR. */
import type { MembersService } from './members-service';
import type { PeopleFinder } from './member-form-people';

export { membersFeature } from './members-feature';
export type { MembersService } from './members-service';
/** An appointment's result, for the working groups' members created on approval. */
export type { ChangeResult } from './members-service';
export { PeopleFinder, type PersonHit } from './member-form-people';
// The recruitment feature appoints through the same rules and words their refusals the same way.
export type { AppointInput, MemberRefusal, MemberRow, ReplacementReport } from './members-service';
export { refusalText } from './member-cards';

declare module '../../platform/teams/feature' {
  interface FeatureServices {
    memberService: MembersService;
    /** The person pickers' search: the register, the team's roster (from the adapter), the directory. */
    peopleSearch: PeopleFinder;
  }
}
