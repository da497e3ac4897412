/**
 * GDPR for the member register: a person's data (article 15), their audit trail with names
 * resolved at read time, and the erasure (article 17) of a person who has left. Audit entries carry
 * ids only, never names or e-mails, so erasing the person record anonymises every display without
 * rewriting the append-only log.
 */
import type { Clock } from '../../domain/clock';
import type { Governance } from '../../domain/governance';
import type { AuditEntry, Locale, Membership, Person } from '../../domain/model';
import type { AuditLog, MemberRegister } from '../../domain/ports';
import { addYearsToDate, localToday } from '../../domain/time';
import { displayName, newPseudonym } from './pseudonym';

/** The person register as GDPR reads and rewrites it (the members' PeopleRepository fits). */
export interface PersonRecords extends MemberRegister {
  savePerson(person: Person): Promise<unknown>;
  getPersons(personIds: Iterable<string>): Promise<Map<string, Person>>;
}

/** The audit log with its period export (the AuditRepository fits). */
export interface PersonAuditLog extends AuditLog {
  export(fromMonth: string, toMonth: string): Promise<AuditEntry[]>;
}

export interface GdprServiceDeps {
  people: PersonRecords;
  audit: PersonAuditLog;
  governance: Pick<Governance, 'timeZone'>;
  clock: Clock;
}

export interface PersonDataExport {
  exportedAt: string;
  person: Person;
  memberships: Membership[];
  auditEntries: AuditEntry[];
}

export interface ResolvedAuditEntry {
  entry: AuditEntry;
  actorName: string;
  subjectName?: string;
}

/** Why an erasure was refused: nobody by that id, or someone who still sits in a group. */
export type ErasureRefusal =
  { rule: 'unknown-person'; personId: string } | { rule: 'active-membership'; groupIds: string[] };

export type ErasureResult =
  | { ok: true; value: Person; warnings: never[]; alreadyDone?: boolean }
  | { ok: false; refusal: ErasureRefusal };

/** What the GDPR commands ask of the service (the members service offers the same). */
export type PersonDataService = Pick<GdprService, 'exportPersonData' | 'erasePerson'>;

export class GdprService {
  constructor(private readonly deps: GdprServiceDeps) {}

  private today(): string {
    return localToday(this.deps.clock, this.deps.governance.timeZone);
  }

  /** The person's data (article 15): the person, their memberships and the audit entries about or by them. */
  async exportPersonData(
    personId: string,
    options: { fromMonth?: string } = {},
  ): Promise<PersonDataExport | undefined> {
    const { person, memberships } = await this.deps.people.personWithMemberships(personId);
    if (!person) return undefined;
    const auditEntries = await this.auditEntriesOf(personId, options.fromMonth);
    return { exportedAt: this.deps.clock.now().toISOString(), person, memberships, auditEntries };
  }

  private async auditEntriesOf(personId: string, fromMonth?: string): Promise<AuditEntry[]> {
    const today = this.today();
    // Default: ten years back, longer than any term plus pause.
    const from = fromMonth ?? addYearsToDate(today, -10).slice(0, 7);
    const entries = await this.deps.audit.export(from, today.slice(0, 7));
    return entries.filter(
      (entry) =>
        entry.subject === `person:${personId}` ||
        entry.actorId === personId ||
        entry.details?.personId === personId,
    );
  }

  /**
   * Erases a person who has left (no current or planned membership): name and e-mail become a
   * pseudonym, memberships keep their dates, the audit log is not touched (it holds ids only), and
   * the erasure itself is audited without personal data. Running it again changes nothing.
   */
  async erasePerson(personId: string, actorId: string): Promise<ErasureResult> {
    const { person, memberships } = await this.deps.people.personWithMemberships(personId);
    if (!person) return { ok: false, refusal: { rule: 'unknown-person', personId } };
    if (person.anonymisedAt) return { ok: true, value: person, warnings: [], alreadyDone: true };
    const today = this.today();
    const active = memberships.filter((m) => m.endedOn === undefined || m.endedOn > today);
    if (active.length > 0) {
      return {
        ok: false,
        refusal: { rule: 'active-membership', groupIds: [...new Set(active.map((m) => m.groupId))].sort() },
      };
    }
    const anonymised: Person = {
      id: person.id,
      name: newPseudonym(),
      organisation: person.organisation,
      anonymisedAt: this.deps.clock.now().toISOString(),
    };
    await this.deps.people.savePerson(anonymised);
    await this.deps.audit.append({
      at: this.deps.clock.now().toISOString(),
      actorId,
      action: 'person.anonymised',
      subject: `person:${personId}`,
      details: { personId, pseudonym: anonymised.name },
    });
    return { ok: true, value: anonymised, warnings: [] };
  }

  /** The person's audit trail with names resolved now (so an erased person shows as the pseudonym). */
  async auditTrailOf(
    personId: string,
    locale: Locale,
    options: { fromMonth?: string } = {},
  ): Promise<ResolvedAuditEntry[]> {
    const entries = await this.auditEntriesOf(personId, options.fromMonth);
    const persons = await this.deps.people.getPersons([personId, ...entries.map((e) => e.actorId)]);
    return entries.map((entry) => ({
      entry,
      actorName: displayName(persons.get(entry.actorId), locale, entry.actorId),
      subjectName: displayName(persons.get(personId), locale, personId),
    }));
  }
}
