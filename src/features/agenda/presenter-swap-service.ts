/**
 * The inspiration-talk swap: the presenter of an upcoming meeting (recorded, or the rotation's
 * pick while nothing is recorded) asks another candidate, who accepts or declines. The rules are
 * in domain/presenter-swap.ts (why the rotation then gives the asker the next turn is there too);
 * this service reads the record, writes the request and the hand-over, and sends the cards.
 *
 * Exactly once: the request id comes from the form, so a re-sent submit finds its request and
 * sends nothing again; the answer moves the request through its states with etag-guarded writes
 * (two clicks racing decide once, and only the click that decided sends the answer's cards); the
 * talk record is handed over only while the asker still holds it, once per request (a retry finds
 * its swap in the record). The answering itself is in presenter-swap-answer.ts.
 */
import type { Clock } from '../../domain/clock';
import type { Locale, Person } from '../../domain/model';
import type { AuditLog, GroupRegistry } from '../../domain/ports';
import type { RankedPresenter } from '../../domain/rotation';
import { formatInstant } from '../../platform/cards/reminders';
import { translatorFor, type AudienceLanguages } from '../../platform/i18n';
import type { MeetingRecord, MeetingRepository } from '../meetings';
import type { AgendaService } from './agenda-service';
import { askRefusal, swapCandidates, type AskRefusal } from './domain/presenter-swap';
import { swapRequestCard, type Addressee } from './presenter-swap-cards';
import type { SwapDelivery } from './presenter-swap-delivery';
import type { SwapRequestRecord, SwapRequestRepository } from './presenter-swap-repository';
import { localText } from '../../domain/localized-text';

export interface PresenterSwapDeps {
  agenda: Pick<AgendaService, 'presenter' | 'ranking' | 'hasInspirationTalk'>;
  meetings: Pick<MeetingRepository, 'get' | 'inspirationTalk' | 'handOverInspirationTalk'>;
  requests: SwapRequestRepository;
  people: { getPerson(personId: string): Promise<Person | undefined> };
  groups: Pick<GroupRegistry, 'getGroup'>;
  audit: AuditLog;
  clock: Clock;
  timeZone: string;
  delivery: SwapDelivery;
  /**
   * Each member's card in their own language, the channel's notice in the body's (issue 26.5);
   * without it every card is in `locale`.
   */
  audiences?: AudienceLanguages;
  /** Language of every card when there are no `audiences` (default Danish). */
  locale?: Locale;
}

/** A meeting as the swap sees it now: its presenter and the rotation's ranking on its date. */
export interface SwapSituation {
  meeting?: MeetingRecord;
  presenter?: Addressee;
  ranking: RankedPresenter[];
}

export type SwapFormResult =
  | { kind: 'form'; meeting: MeetingRecord; candidates: RankedPresenter[]; requestId: string }
  | { kind: 'refused'; reason: AskRefusal; meeting?: MeetingRecord; presenter?: Addressee };

export type AskResult =
  | { kind: 'sent' | 'already-asked' | 'not-delivered'; request: SwapRequestRecord; to: Addressee }
  | {
      kind: 'refused';
      reason: AskRefusal;
      meeting?: MeetingRecord;
      presenter?: Addressee;
      candidates: RankedPresenter[];
    };

export interface AskInput {
  actorId: string;
  groupId: string;
  meetingId: string;
  requestId: string;
  toPersonId: string;
}

export class PresenterSwapService {
  constructor(
    readonly deps: PresenterSwapDeps,
    /** Makes the id a new form's request will have (a UUID in the bot). */
    private readonly newRequestId: () => string,
  ) {}

  get locale(): Locale {
    return this.deps.locale ?? 'da';
  }

  /** The language of a member's personal chat. */
  async personLanguage(personId: string): Promise<Locale> {
    return (await this.deps.audiences?.person(personId)) ?? this.locale;
  }

  /** The language of the body's channel. */
  channelLanguage(groupId: string): Locale {
    return this.deps.audiences?.channel(groupId) ?? this.locale;
  }

  /** The meeting, its presenter (recorded, else previewed) and the ranking on its date. */
  async situation(groupId: string, meetingId: string): Promise<SwapSituation> {
    const meeting = await this.deps.meetings.get(groupId, meetingId);
    if (!meeting || !this.deps.agenda.hasInspirationTalk(meeting)) return { meeting, ranking: [] };
    const presenter = await this.deps.agenda.presenter(meeting);
    const ranking = await this.deps.agenda.ranking(meeting);
    return {
      meeting,
      ranking,
      presenter: presenter && { personId: presenter.personId, name: presenter.name },
    };
  }

  /** The form for the actor to ask someone, or why not (the agenda card's button). */
  async formFor(actorId: string, groupId: string, meetingId: string): Promise<SwapFormResult> {
    const situation = await this.situation(groupId, meetingId);
    const refusal = this.refusalOf(situation, groupId, actorId);
    if (refusal) return { kind: 'refused', reason: refusal, ...this.shown(situation) };
    return {
      kind: 'form',
      meeting: situation.meeting!,
      candidates: swapCandidates(situation.ranking, actorId),
      requestId: this.newRequestId(),
    };
  }

