/**
 * Scheduling, moving and cancelling meetings. A meeting's timeline (heads-up, 4-week proposal
 * deadline, 2-week detailed agenda) is not stored: it follows from the meeting's start and the
 * governance config (domain/timeline), so moving a meeting moves every moment, and the scheduler
 * derives its moments from the stored meetings (cancelled ones are not listed to it).
 *
 * Rules: one meeting per group per local calendar day (a re-sent schedule card is therefore
 * harmless), meetings are scheduled in the future only, and every change is audited.
 */
import { randomBytes } from 'node:crypto';
import type { Clock } from '../../domain/clock';
import { bodyCadence, type Governance } from '../../domain/governance';
import { cadenceSlots } from '../../domain/meeting-cadence';
import type { Meeting } from '../../domain/model';
import { meetingDeadlines, type MeetingDeadlines } from '../../domain/timeline';
import { localDate } from '../../domain/time';
import {
  danishDateOrUndefined,
  localInstant,
  parseDanishDate,
  parseDanishTime,
  type DateProblem,
  type InstantProblem,
  type TimeProblem,
} from '../../domain/danish-dates';
import type { MeetingRecord, MeetingRepository } from './meetings-repository';
import { toMeeting } from './meetings-repository';
import type { AuditLog, MeetingSchedule } from '../../domain/ports';

export interface LocalSlot {
  /** YYYY-MM-DD in the governance time zone. */
  date: string;
  /** HH:mm. */
  time: string;
}

export type SlotError = 'bad-date' | 'bad-time' | 'in-past';

/** What is wrong with each field of a typed slot (both at once: a card reports every bad field). */
export interface SlotProblems {
  date?: DateProblem | 'in-past';
  time?: TimeProblem | InstantProblem;
}

export type ScheduleResult =
  | { kind: 'scheduled'; meeting: MeetingRecord }
  | { kind: 'same-day-exists'; meeting: MeetingRecord }
  | { kind: 'invalid'; error: SlotError; slot: LocalSlot; problems: SlotProblems };

export type ChangeResult =
  | { kind: 'changed'; meeting: MeetingRecord; previous: MeetingRecord }
  | { kind: 'not-found' }
  | { kind: 'not-scheduled'; meeting: MeetingRecord }
  /** The meeting was changed (moved) since the caller looked at it: nothing was done. */
  | { kind: 'stale'; meeting: MeetingRecord }
  | { kind: 'same-day-exists'; meeting: MeetingRecord }
  | { kind: 'invalid'; error: SlotError; slot: LocalSlot; problems: SlotProblems };

export interface ResolvedSlot {
  startsAt?: string;
  /** The slot normalised (YYYY-MM-DD, HH:mm) where it could be read, else as typed. */
  slot: LocalSlot;
  error?: SlotError;
  problems?: SlotProblems;
}

/** Parses "2027-04-01", "1.4.2027", "01-04-2027", "1/4-2027" to YYYY-MM-DD; undefined when it is no real date. */
export function parseLocalDate(text: string): string | undefined {
  return danishDateOrUndefined(text);
}

export class MeetingService implements MeetingSchedule {
  constructor(
    private readonly repository: MeetingRepository,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
    private readonly governance: Governance,
  ) {}

  get timeZone(): string {
    return this.governance.timeZone;
  }

  /** The default dates of a year's meetings: the body's cadence from the governance file. */
  defaultYearSlots(year: number, groupId: string): LocalSlot[] {
    return cadenceSlots(bodyCadence(this.governance, groupId), year, this.timeZone);
  }

