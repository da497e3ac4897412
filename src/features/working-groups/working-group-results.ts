/**
 * A working group hands in its result to the parent reference group, then is dissolved (issue
 * 22.3): the result (analysis, solution options or decision proposal; a summary; material checked
 * by the agenda's rules) becomes an accepted item on the parent's next meeting, written in one
 * batch with the result; then the charter keeps the result, the memberships end that day and the
 * group is dissolved (the dissolution's audit entry as for any dissolution).
 *
 * Refused with nothing stored: no parent meeting scheduled, a second hand-in, a dissolved group,
 * someone neither a member of the working group nor the secretariat.
 */
import type { Clock } from '../../domain/clock';
import { bodyLanguage, type Governance } from '../../domain/governance';
import type { Group } from '../../domain/model';
import { isActiveOn } from '../../domain/terms';
import { localToday } from '../../domain/time';
import type { BatchOperation } from '../../platform/storage/port';
import { translatorFor } from '../../platform/i18n';
import { proposalDocument, proposalMaterialOf, type MaterialEntry, type ProposalRecord } from '../agenda';
import type { WorkingGroupMembers } from './working-group-members';
import type { ResultKind, ResultRepository, WorkingGroupResult } from './working-group-result-repository';
import type { ActorInGroups, WorkingGroupService } from './working-groups-service';
import { localText } from '../../domain/localized-text';

/** Minutes the result gets on the parent's agenda. */
export const RESULT_ITEM_MINUTES = 20;
export const RESULT_LIMITS = { titleMaxChars: 200, summaryMaxChars: 4000 } as const;

export interface ResultServiceDeps {
  repository: ResultRepository;
  workingGroups: WorkingGroupService;
  members: () => WorkingGroupMembers;
  agenda: { nextMeeting(groupId: string): Promise<{ id: string; startsAt: string } | undefined> };
  clock: Clock;
  governance: Governance;
}

export interface ResultInput {
  kind: ResultKind;
  title: string;
  summary: string;
  materialText: string;
}

export type ResultFieldError = { field: 'title' | 'summary' | 'material'; key: string; params?: object };

export type HandInResult =
  | { kind: 'not-working-group' }
  | { kind: 'read-only'; group: Group }
  | { kind: 'not-allowed'; group: Group }
  | { kind: 'already-handed-in'; group: Group }
  | { kind: 'invalid'; group: Group; errors: ResultFieldError[] }
  | { kind: 'no-meeting'; group: Group; parentName: string }
  | { kind: 'handed-in'; group: Group; result: WorkingGroupResult; meetingStartsAt: string };

export class ResultService {
  constructor(private readonly deps: ResultServiceDeps) {}

  /** May the actor hand in for this group: the secretariat, or a current member of the working group. */
  mayHandIn(actor: ActorInGroups, group: Group): boolean {
    if (actor.secretariat) return true;
    const today = localToday(this.deps.clock, this.deps.governance.timeZone);
    return actor.memberships.some((m) => m.groupId === group.id && isActiveOn(m, today));
  }

  /** The checks before anything is shown or stored (the form's command asks them too). */
  async check(
    actor: ActorInGroups,
    groupId: string | undefined,
  ): Promise<{ refusal: HandInResult } | { group: Group }> {
    const group = groupId ? await this.deps.workingGroups.group(groupId) : undefined;
    if (!group || group.kind !== 'working' || !group.parentGroupId)
      return { refusal: { kind: 'not-working-group' } };
    if (group.status === 'dissolved') return { refusal: { kind: 'read-only', group } };
    if (!this.mayHandIn(actor, group)) return { refusal: { kind: 'not-allowed', group } };
    const stored = await this.deps.repository.get(group.parentGroupId, group.id);
    if (stored) {
      // Stored but the group still active: an earlier hand-in stopped before the dissolution.
      await this.dissolveWithResult(actor, group, stored);
      return { refusal: { kind: 'already-handed-in', group } };
    }
    return { group };
  }

