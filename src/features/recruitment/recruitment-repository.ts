/**
 * Recruitments in their body's partition (collection `groups`, pk = the body's id; why: the
 * recruitment card is one body's screen, a point read). One document per recruitment,
 * `recruitment:<id>`, its candidates inside it: a recruitment has a handful of candidates, and the
 * appointment closes it and marks the others not chosen in one etag-guarded write.
 *
 * Idempotency: the recruitment id comes from the card instance id of the seat card, so a re-sent
 * open hits create's AlreadyExistsError and the first recruitment is returned.
 */
import { z } from 'zod';
import type { DocumentStore } from '../../platform/storage/port';
import {
  defineDocument,
  typedCollection,
  type TypedCollection,
  withoutEtag,
} from '../../platform/storage/repository';
import { isoInstant } from '../../platform/storage/schemas';
import type { Candidate, Recruitment } from './domain/recruitment';

const date = z.iso.date();

const candidateSchema: z.ZodType<Candidate> = z.object({
  id: z.string().min(1),
  status: z.enum(['candidate', 'appointed', 'not-chosen']),
  registeredAt: isoInstant,
  personId: z.string().min(1).optional(),
  name: z.string().min(1).optional(),
  email: z.string().min(1).optional(),
  municipalityCode: z.string().min(1).optional(),
  competences: z.string().min(1).optional(),
  assessment: z.string().min(1).optional(),
  eraseOn: date.optional(),
  erasedAt: isoInstant.optional(),
});

const recruitmentSchema: z.ZodType<Recruitment> = z.object({
  id: z.string().min(1),
  groupId: z.string().min(1),
  seat: z.object({
    kind: z.enum(['ending', 'vacant', 'unfilled']),
    leavingPersonId: z.string().min(1).optional(),
    replaceBy: date,
  }),
  status: z.enum(['open', 'closed', 'archived']),
  openedAt: isoInstant,
  openedBy: z.string().min(1),
  candidates: z.array(candidateSchema),
  closed: z.object({ at: isoInstant, candidateId: z.string().min(1), termStart: date }).optional(),
});

export const recruitmentDocument = defineDocument('recruitment', recruitmentSchema, {
  collection: 'groups',
  pk: (recruitment) => recruitment.groupId,
  id: (recruitment) => `recruitment:${recruitment.id}`,
});

/** A recruitment id comes from a card instance id and becomes part of a key: safe characters only. */
export function recruitmentIdOf(cardInstanceId: string): string {
  return cardInstanceId.replace(/[^A-Za-z0-9-]/g, '').slice(0, 64);
}

export class RecruitmentRepository {
  private readonly recruitments: TypedCollection<Recruitment>;

  constructor(store: DocumentStore) {
    this.recruitments = typedCollection(store, recruitmentDocument);
  }

  async get(groupId: string, id: string): Promise<Recruitment | undefined> {
    const stored = await this.recruitments.get(groupId, `recruitment:${id}`);
    return stored ? withoutEtag(stored) : undefined;
  }

  /** Creates once: a second create with the same id returns the stored recruitment. */
  async createOnce(recruitment: Recruitment): Promise<{ recruitment: Recruitment; created: boolean }> {
    const { stored, created } = await this.recruitments.createOnce(recruitment);
    return { recruitment: withoutEtag(stored), created };
  }

  /** Read-modify-write with etag retries; `change` returns undefined to write nothing. */
  async update(
    groupId: string,
    id: string,
    change: (current: Recruitment) => Recruitment | undefined,
  ): Promise<Recruitment> {
    return withoutEtag(await this.recruitments.update(groupId, `recruitment:${id}`, change));
  }

  /** The body's recruitments in one status (one partition). */
  async listOf(groupId: string, status: Recruitment['status']): Promise<Recruitment[]> {
    return (await this.recruitments.queryAll(groupId, { where: { status } })).map(withoutEtag);
  }

  /** Every recruitment in one status, across bodies (the retention moments' background scan). */
  async scanStatus(status: Recruitment['status']): Promise<Recruitment[]> {
    const found: Recruitment[] = [];
    for await (const recruitment of this.recruitments.scan({ where: { status } }))
      found.push(withoutEtag(recruitment));
    return found;
  }

  /** Every recruitment, across bodies (GDPR: rare). */
  async *scanAll(): AsyncIterable<Recruitment> {
    for await (const recruitment of this.recruitments.scan({})) yield withoutEtag(recruitment);
  }
}
