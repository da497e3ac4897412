/**
 * Endorsements: drafting one in a reference group's channel (validated, stored once, voted on
 * there), the members' votes (one per member, the last counts) and the close after the group's
 * period: endorsed, the proposal and its agenda item in one batch on the steering group's next
 * meeting; rejected, the author told the tally personally. Who may draft and vote (the reference
 * group's members, chair included) is checked here from the register: the group comes from the
 * channel or the card's data.
 */
import type { Clock } from '../../domain/clock';
import { bodyById, bodyLanguage, decidingBody, type Governance } from '../../domain/governance';
import type { Locale } from '../../domain/model';
import type { AuditLog, ChannelMessenger, GroupRegistry } from '../../domain/ports';
import { personAddress } from '../../domain/person-address';
import type { ActorRole } from '../../domain/roles';
import type { BatchOperation } from '../../platform/storage/port';
import { personalLanguage, translatorFor, type PersonLanguages } from '../../platform/i18n';
import { endorsedItemId, proposalMaterialOf, type EndorsedItem } from '../agenda';
import {
  decideEndorsement,
  decideVote,
  endorsementClosesAt,
  endorsementRuleOf,
  ENDORSEMENT_ITEM_MINUTES,
  shortReferenceName,
  tallyOf,
  validateEndorsementFields,
  type Endorsement,
  type EndorsementChoice,
  type EndorsementMaterial,
  type EndorsementRule,
  type EndorsementTally,
} from './domain/endorsements';
import { endorsementIdOf, type EndorsementRepository } from './endorsements-repository';
import { tallyLine, type FormError } from './endorsements-cards';
import { localText } from '../../domain/localized-text';

/** The steering group's next meeting and the step that puts an endorsement on its agenda. */
export interface EndorsementAgenda {
  nextMeeting(groupId: string): Promise<{ id: string; groupId: string; startsAt: string } | undefined>;
  itemWrite(item: EndorsedItem): { pk: string; operation: BatchOperation };
}

export interface EndorsementServiceDeps {
  repository: EndorsementRepository;
  agenda: EndorsementAgenda;
  groups: Pick<GroupRegistry, 'getGroup'>;
  roles: { rolesOf(personId: string | undefined, groupId?: string): Promise<ActorRole[]> };
  messenger: ChannelMessenger;
  audit: AuditLog;
  clock: Clock;
  governance: Governance;
  /** Overrides the channels' languages (default: each body's own in the governance file). */
  locale?: Locale;
  /** The authors' own languages (`sprog en`): a rejected author's personal message is in theirs. */
  languages?: PersonLanguages;
}

export type SubmitResult =
  | { kind: 'invalid'; errors: FormError[] }
  | { kind: 'no-steering-group' }
  | { kind: 'accepted'; endorsement: Endorsement; tally: EndorsementTally };

export type VoteResult =
  | { kind: 'not-found' }
  | { kind: 'not-member'; endorsement: Endorsement }
  | { kind: 'closed'; endorsement: Endorsement }
  | { kind: 'voted'; endorsement: Endorsement; tally: EndorsementTally };

export type CloseResult =
  | { kind: 'not-found' }
  | { kind: 'already-closed'; endorsement: Endorsement }
  | { kind: 'busy' }
  | { kind: 'closed'; endorsement: Endorsement; meeting?: { id: string; startsAt: string } };

const MAX_CLOSE_ATTEMPTS = 5;

export class EndorsementService {
  constructor(private readonly deps: EndorsementServiceDeps) {}

  /** What the bot posts in a body's channel is in that body's language (issue 26.5). */
  private channelLanguage(groupId: string): Locale {
    return this.deps.locale ?? bodyLanguage(this.deps.governance, groupId);
  }

  steeringGroupId(): string | undefined {
    return decidingBody(this.deps.governance).id;
  }

  /** The group's id when it is a reference group of the governance file. */
  isReferenceGroup(groupId: string | undefined): groupId is string {
    return groupId !== undefined && bodyById(this.deps.governance, groupId)?.kind === 'reference';
  }

  ruleOf(referenceGroupId: string): EndorsementRule {
    return endorsementRuleOf(bodyById(this.deps.governance, referenceGroupId));
  }

  async isMember(personId: string, referenceGroupId: string): Promise<boolean> {
    const roles = await this.deps.roles.rolesOf(personId, referenceGroupId);
    return roles.includes('member') || roles.includes('chair');
  }

