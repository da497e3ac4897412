/**
 * The asked member's answer to a presenter swap request (see presenter-swap-service.ts for the
 * flow and domain/presenter-swap.ts for the states and rules).
 *
 * Accept: the request is checked against the meeting as it is now (a stale one is refused and
 * closed), claimed (`accepting`), the talk record handed over (only while the asker still holds
 * it), and closed (`accepted`). A click that finds the hand-over already in the record finishes the
 * close, so a crash between the two writes is repaired by the next click. Only the click whose
 * write closed the request replaces the request card, tells the asker and writes the audit entry.
 */
import type { Locale } from '../../domain/model';
import { translatorFor } from '../../platform/i18n';
import {
  answerStep,
  staleReason,
  type StaleReason,
  type SwapAnswer,
  type SwapStatus,
} from './domain/presenter-swap';
import {
  askerNoteCard,
  swapAnsweredCard,
  swapChannelNoticeCard,
  type Addressee,
  type SwapOutcome,
} from './presenter-swap-cards';
import type { PresenterSwapService } from './presenter-swap-service';
import type { SwapRequestRecord } from './presenter-swap-repository';

export interface AnswerInput {
  actorId: string;
  groupId: string;
  requestId: string;
  answer: SwapAnswer;
}

interface Named {
  request: SwapRequestRecord;
  from: Addressee;
  to: Addressee;
}

export type AnswerResult =
  | { kind: 'not-found' }
  | { kind: 'not-addressee'; to: Addressee }
  /** Answered before (a retry, a second click, or the other button after the first). */
  | ({ kind: 'answered' } & Named)
  /** `askerTold` is absent when another click of the same answer did the telling. */
  | ({ kind: 'accepted' | 'declined'; askerTold?: boolean } & Named)
  | ({ kind: 'stale'; reason: StaleReason } & Named);

/** The request moved from one of `from` to `next`; `changed` says whether this call wrote it. */
async function transition(
  swaps: PresenterSwapService,
  request: SwapRequestRecord,
  from: readonly SwapStatus[],
  next: Pick<SwapRequestRecord, 'status'> & Partial<SwapRequestRecord>,
): Promise<{ request: SwapRequestRecord; changed: boolean }> {
  let changed = false;
  const saved = await swaps.deps.requests.update(request.groupId, request.id, (current) => {
    // The flag of the last run counts (the change runs again after a concurrent write).
    changed = from.includes(current.status);
    return changed ? { ...current, ...next } : undefined;
  });
  return { request: saved, changed };
}

/**
 * After the deciding click: the audit log has it, the request card shows the outcome, the channel
 * hears of an accepted swap, and the asker is told (whether they were is returned).
 */
async function settle(swaps: PresenterSwapService, named: Named, outcome: SwapOutcome): Promise<boolean> {
  const { request, from, to } = named;
  // Each card in its reader's language: the asked member's, the channel's, the asker's (issue 26.5).
  const wordsIn = (locale: Locale) => ({
    t: translatorFor(locale),
    words: { meetingTime: swaps.meetingTime(request, locale), from, to, outcome },
  });
  const { delivery, audit } = swaps.deps;
  await audit.append(
    {
      at: request.answeredAt ?? swaps.deps.clock.now().toISOString(),
      actorId: request.toPersonId,
      action: `agenda.presenter-swap-${outcome.kind}`,
      subject: `meeting:${request.groupId}:${request.meetingId}`,
      details: {
        requestId: request.id,
        fromPersonId: request.fromPersonId,
        toPersonId: request.toPersonId,
        ...(outcome.kind === 'stale' ? { reason: outcome.reason } : {}),
      },
    },
    { onceKey: `presenter-swap:${request.id}:${outcome.kind}` },
  );
  // The posts are best effort: the sender logs and audits a failure, and the answer stands.
  const quietly = (post: Promise<unknown>) =>
    post.then(
      () => true,
      () => false,
    );
  if (request.activityId) {
    const { t, words } = wordsIn(await swaps.personLanguage(to.personId));
    await quietly(
      delivery.replaceForPerson(to.personId, request.activityId, { card: swapAnsweredCard(t, words) }),
    );
  }
  if (outcome.kind === 'accepted') {
    const { t, words } = wordsIn(swaps.channelLanguage(request.groupId));
    await quietly(delivery.toGroup(request.groupId, { card: swapChannelNoticeCard(t, words) }));
  }
  const { t, words } = wordsIn(await swaps.personLanguage(from.personId));
  return quietly(delivery.toPerson(from.personId, { card: askerNoteCard(t, words) }));
}

