/**
 * The governance versions in force over time (issue 23.3; collection `directory`, one partition):
 * at every start the validated rules are serialised canonically and hashed, and a new version is
 * stored only when the hash differs from the latest one. Every audit entry and every sent reminder
 * carries the id of the version it was made under, so "which rules applied to this vote?" has an
 * answer after the file has changed.
 *
 * A version's id is a hash of its predecessor's id and its own content hash: two instances starting
 * together with the same file create the same document (create-once, one wins, the other finds it),
 * and going back to an earlier file starts a new version rather than reopening the old one.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { Clock } from '../../domain/clock';
import type { Governance } from '../../domain/governance';
import type { DocumentStore } from '../storage/port';
import { defineDocument, typedCollection, withoutEtag, type TypedCollection } from '../storage/repository';
import { isoInstant } from '../storage/schemas';

export interface GovernanceVersion {
  /** `gv-` and 16 hex digits: what audit entries and ledger entries carry. */
  id: string;
  /** SHA-256 of `canonical`. */
  hash: string;
  /** The validated rules (defaults applied), keys sorted: diffable with any JSON tool. */
  canonical: string;
  validFrom: string;
  /** Set when the next version came into force. */
  validTo?: string;
  previousId?: string;
}

const VERSIONS_PK = 'governance-versions';

const versionSchema: z.ZodType<GovernanceVersion> = z.object({
  id: z.string().regex(/^gv-[0-9a-f]{16}$/),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
  canonical: z.string().min(2),
  validFrom: isoInstant,
  validTo: isoInstant.optional(),
  previousId: z.string().min(1).optional(),
});

export const governanceVersionDocument = defineDocument('governance-version', versionSchema, {
  collection: 'directory',
  pk: () => VERSIONS_PK,
  id: (version) => version.id,
});

/** JSON with every object's keys sorted (arrays keep their order: it means something in the file). */
export function canonicalGovernance(governance: Governance): string {
  const sorted = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(sorted);
    if (value === null || typeof value !== 'object') return value;
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
        .map((key) => [key, sorted((value as Record<string, unknown>)[key])]),
    );
  };
  return JSON.stringify(sorted(governance));
}

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

export class GovernanceVersionRepository {
  private readonly versions: TypedCollection<GovernanceVersion>;

  constructor(store: DocumentStore) {
    this.versions = typedCollection(store, governanceVersionDocument);
  }

  /** Every stored version, oldest first. */
  async list(): Promise<GovernanceVersion[]> {
    const all = (await this.versions.queryAll(VERSIONS_PK)).map(withoutEtag);
    return all.sort((a, b) => a.validFrom.localeCompare(b.validFrom) || a.id.localeCompare(b.id));
  }

  /** The version in force: the newest without `validTo` (else the newest). */
  async latest(): Promise<GovernanceVersion | undefined> {
    const all = await this.list();
    return [...all].reverse().find((version) => version.validTo === undefined) ?? all.at(-1);
  }

  async get(id: string): Promise<GovernanceVersion | undefined> {
    const stored = await this.versions.get(VERSIONS_PK, id);
    return stored ? withoutEtag(stored) : undefined;
  }

  /**
   * Records `governance` as in force from now, unless it is the latest version already.
   * `created`: whether this call stored it (false for the same file again, or another instance
   * that stored the same version first).
   */
  async record(
    governance: Governance,
    clock: Clock,
  ): Promise<{ version: GovernanceVersion; created: boolean }> {
    const canonical = canonicalGovernance(governance);
    const hash = sha256(canonical);
    const latest = await this.latest();
    if (latest?.hash === hash) return { version: latest, created: false };
    const now = clock.now().toISOString();
    const id = `gv-${sha256(`${latest?.id ?? ''}\n${hash}`).slice(0, 16)}`;
    const candidate: GovernanceVersion = {
      id,
      hash,
      canonical,
      validFrom: now,
      ...(latest ? { previousId: latest.id } : {}),
    };
    const { stored, created } = await this.versions.createOnce(candidate);
    if (latest && latest.validTo === undefined) {
      // Idempotent: the first to close it sets the time, a racing start leaves it.
      await this.versions.update(VERSIONS_PK, latest.id, (current) =>
        current.validTo === undefined ? { ...current, validTo: stored.validFrom } : undefined,
      );
    }
    return { version: withoutEtag(stored), created };
  }
}
