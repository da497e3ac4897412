/**
 * Changes to a current membership: ending it (the first day away) and changing its role. Both are
 * audited; a repeated delivery of the same change is "already done".
 */
import { z } from 'zod';
import type { MemberRole, Membership } from '../../domain/model';
import { seniorityCheck } from '../../domain/terms';
import { recordAudit, type MembersServiceDeps } from './members-deps';
import { seniorityRuleApplies } from './domain/seniority';
import { invalid, refused, seniorityWarnings, type ChangeResult, type MemberWarning } from './member-results';

const MEMBER_ROLES: MemberRole[] = ['member', 'chair', 'staff'];

type ChangeDeps = Pick<MembersServiceDeps, 'people' | 'audit' | 'clock' | 'governance'>;

export class MembershipChanges {
  constructor(private readonly deps: ChangeDeps) {}

  /** The person's current membership of the group (not ended), if any. */
  private async currentMembership(groupId: string, personId: string): Promise<Membership | undefined> {
    const memberships = (await this.deps.people.membershipsOf(personId)).filter((m) => m.groupId === groupId);
    return memberships
      .filter((m) => m.endedOn === undefined)
      .sort((a, b) => b.termStart.localeCompare(a.termStart))[0];
  }

  /** Ends the person's current membership of the group on `endedOn` (the first day away); audited. */
  async endMembership(
    groupId: string,
    personId: string,
    endedOn: string,
    actorId: string,
  ): Promise<ChangeResult<Membership>> {
    if (!z.iso.date().safeParse(endedOn).success)
      return refused(
        invalid({
          field: 'endedOn',
          code: 'invalid_format',
          format: 'date',
          message: 'expected a date YYYY-MM-DD',
        }),
      );
    const current = await this.currentMembership(groupId, personId);
    if (!current) return this.endedAlready(groupId, personId, endedOn);
    if (endedOn < current.termStart) {
      return refused(
        invalid({
          field: 'endedOn',
          code: 'too_small',
          origin: 'date',
          limit: current.termStart,
          inclusive: true,
          message: `must not be before termStart ${current.termStart}`,
        }),
      );
    }
    const membership: Membership = { ...current, endedOn };
    await this.deps.people.saveMembership(membership);
    await recordAudit(this.deps, {
      actorId,
      action: 'membership.ended',
      subject: `person:${personId}`,
      details: { personId, groupId, role: current.role, termStart: current.termStart, endedOn },
    });
    const person = await this.deps.people.getPerson(personId);
    const warnings =
      person && current.role !== 'staff' ? await this.warningsAfterLeaving(groupId, endedOn) : [];
    return { ok: true, value: membership, warnings };
  }

  /** No current membership: the same end delivered again is done, anything else is refused. */
  private async endedAlready(
    groupId: string,
    personId: string,
    endedOn: string,
  ): Promise<ChangeResult<Membership>> {
    const ended = (await this.deps.people.membershipsOf(personId)).find(
      (m) => m.groupId === groupId && m.endedOn === endedOn,
    );
    if (ended) return { ok: true, value: ended, warnings: [], alreadyDone: true };
    return refused({ rule: 'not-member' });
  }

  private async warningsAfterLeaving(groupId: string, date: string): Promise<MemberWarning[]> {
    const memberships = await this.deps.people.membersOf(groupId);
    const rule = this.deps.governance.seniority;
    // As on appointment: a body younger than the rule's years cannot have a senior member yet.
    if (!seniorityRuleApplies(memberships, groupId, date, rule)) return [];
    return seniorityWarnings(seniorityCheck(memberships, groupId, date, rule));
  }

  /** Changes the role of the person's current membership (member <-> chair, ...); audited. */
  async changeRole(
    groupId: string,
    personId: string,
    role: MemberRole,
    actorId: string,
  ): Promise<ChangeResult<Membership>> {
    if (!MEMBER_ROLES.includes(role)) {
      return refused(
        invalid({
          field: 'role',
          code: 'invalid_value',
          values: [...MEMBER_ROLES],
          message: 'expected one of member, chair, secretariat',
        }),
      );
    }
    const current = await this.currentMembership(groupId, personId);
    if (!current) return refused({ rule: 'not-member' });
    if (current.role === role) return { ok: true, value: current, warnings: [], alreadyDone: true };
    const membership: Membership = { ...current, role };
    await this.deps.people.saveMembership(membership);
    await recordAudit(this.deps, {
      actorId,
      action: 'membership.role-changed',
      subject: `person:${personId}`,
      details: { personId, groupId, termStart: current.termStart, from: current.role, to: role },
    });
    return { ok: true, value: membership, warnings: [] };
  }
}
