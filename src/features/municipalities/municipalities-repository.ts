/**
 * The municipality register: code, name, citizens and K98 group of each Danish municipality.
 * Used by the K98 spread of a group's members and by the buffet-price frame (price x citizens).
 *
 * Layout: directory / pk `municipalities` / id `municipality:<code>`. The whole register (98
 * municipalities) is one small partition, so listing it is one single-partition query and an
 * import is one all-or-nothing batch.
 */
import { z } from 'zod';
import type { DocumentStore } from '../../platform/storage/port';
import { defineDocument, typedCollection, withoutEtag } from '../../platform/storage/repository';
import type { TypedCollection } from '../../platform/storage/repository';

export interface Municipality {
  /** Three-digit municipality code, e.g. "101" (København). */
  code: string;
  name: string;
  citizens: number;
  /** K98 municipality group, e.g. "Hovedstadskommuner". */
  k98Group: string;
}

export const municipalitySchema: z.ZodType<Municipality> = z.object({
  code: z.string().regex(/^\d{3}$/, { error: 'expected a three-digit municipality code' }),
  name: z.string().trim().min(1, { error: 'expected a non-empty name' }),
  citizens: z.number().int().min(0, { error: 'expected a whole number of citizens, 0 or more' }),
  k98Group: z.string().trim().min(1, { error: 'expected a K98 group' }),
});

export const MUNICIPALITIES_PK = 'municipalities';

export const municipalityDocument = defineDocument('municipality', municipalitySchema, {
  collection: 'directory',
  pk: () => MUNICIPALITIES_PK,
  id: (municipality) => `municipality:${municipality.code}`,
});

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