  async submit(input: {
    cardInstanceId: string;
    referenceGroupId: string;
    fields: { title: string; text: string };
    materialText: string;
    actor: { id: string; name?: string };
  }): Promise<SubmitResult> {
    const steeringGroupId = this.steeringGroupId();
    if (!steeringGroupId) return { kind: 'no-steering-group' };
    const id = endorsementIdOf(input.cardInstanceId);
    const existing = await this.deps.repository.get(steeringGroupId, id);
    // A re-sent submit: answer as the first time did.
    if (existing) return this.accepted(existing);
    const validation = validateEndorsementFields(input.fields);
    const material = this.materialOf(input.materialText, input.actor.id);
    const errors: FormError[] = [
      ...(validation.ok
        ? []
        : validation.errors.map((error) => ({
            field: error.field,
            key: `endorsements.err_${error.code}` as const,
            params: error.params,
          }))),
      ...material.errors,
    ];
    if (!validation.ok || errors.length > 0) return { kind: 'invalid', errors };
    const rule = this.ruleOf(input.referenceGroupId);
    const openedAt = this.deps.clock.now().toISOString();
    const { endorsement, created } = await this.deps.repository.createOnce({
      id,
      steeringGroupId,
      referenceGroupId: input.referenceGroupId,
      ...validation.value,
      material: material.entries,
      authorId: input.actor.id,
      ...(input.actor.name ? { authorName: input.actor.name } : {}),
      openedAt,
      closesAt: endorsementClosesAt(openedAt, rule, this.deps.governance.timeZone),
      rule,
      status: 'open',
    });
    if (created)
      await this.deps.audit.append({
        at: openedAt,
        actorId: input.actor.id,
        action: 'endorsement.submit',
        subject: `endorsement:${steeringGroupId}:${id}`,
        details: { referenceGroupId: input.referenceGroupId, closesAt: endorsement.closesAt },
      });
    return this.accepted(endorsement);
  }

  private async accepted(endorsement: Endorsement): Promise<SubmitResult> {
    const { etag: _etag, ...plain } = endorsement as Endorsement & { etag?: string };
    return { kind: 'accepted', endorsement: plain, tally: await this.tally(plain) };
  }

