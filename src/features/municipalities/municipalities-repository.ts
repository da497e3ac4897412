/**
 * The municipality register: code, name, region and K98 group of each Danish municipality (shipped
 * in config/municipalities.csv and loaded on first start), and its citizens with the quarter they
 * are from once the secretariat has uploaded them (FOLK1A). Used by the K98 spread of a group's
 * members and by the buffet-price frame (price x citizens).
 *
 * Layout: directory / pk `municipalities` / id `municipality:<code>`. The whole register (98
 * municipalities) is one small partition, so listing it is one single-partition query and an
 * import is one all-or-nothing batch.
 */
import { z } from 'zod';
import {
  AlreadyExistsError,
  PreconditionFailedError,
  type BatchOperation,
  type DocumentStore,
} from '../../platform/storage/port';
import { defineDocument, typedCollection, withoutEtag } from '../../platform/storage/repository';
import type { Stored, TypedCollection } from '../../platform/storage/repository';

export interface Municipality {
  /** Three-digit municipality code, e.g. "101" (København). */
  code: string;
  name: string;
  /** The region, e.g. "Hovedstaden" (absent in documents imported before the register was shipped). */
  region?: string;
  /** Unknown until the secretariat uploads the figures (or imports a register with them). */
  citizens?: number;
  /** The quarter the citizens are from, as Statistics Denmark writes it: "2026K1". */
  citizensAsOf?: string;
  /** K98 municipality group, e.g. "Hovedstadskommuner". */
  k98Group: string;
}

/** A quarter as Statistics Denmark writes it (FOLK1A's TID): "2026K1". */
export const QUARTER_PATTERN = /^\d{4}K[1-4]$/;

export const municipalitySchema: z.ZodType<Municipality> = z.object({
  code: z.string().regex(/^\d{3}$/, { error: 'expected a three-digit municipality code' }),
  name: z.string().trim().min(1, { error: 'expected a non-empty name' }),
  region: z.string().trim().min(1).optional(),
  citizens: z.number().int().min(0, { error: 'expected a whole number of citizens, 0 or more' }).optional(),
  citizensAsOf: z.string().regex(QUARTER_PATTERN, { error: 'expected a quarter like 2026K1' }).optional(),
  k98Group: z.string().trim().min(1, { error: 'expected a K98 group' }),
});

export const MUNICIPALITIES_PK = 'municipalities';

export const municipalityDocument = defineDocument('municipality', municipalitySchema, {
  collection: 'directory',
  pk: () => MUNICIPALITIES_PK,
  id: (municipality) => `municipality:${municipality.code}`,
});

/** Another writer got there first: a create of an existing code, or a stale etag. */
const isConflict = (error: unknown): boolean =>
  error instanceof AlreadyExistsError || error instanceof PreconditionFailedError;

/** Cosmos DB's limit of operations in one transactional batch. */
export const MAX_BATCH_OPERATIONS = 100;

export class MunicipalityRepository {
  private readonly municipalities: TypedCollection<Municipality>;

  constructor(store: DocumentStore) {
    this.municipalities = typedCollection(store, municipalityDocument);
  }

  async get(code: string): Promise<Municipality | undefined> {
    const found = await this.municipalities.get(MUNICIPALITIES_PK, `municipality:${code}`);
    return found ? withoutEtag(found) : undefined;
  }

  /** Every municipality, by code. */
  async list(): Promise<Municipality[]> {
    return (await this.municipalities.queryAll(MUNICIPALITIES_PK, { orderBy: { field: 'code' } })).map(
      withoutEtag,
    );
  }

  /** Every municipality with its etag, by code (for the guarded writes below). */
  private listStored(): Promise<Array<Stored<Municipality>>> {
    return this.municipalities.queryAll(MUNICIPALITIES_PK, { orderBy: { field: 'code' } });
  }

  /**
   * The shipped register on a start: creates the codes the store lacks and gives a region to the
   * ones that have none; names, groups and citizens already there are never touched. One batch of
   * creates and etag-guarded replaces, retried when another instance starting at the same moment
   * got there first. Returns how many documents were written.
   */
  async insertMissing(shipped: Municipality[], attempts = 3): Promise<number> {
    const stored = new Map((await this.listStored()).map((m) => [m.code, m]));
    const operations: BatchOperation[] = [];
    for (const municipality of shipped) {
      const current = stored.get(municipality.code);
      if (!current) operations.push(this.municipalities.operation('create', municipality));
      else if (current.region === undefined && municipality.region !== undefined)
        operations.push(this.replaceOf({ ...current, region: municipality.region }));
    }
    if (operations.length === 0) return 0;
    try {
      await this.municipalities.raw.batch(MUNICIPALITIES_PK, operations);
      return operations.length;
    } catch (error) {
      if (attempts <= 1 || !isConflict(error)) throw error;
      return this.insertMissing(shipped, attempts - 1);
    }
  }

  /**
   * Writes uploaded citizens (with their quarter) onto the register's municipalities in one
   * etag-guarded batch: all or nothing, and nothing else of a municipality changes.
   */
  async saveCitizens(
    figures: Array<{ code: string; citizens: number; citizensAsOf: string }>,
    attempts = 3,
  ): Promise<void> {
    const stored = new Map((await this.listStored()).map((m) => [m.code, m]));
    const operations = figures.map(({ code, citizens, citizensAsOf }) => {
      const current = stored.get(code);
      if (!current) throw new Error(`municipality ${code} is not in the register`);
      return this.replaceOf({ ...current, citizens, citizensAsOf });
    });
    if (operations.length > MAX_BATCH_OPERATIONS)
      throw new Error(`at most ${MAX_BATCH_OPERATIONS} municipalities per upload (one transactional batch)`);
    if (operations.length === 0) return;
    try {
      await this.municipalities.raw.batch(MUNICIPALITIES_PK, operations);
    } catch (error) {
      if (attempts <= 1 || !(error instanceof PreconditionFailedError)) throw error;
      await this.saveCitizens(figures, attempts - 1);
    }
  }

  private replaceOf(stored: Stored<Municipality>): BatchOperation {
    return this.municipalities.operation('replace', withoutEtag(stored), stored.etag);
  }

  /** Upserts all of them in one transaction: either every row is written or none. */
  async saveAll(municipalities: Municipality[]): Promise<void> {
    if (municipalities.length === 0) return;
    if (municipalities.length > MAX_BATCH_OPERATIONS) {
      throw new Error(`at most ${MAX_BATCH_OPERATIONS} municipalities per import (one transactional batch)`);
    }
    await this.municipalities.raw.batch(
      MUNICIPALITIES_PK,
      municipalities.map((municipality) => this.municipalities.operation('upsert', municipality)),
    );
  }
}
