/**
 * Extending a working group by the parent reference group's decision: `forlæng arbejdsgruppe`
 * opens a request, voted as a card in the parent's channel; its close after the parent's period
 * (a scheduler moment, exactly once through the ledger) decides under the parent's rule, or the
 * secretariat records that the parent decided it at a meeting. Approved: the new planned end (the
 * charter's extensions as before) and the announcement to the steering group (its channel, else
 * the secretariat); rejected: the requester is told personally with the tally.
 */
import type { Clock } from '../../domain/clock';
import { bodyById, bodyLanguage, governanceRoles, type Governance } from '../../domain/governance';
import type { Group, Locale } from '../../domain/model';
import type { AuditLog, ChannelMessenger } from '../../domain/ports';
import { personAddress } from '../../domain/person-address';
import type { ActorRole } from '../../domain/roles';
import { personalLanguage, translatorFor, type PersonLanguages } from '../../platform/i18n';
import {
  decideExtension,
  decideExtensionVote,
  extensionClosesAt,
  extensionRequestId,
  extensionRuleOf,
  extensionTallyOf,
  type ExtensionChoice,
  type ExtensionRequest,
  type ExtensionTally,
} from './domain/extension';
import type { ExtensionRepository } from './working-group-extension-repository';
import type { ActorInGroups, ExtendResult, WorkingGroupService } from './working-groups-service';
import { localText } from '../../domain/localized-text';

export interface ExtensionServiceDeps {
  repository: ExtensionRepository;
  workingGroups: WorkingGroupService;
  roles: { rolesOf(personId: string | undefined, groupId?: string): Promise<ActorRole[]> };
  messenger: ChannelMessenger;
  audit: AuditLog;
  clock: Clock;
  governance: Governance;
  /** The users' own languages: the rejected requester's message is in theirs (issue 26.5). */
  languages?: PersonLanguages;
}

export type RequestResult =
  | Exclude<ExtendResult, { kind: 'extended' }>
  | { kind: 'no-parent'; group: Group }
  | { kind: 'already-decided'; request: ExtensionRequest }
  | {
      kind: 'requested';
      request: ExtensionRequest;
      group: Group;
      tally: ExtensionTally;
      /** False for a request sent again: its vote card is in the parent's channel already. */
      created: boolean;
    };

export type ExtensionVoteResult =
  | { kind: 'not-found' }
  | { kind: 'not-member'; request: ExtensionRequest }
  | { kind: 'closed'; request: ExtensionRequest }
  | { kind: 'voted'; request: ExtensionRequest; tally: ExtensionTally };

export type ExtensionCloseResult =
  | { kind: 'not-found' }
  | { kind: 'already-closed'; request: ExtensionRequest }
  | { kind: 'busy' }
  | { kind: 'closed'; request: ExtensionRequest };

const MAX_CLOSE_ATTEMPTS = 5;

export class ExtensionService {
  constructor(private readonly deps: ExtensionServiceDeps) {}

  /** What the bot posts in a body's channel is in that body's language (issue 26.5). */
  channelLanguage(groupId: string): Locale {
    return bodyLanguage(this.deps.governance, groupId);
  }

  /** Opens the request (the same checks as an extension); the feature posts its vote card. */
  async request(
    actor: ActorInGroups,
    reference: string,
    newEnd: string,
    reason: string,
  ): Promise<RequestResult> {
    const checked = await this.deps.workingGroups.checkExtension(actor, reference, newEnd, reason);
    if (checked.kind !== 'ok') return checked;
    const { group } = checked;
    if (!group.parentGroupId) return { kind: 'no-parent', group };
    const from = group.plannedEnd ?? checked.to;
    const rule = extensionRuleOf(bodyById(this.deps.governance, group.parentGroupId));
    const openedAt = this.deps.clock.now().toISOString();
    const { request, created } = await this.deps.repository.createOnce({
      id: extensionRequestId(group.id, from, checked.to),
      groupId: group.id,
      parentGroupId: group.parentGroupId,
      from,
      to: checked.to,
      reason: checked.reason,
      requesterId: actor.id,
      openedAt,
      closesAt: extensionClosesAt(openedAt, rule, this.deps.governance.timeZone),
      rule,
      status: 'open',
    });
    if (request.status !== 'open') return { kind: 'already-decided', request };
    if (created)
      await this.deps.audit.append({
        at: openedAt,
        actorId: actor.id,
        action: 'working-group.extension-request',
        subject: `group:${group.id}`,
        details: { requestId: request.id, from, to: request.to, closesAt: request.closesAt },
      });
    return { kind: 'requested', request, group, tally: await this.tally(request), created };
  }

  async isParentMember(personId: string, parentGroupId: string): Promise<boolean> {
    const roles = await this.deps.roles.rolesOf(personId, parentGroupId);
    return roles.includes('member') || roles.includes('chair');
  }

  async tally(request: ExtensionRequest): Promise<ExtensionTally> {
    return (
      request.closed?.tally ??
      extensionTallyOf(await this.deps.repository.votesOf(request.parentGroupId, request.id))
    );
  }

  async get(parentGroupId: string, id: string): Promise<ExtensionRequest | undefined> {
    const stored = await this.deps.repository.get(parentGroupId, id);
    if (!stored) return undefined;
    const { etag: _etag, ...request } = stored;
    return request;
  }

