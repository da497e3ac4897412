/**
 * What the members service needs from the outside, and its audit writing. Audit entries carry ids
 * only, never names or e-mails: names are resolved at read time through the person record, so
 * anonymising a person anonymises every display without rewriting the (append-only) log.
 */
import type { Clock } from '../../domain/clock';
import type { Governance } from '../../domain/governance';
import type { AuditEntry, GroupRegistry } from '../../domain/ports';
import { localToday } from '../../domain/time';
import type { GdprServiceDeps } from '../gdpr';
import type { MunicipalityService } from '../municipalities';
import type { PeopleRepository } from './people-repository';

/** Append plus the period export (the AuditRepository fits). */
export interface AuditTrail {
  /** `onceKey`: create-once (see AuditRepository.append), so a retry completes a missing entry without a duplicate. */
  append(entry: AuditEntry, options?: { onceKey?: string }): Promise<void>;
  export(fromMonth: string, toMonth: string): Promise<AuditEntry[]>;
}

export interface MembersServiceDeps {
  people: PeopleRepository;
  groups: Pick<GroupRegistry, 'getGroup' | 'listGroups'>;
  audit: AuditTrail;
  municipalities: MunicipalityService;
  governance: Governance;
  clock: Clock;
  /** What the GDPR erasure and export reach beyond the register (given to the gdpr service). */
  personData?: GdprServiceDeps['personData'];
  compactStore?: GdprServiceDeps['compactStore'];
}

/** Today's date in the governance time zone. */
export function todayOf(deps: Pick<MembersServiceDeps, 'clock' | 'governance'>): string {
  return localToday(deps.clock, deps.governance.timeZone);
}

/** One change to the register, as written to the audit log (ids only). */
export interface MemberAuditEntry {
  actorId: string;
  action: string;
  subject: string;
  details: Record<string, unknown>;
  /** Create-once key: set where a retry of the same change must complete the entry, not repeat it. */
  onceKey?: string;
}

/** Writes the entry, stamped now. */
export async function recordAudit(
  deps: Pick<MembersServiceDeps, 'audit' | 'clock'>,
  { actorId, action, subject, details, onceKey }: MemberAuditEntry,
): Promise<void> {
  const entry = { at: deps.clock.now().toISOString(), actorId, action, subject, details };
  await (onceKey === undefined ? deps.audit.append(entry) : deps.audit.append(entry, { onceKey }));
}
