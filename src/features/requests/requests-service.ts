/**
 * Requests for input between the bodies: filing one (validated, stored once, posted to the
 * reference group), answering it (the answer and its agenda item in one batch) and what the
 * reminders need. Who may file: the steering group's members in its channel, the secretariat, and
 * members of FKI management; who may answer: the asked reference group's members (chair included).
 * Both checked here, not only in the bot's gate: the group comes from the card's data.
 */
import type { Clock } from '../../domain/clock';
import { bodyLanguage, governanceRoles, type Governance } from '../../domain/governance';
import type { Locale, Membership, Person } from '../../domain/model';
import type { AuditLog, ChannelMessenger, GroupRegistry, OutboundMessage } from '../../domain/ports';
import type { ActorRole } from '../../domain/roles';
import { addDaysToDate, localToday } from '../../domain/time';
import { meetingDeadlines } from '../../domain/timeline';
import type { BatchOperation } from '../../platform/storage/port';
import { translatorFor, type PersonLanguages } from '../../platform/i18n';
import { formatInstant } from '../../platform/cards/reminders';
import { deliverToGroup } from './request-delivery';
import { proposalMaterialOf, requestedInputItemId, type RequestedInputItem } from '../agenda';
import {
  agendaDeadlineWarning,
  bodyIdsOfKind,
  decideAnswer,
  INPUT_ITEM_MINUTES,
  shortReferenceName,
  validateRequestFields,
  type InputRequest,
  type RequesterCapacity,
  type RequestFieldsInput,
  type RequestMaterial,
} from './domain/requests';
import { requestIdOf, type RequestRepository } from './requests-repository';
import { requestMessage, type FormError } from './requests-cards';
import { localText } from '../../domain/localized-text';

/** The steering group's next meeting and the step that puts an answer on its agenda. */
export interface RequestAgenda {
  nextMeeting(groupId: string): Promise<{ id: string; groupId: string; startsAt: string } | undefined>;
  itemWrite(item: RequestedInputItem): { pk: string; operation: BatchOperation };
}

export interface RequestServiceDeps {
  repository: RequestRepository;
  agenda: RequestAgenda;
  groups: Pick<GroupRegistry, 'getGroup' | 'bindingOfGroup'>;
  /** The body's memberships active today, with their persons (an unbound group's members get it personally). */
  members: { activeMembers(groupId: string): Promise<Array<{ person: Person; membership: Membership }>> };
  people: { getPerson(personId: string): Promise<Person | undefined> };
  roles: { rolesOf(personId: string | undefined, groupId?: string): Promise<ActorRole[]> };
  messenger: ChannelMessenger;
  audit: AuditLog;
  clock: Clock;
  governance: Governance;
  /** Overrides the channels' languages (default: each body's own in the governance file). */
  locale?: Locale;
  /** The members' own languages (`sprog en`): an unbound group's members get the card in theirs. */
  languages?: PersonLanguages;
}

export type SubmitResult =
  | { kind: 'invalid'; errors: FormError[] }
  | { kind: 'no-steering-group' }
  | { kind: 'accepted'; request: InputRequest; created: boolean; posted: boolean; warningDate?: string };

export type AnswerResult =
  | { kind: 'not-found' }
  | { kind: 'not-member'; request: InputRequest }
  | { kind: 'already-answered'; request: InputRequest }
  | { kind: 'invalid'; error: FormError }
  | { kind: 'busy' }
  | { kind: 'answered'; request: InputRequest; meeting?: { id: string; startsAt: string } };

const MAX_ANSWER_ATTEMPTS = 5;

export class RequestService {
  constructor(private readonly deps: RequestServiceDeps) {}

  /** What the bot posts in a body's channel is in that body's language (issue 26.5). */
  private channelLanguage(groupId: string): Locale {
    return this.deps.locale ?? bodyLanguage(this.deps.governance, groupId);
  }

  today(): string {
    return localToday(this.deps.clock, this.deps.governance.timeZone);
  }

