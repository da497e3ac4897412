/**
 * Working groups beyond the Group record: their charter (members who may not be in the register,
 * chair, resources, mandate), the end-date history, and the priority ranking of started and planned
 * working groups.
 *
 * Layout:
 * - groups    / pk <wg id>         / id `charter`  the charter (created once, with the Group, on approval).
 * - directory / pk `working-groups` / id `ranking`  the ordered list of ids: working groups (`wg-...`)
 *   and planned ones (`hearing:<id>` while their hearing runs). One small document, changed with
 *   `update` (etag + retry), so two proposals submitted at once both land in the ranking.
 */
import { z } from 'zod';
import type { DocumentStore } from '../../platform/storage/port';
import { defineDocument, typedCollection } from '../../platform/storage/repository';
import type { Stored, TypedCollection } from '../../platform/storage/repository';
import { isoDate, isoInstant } from '../../platform/storage/schemas';
import { proposalSchema, type WorkingGroupProposal } from './domain/proposal';
import { resultSchema, type WorkingGroupResult } from './working-group-result-repository';

const nonEmpty = z.string().min(1);

export interface WorkingGroupCharter {
  groupId: string;
  hearingId: string;
  proposal: WorkingGroupProposal;
  plannedEnd: string;
  extensions: Array<{ from: string; to: string; reason: string; by: string; at: string }>;
  /** The result handed in to the parent reference group (kept with the dissolved group). */
  result?: WorkingGroupResult;
}

const charterSchema: z.ZodType<WorkingGroupCharter> = z.object({
  groupId: nonEmpty,
  hearingId: nonEmpty,
  proposal: proposalSchema,
  plannedEnd: isoDate,
  extensions: z.array(
    z.object({ from: isoDate, to: isoDate, reason: nonEmpty, by: nonEmpty, at: isoInstant }),
  ),
  result: resultSchema.optional(),
});

interface Ranking {
  ids: string[];
}

const rankingSchema: z.ZodType<Ranking> = z.object({ ids: z.array(nonEmpty) });

export const RANKING_PK = 'working-groups';

const charterDocument = defineDocument('working-group-charter', charterSchema, {
  collection: 'groups',
  pk: (charter) => charter.groupId,
  id: () => 'charter',
});

const rankingDocument = defineDocument('working-group-ranking', rankingSchema, {
  collection: 'directory',
  pk: () => RANKING_PK,
  id: () => 'ranking',
});

/** The ranking entry of a planned working group (its hearing is running). */
export const plannedRankingId = (hearingId: string) => `hearing:${hearingId}`;

export class WorkingGroupRepository {
  private readonly charters: TypedCollection<WorkingGroupCharter>;
  private readonly rankings: TypedCollection<Ranking>;

  constructor(store: DocumentStore) {
    this.charters = typedCollection(store, charterDocument);
    this.rankings = typedCollection(store, rankingDocument);
  }

  async charter(groupId: string): Promise<Stored<WorkingGroupCharter> | undefined> {
    return this.charters.get(groupId, 'charter');
  }

  /** Idempotent: the charter of a working group is written from its hearing, always the same. */
  async saveCharter(charter: WorkingGroupCharter): Promise<void> {
    await this.charters.upsert(charter);
  }

  async updateCharter(
    groupId: string,
    mutate: (current: WorkingGroupCharter) => WorkingGroupCharter | undefined,
  ): Promise<Stored<WorkingGroupCharter>> {
    return this.charters.update(groupId, 'charter', mutate);
  }

  /** Every charter (GDPR: rare, a cross-partition scan). */
  async *scanCharters(): AsyncIterable<WorkingGroupCharter> {
    for await (const charter of this.charters.scan({})) {
      const { etag: _etag, ...plain } = charter;
      yield plain;
    }
  }

  async ranking(): Promise<string[]> {
    return (await this.rankings.get(RANKING_PK, 'ranking'))?.ids ?? [];
  }

  /** Changes the ranking with etag retries; creates it when absent. `change` must be pure. */
  async changeRanking(change: (ids: string[]) => string[]): Promise<string[]> {
    const existing = await this.rankings.get(RANKING_PK, 'ranking');
    if (!existing) {
      try {
        return (await this.rankings.create({ ids: change([]) })).ids;
      } catch (error) {
        if ((error as { code?: string }).code !== 'already-exists') throw error;
      }
    }
    const saved = await this.rankings.update(
      RANKING_PK,
      'ranking',
      (current) => {
        const next = change(current.ids);
        return sameList(next, current.ids) ? undefined : { ids: next };
      },
      { maxAttempts: 100 },
    );
    return saved.ids;
  }
}

function sameList(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((value, index) => value === b[index]);
}