  /** The material lines through the agenda's own rules (https, allowed file types, how many). */
  private materialOf(text: string, actorId: string): { entries: EndorsementMaterial[]; errors: FormError[] } {
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

  async tally(endorsement: Endorsement): Promise<EndorsementTally> {
    return (
      endorsement.closed?.tally ??
      tallyOf(await this.deps.repository.votesOf(endorsement.steeringGroupId, endorsement.id))
    );
  }

  async vote(input: {
    steeringGroupId: string;
    endorsementId: string;
    choice: EndorsementChoice;
    actor: { id: string; name?: string };
  }): Promise<VoteResult> {
    const endorsement = await this.get(input.steeringGroupId, input.endorsementId);
    if (!endorsement) return { kind: 'not-found' };
    const decision = decideVote(endorsement, {
      isMember: await this.isMember(input.actor.id, endorsement.referenceGroupId),
      now: this.deps.clock.now(),
    });
    if (decision.kind !== 'ok') return { kind: decision.kind, endorsement };
    await this.deps.repository.putVote({
      endorsementId: endorsement.id,
      steeringGroupId: endorsement.steeringGroupId,
      voterId: input.actor.id,
      ...(input.actor.name ? { voterName: input.actor.name } : {}),
      choice: input.choice,
      castAt: this.deps.clock.now().toISOString(),
    });
    return { kind: 'voted', endorsement, tally: await this.tally(endorsement) };
  }

  /**
   * After the period: counts the votes and decides under the group's rule. Endorsed: the closed
   * endorsement and its agenda item in one batch; a second close finds it closed and stores nothing.
   */
  async close(steeringGroupId: string, endorsementId: string): Promise<CloseResult> {
    for (let attempt = 1; attempt <= MAX_CLOSE_ATTEMPTS; attempt++) {
      const stored = await this.deps.repository.get(steeringGroupId, endorsementId);
      if (!stored) return { kind: 'not-found' };
      const { etag, ...endorsement } = stored;
      if (endorsement.status !== 'open') return { kind: 'already-closed', endorsement };
      const tally = tallyOf(await this.deps.repository.votesOf(steeringGroupId, endorsementId));
      const status = decideEndorsement(endorsement.rule, tally);
      const meeting = status === 'endorsed' ? await this.deps.agenda.nextMeeting(steeringGroupId) : undefined;
      const closed: Endorsement = {
        ...endorsement,
        status,
        closed: {
          at: this.deps.clock.now().toISOString(),
          tally,
          ...(meeting ? { meetingId: meeting.id, agendaItemId: endorsedItemId(endorsement.id) } : {}),
        },
      };
      const item = meeting
        ? this.deps.agenda.itemWrite(await this.agendaItem(closed, meeting.id))
        : undefined;
      if ((await this.deps.repository.close(closed, etag, item?.operation)) === 'conflict') continue;
      await this.afterClose(closed, meeting);
      return { kind: 'closed', endorsement: closed, meeting };
    }
    return { kind: 'busy' };
  }

  private async agendaItem(endorsement: Endorsement, meetingId: string): Promise<EndorsedItem> {
    const locale = this.channelLanguage(endorsement.steeringGroupId);
    const group = shortReferenceName(await this.groupName(endorsement.referenceGroupId, locale));
    return {
      endorsementId: endorsement.id,
      groupId: endorsement.steeringGroupId,
      meetingId,
      title: translatorFor(locale)('endorsements.agendaItemTitle', { group, title: endorsement.title }),
      description: endorsement.text,
      minutes: ENDORSEMENT_ITEM_MINUTES,
      material: endorsement.material.slice(0, this.deps.governance.material.maxItemsPerProposal),
      authorId: endorsement.authorId,
      ...(endorsement.authorName ? { authorName: endorsement.authorName } : {}),
      closedAt: endorsement.closed!.at,
    };
  }

  /** The audit entry (once), then the outcome's posts. */
  private async afterClose(endorsement: Endorsement, meeting: { startsAt: string } | undefined) {
    const closed = endorsement.closed!;
    await this.deps.audit.append(
      {
        at: closed.at,
        actorId: 'system',
        action: 'endorsement.close',
        subject: `endorsement:${endorsement.steeringGroupId}:${endorsement.id}`,
        details: {
          status: endorsement.status,
          ...closed.tally,
          ...(meeting ? { meetingId: closed.meetingId! } : {}),
        },
      },
      { onceKey: `endorsement-close:${endorsement.steeringGroupId}:${endorsement.id}` },
    );
    await this.deliverOutcome(endorsement);
  }

  /**
   * The group's notice (a failed one never undoes the close) and, rejected, the author's personal
   * message with the tally: that one throws when it fails, so the close moment is tried again and
   * delivers it then (the scheduler's sender does not repeat what an earlier attempt posted).
   */
  async deliverOutcome(endorsement: Endorsement): Promise<void> {
    const closed = endorsement.closed;
    if (!closed) return;
    const params = async (locale: Locale) => ({
      title: endorsement.title,
      group: await this.groupName(endorsement.referenceGroupId, locale),
      tally: tallyLine(translatorFor(locale), closed.tally),
    });
    // The notice in the reference group's channel: its language.
    const channel = this.channelLanguage(endorsement.referenceGroupId);
    const t = translatorFor(channel);
    const groupKey =
      endorsement.status === 'rejected'
        ? 'endorsements.rejectedNotice'
        : closed.meetingId
          ? 'endorsements.endorsedNotice'
          : 'endorsements.endorsedNoMeeting';
    await this.deps.messenger
      .postToGroup(endorsement.referenceGroupId, { text: t(groupKey, await params(channel)) })
      .catch(() => undefined);
    if (endorsement.status !== 'rejected') return;
    // The author's own message: their language (their choice, else the file's default).
    const own = await personalLanguage(
      this.deps.governance.language,
      this.deps.languages,
      endorsement.authorId,
    );
    await this.deps.messenger.postToGroup(personAddress(endorsement.authorId), {
      text: translatorFor(own)('endorsements.rejectedAuthor', await params(own)),
    });
  }

  async groupName(groupId: string, locale: Locale = this.channelLanguage(groupId)): Promise<string> {
    const body = bodyById(this.deps.governance, groupId);
    return (
      localText((await this.deps.groups.getGroup(groupId))?.name, locale) ||
      localText(body?.name, locale) ||
      groupId
    );
  }

  /** The open endorsements of every steering group (the close moments' source). */
  async listOpen(): Promise<Endorsement[]> {
    return this.deps.repository.listOpen();
  }

  async get(steeringGroupId: string, id: string): Promise<Endorsement | undefined> {
    const stored = await this.deps.repository.get(steeringGroupId, id);
    if (!stored) return undefined;
    const { etag: _etag, ...endorsement } = stored;
    return endorsement;
  }
}