  async vote(input: {
    parentGroupId: string;
    requestId: string;
    choice: ExtensionChoice;
    voterId: string;
  }): Promise<ExtensionVoteResult> {
    const request = await this.get(input.parentGroupId, input.requestId);
    if (!request) return { kind: 'not-found' };
    const decision = decideExtensionVote(request, {
      isMember: await this.isParentMember(input.voterId, request.parentGroupId),
      now: this.deps.clock.now(),
    });
    if (decision.kind !== 'ok') return { kind: decision.kind, request };
    await this.deps.repository.putVote({
      requestId: request.id,
      parentGroupId: request.parentGroupId,
      voterId: input.voterId,
      choice: input.choice,
      castAt: this.deps.clock.now().toISOString(),
    });
    return { kind: 'voted', request, tally: await this.tally(request) };
  }

  /**
   * Decides the request: after its period under the parent's rule (`meeting` absent), or as the
   * parent decided it at a meeting (the secretariat records it). A second close finds it decided.
   */
  async close(
    parentGroupId: string,
    id: string,
    meeting?: { meetingId: string; approved: boolean; by: string },
  ): Promise<ExtensionCloseResult> {
    for (let attempt = 1; attempt <= MAX_CLOSE_ATTEMPTS; attempt++) {
      const stored = await this.deps.repository.get(parentGroupId, id);
      if (!stored) return { kind: 'not-found' };
      const { etag, ...request } = stored;
      if (request.status !== 'open') return { kind: 'already-closed', request };
      const tally = extensionTallyOf(await this.deps.repository.votesOf(parentGroupId, id));
      const approved = meeting ? meeting.approved : decideExtension(request.rule, tally) === 'approved';
      const closed: ExtensionRequest = {
        ...request,
        status: approved ? 'approved' : 'rejected',
        closed: {
          at: this.deps.clock.now().toISOString(),
          tally,
          ...(meeting ? { meetingId: meeting.meetingId, by: meeting.by } : {}),
        },
      };
      if ((await this.deps.repository.close(closed, etag)) === 'conflict') continue;
      await this.finish(closed);
      return { kind: 'closed', request: closed };
    }
    return { kind: 'busy' };
  }

  /**
   * What follows a decided request, each step idempotent (a retried close moment runs it again):
   * the new end when approved, the audit entry (once), the outcome's posts.
   */
  async finish(request: ExtensionRequest): Promise<void> {
    const closed = request.closed;
    if (!closed) return;
    const by = closed.by ?? 'system';
    if (request.status === 'approved')
      await this.deps.workingGroups.applyExtension({
        groupId: request.groupId,
        to: request.to,
        reason: request.reason,
        by,
        requestId: request.id,
      });
    await this.deps.audit.append(
      {
        at: closed.at,
        actorId: by,
        action: 'working-group.extension-close',
        subject: `group:${request.groupId}`,
        details: {
          requestId: request.id,
          status: request.status,
          ...closed.tally,
          ...(closed.meetingId ? { meetingId: closed.meetingId } : {}),
        },
      },
      { onceKey: `working-group.extension-close:${request.parentGroupId}:${request.id}` },
    );
    await this.deliverOutcome(request);
  }

  /**
   * Approved: the steering group hears of it (its channel; unbound, the secretariat), and the
   * working group's and the parent's channels (best effort), each in its own language. Rejected:
   * the requester personally, in theirs, with the tally; that post throws when it fails, so the
   * close moment is tried again.
   */
  private async deliverOutcome(request: ExtensionRequest): Promise<void> {
    const text = async (key: 'extensionApproved' | 'extensionRejected', locale: Locale) => {
      const t = translatorFor(locale);
      const tally = t('workingGroups.extensionTally', { ...request.closed!.tally });
      const group = await this.groupName(request.groupId, locale);
      return t(`workingGroups.${key}`, { group, from: request.from, to: request.to, tally });
    };
    if (request.status === 'rejected') {
      const own = await personalLanguage(
        this.deps.governance.language,
        this.deps.languages,
        request.requesterId,
      );
      await this.deps.messenger.postToGroup(personAddress(request.requesterId), {
        text: await text('extensionRejected', own),
      });
      return;
    }
    const announce = async (groupId: string) =>
      this.deps.messenger.postToGroup(groupId, {
        text: await text('extensionApproved', this.channelLanguage(groupId)),
      });
    const { decide, administer } = governanceRoles(this.deps.governance);
    await announce(decide).catch(async () => announce(administer));
    for (const target of [request.groupId, request.parentGroupId])
      await announce(target).catch(() => undefined);
  }

  /** The group's name in `locale` (else its file language's, else any it has). */
  async groupName(groupId: string, locale: Locale = this.channelLanguage(groupId)): Promise<string> {
    const group = await this.deps.workingGroups.group(groupId);
    return (
      localText(group?.name, locale) ||
      localText(bodyById(this.deps.governance, groupId)?.name, locale) ||
      groupId
    );
  }

  /** The open requests (the close moments' source). */
  async listOpen(): Promise<ExtensionRequest[]> {
    return this.deps.repository.listOpen();
  }
}
