/**
 * Inspiration-talk rotation: the municipal members of the steering group take turns, one per meeting.
 *
 * Ranking at a meeting (deterministic):
 *   1. members who never gave a talk come first, ordered by term start (longest serving first),
 *      then by name, then by person id;
 *   2. then members who did, the longest since their last talk first (ties: term start, name, id).
 * Only members serving on the meeting's local date count: people who left (or have not started)
 * are skipped, as are the other organisations' representatives, the secretariat and anonymised people.
 * This gives "everyone once before anyone twice" within a stable membership.
 *
 * A talk recorded for a meeting that was then cancelled was never given: it does not count, so the
 * presenter keeps their turn and presents at the next meeting. A talk recorded for a meeting that
 * was then moved counts from the meeting's new start (the recorded presenter stays with it).
 */
import type { Meeting, Membership, Person } from './model';
import { isActiveOn } from './terms';
import { instantMillis, localDate } from './time';

export interface InspirationTalk {
  personId: string;
  /** When the talk was given: the meeting's start instant (or a YYYY-MM-DD date). */
  at: string;
  /** The meeting it was recorded for (when known, `meetings` gives its status and current start). */
  meetingId?: string;
}

export interface RotationInput {
  /** Memberships (any group; those of `groupId` are used). */
  memberships: Membership[];
  people: Person[];
  talks: InspirationTalk[];
  /**
   * The group's meetings (any status): a talk of a cancelled one does not count, a talk of a moved
   * one counts at its current start. Without them every talk counts at its recorded `at`.
   */
  meetings?: ReadonlyArray<Pick<Meeting, 'id' | 'startsAt' | 'status'>>;
  /** Start instant of the meeting the presenter is picked for. */
  meetingStartsAt: string;
  /** The group whose members take turns (the deciding body). */
  groupId: string;
  timeZone: string;
}

export interface RankedPresenter {
  personId: string;
  name: string;
  termStart: string;
  /** The last talk before the meeting, or null for never. */
  lastTalkAt: string | null;
}

/** The municipal members serving on `date` (secretariat, other organisations and anonymised people left out). */
function candidatesOn(
  memberships: Membership[],
  people: Person[],
  groupId: string,
  date: string,
): Map<string, RankedPresenter> {
  const personById = new Map(people.map((person) => [person.id, person]));
  const candidates = new Map<string, RankedPresenter>();
  for (const membership of memberships) {
    if (membership.groupId !== groupId || membership.role === 'staff' || !isActiveOn(membership, date))
      continue;
    const person = personById.get(membership.personId);
    if (!person || person.organisation.kind !== 'municipality' || person.anonymisedAt) continue;
    const existing = candidates.get(person.id);
    if (!existing || membership.termStart < existing.termStart) {
      candidates.set(person.id, {
        personId: person.id,
        name: person.name,
        termStart: membership.termStart,
        lastTalkAt: null,
      });
    }
  }
  return candidates;
}

/** The talks that were (or are to be) given, each at its meeting's current start when that is known. */
export function talksGiven(talks: InspirationTalk[], meetings: RotationInput['meetings']): InspirationTalk[] {
  if (!meetings) return talks;
  const meetingById = new Map(meetings.map((meeting) => [meeting.id, meeting]));
  return talks.flatMap((talk) => {
    const meeting = talk.meetingId === undefined ? undefined : meetingById.get(talk.meetingId);
    if (!meeting) return [talk];
    return meeting.status === 'cancelled' ? [] : [{ ...talk, at: meeting.startsAt }];
  });
}

const tieBreak = (a: RankedPresenter, b: RankedPresenter) =>
  (a.termStart < b.termStart ? -1 : a.termStart > b.termStart ? 1 : 0) ||
  a.name.localeCompare(b.name, 'da') ||
  (a.personId < b.personId ? -1 : a.personId > b.personId ? 1 : 0);

export function inspirationRanking({
  memberships,
  people,
  talks,
  meetings,
  meetingStartsAt,
  groupId,
  timeZone,
}: RotationInput): RankedPresenter[] {
  const meetingMillis = instantMillis(meetingStartsAt);
  const candidates = candidatesOn(memberships, people, groupId, localDate(meetingStartsAt, timeZone));

  for (const talk of talksGiven(talks, meetings)) {
    const candidate = candidates.get(talk.personId);
    if (!candidate || instantMillis(talk.at) >= meetingMillis) continue;
    if (candidate.lastTalkAt === null || instantMillis(talk.at) > instantMillis(candidate.lastTalkAt)) {
      candidate.lastTalkAt = talk.at;
    }
  }

  return [...candidates.values()].sort((a, b) => {
    if (a.lastTalkAt === null || b.lastTalkAt === null) {
      if (a.lastTalkAt !== b.lastTalkAt) return a.lastTalkAt === null ? -1 : 1;
      return tieBreak(a, b);
    }
    return instantMillis(a.lastTalkAt) - instantMillis(b.lastTalkAt) || tieBreak(a, b);
  });
}

/** The person to give the inspiration talk at the meeting, or undefined when nobody is eligible. */
export function nextInspirationPresenter(input: RotationInput): string | undefined {
  return inspirationRanking(input)[0]?.personId;
}