  /** Tomorrow: the earliest due date a request may have. */
  earliestDueDate(): string {
    return addDaysToDate(this.today(), 1);
  }

  steeringGroupId(): string | undefined {
    return governanceRoles(this.deps.governance).decide;
  }

  /** The reference groups to ask, with their names in the caller's language. */
  async referenceGroups(locale: Locale): Promise<Array<{ id: string; name: string }>> {
    const bodies = this.deps.governance.bodies.filter((body) => body.kind === 'reference');
    return Promise.all(
      bodies.map(async (body) => ({
        id: body.id,
        name:
          localText((await this.deps.groups.getGroup(body.id))?.name, locale) || localText(body.name, locale),
      })),
    );
  }

  /**
   * In which capacity the person may file a request here: as the secretariat, as a member of the
   * steering group in its channel, or as a member of FKI management anywhere; undefined: not at all.
   */
  async capacityOf(
    personId: string,
    here: { roles: readonly ActorRole[]; boundGroupId?: string },
  ): Promise<RequesterCapacity | undefined> {
    if (here.roles.includes('administer')) return 'administer';
    const { decide, management } = governanceRoles(this.deps.governance);
    if (here.boundGroupId === decide && (here.roles.includes('member') || here.roles.includes('chair')))
      return 'decide';
    if (here.roles.includes('management')) return 'management';
    if (management === undefined) return undefined;
    const roles = await this.deps.roles.rolesOf(personId, management);
    return roles.includes('management') ? 'management' : undefined;
  }

  async submit(input: {
    cardInstanceId: string;
    fields: RequestFieldsInput;
    materialText: string;
    actor: { id: string; name?: string; capacity: RequesterCapacity };
  }): Promise<SubmitResult> {
    const steeringGroupId = this.steeringGroupId();
    if (!steeringGroupId) return { kind: 'no-steering-group' };
    const id = requestIdOf(input.cardInstanceId);
    const existing = id ? await this.deps.repository.get(steeringGroupId, id) : undefined;
    // A re-sent submit: answer as the first time did.
    if (existing) return { kind: 'accepted', request: existing, created: false, posted: true };
    const checked = this.checked(input.fields, input.materialText, input.actor.id);
    if (!checked.ok) return { kind: 'invalid', errors: checked.errors };
    if (!id) throw new Error('request card without an instance id');
    const request: InputRequest = {
      id,
      steeringGroupId,
      ...checked.value,
      requestedBy: input.actor.id,
      ...(input.actor.name ? { requestedByName: input.actor.name } : {}),
      requestedAs: input.actor.capacity,
      requestedAt: this.deps.clock.now().toISOString(),
      status: 'open',
    };
    const { request: stored, created } = await this.deps.repository.createOnce(request);
    if (!created) return { kind: 'accepted', request: stored, created, posted: true };
    await this.deps.audit.append({
      at: stored.requestedAt,
      actorId: stored.requestedBy,
      action: 'request.submit',
      subject: `request:${stored.steeringGroupId}:${stored.id}`,
      details: { referenceGroupId: stored.referenceGroupId, dueDate: stored.dueDate, as: stored.requestedAs },
    });
    const posted = await this.deliver(stored.referenceGroupId, (locale) =>
      this.requestPost(stored, {}, locale),
    );
    return {
      kind: 'accepted',
      request: stored,
      created,
      posted,
      warningDate: await this.warningDate(stored),
    };
  }

  /** The fields, the material lines and the due date, every wrong one named at once. */
  private checked(
    fields: RequestFieldsInput,
    materialText: string,
    actorId: string,
  ):
    | {
        ok: true;
        value: Omit<
          InputRequest,
          'id' | 'steeringGroupId' | 'requestedBy' | 'requestedAs' | 'requestedAt' | 'status'
        >;
      }
    | { ok: false; errors: FormError[] } {
    const referenceGroupIds = bodyIdsOfKind(this.deps.governance, 'reference');
    const validation = validateRequestFields(fields, { today: this.today(), referenceGroupIds });
    const material = this.materialOf(materialText, actorId);
    const errors: FormError[] = [
      ...(validation.ok
        ? []
        : validation.errors.map((error) => ({
            field: error.field,
            key: `requests.err_${error.code}` as const,
            params: error.params,
          }))),
      ...material.errors,
    ];
    if (!validation.ok || errors.length > 0) return { ok: false, errors };
    return { ok: true, value: { ...validation.value, material: material.entries } };
  }

