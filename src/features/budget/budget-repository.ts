/**
 * The buffet-price budget: ONE document per budget year holding every commitment of that year
 * (collection `groups`, pk `budget`, id `budget-year:<year>`). A commitment is added with the
 * store's etag-guarded `update`, and the frame check runs inside the mutator on the current list,
 * so two concurrent commitments can never both pass the check: the second one re-reads (412) and
 * is checked against a list that holds the first.
 */
import { z } from 'zod';
import { AlreadyExistsError, type DocumentStore } from '../../platform/storage/port';
import {
  defineDocument,
  typedCollection,
  type TypedCollection,
  withoutEtag,
} from '../../platform/storage/repository';
import { isoInstant } from '../../platform/storage/schemas';

export interface Commitment {
  id: string;
  initiativeId: string;
  /** The initiative's owning reference group (where the initiative document lives). */
  groupId: string;
  year: number;
  amountKr: number;
  /** The meeting that decided it (optional: a decision may be recorded afterwards). */
  decidedAtMeetingId?: string;
  decidedBy: string;
  recordedAt: string;
  note?: string;
}

export interface BudgetYear {
  year: number;
  commitments: Commitment[];
  createdAt: string;
}

export const BUDGET_PK = 'budget';

const commitmentSchema: z.ZodType<Commitment> = z.object({
  id: z.string().min(1),
  initiativeId: z.string().min(1),
  groupId: z.string().min(1),
  year: z.number().int().min(2000).max(2200),
  amountKr: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
  decidedAtMeetingId: z.string().min(1).optional(),
  decidedBy: z.string().min(1),
  recordedAt: isoInstant,
  note: z.string().max(1000).optional(),
});

const budgetYearSchema: z.ZodType<BudgetYear> = z.object({
  year: z.number().int().min(2000).max(2200),
  commitments: z.array(commitmentSchema),
  createdAt: isoInstant,
});

export const budgetYearDocument = defineDocument('budget-year', budgetYearSchema, {
  collection: 'groups',
  pk: () => BUDGET_PK,
  id: (budget) => `budget-year:${budget.year}`,
});

export class BudgetRepository {
  private readonly years: TypedCollection<BudgetYear>;

  constructor(store: DocumentStore) {
    this.years = typedCollection(store, budgetYearDocument);
  }

  async get(year: number): Promise<BudgetYear | undefined> {
    const found = await this.years.get(BUDGET_PK, `budget-year:${year}`);
    return found ? withoutEtag(found) : undefined;
  }

  /** The year's document, created empty when absent (concurrent creators agree on one). */
  async ensure(year: number, now: string): Promise<BudgetYear> {
    try {
      return withoutEtag(await this.years.create({ year, commitments: [], createdAt: now }));
    } catch (error) {
      if (!(error instanceof AlreadyExistsError)) throw error;
      const existing = await this.get(year);
      if (!existing) throw error;
      return existing;
    }
  }

  /**
   * Etag-guarded read-modify-write of the year (retried on a concurrent change). `change` must be
   * pure: it may run several times, each time on the newest document.
   */
  async update(year: number, change: (current: BudgetYear) => BudgetYear | undefined): Promise<BudgetYear> {
    return withoutEtag(await this.years.update(BUDGET_PK, `budget-year:${year}`, change));
  }
}
