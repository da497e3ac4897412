/**
 * What the meeting record needs from the rest of the bot, as ports the composition root fills
 * (src/app/services.ts): the meetings, the meeting's composed agenda (the agenda feature's), the
 * body's current members and the person register (for names, resolved when a card is drawn), the
 * channel messenger and the audit log. The record never imports the agenda or the hearings, so
 * they can use the record (the open actions on the agenda, a hearing's outcome) without a cycle.
 */
import type { Clock } from '../../domain/clock';
import type { Governance } from '../../domain/governance';
import type { Locale, Membership, Person } from '../../domain/model';
import type { AuditLog, ChannelMessenger } from '../../domain/ports';
import { localToday } from '../../domain/time';
import { PreconditionFailedError, AlreadyExistsError } from '../../platform/storage/port';
import type { Stored } from '../../platform/storage/repository';
import type { MeetingRecord } from '../meetings';
import { emptyMinutes, type Minutes, type RecordAgendaItem } from './domain/minutes';
import type { MinutesCommit, RecordRepository } from './record-repository';

export interface RecordMeetings {
  get(groupId: string, meetingId: string): Promise<MeetingRecord | undefined>;
  /** Every meeting of the group (any status). */
  all(groupId: string): Promise<MeetingRecord[]>;
}

export interface RecordAgenda {
  /** The meeting's composed agenda, item by item. */
  itemsOf(meeting: MeetingRecord): Promise<RecordAgendaItem[]>;
}

export interface RecordMembers {
  /** The group's memberships active today, with their persons. */
  activeMembers(groupId: string): Promise<Array<{ person: Person; membership: Membership }>>;
}

export interface RecordPeople {
  getPersons(personIds: Iterable<string>): Promise<Map<string, Person>>;
}

/** The printable minutes of a meeting (src/features/printing), with the meeting's print token. */
export interface MinutesPrintLinks {
  minutesHtml: string;
  minutesPdf: string;
}

export interface RecordServiceDeps {
  repository: RecordRepository;
  meetings: RecordMeetings;
  agenda: RecordAgenda;
  members: RecordMembers;
  people: RecordPeople;
  messenger: ChannelMessenger;
  audit: AuditLog;
  clock: Clock;
  governance: Governance;
  /** Overrides the channels' languages (default: each body's own in the governance file). */
  locale?: Locale;
  /**
   * The links to the printable minutes, absolute on the app's public base URL (the composition root
   * fills it from the printing feature, which uses the record); without it the card has no buttons.
   */
  printLinks?(meeting: MeetingRecord, locale: Locale): MinutesPrintLinks;
}

/** How often a write of the minutes is re-read and re-tried when another write came first. */
const MAX_COMMIT_ATTEMPTS = 8;

/** The minutes changed under every attempt: the caller tells the user to try again. */
export class MinutesBusyError extends Error {
  constructor(groupId: string, meetingId: string) {
    super(`minutes ${groupId}/${meetingId}: gave up after ${MAX_COMMIT_ATTEMPTS} concurrent writes`);
    this.name = 'MinutesBusyError';
  }
}

export type CommitPlan<R> =
  { write: Omit<MinutesCommit, 'etag'>; result: R } | { result: R; write?: undefined };

/**
 * Reads the minutes, lets `plan` decide (pure, on the current state) and writes at the etag read;
 * when another write came in between (412, or 409 on a first create) it reads again and re-plans,
 * so two people recording different items both keep their edit. A plan without a write ends it.
 */
export async function commitMinutes<R>(
  deps: RecordServiceDeps,
  groupId: string,
  meetingId: string,
  plan: (current: Minutes, stored: Stored<Minutes> | undefined) => Promise<CommitPlan<R>> | CommitPlan<R>,
): Promise<R> {
  for (let attempt = 1; attempt <= MAX_COMMIT_ATTEMPTS; attempt++) {
    const stored = await deps.repository.getMinutes(groupId, meetingId);
    const current = stored ? withoutStoredEtag(stored) : emptyMinutes(groupId, meetingId);
    const decided = await plan(current, stored);
    if (!decided.write) return decided.result;
    try {
      await deps.repository.commit({ ...decided.write, etag: stored?.etag });
      return decided.result;
    } catch (error) {
      if (!(error instanceof PreconditionFailedError) && !(error instanceof AlreadyExistsError)) throw error;
    }
  }
  throw new MinutesBusyError(groupId, meetingId);
}

function withoutStoredEtag(stored: Stored<Minutes>): Minutes {
  const { etag: _etag, ...minutes } = stored;
  return minutes;
}

export function todayOf(deps: Pick<RecordServiceDeps, 'clock' | 'governance'>): string {
  return localToday(deps.clock, deps.governance.timeZone);
}