  /** The material lines through the agenda's own rules (https, allowed file types, how many). */
  private materialOf(text: string, actorId: string): { entries: RequestMaterial[]; errors: FormError[] } {
    const parsed = proposalMaterialOf(text, this.deps.governance);
    const at = this.deps.clock.now().toISOString();
    return {
      entries: parsed.links.map((link) => ({
        ...link,
        source: 'link' as const,
        addedBy: actorId,
        addedAt: at,
      })),
      errors: parsed.errors.map((error) => ({
        field: 'material' as const,
        key: `proposals.err_${error.code}` as const,
        params: error.params,
      })),
    };
  }

  /** The day of the steering group's next detailed agenda, when the due date lies after it. */
  private async warningDate(request: InputRequest): Promise<string | undefined> {
    const meeting = await this.deps.agenda.nextMeeting(request.steeringGroupId);
    const deadline = meeting ? meetingDeadlines(meeting, this.deps.governance).detailedAgenda : undefined;
    return agendaDeadlineWarning(request.dueDate, deadline, this.deps.governance.timeZone)?.agendaDate;
  }

  async answer(input: {
    steeringGroupId: string;
    requestId: string;
    text: string;
    materialText: string;
    actor: { id: string; name?: string };
  }): Promise<AnswerResult> {
    for (let attempt = 1; attempt <= MAX_ANSWER_ATTEMPTS; attempt++) {
      const stored = await this.deps.repository.get(input.steeringGroupId, input.requestId);
      if (!stored) return { kind: 'not-found' };
      const { etag, ...request } = stored;
      const roles = await this.deps.roles.rolesOf(input.actor.id, request.referenceGroupId);
      const decision = decideAnswer(request, {
        isReferenceMember: roles.includes('member') || roles.includes('chair'),
        text: input.text,
        today: this.today(),
      });
      if (decision.kind === 'not-member') return { kind: 'not-member', request };
      if (decision.kind === 'already-answered') return { kind: 'already-answered', request };
      if (decision.kind === 'invalid')
        return {
          kind: 'invalid',
          error: {
            field: 'question',
            key: decision.code === 'required' ? 'requests.answerRequired' : 'requests.answer_too-long',
            params: decision.params,
          },
        };
      const material = this.materialOf(input.materialText, input.actor.id);
      if (material.errors.length > 0) return { kind: 'invalid', error: material.errors[0]! };
      const meeting = await this.deps.agenda.nextMeeting(request.steeringGroupId);
      const answered = this.answered(
        request,
        { ...decision, material: material.entries },
        input.actor,
        meeting,
      );
      const item = meeting ? await this.agendaItem(answered, meeting.id) : undefined;
      const write = await this.deps.repository.answer(
        answered,
        etag,
        item && this.deps.agenda.itemWrite(item).operation,
      );
      if (write.kind === 'conflict') continue;
      await this.afterAnswer(answered, meeting);
      return { kind: 'answered', request: answered, meeting };
    }
    return { kind: 'busy' };
  }

  private answered(
    request: InputRequest,
    decision: { text: string; late: boolean; material: RequestMaterial[] },
    actor: { id: string; name?: string },
    meeting: { id: string } | undefined,
  ): InputRequest {
    return {
      ...request,
      status: 'answered',
      answer: {
        text: decision.text,
        material: decision.material,
        by: actor.id,
        ...(actor.name ? { byName: actor.name } : {}),
        at: this.deps.clock.now().toISOString(),
        late: decision.late,
        ...(meeting ? { meetingId: meeting.id, agendaItemId: requestedInputItemId(request.id) } : {}),
      },
    };
  }

