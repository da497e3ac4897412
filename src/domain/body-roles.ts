/**
 * Who does what among a governance file's bodies (issue 23): the code knows the roles, the file
 * says which body holds each. Members of the body holding a person role act in that role (the
 * secretariat's members triage, hold hearings, appoint …); the deciding body is the one whose
 * agenda receives the proposals, status reports, answers and endorsements.
 *
 * A file that leaves `roles` out gets them from its bodies' kinds: the board decides, the
 * administration holds every person role, a management body is management. A file without an
 * administration has its deciding body administer itself.
 */
import { z } from 'zod';

/** What a person may do because they sit in the body holding the role. */
export const PERSON_ROLES = ['administer', 'triage', 'hearings', 'workingGroups', 'management'] as const;
export type PersonRole = (typeof PERSON_ROLES)[number];

const bodyId = z.string().min(1);

export const bodyRolesSchema = z
  .strictObject({
    /** The body whose agenda receives proposals, status reports, answers and endorsements. */
    decide: bodyId.optional(),
    /** Appoints members, schedules meetings, binds channels, keeps the budget and the register. */
    administer: bodyId.optional(),
    /** Accepts or rejects agenda proposals (gets the triage cards and the heads-ups). */
    triage: bodyId.optional(),
    /** Opens and closes the written hearings. */
    hearings: bodyId.optional(),
    /** Manages working groups besides their parent (creation, dissolution, extension). */
    workingGroups: bodyId.optional(),
    /** May file requests for input and put proposals on the deciding body's agenda. */
    management: bodyId.optional(),
  })
  .default({});
export type BodyRolesInput = z.output<typeof bodyRolesSchema>;
/** Every role but management is always held: the administration's default is the deciding body. */
export type BodyRoles = Record<Exclude<PersonRole, 'management'> | 'decide', string> & {
  management: string | undefined;
};

interface BodyLike {
  id: string;
  kind: string;
}

/** The roles with the kinds' defaults filled in (the schema checks that decide and administer resolve). */
export function resolveBodyRoles(input: BodyRolesInput, bodies: readonly BodyLike[]): Partial<BodyRoles> {
  const ofKind = (kind: string) => bodies.find((body) => body.kind === kind)?.id;
  const decide = input.decide ?? ofKind('board');
  // A body without an administration of its own administers itself.
  const administer = input.administer ?? ofKind('administration') ?? decide;
  return {
    decide,
    administer,
    triage: input.triage ?? administer,
    hearings: input.hearings ?? administer,
    workingGroups: input.workingGroups ?? administer,
    management: input.management ?? ofKind('management'),
  };
}

/** Every role naming a body the file does not have, or a required role no body holds. */
export function bodyRoleIssues(
  roles: Partial<BodyRoles>,
  bodies: readonly BodyLike[],
): { path: string[]; message: string }[] {
  const ids = new Set(bodies.map((body) => body.id));
  const issues: { path: string[]; message: string }[] = [];
  for (const [role, id] of Object.entries(roles)) {
    if (id !== undefined && !ids.has(id))
      issues.push({ path: ['roles', role], message: `expected a body id (one of ${[...ids].join(', ')})` });
  }
  if (!roles.decide)
    issues.push({
      path: ['roles', 'decide'],
      message: 'expected the deciding body (roles.decide, or a body of kind board)',
    });
  return issues;
}

/** The person roles a member of the body holds (several roles may share one body). */
export function personRolesOfBody(roles: Partial<BodyRoles>, groupId: string): PersonRole[] {
  return PERSON_ROLES.filter((role) => roles[role] === groupId);
}

interface RolesSource<B extends BodyLike> {
  bodies: readonly B[];
  roles?: BodyRolesInput | undefined;
}

const resolvedRoles = new WeakMap<object, BodyRoles>();

/** Which body holds each role: the file's `roles`, the kinds' defaults filled in. Memoised per governance. */
export function governanceRoles(governance: RolesSource<BodyLike>): BodyRoles {
  let roles = resolvedRoles.get(governance);
  if (!roles) {
    const { decide, administer, triage, hearings, workingGroups, management } = resolveBodyRoles(
      governance.roles ?? {},
      governance.bodies,
    );
    // The schema guarantees a deciding body (and so the rest); this only fires for a hand-built object.
    if (!decide || !administer || !triage || !hearings || !workingGroups)
      throw new Error('governance has no deciding or administering body');
    roles = { decide, administer, triage, hearings, workingGroups, management };
    resolvedRoles.set(governance, roles);
  }
  return roles;
}

/** The body whose agenda receives the proposals, status reports, answers and endorsements. */
export function decidingBody<B extends BodyLike>(governance: RolesSource<B>): B {
  const id = governanceRoles(governance).decide;
  return governance.bodies.find((body) => body.id === id)!;
}

/** The body that administers (appoints, schedules, binds channels); its channel gets the notices. */
export function administeringBodyId(governance: RolesSource<BodyLike>): string {
  return governanceRoles(governance).administer;
}
