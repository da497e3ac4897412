/**
 * GDPR for the member register: a person's data (article 15), their audit trail with names
 * resolved at read time, and the erasure (article 17) of a person who has left. The person record
 * is the source of names, but some records keep a copy (a proposer's or voter's display name at the
 * time) and free text can name anyone, so an erasure rewrites: each holder of person data
 * (person-data.ts) replaces the person's name copies with the pseudonym and drops their own
 * comments, the audit log loses their free text, a sweep of the whole store replaces the name
 * wherever it is still written, and the store is compacted so no old version stays on disk.
 * Decisions, votes and their counts stay.
 */
import type { Clock } from '../../domain/clock';
import type { Governance } from '../../domain/governance';
import type { AuditEntry, Locale, Membership, Person } from '../../domain/model';
import type { AuditLog, MemberRegister } from '../../domain/ports';
import { addYearsToDate, localToday } from '../../domain/time';
import { displayName, newPseudonym } from './pseudonym';
import type { PersonDataHolder } from './person-data';

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
  /** What the rest of the bot holds about people, in erasure order (the name sweep last). */
  personData?: readonly PersonDataHolder[];
  /** Runs after an erasure: the store drops old versions from its files (DocumentStore.compact). */
  compactStore?: () => Promise<void>;
}

export interface PersonDataExport {
  exportedAt: string;
  person: Person;
  memberships: Membership[];
  auditEntries: AuditEntry[];
  /** Every other record written by or about the person, by kind (proposals, votes, minutes comments...). */
  records: Record<string, unknown[]>;
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
    const records: Record<string, unknown[]> = {};
    for (const holder of this.deps.personData ?? []) {
      if (!holder.section || !holder.exportOf) continue;
      records[holder.section] = [...(records[holder.section] ?? []), ...(await holder.exportOf(personId))];
    }
    return { exportedAt: this.deps.clock.now().toISOString(), person, memberships, auditEntries, records };
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
   * pseudonym everywhere they are stored, memberships keep their dates, their own comments go, and
   * the erasure itself is audited without personal data. The holders run before the person record
   * is rewritten, so an erasure interrupted half-way still knows the name when it is run again.
   * Running it after it completed changes nothing.
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
    await this.eraseHeld(person, anonymised.name);
    await this.deps.people.savePerson(anonymised);
    await this.deps.audit.append({
      at: this.deps.clock.now().toISOString(),
      actorId,
      action: 'person.anonymised',
      subject: `person:${personId}`,
      details: { personId, pseudonym: anonymised.name },
    });
    await this.deps.compactStore?.();
    return { ok: true, value: anonymised, warnings: [] };
  }

  /** Every holder rewrites what it keeps, told every name the person goes by in the store. */
  private async eraseHeld(person: Person, pseudonym: string): Promise<void> {
    const holders = this.deps.personData ?? [];
    const names = new Set([person.name, ...(person.email ? [person.email] : [])]);
    for (const holder of holders)
      for (const name of (await holder.namesOf?.(person.id)) ?? []) if (name.trim()) names.add(name);
    const erasure = { personId: person.id, names: [...names], pseudonym };
    for (const holder of holders) await holder.erase(erasure);
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