  /** The answer as an item of the steering group's meeting: its text, the question's and the answer's material. */
  private async agendaItem(request: InputRequest, meetingId: string): Promise<RequestedInputItem> {
    const answer = request.answer!;
    const locale = this.channelLanguage(request.steeringGroupId);
    const group = shortReferenceName(await this.groupName(request.referenceGroupId, locale));
    const seen = new Set<string>();
    const material = [...answer.material, ...request.material].filter((entry) =>
      seen.has(entry.url) ? false : (seen.add(entry.url), true),
    );
    return {
      requestId: request.id,
      groupId: request.steeringGroupId,
      meetingId,
      title: translatorFor(locale)('requests.agendaItemTitle', { group, topic: request.topic }),
      description: answer.text,
      minutes: INPUT_ITEM_MINUTES,
      material: material.slice(0, this.deps.governance.material.maxItemsPerProposal),
      answeredBy: answer.by,
      ...(answer.byName ? { answeredByName: answer.byName } : {}),
      answeredAt: answer.at,
      late: answer.late,
    };
  }

  /** The audit entry and the steering group's notice (a failed post never undoes the answer). */
  private async afterAnswer(request: InputRequest, meeting: { startsAt: string } | undefined): Promise<void> {
    const answer = request.answer!;
    await this.deps.audit.append(
      {
        at: answer.at,
        actorId: answer.by,
        action: 'request.answer',
        subject: `request:${request.steeringGroupId}:${request.id}`,
        details: { late: answer.late, ...(answer.meetingId ? { meetingId: answer.meetingId } : {}) },
      },
      { onceKey: `request-answer:${request.steeringGroupId}:${request.id}` },
    );
    const locale = this.channelLanguage(request.steeringGroupId);
    const t = translatorFor(locale);
    const group = await this.groupName(request.referenceGroupId, locale);
    const text = meeting
      ? t('requests.steeringNotice', {
          group,
          topic: request.topic,
          meeting: formatInstant(meeting.startsAt, locale, this.deps.governance.timeZone),
        })
      : t('requests.steeringNoticeNoMeeting', { group, topic: request.topic });
    await this.deps.messenger.postToGroup(request.steeringGroupId, { text }).catch(() => undefined);
  }

  async groupName(groupId: string, locale: Locale = this.channelLanguage(groupId)): Promise<string> {
    const body = this.deps.governance.bodies.find((candidate) => candidate.id === groupId);
    return (
      localText((await this.deps.groups.getGroup(groupId))?.name, locale) ||
      localText(body?.name, locale) ||
      groupId
    );
  }

  /**
   * The request's card as posted to the reference group (a reminder: under its heading), in
   * `locale`, by default the group's channel language.
   */
  async requestPost(
    request: InputRequest,
    reminder?: { lateDueAt?: Date },
    locale: Locale = this.channelLanguage(request.referenceGroupId),
  ): Promise<OutboundMessage> {
    const requester = await this.deps.people.getPerson(request.requestedBy);
    return requestMessage(translatorFor(locale), {
      locale,
      request,
      groupName: await this.groupName(request.referenceGroupId, locale),
      requesterName: requester?.name ?? request.requestedByName ?? request.requestedBy,
      ...(reminder ? { reminder: { ...reminder, timeZone: this.deps.governance.timeZone } } : {}),
    });
  }

  /** To the group's channel when bound, else each member personally (request-delivery.ts). */
  async deliver(groupId: string, message: (locale: Locale) => Promise<OutboundMessage>): Promise<boolean> {
    return deliverToGroup(this.deps, groupId, this.channelLanguage(groupId), message);
  }

  /** The open requests of every steering group (the reminders' source). */
  async listOpen(): Promise<InputRequest[]> {
    return this.deps.repository.listOpen();
  }

  async get(steeringGroupId: string, requestId: string): Promise<InputRequest | undefined> {
    const stored = await this.deps.repository.get(steeringGroupId, requestId);
    if (!stored) return undefined;
    const { etag: _etag, ...request } = stored;
    return request;
  }
}
