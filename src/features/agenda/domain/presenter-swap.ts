/**
 * Swapping the inspiration talk: the presenter of a meeting asks another member to give the talk
 * instead, and the talk changes hands only when that member accepts (both must agree).
 *
 * Who may be asked: the rotation's candidates on the meeting's date (the municipal members serving
 * that day, src/domain/rotation.ts), minus the presenter, in the rotation's order, so the member
 * whose turn is nearest comes first.
 *
 * The rotation after a swap: the meeting's talk record names the member who accepted, so the
 * presenter who asked has given no talk there, and nothing else about them changed. The rotation
 * therefore ranks them as it did: first, at the next meeting (unless a member who never gave a talk
 * and has served longer joins meanwhile, who comes first by the rotation's own rule). The member
 * who took over has given a talk at the meeting and goes to the back of the queue.
 *
 * A request's life: `pending` (asked) → `accepting` (the asked member said yes; the talk record is
 * being handed over, a retried click finishes it) → `accepted`; or `pending` → `declined`. It goes
 * `stale` when what was asked changed before the answer: the meeting is gone, cancelled, held,
 * has started or was moved (the asked member agreed to a date), the asker no longer holds the talk
 * (someone else took it over), or the asked member no longer serves on the meeting's date.
 */
import type { MeetingStatus } from '../../../domain/model';
import { instantMillis } from '../../../domain/time';

export type SwapStatus = 'pending' | 'accepting' | 'accepted' | 'declined' | 'stale';

export type SwapAnswer = 'accept' | 'decline';

/** Why a meeting's talk can no longer change hands. */
export type MeetingRefusal = 'meeting-gone' | 'meeting-cancelled' | 'meeting-held' | 'meeting-started';

/** Why a presenter cannot ask (or ask that member). */
export type AskRefusal = MeetingRefusal | 'no-talk' | 'not-presenter' | 'no-candidates' | 'not-candidate';

/** Why an accepted request can no longer be carried out. */
export type StaleReason = MeetingRefusal | 'meeting-moved' | 'presenter-changed' | 'not-eligible';

export interface SwapMeeting {
  status: MeetingStatus;
  startsAt: string;
}

/** A talk can change hands only at a scheduled meeting that has not started (its start is already too late). */
export function meetingRefusal(
  meeting: SwapMeeting | undefined,
  now: Date | string,
): MeetingRefusal | undefined {
  if (!meeting) return 'meeting-gone';
  if (meeting.status === 'cancelled') return 'meeting-cancelled';
  if (meeting.status === 'held') return 'meeting-held';
  if (instantMillis(meeting.startsAt) <= instantMillis(now)) return 'meeting-started';
  return undefined;
}

/** The members who may be asked: the rotation's ranking without the presenter, in its order. */
export function swapCandidates<T extends { personId: string }>(
  ranking: readonly T[],
  presenterId: string | undefined,
): T[] {
  return ranking.filter((candidate) => candidate.personId !== presenterId);
}

export interface AskSituation {
  meeting: SwapMeeting | undefined;
  now: Date | string;
  /** Whether the meeting's body has an inspiration talk at all (its agenda settings). */
  hasTalk: boolean;
  /** The meeting's presenter: recorded, else the rotation's pick. */
  presenterId: string | undefined;
  actorId: string;
  /** The rotation's ranking on the meeting's date (the presenter included). */
  ranking: readonly string[];
  /** The member asked, when the form was submitted (absent when only opening it). */
  toPersonId?: string;
}

/** Why the actor may not ask (or may not ask that member), or undefined when the request may go out. */
export function askRefusal(situation: AskSituation): AskRefusal | undefined {
  if (!situation.hasTalk) return 'no-talk';
  const meeting = meetingRefusal(situation.meeting, situation.now);
  if (meeting) return meeting;
  if (situation.presenterId === undefined || situation.presenterId !== situation.actorId)
    return 'not-presenter';
  const candidates = swapCandidates(
    situation.ranking.map((personId) => ({ personId })),
    situation.presenterId,
  );
  if (candidates.length === 0) return 'no-candidates';
  const to = situation.toPersonId;
  if (to !== undefined && !candidates.some((candidate) => candidate.personId === to)) return 'not-candidate';
  return undefined;
}

export interface AcceptSituation {
  meeting: SwapMeeting | undefined;
  now: Date | string;
  /** The meeting's start when the request was made: the date the asked member agreed to. */
  requestedStartsAt: string;
  fromPersonId: string;
  toPersonId: string;
  /** The meeting's presenter now: recorded, else the rotation's pick. */
  presenterId: string | undefined;
  /** The rotation's ranking on the meeting's date now (the presenter included). */
  ranking: readonly string[];
}

/** Why the request can no longer be carried out, or undefined when the talk may change hands. */
export function staleReason(situation: AcceptSituation): StaleReason | undefined {
  const meeting = meetingRefusal(situation.meeting, situation.now);
  if (meeting) return meeting;
  if (instantMillis(situation.meeting!.startsAt) !== instantMillis(situation.requestedStartsAt))
    return 'meeting-moved';
  if (situation.presenterId !== situation.fromPersonId) return 'presenter-changed';
  if (!situation.ranking.includes(situation.toPersonId)) return 'not-eligible';
  return undefined;
}

/**
 * What an answer does to a request in its current state: only the asked member answers; a request
 * already answered stays answered (a retried or double click gets the same outcome again); an
 * accept left half-done (`accepting`) is finished by the next accept, and a decline can no longer
 * undo it.
 */
export type AnswerStep =
  | { kind: 'not-addressee' }
  | { kind: 'answered'; status: 'accepted' | 'declined' | 'stale' }
  | { kind: 'accept' }
  | { kind: 'decline' };

export function answerStep(
  request: { status: SwapStatus; toPersonId: string },
  actorId: string,
  answer: SwapAnswer,
): AnswerStep {
  if (actorId !== request.toPersonId) return { kind: 'not-addressee' };
  switch (request.status) {
    case 'pending':
      return { kind: answer };
    case 'accepting':
      return answer === 'accept' ? { kind: 'accept' } : { kind: 'answered', status: 'accepted' };
    default:
      return { kind: 'answered', status: request.status };
  }
}
