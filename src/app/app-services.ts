import type { Clock } from '../domain/clock';
import type { Governance } from '../domain/governance';
import type { BindingService } from '../features/binding/binding-service';
import type { ChannelDirectory } from '../features/binding/channel-directory';
import type { MeetingCycle } from '../features/meetings/meetings-cycle';
import type {
  AuditLog,
  ChannelMessenger,
  GroupRegistry,
  MeetingSchedule,
  MemberRegister,
} from '../domain/ports';
import type { RoleResolver } from '../domain/roles';
import type { PortfolioServices } from '../features/portfolio/portfolio-services';
import type { MembersService } from '../features/members/members-service';
import type { MunicipalityService } from '../features/municipalities/municipalities-service';
import type { HearingService } from '../features/hearings/hearings-service';
import type { WorkingGroupService } from '../features/working-groups/working-groups-service';

/**
 * Everything a bot feature may use, built once by the composition root (src/app/compose.ts).
 * Engineers adding a feature add their service/repository here as an optional or required field
 * with a targeted edit, and construct it in compose.ts.
 */
export interface AppServices {
  clock: Clock;
  /** The validated governance configuration (config/fki-governance.yaml by default). */
  governance: Governance;
  groups: GroupRegistry;
  members: MemberRegister;
  audit: AuditLog;
  /** The meeting schedule, once the meetings repository exists. */
  meetings?: MeetingSchedule;
  /** The meeting cycle: scheduling, proposals, agenda, calendar links (src/services/meetings-cycle.ts). */
  meetingCycle?: MeetingCycle;
  messenger: ChannelMessenger;
  roles: RoleResolver;
  binding: BindingService;
  /** Conversation references of the channels the bot can post to. */
  channels: ChannelDirectory;
  /** Members, terms, recruitment, CSV import/export and GDPR (src/services/members.ts). */
  memberService?: MembersService;
  /** The municipality register: code, name, citizens, K98 group (src/services/municipalities.ts). */
  municipalities?: MunicipalityService;
  /** Written hearings of working-group proposals (src/services/hearings.ts). */
  hearings?: HearingService;
  /** Working groups: ranking, dissolution, extension (src/services/working-groups.ts). */
  workingGroups?: WorkingGroupService;
  /** Initiative portfolio, status reports, portfolio overview and buffet-price budget (src/services/portfolio-services.ts). */
  portfolio?: PortfolioServices;
}
