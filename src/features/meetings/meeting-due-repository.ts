/**
 * The stored side of the due-scan's meeting index (meeting-due-index.ts): the meetings whose
 * `nextDueAt` has come, the compare-and-set that advances one, the re-index when the basis
 * changed, and the basis itself (collection `schedule`, partition `meeting-due-index`, beside the
 * ledger it serves).
 */
import { z } from 'zod';
import type { Meeting } from '../../domain/model';
import { PreconditionFailedError, NotFoundError, type DocumentStore } from '../../platform/storage/port';
import { defineDocument, typedCollection, type TypedCollection } from '../../platform/storage/repository';
import { indexedForReminders } from './meeting-due-index';
import { meetingDocument, toMeeting, type MeetingRecord } from './meetings-repository';

/** More than any UTC offset: stored starts with an offset sort within this of their UTC text. */
const OFFSET_MARGIN_MS = 24 * 60 * 60_000;

interface DueIndexBasisRecord {
  /** dueIndexBasis(): the governance and active reference groups the index was advanced under. */
  basis: string;
}

export const dueIndexBasisDocument = defineDocument(
  'meeting-due-basis',
  z.object({ basis: z.string().min(1) }) as z.ZodType<DueIndexBasisRecord>,
  { collection: 'schedule', pk: () => 'meeting-due-index', id: () => 'basis' },
);

/** A meeting the index says to look at, with what the advance compares against. */
export interface DueMeeting {
  meeting: Meeting;
  nextDueAt: string;
  /** The version read: the advance writes only over it. */
  etag: string;
  /** The record as read, which the advance writes back with its new entry. */
  record: MeetingRecord;
}

export class MeetingDueRepository {
  private readonly meetings: TypedCollection<MeetingRecord>;
  private readonly bases: TypedCollection<DueIndexBasisRecord>;

  constructor(
    store: DocumentStore,
    private readonly reminderLeadMs: number,
  ) {
    this.meetings = typedCollection(store, meetingDocument);
    this.bases = typedCollection(store, dueIndexBasisDocument);
  }

  /** Scheduled meetings whose `nextDueAt` is at or before `to` (cross-partition: the due-scan only). */
  async listDue(to: Date): Promise<DueMeeting[]> {
    const due: DueMeeting[] = [];
    for await (const record of this.meetings.scan({
      where: { status: 'scheduled' },
      range: { field: 'nextDueAt', to: to.toISOString() },
    })) {
      const { etag, ...plain } = record;
      if (plain.nextDueAt === undefined) continue;
      due.push({ meeting: toMeeting(plain), nextDueAt: plain.nextDueAt, etag, record: plain });
    }
    return due;
  }

  /**
   * Moves the meeting's entry to `next` (undefined: out of the index), only over the version the
   * scan read: a meeting moved, cancelled or advanced by another instance meanwhile keeps what that
   * write gave it. Returns whether it wrote.
   */
  async advance(due: DueMeeting, next: Date | undefined): Promise<boolean> {
    const { nextDueAt: _old, ...rest } = due.record;
    const record: MeetingRecord = next ? { ...rest, nextDueAt: next.toISOString() } : rest;
    try {
      await this.meetings.replace(record, { ifMatch: due.etag });
      return true;
    } catch (error) {
      if (error instanceof PreconditionFailedError || error instanceof NotFoundError) return false;
      throw error;
    }
  }

  /**
   * Puts every scheduled meeting starting at or after `from` back at its earliest possible
   * reminder (the basis changed, or the index is new): the next scans look at each again and the
   * ledger tells what was sent. Returns how many entries it moved.
   */
  async reindexFrom(from: Date): Promise<number> {
    const moved: MeetingRecord[] = [];
    for await (const record of this.meetings.scan({
      where: { status: 'scheduled' },
      range: { field: 'startsAt', from: new Date(from.getTime() - OFFSET_MARGIN_MS).toISOString() },
    })) {
      const reset = indexedForReminders(record, undefined, this.reminderLeadMs);
      if (reset.nextDueAt !== record.nextDueAt) moved.push(record);
    }
    for (const record of moved) {
      await this.meetings.update(record.groupId, `meeting:${record.id}`, (current) => {
        const reset = indexedForReminders(current, undefined, this.reminderLeadMs);
        return reset.nextDueAt === current.nextDueAt ? undefined : reset;
      });
    }
    return moved.length;
  }

  async basis(): Promise<string | undefined> {
    return (await this.bases.get('meeting-due-index', 'basis'))?.basis;
  }

  async saveBasis(basis: string): Promise<void> {
    await this.bases.upsert({ basis });
  }
}