  /** Validates a typed slot and turns it into an instant (undefined + every problem when it is not valid). */
  resolveSlot(dateText: string, timeText: string): ResolvedSlot {
    const date = parseDanishDate(dateText);
    const time = parseDanishTime(timeText);
    const slot = { date: date.ok ? date.value : dateText, time: time.ok ? time.value : timeText };
    const problems: SlotProblems = {};
    if (!date.ok) problems.date = date.problem;
    if (!time.ok) problems.time = time.problem;
    if (date.ok && time.ok) {
      const instant = localInstant(date.value, time.value, this.timeZone);
      if (!instant.ok) problems.time = instant.problem;
      else if (Date.parse(instant.value) <= this.clock.now().getTime()) problems.date = 'in-past';
      else return { startsAt: instant.value, slot };
    }
    const error: SlotError =
      problems.date === 'in-past' ? 'in-past' : problems.date ? 'bad-date' : 'bad-time';
    return { slot, error, problems };
  }

  async schedule(input: {
    groupId: string;
    date: string;
    time: string;
    location?: string;
    durationMinutes?: number;
    actorId: string;
  }): Promise<ScheduleResult> {
    const resolved = this.resolveSlot(input.date, input.time);
    if (!resolved.startsAt) return invalidSlot(resolved);
    const sameDay = await this.scheduledOnDay(input.groupId, resolved.slot.date);
    if (sameDay) return { kind: 'same-day-exists', meeting: sameDay };
    const meeting: MeetingRecord = {
      id: `${resolved.slot.date.replace(/-/g, '')}-${randomBytes(3).toString('hex')}`,
      groupId: input.groupId,
      startsAt: resolved.startsAt,
      durationMinutes: input.durationMinutes ?? this.governance.meeting.lengthMinutes,
      status: 'scheduled',
      accessToken: randomBytes(18).toString('base64url'),
      createdBy: input.actorId,
      ...(input.location?.trim() ? { location: input.location.trim() } : {}),
    };
    const saved = await this.repository.create(meeting);
    await this.audit.append({
      at: this.clock.now().toISOString(),
      actorId: input.actorId,
      action: 'meeting.schedule',
      subject: `meeting:${input.groupId}:${meeting.id}`,
      details: { startsAt: meeting.startsAt },
    });
    return { kind: 'scheduled', meeting: saved };
  }

  /** Schedules several meetings (a year's quarterly meetings); each slot gets its own result. */
  async scheduleMany(groupId: string, slots: LocalSlot[], actorId: string): Promise<ScheduleResult[]> {
    const results: ScheduleResult[] = [];
    for (const slot of slots)
      results.push(await this.schedule({ groupId, date: slot.date, time: slot.time, actorId }));
    return results;
  }

  /**
   * Moves a scheduled meeting. With `expectedSequence` (a confirmation card's), nothing happens
   * when the meeting has changed since (`stale`), so a confirmation acts on what it showed.
   */
  async move(
    groupId: string,
    meetingId: string,
    dateText: string,
    timeText: string,
    actorId: string,
    expectedSequence?: number,
  ): Promise<ChangeResult> {
    const previous = await this.repository.get(groupId, meetingId);
    if (!previous) return { kind: 'not-found' };
    if (previous.status !== 'scheduled') return { kind: 'not-scheduled', meeting: previous };
    const resolved = this.resolveSlot(dateText, timeText);
    if (!resolved.startsAt) return invalidSlot(resolved);
    const sameDay = await this.scheduledOnDay(groupId, resolved.slot.date);
    if (sameDay && sameDay.id !== meetingId) return { kind: 'same-day-exists', meeting: sameDay };
    const startsAt = resolved.startsAt;
    const result = await this.change(groupId, meetingId, expectedSequence, (current) => ({
      ...current,
      startsAt,
    }));
    if (result.kind === 'changed')
      await this.audit.append({
        at: this.clock.now().toISOString(),
        actorId,
        action: 'meeting.move',
        subject: `meeting:${groupId}:${meetingId}`,
        details: { from: result.previous.startsAt, to: startsAt },
      });
    return result;
  }

  /** Cancels a scheduled meeting; `expectedSequence` as for move. */
  async cancel(
    groupId: string,
    meetingId: string,
    actorId: string,
    expectedSequence?: number,
  ): Promise<ChangeResult> {
    const previous = await this.repository.get(groupId, meetingId);
    if (!previous) return { kind: 'not-found' };
    if (previous.status !== 'scheduled') return { kind: 'not-scheduled', meeting: previous };
    const result = await this.change(groupId, meetingId, expectedSequence, (current) => ({
      ...current,
      status: 'cancelled',
    }));
    if (result.kind === 'changed')
      await this.audit.append({
        at: this.clock.now().toISOString(),
        actorId,
        action: 'meeting.cancel',
        subject: `meeting:${groupId}:${meetingId}`,
      });
    return result;
  }

