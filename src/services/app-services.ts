import type { Clock } from '../domain/clock';
import type { BindingService } from './binding-service';
import type { AuditLog, ChannelMessenger, GroupRegistry, MeetingSchedule, MemberRegister } from './ports';
import type { RoleResolver } from './roles';

/**
 * Everything a bot feature may use, built once by the composition root (src/app/compose.ts).
 * Engineers adding a feature add their service/repository here as an optional or required field
 * with a targeted edit, and construct it in compose.ts.
 */
export interface AppServices {
  clock: Clock;
  /** The validated governance configuration (src/domain/governance.ts); typed loosely until wired. */
  governance: unknown;
  groups: GroupRegistry;
  members: MemberRegister;
  audit: AuditLog;
  /** The meeting schedule, once the meetings repository exists. */
  meetings?: MeetingSchedule;
  messenger: ChannelMessenger;
  roles: RoleResolver;
  binding: BindingService;
}
