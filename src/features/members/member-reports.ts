/**
 * The member register read back: who sits in a group now, who sat there, whose term ends soon,
 * and a group's composition against the seniority rule, its seats and the K98 spread.
 */
import type { MemberRole, Membership, Person } from '../../domain/model';
import { isExemptOrganisation } from '../../domain/governance';
import {
  isActiveOn,
  k98Spread,
  memberProfileReport,
  seniorityCheck,
  termsEndingWithin,
  type K98Spread,
  type SeatRow,
  type SeniorityReport,
} from '../../domain/terms';
import { todayOf, type MembersServiceDeps } from './members-deps';
import { replacementReport, type ReplacementReport } from './replacements';

export interface MemberRow {
  person: Person;
  membership: Membership;
}

export interface EndingTermRow extends MemberRow {
  endsOn: string;
  daysLeft: number;
  /** An organisation that appoints its own (exemptFromTerms): no term limit, the planned end is informative only. */
  exempt: boolean;
}

export interface Composition {
  groupId: string;
  date: string;
  members: MemberRow[];
  seniority: SeniorityReport;
  seats?: { ok: boolean; rows: SeatRow[] };
  spread: K98Spread;
  /** K98 groups of the municipality register with no member in this group. */
  unrepresentedK98: string[];
}

type ReportDeps = Pick<MembersServiceDeps, 'people' | 'groups' | 'municipalities' | 'governance' | 'clock'>;

export class MemberReports {
  constructor(private readonly deps: ReportDeps) {}

  /** Memberships of the group active on `date` (every role), with their persons, by name. */
  async activeMembers(groupId: string, date = todayOf(this.deps)): Promise<MemberRow[]> {
    const memberships = (await this.deps.people.membersOf(groupId)).filter((m) => isActiveOn(m, date));
    return this.withPersons(memberships);
  }

  /**
   * The memberships with their persons: chairs first, then members, then the secretariat, by name.
   * Each row's person has the organisation of that membership (what the seats, the K98 spread and
   * the lists count), not the one of the person's latest appointment.
   */
  async withPersons(memberships: Membership[]): Promise<MemberRow[]> {
    const persons = await this.deps.people.getPersons(memberships.map((m) => m.personId));
    return memberships
      .map((membership) => ({
        membership,
        person: asAppointed(
          persons.get(membership.personId) ?? unknownPerson(membership.personId),
          membership,
        ),
      }))
      .sort(
        (a, b) =>
          roleOrder(a.membership.role) - roleOrder(b.membership.role) ||
          a.person.name.localeCompare(b.person.name, 'da'),
      );
  }

  /** Who sat where: every membership of the group, ended ones included, oldest first. */
  async history(groupId: string): Promise<MemberRow[]> {
    const rows = await this.withPersons(await this.deps.people.membersOf(groupId));
    return rows.sort(
      (a, b) =>
        a.membership.termStart.localeCompare(b.membership.termStart) ||
        a.person.id.localeCompare(b.person.id),
    );
  }

  /** Every membership of every group (the scheduler and the export); one query per group. */
  async allMemberships(): Promise<Membership[]> {
    const result: Membership[] = [];
    for (const group of await this.deps.groups.listGroups())
      result.push(...(await this.deps.people.membersOf(group.id)));
    return result;
  }

  /** Current memberships whose planned end is within [date, date + days], soonest first, over all groups. */
  async termsEndingWithin(date: string, days: number): Promise<EndingTermRow[]> {
    const ending = termsEndingWithin(await this.allMemberships(), date, days);
    const persons = await this.deps.people.getPersons(ending.map((e) => e.membership.personId));
    return ending.map(({ membership, endsOn, daysLeft }) => {
      const person = asAppointed(
        persons.get(membership.personId) ?? unknownPerson(membership.personId),
        membership,
      );
      return {
        membership,
        person,
        endsOn,
        daysLeft,
        exempt:
          person.organisation.kind !== 'municipality' &&
          isExemptOrganisation(this.deps.governance, person.organisation.kind),
      };
    });
  }

  /** The scheduler's MembershipSource (src/features/members/membership-moments.ts): current memberships with a planned end. */
  async listEndingMemberships(): Promise<MemberRow[]> {
    const current = (await this.allMemberships()).filter(
      (m) => m.plannedEnd !== undefined && m.endedOn === undefined,
    );
    return this.withPersons(current);
  }

  /** Who must be replaced in which body by when: vacant seats and terms ending within `days`. */
  replacements(days: number, date = todayOf(this.deps)): Promise<ReplacementReport> {
    return replacementReport(this.deps, date, days);
  }

  /** Seniority, seats and K98 spread of the group on `date`. */
  async composition(groupId: string, date = todayOf(this.deps)): Promise<Composition> {
    const memberships = await this.deps.people.membersOf(groupId);
    const members = (await this.withPersons(memberships.filter((m) => isActiveOn(m, date)))).filter(
      (row) => row.membership.role !== 'staff',
    );
    const k98 = await this.deps.municipalities.k98ByCode();
    const spread = k98Spread(
      members.map((row) => row.person),
      k98,
    );
    const represented = new Set(spread.groups.map((g) => g.k98Group));
    return {
      groupId,
      date,
      members,
      seniority: seniorityCheck(memberships, groupId, date, this.deps.governance.seniority),
      seats: memberProfileReport(
        members.map((row) => row.person),
        groupId,
        this.deps.governance,
      ),
      spread,
      unrepresentedK98: (await this.deps.municipalities.k98Groups()).filter((g) => !represented.has(g)),
    };
  }
}

/** The person as the membership was appointed: with its organisation, when it has one. */
function asAppointed(person: Person, membership: Membership): Person {
  const organisation = membership.organisation;
  return organisation && organisation !== person.organisation ? { ...person, organisation } : person;
}

function roleOrder(role: MemberRole): number {
  return role === 'chair' ? 0 : role === 'member' ? 1 : 2;
}

/** A membership whose person record is missing (a half-done import): shown by id, never dropped. */
function unknownPerson(personId: string): Person {
  return { id: personId, name: personId, organisation: { kind: 'municipality', name: '?' } };
}