  /**
   * The etag-guarded change of a scheduled meeting (+1 calendar sequence). `changed` only for the
   * writer whose change was stored: of two confirmations at once, one changes and the other finds
   * the meeting no longer scheduled (or moved), so what follows a change happens once.
   */
  private async change(
    groupId: string,
    meetingId: string,
    expectedSequence: number | undefined,
    apply: (current: MeetingRecord) => MeetingRecord,
  ): Promise<ChangeResult> {
    let previous: MeetingRecord | undefined;
    const meeting = await this.repository.update(groupId, meetingId, (current) => {
      const fits =
        current.status === 'scheduled' &&
        (expectedSequence === undefined || (current.sequence ?? 0) === expectedSequence);
      previous = fits ? current : undefined;
      return fits ? { ...apply(current), sequence: (current.sequence ?? 0) + 1 } : undefined;
    });
    if (previous) return { kind: 'changed', meeting, previous };
    return meeting.status === 'scheduled' ? { kind: 'stale', meeting } : { kind: 'not-scheduled', meeting };
  }

  async get(groupId: string, meetingId: string): Promise<MeetingRecord | undefined> {
    return this.repository.get(groupId, meetingId);
  }

  async upcoming(groupId: string): Promise<MeetingRecord[]> {
    return this.repository.upcoming(groupId, this.clock.now());
  }

  async nextMeeting(groupId: string, after: Date): Promise<Meeting | undefined> {
    return this.repository.nextMeeting(groupId, after);
  }

  async nextMeetingRecord(groupId: string): Promise<MeetingRecord | undefined> {
    return (await this.repository.upcoming(groupId, this.clock.now()))[0];
  }

  /**
   * A meeting named by the user: its id, or its local date (YYYY-MM-DD / D.M.YYYY); without a
   * reference, the next scheduled meeting.
   */
  async find(groupId: string, reference: string | undefined): Promise<MeetingRecord | undefined> {
    const wanted = reference?.trim();
    if (!wanted) return this.nextMeetingRecord(groupId);
    const byId = await this.repository.get(groupId, wanted);
    if (byId) return byId;
    const date = parseLocalDate(wanted);
    if (!date) return undefined;
    return (await this.repository.all(groupId)).find(
      (meeting) => meeting.status === 'scheduled' && localDate(meeting.startsAt, this.timeZone) === date,
    );
  }

  /** The meeting's deadlines, at its group's offsets (the default offsets without a group). */
  deadlines(meeting: Pick<Meeting, 'startsAt'> & Partial<Pick<Meeting, 'groupId'>>): MeetingDeadlines {
    return meetingDeadlines(meeting, this.governance);
  }

  plain(meeting: MeetingRecord): Meeting {
    return toMeeting(meeting);
  }

  /** Another scheduled meeting of the group on that local day (a move there is refused). */
  async otherMeetingOnDay(
    groupId: string,
    date: string,
    meetingId: string,
  ): Promise<MeetingRecord | undefined> {
    const sameDay = await this.scheduledOnDay(groupId, date);
    return sameDay && sameDay.id !== meetingId ? sameDay : undefined;
  }

  private async scheduledOnDay(groupId: string, date: string): Promise<MeetingRecord | undefined> {
    return (await this.repository.all(groupId)).find(
      (meeting) => meeting.status === 'scheduled' && localDate(meeting.startsAt, this.timeZone) === date,
    );
  }
}

function invalidSlot(resolved: ResolvedSlot): Extract<ChangeResult, { kind: 'invalid' }> {
  return { kind: 'invalid', error: resolved.error!, slot: resolved.slot, problems: resolved.problems ?? {} };
}