/** Closes the request as stale, if it is still in one of `from` (another click may have decided it). */
async function closeStale(
  swaps: PresenterSwapService,
  named: Named,
  reason: StaleReason,
  from: readonly SwapStatus[],
): Promise<AnswerResult> {
  const now = swaps.deps.clock.now().toISOString();
  const closed = await transition(swaps, named.request, from, {
    status: 'stale',
    staleReason: reason,
    answeredAt: now,
  });
  const current = { ...named, request: closed.request };
  if (!closed.changed) return { kind: 'answered', ...current };
  await settle(swaps, current, { kind: 'stale', reason });
  return { kind: 'stale', reason, ...current };
}

/** Why the request no longer fits the meeting as it is now, or undefined. */
async function staleNow(swaps: PresenterSwapService, request: SwapRequestRecord, now: string) {
  const situation = await swaps.situation(request.groupId, request.meetingId);
  const reason = staleReason({
    meeting: situation.meeting,
    now,
    requestedStartsAt: request.meetingStartsAt,
    fromPersonId: request.fromPersonId,
    toPersonId: request.toPersonId,
    // An accept under way (`accepting`) found the asker holding the talk; whether they still do
    // is for the hand-over's conditional write to say (a racing click may just have handed it over).
    presenterId: request.status === 'accepting' ? request.fromPersonId : situation.presenter?.personId,
    ranking: situation.ranking.map((candidate) => candidate.personId),
  });
  return { reason, meeting: situation.meeting };
}

/** Hands the talk over, unless what was asked changed; then closes the request as accepted. */
async function accept(swaps: PresenterSwapService, named: Named): Promise<AnswerResult> {
  const { request } = named;
  const now = swaps.deps.clock.now().toISOString();
  const talk = await swaps.deps.meetings.inspirationTalk(request.groupId, request.meetingId);
  if (!talk?.swaps?.some((swap) => swap.requestId === request.id)) {
    const { reason, meeting } = await staleNow(swaps, request, now);
    if (reason) return closeStale(swaps, named, reason, [request.status]);
    const claimed = await transition(swaps, request, ['pending'], { status: 'accepting', answeredAt: now });
    if (claimed.request.status !== 'accepting')
      return { kind: 'answered', ...named, request: claimed.request };
    const handOver = await swaps.deps.meetings.handOverInspirationTalk(
      { groupId: request.groupId, meetingId: request.meetingId, at: meeting!.startsAt },
      { requestId: request.id, fromPersonId: request.fromPersonId, toPersonId: request.toPersonId, at: now },
    );
    if (handOver === 'taken') return closeStale(swaps, named, 'presenter-changed', ['accepting']);
  }
  const closed = await transition(swaps, request, ['pending', 'accepting'], { status: 'accepted' });
  const current = { ...named, request: closed.request };
  if (!closed.changed)
    return { kind: current.request.status === 'accepted' ? 'accepted' : 'answered', ...current };
  return { kind: 'accepted', ...current, askerTold: await settle(swaps, current, { kind: 'accepted' }) };
}

async function decline(swaps: PresenterSwapService, named: Named): Promise<AnswerResult> {
  const closed = await transition(swaps, named.request, ['pending'], {
    status: 'declined',
    answeredAt: swaps.deps.clock.now().toISOString(),
  });
  const current = { ...named, request: closed.request };
  if (!closed.changed) return { kind: 'answered', ...current };
  return { kind: 'declined', ...current, askerTold: await settle(swaps, current, { kind: 'declined' }) };
}

/** The asked member's answer; anyone else is refused, and an answered request stays answered. */
export async function answerSwap(swaps: PresenterSwapService, input: AnswerInput): Promise<AnswerResult> {
  const request = await swaps.deps.requests.get(input.groupId, input.requestId);
  if (!request) return { kind: 'not-found' };
  const step = answerStep(request, input.actorId, input.answer);
  if (step.kind === 'not-addressee')
    return { kind: 'not-addressee', to: await swaps.addressee(request.toPersonId) };
  const named = { request, ...(await swaps.membersOf(request)) };
  switch (step.kind) {
    case 'answered':
      return { kind: 'answered', ...named };
    case 'decline':
      return decline(swaps, named);
    case 'accept':
      return accept(swaps, named);
  }
}
