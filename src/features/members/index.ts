/** Members and terms: appointments, 5/3-year terms, the pause, seniority, K98 spread, CSV and GDPR. */
import type { MembersService } from './members-service';

export { membersFeature } from './members-feature';
export type { MembersService } from './members-service';

declare module '../../platform/teams/feature' {
  interface FeatureServices {
    memberService: MembersService;
  }
}