  /**
   * The form for the first of `meetings` (in order) whose talk the actor holds (the command); when
   * they hold none, why not for the first meeting (none at all: not the presenter of any).
   */
  async ownTalk(actorId: string, meetings: readonly MeetingRecord[]): Promise<SwapFormResult> {
    let first: SwapFormResult | undefined;
    for (const meeting of meetings) {
      const result = await this.formFor(actorId, meeting.groupId, meeting.id);
      if (result.kind === 'form') return result;
      first ??= result;
    }
    return first ?? { kind: 'refused', reason: 'not-presenter' };
  }

  /** Asks the chosen member (once per request id) and posts them the request card. */
  async ask(input: AskInput): Promise<AskResult> {
    const before = await this.deps.requests.get(input.groupId, input.requestId);
    if (before) return this.askedBefore(before, input.actorId);
    const situation = await this.situation(input.groupId, input.meetingId);
    const refusal = this.refusalOf(situation, input.groupId, input.actorId, input.toPersonId);
    const candidates = swapCandidates(situation.ranking, situation.presenter?.personId);
    if (refusal) return { kind: 'refused', reason: refusal, candidates, ...this.shown(situation) };
    const meeting = situation.meeting!;
    const to = candidates.find((candidate) => candidate.personId === input.toPersonId)!;
    const waiting = (await this.deps.requests.forMeeting(input.groupId, meeting.id)).find(
      (request) =>
        request.status === 'pending' &&
        request.activityId !== undefined &&
        request.fromPersonId === input.actorId &&
        request.toPersonId === to.personId &&
        request.meetingStartsAt === meeting.startsAt,
    );
    if (waiting)
      return { kind: 'already-asked', request: waiting, to: { personId: to.personId, name: to.name } };
    const { request, created } = await this.deps.requests.createOnce({
      id: input.requestId,
      groupId: input.groupId,
      meetingId: meeting.id,
      meetingStartsAt: meeting.startsAt,
      fromPersonId: input.actorId,
      toPersonId: to.personId,
      requestedAt: this.deps.clock.now().toISOString(),
      status: 'pending',
    });
    if (!created) return this.askedBefore(request, input.actorId);
    return this.deliverRequest(request, situation.presenter!, { personId: to.personId, name: to.name });
  }

  /** The names of a request's two members, as the register has them now. */
  async membersOf(request: SwapRequestRecord): Promise<{ from: Addressee; to: Addressee }> {
    return { from: await this.addressee(request.fromPersonId), to: await this.addressee(request.toPersonId) };
  }

  async addressee(personId: string): Promise<Addressee> {
    return { personId, name: (await this.deps.people.getPerson(personId))?.name ?? personId };
  }

  async groupName(groupId: string, locale: Locale = this.locale): Promise<string> {
    return localText((await this.deps.groups.getGroup(groupId))?.name, locale) || groupId;
  }

  /** The request's meeting time in the posted cards' language. */
  meetingTime(request: Pick<SwapRequestRecord, 'meetingStartsAt'>, locale: Locale = this.locale): string {
    return formatInstant(request.meetingStartsAt, locale, this.deps.timeZone);
  }

  private refusalOf(
    situation: SwapSituation,
    groupId: string,
    actorId: string,
    toPersonId?: string,
  ): AskRefusal | undefined {
    return askRefusal({
      meeting: situation.meeting,
      now: this.deps.clock.now(),
      hasTalk: this.deps.agenda.hasInspirationTalk({ groupId }),
      presenterId: situation.presenter?.personId,
      actorId,
      ranking: situation.ranking.map((candidate) => candidate.personId),
      ...(toPersonId !== undefined ? { toPersonId } : {}),
    });
  }

  private shown(situation: SwapSituation): { meeting?: MeetingRecord; presenter?: Addressee } {
    return {
      ...(situation.meeting ? { meeting: situation.meeting } : {}),
      ...(situation.presenter ? { presenter: situation.presenter } : {}),
    };
  }

  /** A request id seen before: its asker is told where it stands; anyone else replaying it is refused. */
  private async askedBefore(request: SwapRequestRecord, actorId: string): Promise<AskResult> {
    if (request.fromPersonId !== actorId) return { kind: 'refused', reason: 'not-presenter', candidates: [] };
    return { kind: 'already-asked', request, to: await this.addressee(request.toPersonId) };
  }

  private async deliverRequest(
    request: SwapRequestRecord,
    from: Addressee,
    to: Addressee,
  ): Promise<AskResult> {
    // In the asked member's personal chat: their language.
    const locale = await this.personLanguage(to.personId);
    const t = translatorFor(locale);
    const card = swapRequestCard(t, {
      groupId: request.groupId,
      requestId: request.id,
      groupName: await this.groupName(request.groupId, locale),
      meetingTime: this.meetingTime(request, locale),
      from,
      to,
    });
    let activityId: string;
    try {
      ({ activityId } = await this.deps.delivery.toPerson(to.personId, {
        card,
        summary: t('rotation.requestTitle'),
      }));
    } catch {
      // The sender has logged and audited the failure; the asker is told and may send a new request.
      return { kind: 'not-delivered', request, to };
    }
    const delivered = await this.deps.requests.update(request.groupId, request.id, (current) =>
      current.activityId ? undefined : { ...current, activityId },
    );
    await this.deps.audit.append({
      at: request.requestedAt,
      actorId: request.fromPersonId,
      action: 'agenda.presenter-swap-asked',
      subject: `meeting:${request.groupId}:${request.meetingId}`,
      details: { requestId: request.id, fromPersonId: request.fromPersonId, toPersonId: request.toPersonId },
    });
    return { kind: 'sent', request: delivered, to };
  }
}
