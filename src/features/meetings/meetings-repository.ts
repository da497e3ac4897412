/**
 * Meetings and the inspiration-talk record, in the meeting group's partition (collection `groups`,
 * pk = group id), so a group's meetings are one single-partition query.
 *
 * - `meeting:<id>`            the meeting (model.ts Meeting) plus an unguessable `accessToken` that
 *                             authorises the calendar (.ics) and print links (no sign-in on those GETs).
 * - `inspiration-talk:<meetingId>` who gave (or is to give) the inspiration talk at that meeting; the
 *                             rotation reads these, so recording one advances it. A presenter swap
 *                             (src/features/agenda/presenter-swap-service.ts) hands it to another
 *                             member and keeps who swapped with whom, and when, in `swaps`.
 *
 * `listScheduledBetween` is the only cross-partition read (a `scan`): the scheduler's background scan.
 */
import { z } from 'zod';
import type { Meeting } from '../../domain/model';
import type { InspirationTalk } from '../../domain/rotation';
import { AlreadyExistsError, type DocumentStore } from '../../platform/storage/port';
import {
  defineDocument,
  typedCollection,
  type TypedCollection,
  withoutEtag,
} from '../../platform/storage/repository';
import { isoInstant } from '../../platform/storage/schemas';
import { DEFAULT_REMINDER_LEAD_MS, indexedForReminders } from './meeting-due-index';

/** More than any UTC offset (±14 h): an instant's text with an offset sorts within this of its UTC text. */
const OFFSET_MARGIN_MS = 24 * 60 * 60_000;

export interface MeetingRecord extends Meeting {
  /** Random token that authorises the meeting's .ics and print links. */
  accessToken: string;
  /** Who scheduled it (for the audit trail shown on cards). */
  createdBy?: string;
  /**
   * The calendar revision (iCalendar SEQUENCE): 0 (or absent) when scheduled, +1 on each move or
   * cancellation, so calendar clients replace their copy of the invitation instead of keeping both.
   */
  sequence?: number;
  /**
   * The due-scan's index (meeting-due-index.ts): no reminder of this meeting still to be done is
   * due before this UTC instant. Kept by every write here and advanced by the scan; absent when
   * the meeting is no longer scheduled or has no reminders left.
   */
  nextDueAt?: string;
}

/** One hand-over of a meeting's talk that both members agreed to. */
export interface InspirationTalkSwap {
  /** The swap request it carried out (a retried hand-over finds itself here). */
  requestId: string;
  fromPersonId: string;
  toPersonId: string;
  /** When the asked member accepted. */
  at: string;
}

export interface InspirationTalkRecord extends InspirationTalk {
  groupId: string;
  meetingId: string;
  /** The hand-overs, oldest first; `personId` is the last one's `toPersonId`. Absent when never swapped. */
  swaps?: InspirationTalkSwap[];
}

/** The outcome of handing a talk over: done now, done before (a retry), or someone else holds it. */
export type TalkHandOver = 'handed-over' | 'already' | 'taken';

const meetingSchema: z.ZodType<MeetingRecord> = z.object({
  id: z
    .string()
    .min(1)
    .regex(/^[A-Za-z0-9-]+$/),
  groupId: z.string().min(1),
  startsAt: isoInstant,
  durationMinutes: z.number().int().positive(),
  location: z.string().min(1).max(300).optional(),
  status: z.enum(['scheduled', 'cancelled', 'held']),
  accessToken: z.string().min(16),
  createdBy: z.string().optional(),
  sequence: z.number().int().nonnegative().optional(),
  nextDueAt: isoInstant.optional(),
});

const talkSchema: z.ZodType<InspirationTalkRecord> = z.object({
  personId: z.string().min(1),
  at: isoInstant,
  groupId: z.string().min(1),
  meetingId: z.string().min(1),
  swaps: z
    .array(
      z.object({
        requestId: z.string().min(1),
        fromPersonId: z.string().min(1),
        toPersonId: z.string().min(1),
        at: isoInstant,
      }),
    )
    .optional(),
});

