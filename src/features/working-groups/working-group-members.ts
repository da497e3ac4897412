/**
 * The working group's members on approval: each proposed member with a person reference becomes
 * a membership of the working group until its planned end, the proposal's chair with role chair.
 * Appointments go through the members feature (its rules, its audit entries); an appointment
 * delivered again is "already done" there, so a retried close creates nothing twice. A member who
 * cannot be appointed (an old proposal without a person reference, an organisation the register
 * does not know, a refusal) is reported to the secretariat; the others are appointed regardless.
 */
import type { Group, Membership } from '../../domain/model';
import type { AppointInput, ChangeResult } from '../members';
import type { ProposedMember, WorkingGroupProposal } from './domain/proposal';

/** What the working groups need from the member register. */
export interface WorkingGroupMembers {
  appoint(input: AppointInput, actorId: string): Promise<ChangeResult<Membership>>;
  endMembership(
    groupId: string,
    personId: string,
    endedOn: string,
    actorId: string,
  ): Promise<ChangeResult<Membership>>;
  /** Memberships of the group active on `date` (default today), with their persons. */
  activeMembers(
    groupId: string,
    date?: string,
  ): Promise<Array<{ membership: Membership; person: { id: string; name: string } }>>;
  /** The governance file's organisations besides the municipalities (to read "KL" as KL). */
  organisationIds: readonly string[];
  /** The register's municipalities (to read "Aarhus Kommune" as municipality 751). */
  municipalities(): Promise<Array<{ code: string; name: string }>>;
}

export type MemberFailure = {
  name: string;
  reason: 'no-person' | 'unknown-organisation' | 'refused';
  rule?: string;
};

export interface MembersOnApproval {
  created: string[];
  failed: MemberFailure[];
}

/**
 * An organisation's id as the governance file lists it (any case), "Aarhus" or "Aarhus Kommune" as
 * the register's organisation; undefined when unknown.
 */
export function organisationOf(
  text: string,
  municipalities: ReadonlyArray<{ code: string; name: string }>,
  organisationIds: readonly string[],
): AppointInput['organisation'] | undefined {
  const wanted = text.trim().toLowerCase();
  const kind = organisationIds.find((candidate) => candidate.toLowerCase() === wanted);
  if (kind) return { kind };
  const bare = wanted.replace(/\s+kommune$/, '');
  const found = municipalities.find((m) => m.name.toLowerCase().replace(/\s+kommune$/, '') === bare);
  return found ? { kind: 'municipality', municipalityCode: found.code } : undefined;
}

/** Is this member the proposal's chair (the chair is named as written in the proposal)? */
export function isChair(member: ProposedMember, proposal: WorkingGroupProposal): boolean {
  return member.name.trim().toLowerCase() === proposal.chair.trim().toLowerCase();
}

/** Appoints the proposal's members to the working group; `actorId` is the hearing's proposer. */
export async function appointMembers(
  members: WorkingGroupMembers,
  group: Group,
  proposal: WorkingGroupProposal,
  actorId: string,
): Promise<MembersOnApproval> {
  const result: MembersOnApproval = { created: [], failed: [] };
  let municipalities: Array<{ code: string; name: string }> | undefined;
  for (const member of proposal.members) {
    if (!member.personId) {
      result.failed.push({ name: member.name, reason: 'no-person' });
      continue;
    }
    municipalities ??= await members.municipalities();
    const organisation = organisationOf(member.organisation, municipalities, members.organisationIds);
    const input: AppointInput = {
      personId: member.personId,
      name: member.name,
      ...(member.email ? { email: member.email } : {}),
      ...(organisation ? { organisation } : {}),
      groupId: group.id,
      role: isChair(member, proposal) ? 'chair' : 'member',
      termStart: proposal.startDate,
      plannedEnd: group.plannedEnd ?? proposal.endDate,
    };
    const appointed = await members.appoint(input, actorId);
    if (appointed.ok) result.created.push(member.personId);
    else
      result.failed.push({
        name: member.name,
        reason: appointed.refusal.rule === 'invalid' && !organisation ? 'unknown-organisation' : 'refused',
        rule: appointed.refusal.rule,
      });
  }
  return result;
}
