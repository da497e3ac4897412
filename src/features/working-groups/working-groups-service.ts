/**
 * Working groups after their hearing: creation on approval (exactly one Group per hearing), the
 * priority ranking, dissolution and extension by the parent reference group (or the secretariat).
 * Every change is in the audit log; a dissolved group keeps its history and is read-only.
 */
import { DEFAULT_TIME_ZONE, localToday } from '../../domain/time';
import type { WorkingGroupProposal } from './domain/proposal';
import type { Clock } from '../../domain/clock';
import { isActiveOn } from '../../domain/terms';
import type { Group, Membership } from '../../domain/model';
import { AlreadyExistsError } from '../../platform/storage/port';
import {
  plannedRankingId,
  type WorkingGroupCharter,
  type WorkingGroupRepository,
} from './working-groups-repository';
import type { AuditLog } from '../../domain/ports';
import type { WorkingGroupResult } from './working-group-result-repository';
import { parseDate, workingGroupSlug } from './working-group-proposal';
import { appointMembers, type MembersOnApproval, type WorkingGroupMembers } from './working-group-members';
import { localText } from '../../domain/localized-text';

/** Told what became of the proposal's members on approval (the secretariat's report). */
export type MembersReport = (group: Group, outcome: MembersOnApproval) => Promise<void>;

export interface WorkingGroupStore {
  getGroup(groupId: string): Promise<Group | undefined>;
  listGroups(): Promise<Group[]>;
  createGroup(group: Group): Promise<unknown>;
  saveGroup(group: Group): Promise<unknown>;
}

export interface RankedEntry {
  id: string;
  title: string;
  planned: boolean;
}

export type DissolveResult =
  | { kind: 'unknown'; id: string }
  | { kind: 'not-allowed'; group: Group }
  | { kind: 'already-dissolved'; group: Group }
  | { kind: 'dissolved'; group: Group };

export type ExtendResult =
  | { kind: 'unknown'; id: string }
  | { kind: 'not-allowed'; group: Group }
  | { kind: 'read-only'; group: Group }
  | { kind: 'bad-date' }
  | { kind: 'not-later'; group: Group }
  | { kind: 'missing-reason' }
  | { kind: 'extended'; group: Group; from: string; to: string };

/** What a working group is created from: an approved hearing's id, proposer and proposal. */
export interface ApprovedProposal {
  id: string;
  proposerId: string;
  proposal: WorkingGroupProposal;
}

export class WorkingGroupService {
  constructor(
    private readonly groups: WorkingGroupStore,
    private readonly repository: WorkingGroupRepository,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
    private readonly timeZone: string = DEFAULT_TIME_ZONE,
    /** The member register (absent in tests of the group alone: no memberships are created). */
    private readonly members?: { register: () => WorkingGroupMembers; report: MembersReport },
  ) {}

  /** The member register, when this service was given one. */
  memberRegister(): WorkingGroupMembers | undefined {
    return this.members?.register();
  }

  async workingGroups(): Promise<Group[]> {
    return (await this.groups.listGroups()).filter((group) => group.kind === 'working');
  }

  /** Started and planned working groups in priority order (titles resolved). */
  async ranking(plannedTitles: Map<string, string>): Promise<RankedEntry[]> {
    const ids = await this.repository.ranking();
    const groups = new Map((await this.workingGroups()).map((group) => [group.id, group]));
    const entries: RankedEntry[] = [];
    for (const id of ids) {
      const group = groups.get(id);
      if (group && group.status === 'active')
        entries.push({ id, title: localText(group.name, 'da'), planned: false });
      else if (plannedTitles.has(id)) entries.push({ id, title: plannedTitles.get(id)!, planned: true });
    }
    return entries;
  }

  /** Puts a planned working group (its hearing) at `position` (1-based) among the visible entries. */
  async placePlanned(hearingId: string, position: number, visibleIds: string[]): Promise<void> {
    const entry = plannedRankingId(hearingId);
    await this.repository.changeRanking((ids) => {
      if (ids.includes(entry)) return ids;
      // Insert before the visible entry now at that position (stale/hidden ids stay where they are).
      const anchor = visibleIds[position - 1];
      const at = anchor !== undefined && ids.includes(anchor) ? ids.indexOf(anchor) : ids.length;
      return [...ids.slice(0, at), entry, ...ids.slice(at)];
    });
  }

  async removeFromRanking(id: string): Promise<void> {
    await this.repository.changeRanking((ids) => ids.filter((existing) => existing !== id));
  }

