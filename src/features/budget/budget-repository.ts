/**
 * The buffet-price budget: ONE document per budget year holding every commitment of that year,
 * the year's price history and the snapshot of the citizen counts its frame is computed from
 * (collection `groups`, pk `budget`, id `budget-year:<year>`). A commitment is added with the
 * store's etag-guarded `update`, and the frame check runs inside the mutator on the current
 * document, so two concurrent commitments can never both pass the check: the second one re-reads
 * (412) and is checked against a list that holds the first (and against the newest price).
 *
 * `prices` and `citizens` are optional: documents written before budget years had neither; the
 * year's first use after that adds them.
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
import { currentCapacity } from '../../domain/legacy-names';

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

/** One step of a year's price history: seeded from the governance file, or set by the secretariat. */
export interface PriceEntry {
  /** `governance` for the seed; the request id of the card for a price the secretariat set. */
  id: string;
  pricePerCitizenKr: number;
  source: 'governance' | 'administer';
  setAt: string;
  /** The actor's id (`governance` for the seed). */
  setBy: string;
  setByName?: string;
}

/** The citizen counts of the register as they stood when the year was first used. */
export interface CitizenSnapshot {
  takenAt: string;
  /** `asOf`: the quarter of the uploaded figure (absent in snapshots taken before uploads had one). */
  municipalities: Array<{ code: string; citizens: number; asOf?: string }>;
}

export interface BudgetYear {
  year: number;
  commitments: Commitment[];
  createdAt: string;
  /** The year's price history, oldest first; the last entry is the year's price. */
  prices?: PriceEntry[];
  citizens?: CitizenSnapshot;
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

const wholeKroner = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

const priceEntrySchema: z.ZodType<PriceEntry> = z.object({
  id: z.string().min(1),
  pricePerCitizenKr: wholeKroner,
  // Steps written by the first version say secretariat (legacy-names.json).
  source: z.preprocess(currentCapacity, z.enum(['governance', 'administer'])),
  setAt: isoInstant,
  setBy: z.string().min(1),
  setByName: z.string().max(200).optional(),
});

const citizenSnapshotSchema: z.ZodType<CitizenSnapshot> = z.object({
  takenAt: isoInstant,
  municipalities: z.array(
    z.object({
      code: z.string().min(1),
      citizens: wholeKroner,
      asOf: z
        .string()
        .regex(/^\d{4}K[1-4]$/)
        .optional(),
    }),
  ),
});

const budgetYearSchema: z.ZodType<BudgetYear> = z.object({
  year: z.number().int().min(2000).max(2200),
  commitments: z.array(commitmentSchema),
  createdAt: isoInstant,
  prices: z.array(priceEntrySchema).optional(),
  citizens: citizenSnapshotSchema.optional(),
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

  /** Every year that has a document, oldest first. */
  async list(): Promise<BudgetYear[]> {
    return (await this.years.queryAll(BUDGET_PK, { orderBy: { field: 'year' } })).map(withoutEtag);
  }

  /**
   * The year's document, created as `initial` when absent (concurrent creators agree on one: the
   * first; the others get it back and fill in what it lacks with `update`).
   */
  async ensure(initial: BudgetYear): Promise<BudgetYear> {
    try {
      return withoutEtag(await this.years.create(initial));
    } catch (error) {
      if (!(error instanceof AlreadyExistsError)) throw error;
      const existing = await this.get(initial.year);
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