export const meetingDocument = defineDocument('meeting', meetingSchema, {
  collection: 'groups',
  pk: (meeting) => meeting.groupId,
  id: (meeting) => `meeting:${meeting.id}`,
});

export const inspirationTalkDocument = defineDocument('inspiration-talk', talkSchema, {
  collection: 'groups',
  pk: (talk) => talk.groupId,
  id: (talk) => `inspiration-talk:${talk.meetingId}`,
});

/** The plain model shape (no token, no etag) for code that must not leak the token. */
export function toMeeting(record: MeetingRecord): Meeting {
  const { id, groupId, startsAt, durationMinutes, location, status } = record;
  return { id, groupId, startsAt, durationMinutes, status, ...(location !== undefined ? { location } : {}) };
}

export interface MeetingRepositoryOptions {
  /**
   * How long before its start a meeting's earliest reminder can fall (`reminderLeadMs` of the
   * governance): where a new or moved meeting enters the due-scan's index. The default is longer
   * than any governance's, so a repository built without it is late-proof, only less precise.
   */
  reminderLeadMs?: number;
}

export class MeetingRepository {
  private readonly meetings: TypedCollection<MeetingRecord>;
  private readonly talks: TypedCollection<InspirationTalkRecord>;
  private readonly reminderLeadMs: number;

  /** The store is readable for what lives beside a meeting in its group's partition (the presenter swap requests). */
  constructor(
    readonly store: DocumentStore,
    options: MeetingRepositoryOptions = {},
  ) {
    this.meetings = typedCollection(store, meetingDocument);
    this.talks = typedCollection(store, inspirationTalkDocument);
    this.reminderLeadMs = options.reminderLeadMs ?? DEFAULT_REMINDER_LEAD_MS;
  }

  async get(groupId: string, meetingId: string): Promise<MeetingRecord | undefined> {
    const found = await this.meetings.get(groupId, `meeting:${meetingId}`);
    return found ? withoutEtag(found) : undefined;
  }

  /** Creates the meeting; fails with AlreadyExistsError when the id is taken (an idempotent retry). */
  async create(meeting: MeetingRecord): Promise<MeetingRecord> {
    return withoutEtag(
      await this.meetings.create(indexedForReminders(meeting, undefined, this.reminderLeadMs)),
    );
  }

  /**
   * Read-modify-write (etag-guarded); `change` must be pure. A change of the start or the status
   * re-enters the meeting in the due-scan's index in the same write, so a moved meeting's new
   * reminders are never behind its index entry.
   */
  async update(
    groupId: string,
    meetingId: string,
    change: (current: MeetingRecord) => MeetingRecord | undefined,
  ): Promise<MeetingRecord> {
    return withoutEtag(
      await this.meetings.update(groupId, `meeting:${meetingId}`, (current) => {
        const changed = change(current);
        return changed && indexedForReminders(changed, current, this.reminderLeadMs);
      }),
    );
  }

  /** Every meeting of the group (any status), in start order. */
  async all(groupId: string): Promise<MeetingRecord[]> {
    return (await this.meetings.queryAll(groupId, { orderBy: { field: 'startsAt' } })).map(withoutEtag);
  }

  /** Scheduled meetings of the group starting after `after`, in start order. */
  async upcoming(groupId: string, after: Date): Promise<MeetingRecord[]> {
    const scheduled = await this.meetings.queryAll(groupId, {
      where: { status: 'scheduled' },
      orderBy: { field: 'startsAt' },
    });
    return scheduled.filter((meeting) => Date.parse(meeting.startsAt) > after.getTime()).map(withoutEtag);
  }

  /** The first scheduled meeting of the group after `after` (MeetingSchedule port). */
  async nextMeeting(groupId: string, after: Date): Promise<Meeting | undefined> {
    const [first] = await this.upcoming(groupId, after);
    return first ? toMeeting(first) : undefined;
  }