  /**
   * Creates the working group of an approved hearing. Idempotent: run again (after a crash or a
   * retried close) it finds the group it created before (the charter names the hearing).
   */
  async createFromHearing(hearing: ApprovedProposal): Promise<Group> {
    const base = workingGroupSlug(hearing.proposal.title);
    for (let attempt = 1; attempt <= 20; attempt++) {
      const id = attempt === 1 ? base : `${base}-${attempt}`;
      const existing = await this.groups.getGroup(id);
      if (existing) {
        const charter = await this.repository.charter(id);
        // No charter: we crashed between creating the group and its charter; the same title and
        // parent make it ours (another hearing with that title would have its charter).
        const ours = charter
          ? charter.hearingId === hearing.id
          : existing.kind === 'working' &&
            existing.name.da === hearing.proposal.title &&
            existing.parentGroupId === hearing.proposal.parentGroupId;
        if (ours) {
          if (!charter) await this.repository.saveCharter(charterOf(existing, hearing));
          return this.finishCreation(existing, hearing);
        }
        continue;
      }
      const group: Group = {
        id,
        kind: 'working',
        name: { da: hearing.proposal.title, en: hearing.proposal.title },
        parentGroupId: hearing.proposal.parentGroupId,
        status: 'active',
        plannedEnd: hearing.proposal.endDate,
        createdAt: this.clock.now().toISOString(),
      };
      try {
        // Create-once: of two hearings racing for one id, one gets it and the other the next id.
        await this.groups.createGroup(group);
      } catch (error) {
        if (error instanceof AlreadyExistsError) continue;
        throw error;
      }
      await this.repository.saveCharter(charterOf(group, hearing));
      await this.audit.append({
        at: group.createdAt,
        actorId: hearing.proposerId,
        action: 'working-group.create',
        subject: `group:${id}`,
        details: {
          hearingId: hearing.id,
          parentGroupId: group.parentGroupId,
          plannedEnd: group.plannedEnd,
          members: hearing.proposal.members,
          chair: hearing.proposal.chair,
        },
      });
      return this.finishCreation(group, hearing);
    }
    throw new Error(`no free working-group id for "${hearing.proposal.title}"`);
  }

  private async finishCreation(group: Group, hearing: ApprovedProposal): Promise<Group> {
    const planned = plannedRankingId(hearing.id);
    await this.repository.changeRanking((ids) => {
      const index = ids.indexOf(planned);
      if (index < 0) return ids.includes(group.id) ? ids : [...ids, group.id];
      // The planned entry becomes the working group, keeping its place.
      return ids.filter((id) => id !== group.id).map((id) => (id === planned ? group.id : id));
    });
    await this.appointProposedMembers(group, hearing);
    return group;
  }

  /**
   * The proposal's members as memberships (idempotent: a repeated appointment is already done);
   * those that could not be created are reported, the others stay created.
   */
  private async appointProposedMembers(group: Group, hearing: ApprovedProposal): Promise<void> {
    if (!this.members) return;
    const outcome = await appointMembers(
      this.members.register(),
      group,
      hearing.proposal,
      hearing.proposerId,
    );
    if (outcome.failed.length > 0) await this.members.report(group, outcome);
  }

  async group(groupId: string): Promise<Group | undefined> {
    return this.groups.getGroup(groupId);
  }

  async charter(groupId: string): Promise<WorkingGroupCharter | undefined> {
    return this.repository.charter(groupId);
  }

  /**
   * Dissolving is for the parent reference group's members and the secretariat. The reason, when
   * given (the card asks for one), goes into the audit entry.
   */
  async dissolve(actor: ActorInGroups, reference: string, reason?: string): Promise<DissolveResult> {
    const group = await this.find(reference);
    if (!group) return { kind: 'unknown', id: reference };
    if (!this.mayManage(actor, group)) return { kind: 'not-allowed', group };
    if (group.status === 'dissolved') {
      // A first attempt may have crashed after marking the group: the retry finishes the steps
      // (both are idempotent), so the ranking and the audit log never miss a dissolution.
      await this.completeDissolution(actor, group);
      return { kind: 'already-dissolved', group };
    }
    return { kind: 'dissolved', group: await this.markDissolved(actor.id, group, reason) };
  }

  /**
   * Dissolves the group as `actorId` without the manage check (the result was handed in: the
   * group's own members close it). Idempotent: a dissolved group only gets the missing steps.
   */
  async dissolveAs(actorId: string, groupId: string, reason: string): Promise<void> {
    const group = await this.groups.getGroup(groupId);
    if (!group) return;
    const actor = { id: actorId, secretariat: false, memberships: [] };
    if (group.status === 'dissolved') await this.completeDissolution(actor, group, reason);
    else await this.markDissolved(actorId, group, reason);
  }

  private async markDissolved(actorId: string, group: Group, reason?: string): Promise<Group> {
    const at = this.clock.now().toISOString();
    const { etag: _etag, ...plain } = group as Group & { etag?: string };
    const dissolved: Group = { ...plain, status: 'dissolved', dissolvedAt: at };
    await this.groups.saveGroup(dissolved);
    await this.completeDissolution({ id: actorId, secretariat: false, memberships: [] }, dissolved, reason);
    return dissolved;
  }

