/**
 * The meeting record on the storage port, in the meeting group's partition (collection `groups`,
 * pk = group id), so the minutes, their actions and versions are written together in one
 * transactional batch:
 *
 * - `minutes:<meetingId>`                        the minutes (items, comments, draft, approval);
 * - `action:<actionId>`                          a follow-up action (own document: closing one never
 *                                                touches the approved minutes);
 * - `minutes-version:<meetingId>:<0001>`         an approved version, created once and never replaced;
 * - `hearing-outcome:<hearingId>`                a written hearing's outcome for the next meeting.
 *
 * Optimistic concurrency on both stores: `commit` replaces the minutes only at the etag they were
 * read with (Cosmos IfMatch, SQLite the same check in its transaction), together with the new
 * actions and version; a stale etag fails the whole batch with PreconditionFailedError and nothing
 * is written. `listOpenActions` is the one cross-partition read (the reminder scan).
 */
import { z } from 'zod';
import { AlreadyExistsError, type BatchOperation, type DocumentStore } from '../../platform/storage/port';
import {
  defineDocument,
  typedCollection,
  withoutEtag,
  type Stored,
  type TypedCollection,
} from '../../platform/storage/repository';
import { isoDate, isoInstant } from '../../platform/storage/schemas';
import { currentCapacity } from '../../domain/legacy-names';
import type {
  FollowUpAction,
  HearingOrientation,
  Minutes,
  MinutesItem,
  MinutesVersion,
} from './domain/minutes';

const nonEmpty = z.string().min(1);
const kind = z.enum(['orientation', 'discussion', 'decision']);
/** By language: any of them (issue 23); records from before are { da, en }. */
const title = z.record(z.string().min(1), z.string());
/** Meeting ids are what the meetings feature writes: letters, digits, dashes. */
const meetingId = z
  .string()
  .min(1)
  .regex(/^[A-Za-z0-9-]+$/);

const itemSchema: z.ZodType<MinutesItem> = z.object({
  itemId: nonEmpty,
  number: z.number().int().nonnegative(),
  title,
  kind,
  decision: nonEmpty,
  notes: z.string().optional(),
  actionIds: z.array(nonEmpty),
  revision: z.number().int().positive(),
  changedAt: isoInstant,
  changedBy: nonEmpty,
});

const minutesSchema: z.ZodType<Minutes> = z.object({
  groupId: nonEmpty,
  meetingId,
  minuteTakerId: nonEmpty.optional(),
  status: z.enum(['recording', 'draft', 'approved']),
  items: z.array(itemSchema),
  comments: z.array(z.object({ id: nonEmpty, authorId: nonEmpty, at: isoInstant, text: nonEmpty })),
  draft: z
    .object({
      postedAt: isoInstant,
      postedBy: nonEmpty,
      commentsUntil: isoDate,
      activityId: z.string().optional(),
    })
    .optional(),
  approval: z
    .object({
      at: isoInstant,
      by: nonEmpty,
      via: z.preprocess(currentCapacity, z.enum(['administer', 'meeting'])),
      atMeetingId: z.string().optional(),
    })
    .optional(),
  version: z.number().int().nonnegative(),
});

const actionSchema: z.ZodType<FollowUpAction> = z.object({
  id: z
    .string()
    .min(1)
    .regex(/^[A-Za-z0-9-]+$/),
  groupId: nonEmpty,
  meetingId,
  itemId: nonEmpty,
  what: nonEmpty,
  ownerId: nonEmpty,
  dueDate: isoDate,
  createdAt: isoInstant,
  createdBy: nonEmpty,
  status: z.enum(['open', 'closed']),
  closedAt: isoInstant.optional(),
  closedBy: z.string().optional(),
  closeNote: z.string().optional(),
});

const outcomeSchema: z.ZodType<HearingOrientation> = z.object({
  groupId: nonEmpty,
  hearingId: nonEmpty,
  title: nonEmpty,
  outcome: z.enum(['approved', 'rejected', 'no-quorum']),
  approve: z.number().int().nonnegative(),
  reject: z.number().int().nonnegative(),
  abstain: z.number().int().nonnegative(),
  eligible: z.number().int().nonnegative(),
  decidedAt: isoInstant,
});

const versionSchema: z.ZodType<MinutesVersion> = z.object({
  groupId: nonEmpty,
  meetingId,
  version: z.number().int().positive(),
  kind: z.enum(['approval', 'correction']),
  items: z.array(
    z.object({
      itemId: nonEmpty,
      number: z.number().int().nonnegative(),
      title,
      kind,
      decision: nonEmpty,
      notes: z.string().optional(),
      actions: z.array(z.object({ id: nonEmpty, what: nonEmpty, ownerId: nonEmpty, dueDate: isoDate })),
    }),
  ),
  hearings: z.array(outcomeSchema),
  createdAt: isoInstant,
  createdBy: nonEmpty,
  via: z.preprocess(currentCapacity, z.enum(['administer', 'meeting'])).optional(),
  atMeetingId: z.string().optional(),
  correctedItemId: z.string().optional(),
  reason: z.string().optional(),
});

const minutesId = (id: string) => `minutes:${id}`;
const actionId = (id: string) => `action:${id}`;
/** Zero-padded, so the versions of one meeting list in order by id. */
const versionId = (id: string, version: number) =>
  `minutes-version:${id}:${String(version).padStart(4, '0')}`;