  /**
   * Scheduled meetings of every group starting in [from, to] (cross-partition scan: the scheduler's
   * background job only). Cancelled and held meetings are left out, so they get no moments.
   */
  async listScheduledBetween(from: Date, to: Date): Promise<Meeting[]> {
    const result: Array<{ meeting: Meeting; start: number }> = [];
    // One pass over the raw documents: the window is checked before the (costly) schema parse, so
    // meetings outside it (most of them: the scheduler looks ~5 weeks ahead) are never parsed. A
    // document without a readable start is parsed anyway, so a corrupt one still fails loudly.
    // The range reads only meetings near the window (indexed on both stores), so the scan grows with
    // the meetings due, not with every meeting ever scheduled. Stored instants may carry an offset
    // ("…T10:00:00+01:00"), which sorts as text up to 14 hours off: the bounds are widened by a
    // day and the exact check below decides.
    for await (const doc of this.meetings.raw.scan({
      type: meetingDocument.type,
      where: { status: 'scheduled' },
      range: {
        field: 'startsAt',
        from: new Date(from.getTime() - OFFSET_MARGIN_MS).toISOString(),
        to: new Date(to.getTime() + OFFSET_MARGIN_MS).toISOString(),
      },
    })) {
      const start = typeof doc.startsAt === 'string' ? Date.parse(doc.startsAt) : Number.NaN;
      if (start < from.getTime() || start > to.getTime()) continue;
      const meeting = meetingDocument.fromDocument(doc);
      const parsedStart = Date.parse(meeting.startsAt);
      if (parsedStart >= from.getTime() && parsedStart <= to.getTime())
        result.push({ meeting: toMeeting(meeting), start: parsedStart });
    }
    return result.sort((a, b) => a.start - b.start).map((entry) => entry.meeting);
  }

  /** Records the presenter of a meeting's inspiration talk (idempotent: one record per meeting). */
  async recordInspirationTalk(talk: InspirationTalkRecord): Promise<void> {
    await this.talks.upsert(talk);
  }

  /**
   * Records the presenter only when the meeting has none yet (create-if-absent): the detailed
   * agenda's record never overwrites a talk a swap handed over meanwhile. Returns whether it wrote.
   */
  async recordInspirationTalkOnce(talk: InspirationTalkRecord): Promise<boolean> {
    try {
      await this.talks.create(talk);
      return true;
    } catch (error) {
      if (error instanceof AlreadyExistsError) return false;
      throw error;
    }
  }

  /**
   * Hands the meeting's talk from `swap.fromPersonId` to `swap.toPersonId`, only while the former
   * still holds it (etag-guarded) or, when it was only previewed, by creating the record. The same
   * swap twice (a retry, two clicks racing) hands it over once.
   */
  async handOverInspirationTalk(
    talk: Pick<InspirationTalkRecord, 'groupId' | 'meetingId' | 'at'>,
    swap: InspirationTalkSwap,
  ): Promise<TalkHandOver> {
    const record = { ...talk, personId: swap.toPersonId, swaps: [swap] };
    if (!(await this.inspirationTalk(talk.groupId, talk.meetingId))) {
      if (await this.recordInspirationTalkOnce(record)) return 'handed-over';
    }
    let outcome: TalkHandOver = 'taken';
    await this.talks.update(talk.groupId, `inspiration-talk:${talk.meetingId}`, (current) => {
      // The outcome of the last run counts (the mutator runs again after a concurrent write).
      if (current.swaps?.some((done) => done.requestId === swap.requestId)) outcome = 'already';
      else if (current.personId !== swap.fromPersonId) outcome = 'taken';
      else {
        outcome = 'handed-over';
        return { ...current, personId: swap.toPersonId, swaps: [...(current.swaps ?? []), swap] };
      }
      return undefined;
    });
    return outcome;
  }

  async inspirationTalk(groupId: string, meetingId: string): Promise<InspirationTalkRecord | undefined> {
    const found = await this.talks.get(groupId, `inspiration-talk:${meetingId}`);
    return found && withoutEtag(found);
  }

  async inspirationTalks(groupId: string): Promise<InspirationTalkRecord[]> {
    return (await this.talks.queryAll(groupId)).map(withoutEtag);
  }
}
