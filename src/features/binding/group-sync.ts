import type { Clock } from '../../domain/clock';
import type { Governance } from '../../domain/governance';
import type { Group } from '../../domain/model';
import { sameLocalizedText } from '../../domain/localized-text';

export interface GroupStore {
  getGroup(groupId: string): Promise<Group | undefined>;
  saveGroup(group: Group): Promise<unknown>;
}

/**
 * Makes the permanent groups of the governance file (steering, reference groups, secretariat,
 * management) exist in the store, so they can be bound to channels. Idempotent: run at every start;
 * a renamed body gets its new name, everything else about an existing group is kept.
 * Working groups are created by the hearing, never here.
 */
export async function syncPermanentGroups(
  governance: Governance,
  groups: GroupStore,
  clock: Clock,
): Promise<number> {
  let changed = 0;
  for (const body of governance.bodies) {
    const existing = await groups.getGroup(body.id);
    const name = body.name;
    if (existing && existing.kind === body.kind && sameLocalizedText(existing.name, name)) continue;
    const { etag: _etag, ...current } = (existing ?? {}) as Group & { etag?: string };
    const group: Group = existing
      ? { ...current, kind: body.kind, name }
      : { id: body.id, kind: body.kind, name, status: 'active', createdAt: clock.now().toISOString() };
    await groups.saveGroup(group);
    changed += 1;
  }
  return changed;
}
