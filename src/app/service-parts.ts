/** What the composition root hands the service builders (services.ts and its helper files). */
import type { Clock } from '../domain/clock';
import type { Governance } from '../domain/governance';
import type { ChannelMessenger } from '../domain/ports';
import type { RoleResolver } from '../domain/roles';
import type { AuditRepository } from '../platform/audit/audit-repository';
import type { LinkSigning } from '../platform/links/link-tokens';
import type { DocumentStore } from '../platform/storage/port';
import type { Log } from '../platform/teams/log';
import type { PeopleDirectory } from '../platform/teams/people-search';
import type { GroupRepository } from '../features/binding/groups-repository';
import type { PeopleRepository } from '../features/members/people-repository';

export interface ServiceParts {
  store: DocumentStore;
  governance: Governance;
  clock: Clock;
  repositories: { groups: GroupRepository; people: PeopleRepository; audit: AuditRepository };
  roles: RoleResolver;
  messenger: ChannelMessenger;
  /** Absolute base of the links in cards and the overview. */
  publicBaseUrl: string;
  /** How the calendar, agenda and CSV links are signed and how long they hold. */
  linkSigning?: LinkSigning;
  /** The organisation's directory for the person pickers (Graph), when the operator turned it on. */
  peopleDirectory?: PeopleDirectory;
  log: Log;
}
