import type { Clock } from './clock';
import { DEFAULT_TIME_ZONE, localToday } from './time';
import { isActiveOn } from './terms';
import type { MemberRegister } from './ports';
import { MUNICIPALITY } from './organisations';

/**
 * The roles a person acts in. secretariat is global; chair and member are per group;
 * representative comes from the person's organisation: any but a municipality (the governance
 * file lists them, issue 23.1; which one is the person's own). It grants no rights of its own:
 * representatives act through their memberships.
 */
export type ActorRole = 'secretariat' | 'chair' | 'member' | 'representative';

export const ALL_ROLES: readonly ActorRole[] = ['secretariat', 'chair', 'member', 'representative'];

export class RoleResolver {
  private readonly bootstrapSecretariat: ReadonlySet<string>;

  /**
   * @param bootstrapSecretariatIds Entra object ids that are secretariat regardless of the register
   *   (env SECRETARIAT_AAD_IDS): how the very first secretariat member gets in.
   */
  constructor(
    private readonly register: MemberRegister,
    private readonly clock: Clock,
    bootstrapSecretariatIds: Iterable<string> = [],
    private readonly timeZone: string = DEFAULT_TIME_ZONE,
  ) {
    this.bootstrapSecretariat = new Set([...bootstrapSecretariatIds].map((id) => id.trim().toLowerCase()));
  }

  /** Roles of the person, for the given group when there is one (the group bound to the channel). */
  async rolesOf(personId: string | undefined, groupId?: string): Promise<ActorRole[]> {
    if (!personId) return [];
    const roles = new Set<ActorRole>();
    if (this.bootstrapSecretariat.has(personId.toLowerCase())) roles.add('secretariat');
    const { person, memberships } = await this.register.personWithMemberships(personId);
    const today = localToday(this.clock, this.timeZone);
    for (const membership of memberships.filter((m) => isActiveOn(m, today))) {
      if (membership.role === 'secretariat' || membership.groupId === 'secretariat') roles.add('secretariat');
      else if (groupId !== undefined && membership.groupId === groupId) {
        roles.add('member');
        if (membership.role === 'chair') roles.add('chair');
      }
    }
    const organisation = person?.anonymisedAt ? undefined : person?.organisation.kind;
    if (organisation !== undefined && organisation !== MUNICIPALITY) roles.add('representative');
    return ALL_ROLES.filter((role) => roles.has(role));
  }
}

/** Parses SECRETARIAT_AAD_IDS ("id1, id2"). */
export function parseIdList(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((id) => id.trim())
    .filter((id) => id.length > 0);
}
