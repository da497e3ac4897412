/**
 * The initiative portfolio: one document per initiative in its owning reference group's partition
 * (collection `groups`, pk = group id, id `initiative:<id>`), so a group's initiatives and their
 * status reports are one single-partition query. Amounts are whole kroner (integers).
 */
import { z } from 'zod';
import type { TrafficLight } from '../../domain/model';
import type { DocumentStore } from '../../platform/storage/port';
import {
  defineDocument,
  typedCollection,
  type TypedCollection,
  withoutEtag,
} from '../../platform/storage/repository';
import { isoDate, isoInstant } from '../../platform/storage/schemas';

export type Financing = 'buffet' | 'other';

export interface Initiative {
  id: string;
  title: string;
  /** The owning reference group. */
  groupId: string;
  /** Who is responsible (a name as typed; not necessarily a registered person). */
  responsible: string;
  status: TrafficLight;
  /** Required when the status is not green. */
  statusReason?: string;
  phase: string;
  startDate: string; // YYYY-MM-DD
  endDate: string; // YYYY-MM-DD
  /** buffet = special initiative financed by the buffet price; other = any other financing. */
  financing: Financing;
  budgetedKr: number;
  spentKr: number;
  /** Set when the initiative is finished: it no longer reports. */
  closedOn?: string;
  createdBy: string;
  createdAt: string;
  updatedBy: string;
  updatedAt: string;
}

const wholeKroner = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

export const initiativeSchema: z.ZodType<Initiative> = z
  .object({
    id: z.string().regex(/^[a-z0-9-]+$/),
    title: z.string().trim().min(1).max(200),
    groupId: z.string().min(1),
    responsible: z.string().trim().min(1).max(200),
    status: z.enum(['green', 'yellow', 'red']),
    statusReason: z.string().trim().min(1).max(2000).optional(),
    phase: z.string().trim().min(1).max(100),
    startDate: isoDate,
    endDate: isoDate,
    financing: z.enum(['buffet', 'other']),
    budgetedKr: wholeKroner,
    spentKr: wholeKroner,
    closedOn: isoDate.optional(),
    createdBy: z.string().min(1),
    createdAt: isoInstant,
    updatedBy: z.string().min(1),
    updatedAt: isoInstant,
  })
  .refine((i) => i.status === 'green' || i.statusReason !== undefined, {
    path: ['statusReason'],
    message: 'required when not green',
  })
  .refine((i) => i.endDate >= i.startDate, {
    path: ['endDate'],
    message: 'must not be before the start date',
  });

export const initiativeDocument = defineDocument('initiative', initiativeSchema, {
  collection: 'groups',
  pk: (initiative) => initiative.groupId,
  id: (initiative) => `initiative:${initiative.id}`,
});

export class InitiativeRepository {
  private readonly initiatives: TypedCollection<Initiative>;

  constructor(store: DocumentStore) {
    this.initiatives = typedCollection(store, initiativeDocument);
  }

  async get(groupId: string, initiativeId: string): Promise<Initiative | undefined> {
    const found = await this.initiatives.get(groupId, `initiative:${initiativeId}`);
    return found ? withoutEtag(found) : undefined;
  }

  /** Creates; AlreadyExistsError when the id is taken in that group. */
  async create(initiative: Initiative): Promise<Initiative> {
    return withoutEtag(await this.initiatives.create(initiative));
  }

  /** Read-modify-write (etag-guarded); `change` must be pure. */
  async update(
    groupId: string,
    initiativeId: string,
    change: (current: Initiative) => Initiative | undefined,
  ): Promise<Initiative> {
    return withoutEtag(await this.initiatives.update(groupId, `initiative:${initiativeId}`, change));
  }

  /** Every initiative of the group (closed ones included), by title. */
  async ofGroup(groupId: string): Promise<Initiative[]> {
    return (await this.initiatives.queryAll(groupId, { orderBy: { field: 'title' } })).map(withoutEtag);
  }
}
