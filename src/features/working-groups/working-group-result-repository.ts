/**
 * A working group's result in its parent reference group's partition (collection `groups`, pk =
 * the parent's id, id `wg-result:<working group id>`): the hand-in and its agenda item on the
 * parent's next meeting (same partition) are written in one batch, so a result is never stored
 * without its item, nor the item without the result. One result per working group: the id is the
 * group's, so a second hand-in (or two at once) finds the first (AlreadyExistsError).
 */
import { z } from 'zod';
import { AlreadyExistsError, type BatchOperation, type DocumentStore } from '../../platform/storage/port';
import {
  defineDocument,
  typedCollection,
  withoutEtag,
  type TypedCollection,
} from '../../platform/storage/repository';
import { isoInstant } from '../../platform/storage/schemas';
import { materialEntrySchema, type MaterialEntry } from '../agenda';

export const RESULT_KINDS = ['analysis', 'solution-options', 'decision-proposal'] as const;
export type ResultKind = (typeof RESULT_KINDS)[number];

export interface WorkingGroupResult {
  groupId: string;
  parentGroupId: string;
  kind: ResultKind;
  title: string;
  summary: string;
  material: MaterialEntry[];
  handedInBy: string;
  handedInAt: string;
  /** The parent's meeting whose agenda carries it, and the item's id there. */
  meetingId: string;
  agendaItemId: string;
}

const nonEmpty = z.string().min(1);

export const resultSchema: z.ZodType<WorkingGroupResult> = z.object({
  groupId: nonEmpty,
  parentGroupId: nonEmpty,
  kind: z.enum(RESULT_KINDS),
  title: nonEmpty,
  summary: nonEmpty,
  material: z.array(materialEntrySchema),
  handedInBy: nonEmpty,
  handedInAt: isoInstant,
  meetingId: nonEmpty,
  agendaItemId: nonEmpty,
});

export const resultDocument = defineDocument('working-group-result', resultSchema, {
  collection: 'groups',
  pk: (result) => result.parentGroupId,
  id: (result) => `wg-result:${result.groupId}`,
});

export class ResultRepository {
  private readonly results: TypedCollection<WorkingGroupResult>;

  constructor(store: DocumentStore) {
    this.results = typedCollection(store, resultDocument);
  }

  async get(parentGroupId: string, groupId: string): Promise<WorkingGroupResult | undefined> {
    const stored = await this.results.get(parentGroupId, `wg-result:${groupId}`);
    return stored ? withoutEtag(stored) : undefined;
  }

  /** The result and its agenda item in one batch; 'exists': the group handed in before. */
  async create(result: WorkingGroupResult, agendaItem: BatchOperation): Promise<'written' | 'exists'> {
    try {
      await this.results.raw.batch(result.parentGroupId, [
        this.results.operation('create', result),
        agendaItem,
      ]);
      return 'written';
    } catch (error) {
      if (error instanceof AlreadyExistsError) return 'exists';
      throw error;
    }
  }

  /** Every result (GDPR: rare). */
  async *scanAll(): AsyncIterable<WorkingGroupResult> {
    for await (const result of this.results.scan({})) yield withoutEtag(result);
  }
}
