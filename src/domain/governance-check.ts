/**
 * What the store holds that a governance file must not contradict (issue 23.3): a file that removes
 * a body with active members or scheduled meetings, an organisation members sit for, or a working
 * group's parent is refused at start with every reason listed. Pure: the composition root reads
 * the snapshot from the store (src/app/governance-start.ts), the rules here only compare.
 */
import { activeMemberships } from './terms';
import { organisationIds, type Governance, type LocalizedText } from './governance';
import type { BodyKind, Membership } from './model';

/** The stored state a governance change is measured against. */
export interface GovernanceSnapshot {
  /** The local day (Copenhagen) "now" is (a membership is active on it, see terms.ts). */
  today: string;
  /** Every group in the store: the bodies of earlier files and the working groups. */
  groups: Array<{
    id: string;
    kind: BodyKind;
    name: LocalizedText;
    status: 'active' | 'dissolved';
    parentGroupId?: string;
  }>;
  /** The scheduled meetings that have not started yet. */
  upcomingMeetings: Array<{ groupId: string; startsAt: string }>;
  /** The memberships of every group (all terms; the rules pick the active ones). */
  memberships: Membership[];
}

export type GovernanceContradiction =
  | {
      kind: 'body-removed-in-use';
      groupId: string;
      groupName: LocalizedText;
      activeMembers: number;
      upcomingMeetings: number;
    }
  | { kind: 'organisation-removed'; organisationId: string; activeMembers: number }
  | {
      kind: 'working-group-parent-removed';
      groupId: string;
      groupName: LocalizedText;
      parentGroupId: string;
    };

/** The active memberships of a group on the snapshot's day (secretariat roles are no members). */
export function activeMembersOf(snapshot: GovernanceSnapshot, groupId: string): Membership[] {
  return activeMemberships(snapshot.memberships, groupId, snapshot.today);
}

export function upcomingMeetingsOf(snapshot: GovernanceSnapshot, groupId: string): number {
  return snapshot.upcomingMeetings.filter((meeting) => meeting.groupId === groupId).length;
}

/**
 * Every way `governance` contradicts the stored state, in a stable order (bodies, organisations,
 * working groups). Empty: the file may be used.
 */
export function governanceContradictions(
  governance: Governance,
  snapshot: GovernanceSnapshot,
): GovernanceContradiction[] {
  const bodyIds = new Set(governance.bodies.map((body) => body.id));
  const contradictions: GovernanceContradiction[] = [];
  for (const group of snapshot.groups) {
    if (group.kind === 'working' || group.status !== 'active' || bodyIds.has(group.id)) continue;
    const activeMembers = activeMembersOf(snapshot, group.id).length;
    const upcomingMeetings = upcomingMeetingsOf(snapshot, group.id);
    if (activeMembers > 0 || upcomingMeetings > 0) {
      contradictions.push({
        kind: 'body-removed-in-use',
        groupId: group.id,
        groupName: group.name,
        activeMembers,
        upcomingMeetings,
      });
    }
  }
  contradictions.push(...removedOrganisations(governance, snapshot));
  for (const group of snapshot.groups) {
    const parent = group.parentGroupId;
    if (group.kind !== 'working' || group.status !== 'active' || parent === undefined) continue;
    if (!bodyIds.has(parent)) {
      contradictions.push({
        kind: 'working-group-parent-removed',
        groupId: group.id,
        groupName: group.name,
        parentGroupId: parent,
      });
    }
  }
  return contradictions;
}

function removedOrganisations(
  governance: Governance,
  snapshot: GovernanceSnapshot,
): GovernanceContradiction[] {
  const known = new Set(organisationIds(governance));
  const counts = new Map<string, number>();
  for (const membership of snapshot.memberships) {
    const organisationId = membership.organisation?.kind;
    if (organisationId === undefined || known.has(organisationId)) continue;
    if (activeMembersOf(snapshot, membership.groupId).includes(membership)) {
      counts.set(organisationId, (counts.get(organisationId) ?? 0) + 1);
    }
  }
  return [...counts.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([organisationId, activeMembers]) => ({
      kind: 'organisation-removed' as const,
      organisationId,
      activeMembers,
    }));
}