export const minutesDocument = defineDocument('minutes', minutesSchema, {
  collection: 'groups',
  pk: (minutes) => minutes.groupId,
  id: (minutes) => minutesId(minutes.meetingId),
});

export const followUpActionDocument = defineDocument('follow-up-action', actionSchema, {
  collection: 'groups',
  pk: (action) => action.groupId,
  id: (action) => actionId(action.id),
});

export const minutesVersionDocument = defineDocument('minutes-version', versionSchema, {
  collection: 'groups',
  pk: (version) => version.groupId,
  id: (version) => versionId(version.meetingId, version.version),
});

export const hearingOutcomeDocument = defineDocument('hearing-outcome', outcomeSchema, {
  collection: 'groups',
  pk: (outcome) => outcome.groupId,
  id: (outcome) => `hearing-outcome:${outcome.hearingId}`,
});

/** One write of the minutes: at the etag read (absent: they did not exist), with what belongs to it. */
export interface MinutesCommit {
  minutes: Minutes;
  etag?: string;
  newActions?: FollowUpAction[];
  version?: MinutesVersion;
}

export class RecordRepository {
  private readonly minutes: TypedCollection<Minutes>;
  private readonly actions: TypedCollection<FollowUpAction>;
  private readonly versions: TypedCollection<MinutesVersion>;
  private readonly outcomes: TypedCollection<HearingOrientation>;

  constructor(store: DocumentStore) {
    this.minutes = typedCollection(store, minutesDocument);
    this.actions = typedCollection(store, followUpActionDocument);
    this.versions = typedCollection(store, minutesVersionDocument);
    this.outcomes = typedCollection(store, hearingOutcomeDocument);
  }

  async getMinutes(groupId: string, meetingId: string): Promise<Stored<Minutes> | undefined> {
    return this.minutes.get(groupId, minutesId(meetingId));
  }

  /**
   * Writes the minutes with their new actions and version, all or nothing. Fails with
   * PreconditionFailedError when the minutes changed since `etag` was read, and with
   * AlreadyExistsError when they were created (or the version written) by someone else meanwhile.
   */
  async commit(write: MinutesCommit): Promise<void> {
    const operations: BatchOperation[] = [
      write.etag === undefined
        ? this.minutes.operation('create', write.minutes)
        : this.minutes.operation('replace', write.minutes, write.etag),
      ...(write.newActions ?? []).map((action) => this.actions.operation('create', action)),
      ...(write.version ? [this.versions.operation('create', write.version)] : []),
    ];
    await this.minutes.raw.batch(write.minutes.groupId, operations);
  }

  /** Read-modify-write of the minutes (etag-guarded, retried); `change` must be pure. */
  async updateMinutes(
    groupId: string,
    meetingId: string,
    change: (current: Minutes) => Minutes | undefined,
  ): Promise<Minutes> {
    return withoutEtag(await this.minutes.update(groupId, minutesId(meetingId), change));
  }

  async getAction(groupId: string, id: string): Promise<FollowUpAction | undefined> {
    const found = await this.actions.get(groupId, actionId(id));
    return found && withoutEtag(found);
  }

  async updateAction(
    groupId: string,
    id: string,
    change: (current: FollowUpAction) => FollowUpAction | undefined,
  ): Promise<FollowUpAction> {
    return withoutEtag(await this.actions.update(groupId, actionId(id), change));
  }

  async actionsOfMeeting(groupId: string, meetingIdValue: string): Promise<FollowUpAction[]> {
    return (await this.actions.queryAll(groupId, { where: { meetingId: meetingIdValue } })).map(withoutEtag);
  }

  async openActionsOf(groupId: string): Promise<FollowUpAction[]> {
    return (await this.actions.queryAll(groupId, { where: { status: 'open' } })).map(withoutEtag);
  }

  /** Open actions of every group: a cross-partition scan, for the reminder scan only. */
  async listOpenActions(): Promise<FollowUpAction[]> {
    const result: FollowUpAction[] = [];
    for await (const action of this.actions.scan({ where: { status: 'open' } }))
      result.push(withoutEtag(action));
    return result;
  }

  /** Every meeting's minutes of the group (one single-partition query): the decision log's source. */
  async minutesOf(groupId: string): Promise<Minutes[]> {
    return (await this.minutes.queryAll(groupId, { idPrefix: 'minutes:' })).map(withoutEtag);
  }

  /** Every version of the meeting's minutes, oldest first. */
  async versionsOf(groupId: string, meetingIdValue: string): Promise<MinutesVersion[]> {
    const found = await this.versions.queryAll(groupId, { idPrefix: `minutes-version:${meetingIdValue}:` });
    return found.map(withoutEtag).sort((a, b) => a.version - b.version);
  }

  /** Records a hearing's outcome once: a repeated call (the close outbox retrying) returns false. */
  async saveHearingOutcome(outcome: HearingOrientation): Promise<boolean> {
    try {
      await this.outcomes.create(outcome);
      return true;
    } catch (error) {
      if (error instanceof AlreadyExistsError) return false;
      throw error;
    }
  }

  async hearingOutcomesOf(groupId: string): Promise<HearingOrientation[]> {
    return (await this.outcomes.queryAll(groupId)).map(withoutEtag);
  }
}