  /** The charter keeps the handed-in result (idempotent: the same result again changes nothing). */
  async recordResult(groupId: string, result: WorkingGroupResult): Promise<void> {
    if (!(await this.repository.charter(groupId))) return;
    await this.repository.updateCharter(groupId, (current) =>
      current.result ? undefined : { ...current, result },
    );
  }

  /** The steps after the group is marked dissolved: out of the ranking, one audit entry (create-once). */
  private async completeDissolution(actor: ActorInGroups, group: Group, reason?: string): Promise<void> {
    await this.removeFromRanking(group.id);
    const at = group.dissolvedAt ?? this.clock.now().toISOString();
    const why = reason?.trim();
    await this.audit.append(
      {
        at,
        actorId: actor.id,
        action: 'working-group.dissolve',
        subject: `group:${group.id}`,
        ...(why ? { details: { reason: why } } : {}),
      },
      { onceKey: `working-group.dissolve:${group.id}` },
    );
  }

  /**
   * Whether the actor may ask for this extension: the same checks the parent's decision then
   * applies. 'ok' carries the group and the normalised date and reason.
   */
  async checkExtension(
    actor: ActorInGroups,
    reference: string,
    newEnd: string,
    reason: string,
  ): Promise<
    Exclude<ExtendResult, { kind: 'extended' }> | { kind: 'ok'; group: Group; to: string; reason: string }
  > {
    const group = await this.find(reference);
    if (!group) return { kind: 'unknown', id: reference };
    if (!this.mayManage(actor, group)) return { kind: 'not-allowed', group };
    if (group.status === 'dissolved') return { kind: 'read-only', group };
    const date = parseDate(newEnd);
    if (!date) return { kind: 'bad-date' };
    if (group.plannedEnd && date <= group.plannedEnd) return { kind: 'not-later', group };
    if (reason.trim() === '') return { kind: 'missing-reason' };
    return { kind: 'ok', group, to: date, reason: reason.trim() };
  }

  /**
   * The parent's decided extension: the new planned end on the group and in the charter, and the
   * decision in the audit log. Idempotent: a group already ending on `to` is left as it is (a
   * retried close), and the audit entry is create-once per request.
   */
  async applyExtension(input: {
    groupId: string;
    to: string;
    reason: string;
    by: string;
    /** The parent's decided request; absent for an extension made directly. */
    requestId?: string;
  }): Promise<ExtendResult> {
    const group = await this.groups.getGroup(input.groupId);
    if (!group) return { kind: 'unknown', id: input.groupId };
    if (group.status === 'dissolved') return { kind: 'read-only', group };
    const at = this.clock.now().toISOString();
    const from = group.plannedEnd ?? input.to;
    if (group.plannedEnd !== input.to) {
      const { etag: _etag, ...plain } = group as Group & { etag?: string };
      await this.groups.saveGroup({ ...plain, plannedEnd: input.to });
      const charter = await this.repository.charter(group.id);
      if (charter && !charter.extensions.some((e) => e.to === input.to)) {
        await this.repository.updateCharter(group.id, (current) => ({
          ...current,
          plannedEnd: input.to,
          extensions: [...current.extensions, { from, to: input.to, reason: input.reason, by: input.by, at }],
        }));
      }
    }
    await this.audit.append(
      {
        at,
        actorId: input.by,
        action: 'decision.working-group.extend',
        subject: `group:${group.id}`,
        details: {
          from,
          to: input.to,
          reason: input.reason,
          ...(input.requestId ? { requestId: input.requestId } : {}),
        },
      },
      input.requestId ? { onceKey: `working-group.extend:${input.requestId}` } : undefined,
    );
    return { kind: 'extended', group: { ...group, plannedEnd: input.to }, from, to: input.to };
  }

  async find(reference: string): Promise<Group | undefined> {
    const wanted = reference.trim().toLowerCase();
    const groups = await this.workingGroups();
    return (
      groups.find((group) => group.id === wanted) ??
      groups.find((group) => Object.values(group.name).some((name) => name.toLowerCase() === wanted))
    );
  }

  /**
   * May the actor dissolve or extend this working group? The secretariat, or a current member of
   * the reference group it reports to. The cards ask this too, to show their buttons only to them.
   */
  mayManage(actor: ActorInGroups, group: Group): boolean {
    if (actor.secretariat) return true;
    const today = localToday(this.clock, this.timeZone);
    return actor.memberships.some((m) => m.groupId === group.parentGroupId && isActiveOn(m, today));
  }
}

export interface ActorInGroups {
  id: string;
  secretariat: boolean;
  memberships: Membership[];
}

function charterOf(group: Group, hearing: ApprovedProposal): WorkingGroupCharter {
  return {
    groupId: group.id,
    hearingId: hearing.id,
    proposal: hearing.proposal,
    plannedEnd: hearing.proposal.endDate,
    extensions: [],
  };
}
