import type { Clock } from './clock';
import { localToday } from './time';
import { isActiveOn } from './terms';
import type { MemberRegister } from './ports';
import { MUNICIPALITY } from './organisations';
import { PERSON_ROLES, personRolesOfBody, type BodyRoles, type PersonRole } from './body-roles';

/**
 * The roles a person acts in. The person roles (administer, triage, hearings, workingGroups,
 * management) are global: held by the members of the body the governance file's `roles` names
 * (body-roles.ts). chair and member are per group; representative comes from the person's
 * organisation: any but a municipality (the governance file lists them, issue 23.1). It grants no
 * rights of its own: representatives act through their memberships.
 */
export type ActorRole = PersonRole | 'chair' | 'member' | 'representative';

export const ALL_ROLES: readonly ActorRole[] = [...PERSON_ROLES, 'chair', 'member', 'representative'];

export class RoleResolver {
  private readonly bootstrapSecretariat: ReadonlySet<string>;

  /**
   * @param bootstrapSecretariatIds Entra object ids that are secretariat regardless of the register
   *   (env SECRETARIAT_AAD_IDS): how the very first secretariat member gets in.
   * @param bodyRoles Which body holds each person role (governanceRoles of the governance file).
   */
  constructor(
    private readonly register: MemberRegister,
    private readonly clock: Clock,
    bootstrapSecretariatIds: Iterable<string>,
    private readonly timeZone: string,
    private readonly bodyRoles: Pick<BodyRoles, 'decide' | 'administer' | PersonRole>,
  ) {
    this.bootstrapSecretariat = new Set([...bootstrapSecretariatIds].map((id) => id.trim().toLowerCase()));
  }

  /** Roles of the person, for the given group when there is one (the group bound to the channel). */
  async rolesOf(personId: string | undefined, groupId?: string): Promise<ActorRole[]> {
    if (!personId) return [];
    const roles = new Set<ActorRole>();
    const administration = personRolesOfBody(this.bodyRoles, this.bodyRoles.administer);
    if (this.bootstrapSecretariat.has(personId.toLowerCase()))
      administration.forEach((role) => roles.add(role));
    const { person, memberships } = await this.register.personWithMemberships(personId);
    const today = localToday(this.clock, this.timeZone);
    for (const membership of memberships.filter((m) => isActiveOn(m, today))) {
      // Staff act for the administration wherever they are listed; its own members do too.
      const staff =
        membership.role === 'staff' ||
        (membership.groupId === this.bodyRoles.administer &&
          this.bodyRoles.administer !== this.bodyRoles.decide);
      (staff ? administration : personRolesOfBody(this.bodyRoles, membership.groupId)).forEach((role) =>
        roles.add(role),
      );
      if (staff) continue;
      if (groupId !== undefined && membership.groupId === groupId) {
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