  async handIn(actor: ActorInGroups, groupId: string, input: ResultInput): Promise<HandInResult> {
    const checked = await this.check(actor, groupId);
    if ('refusal' in checked) return checked.refusal;
    const { group } = checked;
    const parentId = group.parentGroupId!;
    const now = this.deps.clock.now().toISOString();
    const validated = this.validate(input, actor.id, now);
    if ('errors' in validated) return { kind: 'invalid', group, errors: validated.errors };
    const meeting = await this.deps.agenda.nextMeeting(parentId);
    if (!meeting)
      return {
        kind: 'no-meeting',
        group,
        parentName: localText((await this.deps.workingGroups.group(parentId))?.name, 'da') || parentId,
      };
    const result: WorkingGroupResult = {
      groupId: group.id,
      parentGroupId: parentId,
      kind: input.kind,
      title: validated.title,
      summary: validated.summary,
      material: validated.material,
      handedInBy: actor.id,
      handedInAt: now,
      meetingId: meeting.id,
      agendaItemId: resultItemId(group.id),
    };
    const written = await this.deps.repository.create(result, this.itemWrite(group, result));
    if (written === 'exists') return { kind: 'already-handed-in', group };
    await this.dissolveWithResult(actor, group, result);
    return { kind: 'handed-in', group, result, meetingStartsAt: meeting.startsAt };
  }

  private validate(
    input: ResultInput,
    actorId: string,
    at: string,
  ): { title: string; summary: string; material: MaterialEntry[] } | { errors: ResultFieldError[] } {
    const errors: ResultFieldError[] = [];
    const title = input.title.trim();
    const summary = input.summary.trim();
    if (title === '') errors.push({ field: 'title', key: 'workingGroups.resultRequired' });
    else if (title.length > RESULT_LIMITS.titleMaxChars)
      errors.push({
        field: 'title',
        key: 'workingGroups.resultTooLong',
        params: { max: RESULT_LIMITS.titleMaxChars },
      });
    if (summary === '') errors.push({ field: 'summary', key: 'workingGroups.resultRequired' });
    else if (summary.length > RESULT_LIMITS.summaryMaxChars)
      errors.push({
        field: 'summary',
        key: 'workingGroups.resultTooLong',
        params: { max: RESULT_LIMITS.summaryMaxChars },
      });
    const material = proposalMaterialOf(input.materialText, this.deps.governance);
    for (const error of material.errors)
      errors.push({ field: 'material', key: `proposals.err_${error.code}`, params: error.params });
    if (errors.length > 0) return { errors };
    const entries = material.links.map((link) => ({
      ...link,
      source: 'link' as const,
      addedBy: actorId,
      addedAt: at,
    }));
    return { title, summary, material: entries };
  }

  /**
   * The accepted item on the parent's meeting: the parent asked for the result with the group's
   * mandate. Its title is in the parent's language, as what the bot posts in its channel (26.5).
   */
  private itemWrite(group: Group, result: WorkingGroupResult): BatchOperation {
    const locale = bodyLanguage(this.deps.governance, result.parentGroupId);
    const t = translatorFor(locale);
    const item: ProposalRecord = {
      id: result.agendaItemId,
      groupId: result.parentGroupId,
      meetingId: result.meetingId,
      title: t('workingGroups.resultItemTitle', {
        group: localText(group.name, locale),
        title: result.title,
      }),
      description: `${t(`workingGroups.resultKind_${result.kind}`)}: ${result.summary}`,
      kind: result.kind === 'decision-proposal' ? 'decision' : 'discussion',
      requestedMinutes: RESULT_ITEM_MINUTES,
      proposerId: result.handedInBy,
      submittedAt: result.handedInAt,
      late: false,
      status: 'accepted',
      triage: { by: result.handedInBy, at: result.handedInAt, reason: `working-group-result:${group.id}` },
      ...(result.material.length > 0
        ? { material: result.material.slice(0, this.deps.governance.material.maxItemsPerProposal) }
        : {}),
    };
    return { op: 'create', doc: proposalDocument.toDocument(item) };
  }

  /**
   * After the result is stored: the charter keeps it, the memberships end today, the group is
   * dissolved. Each step is idempotent, so a retried hand-in (check) may run it again.
   */
  private async dissolveWithResult(
    actor: ActorInGroups,
    group: Group,
    result: WorkingGroupResult,
  ): Promise<void> {
    await this.deps.workingGroups.recordResult(group.id, result);
    const today = localToday(this.deps.clock, this.deps.governance.timeZone);
    const members = this.deps.members();
    for (const row of await members.activeMembers(group.id, today))
      await members.endMembership(group.id, row.person.id, today, actor.id);
    await this.deps.workingGroups.dissolveAs(actor.id, group.id, 'result');
  }

  async resultOf(group: Group): Promise<WorkingGroupResult | undefined> {
    return group.parentGroupId ? this.deps.repository.get(group.parentGroupId, group.id) : undefined;
  }
}

/** The agenda item (proposal) id of a working group's result. */
export function resultItemId(groupId: string): string {
  return `wg-result-${groupId}`.slice(0, 100);
}
