/**
 * Members, terms and recruitment: the service behind the member commands and cards, the CLI and
 * the scheduler's "terms ending" warnings.
 *
 * - Appointments apply the domain rules (src/domain/terms.ts): max-term, the pause before
 *   re-appointment and the seats of the body's profile are enforced (refused with the rule named);
 *   the 1/3 seniority rule and the K98 spread are reported as warnings, never enforced.
 * - Every appointment, role change, end, import and erasure is written to the audit log. Audit
 *   entries carry ids only, never names or e-mails: names are resolved at read time through the
 *   person record, so anonymising a person anonymises every display without rewriting the
 *   (append-only) log.
 */
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { Clock } from '../../domain/clock';
import type { Governance } from '../../domain/governance';
import type {
  Group,
  Locale,
  MemberRole,
  Membership,
  Organisation,
  OrganisationKind,
  Person,
} from '../../domain/model';
import {
  canAppoint,
  checkSeatAvailable,
  k98Spread,
  memberProfileReport,
  seniorityCheck,
  termsEndingWithin,
  type K98Spread,
  type SeatRow,
  type SeniorityReport,
} from '../../domain/terms';
import { addYearsToDate, localDate } from '../../domain/time';
import type { PeopleRepository } from './people-repository';
import { isActiveOn } from '../../domain/terms';
import type { CsvRowError } from '../../platform/csv/csv-table';
import { firstValidationIssue, type ValidationIssue } from '../../domain/validation-issue';
import { MAX_MEMBER_CSV_FILE_CHARS, memberCsv, parseMemberCsv } from './members-csv';
import type { MunicipalityService } from '../municipalities';
import type { AuditEntry, GroupRegistry } from '../../domain/ports';

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
}

/** Why an appointment (or another change) was refused; the hard rules carry their dates. */
export type MemberRefusal =
  | { rule: 'max-term'; serviceStart: string; maxEnd: string; earliestReappointment: string }
  | { rule: 'pause'; lastEnded: string; earliestReappointment: string }
  | { rule: 'no-seat'; organisationKind: OrganisationKind; seats: number; occupied: number }
  | { rule: 'unknown-group'; groupId: string }
  | { rule: 'group-dissolved'; groupId: string }
  | { rule: 'already-member'; termStart: string }
  | { rule: 'not-member' }
  | { rule: 'unknown-person'; personId: string }
  | { rule: 'active-membership'; groupIds: string[] }
  | { rule: 'unknown-municipality'; municipalityCode: string }
  /** `reason` is English, for logs and the CLI; the bot words `issue` in the user's language. */
  | { rule: 'invalid'; field: string; reason: string; issue: ValidationIssue };

/** An `invalid` refusal from a validation issue (the English reason kept for logs). */
function invalid(issue: ValidationIssue): MemberRefusal {
  return { rule: 'invalid', field: issue.field, reason: issue.message, issue };
}

/** Rules reported but not enforced. */
export type MemberWarning =
  | { rule: 'seniority'; seniorCount: number; requiredSenior: number; memberCount: number }
  | { rule: 'spread'; k98Group: string; count: number; unrepresented: string[] }
  | { rule: 'unclassified'; municipalityCode?: string };

export type ChangeResult<T> =
  | { ok: true; value: T; warnings: MemberWarning[]; alreadyDone?: boolean }
  | { ok: false; refusal: MemberRefusal };

export interface AppointInput {
  personId: string;
  /** Required for a person not yet in the register; updates the register otherwise. */
  name?: string;
  email?: string;
  organisation?: { kind: OrganisationKind; municipalityCode?: string; name?: string };
  groupId: string;
  role: MemberRole;
  termStart: string;
  /** Default: the latest end the term rule allows (none for exempt organisations). */
  plannedEnd?: string;
}

export interface MemberRow {
  person: Person;
  membership: Membership;
}

export interface EndingTermRow extends MemberRow {
  endsOn: string;
  daysLeft: number;
  /** KL, UDK, KOMBIT: no term limit, the planned end is informative only. */
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

export interface MemberImportReport {
  dryRun: boolean;
  ok: boolean;
  errors: CsvRowError[];
  /** Memberships per group that were (or, on a dry-run, would be) written. */
  groups: Array<{ groupId: string; memberships: number }>;
  persons: number;
  written: number;
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

const PSEUDONYM_PREFIX = { da: 'Tidligere medlem', en: 'Former member' } as const;

const dateSchema = z.iso.date({ error: 'expected a date YYYY-MM-DD' });
const appointSchema = z.object({
  personId: z
    .string()
    .trim()
    .min(1, { error: 'a value is required' })
    .regex(/^\S+$/, { error: 'expected an id without spaces' }),
  name: z.string().trim().min(1).optional(),
  email: z.email({ error: 'expected an e-mail address' }).optional(),
  organisation: z
    .object({
      kind: z.enum(['municipality', 'KL', 'UDK', 'KOMBIT'], {
        error: 'expected one of municipality, KL, UDK, KOMBIT',
      }),
      municipalityCode: z
        .string()
        .regex(/^\d{3}$/, { error: 'expected a three-digit municipality code' })
        .optional(),
      name: z.string().trim().min(1).optional(),
    })
    .optional(),
  groupId: z.string().min(1, { error: 'a value is required' }),
  role: z.enum(['member', 'chair', 'secretariat'], { error: 'expected one of member, chair, secretariat' }),
  termStart: dateSchema,
  plannedEnd: dateSchema.optional(),
});

/** The name to show: the pseudonym in the reader's language for an anonymised person. */
export function displayName(
  person: Pick<Person, 'name' | 'anonymisedAt'> | undefined,
  locale: Locale,
  fallback = '?',
): string {
  if (!person) return fallback;
  if (person.anonymisedAt) return person.name.replace(PSEUDONYM_PREFIX.da, PSEUDONYM_PREFIX[locale]);
  return person.name;
}

export class MembersService {
  constructor(private readonly deps: MembersServiceDeps) {}

  /** Today's date in the governance time zone. */
  today(): string {
    return localDate(this.deps.clock.now(), this.deps.governance.timeZone);
  }

  private async audit(
    actorId: string,
    action: string,
    subject: string,
    details: Record<string, unknown>,
    onceKey?: string,
  ): Promise<void> {
    const entry = { at: this.deps.clock.now().toISOString(), actorId, action, subject, details };
    await (onceKey === undefined
      ? this.deps.audit.append(entry)
      : this.deps.audit.append(entry, { onceKey }));
  }

  /**
   * The appointment's audit entry, create-once: the first attempt may have crashed after the
   * membership writes, so the retry that finds the appointment done writes it (once).
   */
  private async auditAppointment(
    actorId: string,
    membership: Membership,
    warnings: MemberWarning[],
  ): Promise<void> {
    await this.audit(
      actorId,
      'membership.appointed',
      `person:${membership.personId}`,
      {
        personId: membership.personId,
        groupId: membership.groupId,
        role: membership.role,
        termStart: membership.termStart,
        plannedEnd: membership.plannedEnd ?? null,
        warnings: warnings.map((w) => w.rule),
      },
      `membership.appointed:${membership.groupId}:${membership.personId}:${membership.termStart}:${membership.role}`,
    );
  }

  private async activeGroup(groupId: string): Promise<{ group: Group } | { refusal: MemberRefusal }> {
    const group = await this.deps.groups.getGroup(groupId);
    if (!group) return { refusal: { rule: 'unknown-group', groupId } };
    if (group.status !== 'active') return { refusal: { rule: 'group-dissolved', groupId } };
    return { group };
  }

  private async organisationOf(
    input: NonNullable<AppointInput['organisation']>,
  ): Promise<Organisation | MemberRefusal> {
    if (input.kind !== 'municipality') return { kind: input.kind, name: input.name ?? input.kind };
    if (!input.municipalityCode)
      return invalid({ field: 'municipalityCode', code: 'required', message: 'required for a municipality' });
    const name = input.name ?? (await this.deps.municipalities.get(input.municipalityCode))?.name;
    // A rule of its own (not 'invalid' with an English reason): the card says it in the user's language.
    if (!name) return { rule: 'unknown-municipality', municipalityCode: input.municipalityCode };
    return { kind: 'municipality', municipalityCode: input.municipalityCode, name };
  }

  /** Appoints a person to a group, enforcing max-term, pause and seats; audited. */
  async appoint(rawInput: AppointInput, actorId: string): Promise<ChangeResult<Membership>> {
    const parsed = appointSchema.safeParse(rawInput);
    if (!parsed.success) {
      const issue = firstValidationIssue(parsed.error, rawInput);
      return { ok: false, refusal: invalid({ ...issue, field: issue.field || '(input)' }) };
    }
    const input = parsed.data;
    const found = await this.activeGroup(input.groupId);
    if ('refusal' in found) return { ok: false, refusal: found.refusal };
    const { group } = found;

    const existing = await this.deps.people.getPerson(input.personId);
    let organisation = existing?.organisation;
    if (input.organisation) {
      const resolved = await this.organisationOf(input.organisation);
      if ('rule' in resolved) return { ok: false, refusal: resolved };
      organisation = resolved;
    }
    const name = input.name ?? (existing?.anonymisedAt ? undefined : existing?.name);
    if (!organisation)
      return {
        ok: false,
        refusal: invalid({ field: 'organisation', code: 'required', message: 'required for a new person' }),
      };
    if (!name)
      return {
        ok: false,
        refusal: invalid({ field: 'name', code: 'required', message: 'required for a new person' }),
      };
    const person: Person = { id: input.personId, name, organisation };
    const email = input.email ?? (existing?.anonymisedAt ? undefined : existing?.email);
    if (email) person.email = email;

    const history = await this.deps.people.membershipsOf(input.personId);
    const inGroup = history.filter((m) => m.groupId === input.groupId);
    const same = inGroup.find((m) => m.termStart === input.termStart && m.endedOn === undefined);
    if (
      same &&
      same.role === input.role &&
      (input.plannedEnd === undefined || input.plannedEnd === same.plannedEnd)
    ) {
      // The same appointment delivered twice (Teams retries, or the user's retry after a crash):
      // already done; only the audit entry may be missing, and it is written once.
      await this.auditAppointment(actorId, same, []);
      return { ok: true, value: same, warnings: [], alreadyDone: true };
    }
    const overlapping = inGroup.find(
      (m) =>
        (m.endedOn === undefined || m.endedOn > input.termStart) &&
        (input.plannedEnd === undefined || m.termStart < input.plannedEnd),
    );
    if (overlapping)
      return { ok: false, refusal: { rule: 'already-member', termStart: overlapping.termStart } };

    let plannedEnd = input.plannedEnd;
    if (input.role !== 'secretariat') {
      const decision = canAppoint(person, group, input.termStart, history, this.deps.governance, {
        until: plannedEnd,
      });
      if (!decision.ok) {
        if (decision.rule === 'unknown-body')
          return { ok: false, refusal: { rule: 'unknown-group', groupId: group.id } };
        if (decision.rule === 'pause') {
          return {
            ok: false,
            refusal: {
              rule: 'pause',
              lastEnded: decision.lastEnded!,
              earliestReappointment: decision.earliestReappointment!,
            },
          };
        }
        return {
          ok: false,
          refusal: {
            rule: 'max-term',
            serviceStart: decision.serviceStart!,
            maxEnd: decision.maxEnd!,
            earliestReappointment: decision.earliestReappointment!,
          },
        };
      }
      plannedEnd ??= decision.latestEnd;
      const seated = await this.activeMembers(group.id, input.termStart);
      const seat = checkSeatAvailable(
        person,
        seated
          .filter((row) => row.membership.role !== 'secretariat' && row.person.id !== person.id)
          .map((row) => row.person),
        group.id,
        this.deps.governance,
      );
      if (!seat.ok) {
        return {
          ok: false,
          refusal: {
            rule: 'no-seat',
            organisationKind: seat.organisationKind,
            seats: seat.seats,
            occupied: seat.occupied,
          },
        };
      }
    }
    if (plannedEnd !== undefined && plannedEnd <= input.termStart) {
      return {
        ok: false,
        refusal: invalid({
          field: 'plannedEnd',
          code: 'too_small',
          origin: 'date',
          limit: input.termStart,
          inclusive: false,
          message: `must be after termStart ${input.termStart}`,
        }),
      };
    }

    const membership: Membership = {
      personId: person.id,
      groupId: group.id,
      role: input.role,
      termStart: input.termStart,
    };
    if (plannedEnd !== undefined) membership.plannedEnd = plannedEnd;
    await this.deps.people.savePerson(person);
    await this.deps.people.saveMembership(membership);
    const warnings =
      input.role === 'secretariat' ? [] : await this.warningsFor(group.id, input.termStart, person);
    await this.auditAppointment(actorId, membership, warnings);
    return { ok: true, value: membership, warnings };
  }

  /** Seniority and K98 spread of the group on `date` (the person already counted as a member). */
  private async warningsFor(groupId: string, date: string, person: Person): Promise<MemberWarning[]> {
    const warnings: MemberWarning[] = [];
    const memberships = await this.deps.people.membersOf(groupId);
    const seniority = seniorityCheck(memberships, groupId, date, this.deps.governance.seniority);
    if (!seniority.ok) {
      warnings.push({
        rule: 'seniority',
        seniorCount: seniority.seniorCount,
        requiredSenior: seniority.requiredSenior,
        memberCount: seniority.memberCount,
      });
    }
    if (person.organisation.kind === 'municipality') {
      const k98 = await this.deps.municipalities.k98ByCode();
      const k98Group = person.organisation.municipalityCode
        ? k98[person.organisation.municipalityCode]
        : undefined;
      if (k98Group === undefined)
        warnings.push({ rule: 'unclassified', municipalityCode: person.organisation.municipalityCode });
      else {
        const members = (await this.activeMembers(groupId, date)).map((row) => row.person);
        const spread = k98Spread(members, k98);
        const count = spread.groups.find((g) => g.k98Group === k98Group)?.count ?? 0;
        const represented = new Set(spread.groups.map((g) => g.k98Group));
        const unrepresented = (await this.deps.municipalities.k98Groups()).filter((g) => !represented.has(g));
        // Diversity: a second member from one K98 group while another K98 group has none.
        if (count > 1 && unrepresented.length > 0)
          warnings.push({ rule: 'spread', k98Group, count, unrepresented });
      }
    }
    return warnings;
  }

  /** The person's current membership of the group (not ended), if any. */
  private async currentMembership(groupId: string, personId: string): Promise<Membership | undefined> {
    const memberships = (await this.deps.people.membershipsOf(personId)).filter((m) => m.groupId === groupId);
    return memberships
      .filter((m) => m.endedOn === undefined)
      .sort((a, b) => b.termStart.localeCompare(a.termStart))[0];
  }

  /** Ends the person's current membership of the group on `endedOn` (the first day away); audited. */
  async endMembership(
    groupId: string,
    personId: string,
    endedOn: string,
    actorId: string,
  ): Promise<ChangeResult<Membership>> {
    if (!dateSchema.safeParse(endedOn).success)
      return {
        ok: false,
        refusal: invalid({
          field: 'endedOn',
          code: 'invalid_format',
          format: 'date',
          message: 'expected a date YYYY-MM-DD',
        }),
      };
    const current = await this.currentMembership(groupId, personId);
    if (!current) {
      const ended = (await this.deps.people.membershipsOf(personId)).find(
        (m) => m.groupId === groupId && m.endedOn === endedOn,
      );
      if (ended) return { ok: true, value: ended, warnings: [], alreadyDone: true };
      return { ok: false, refusal: { rule: 'not-member' } };
    }
    if (endedOn < current.termStart) {
      return {
        ok: false,
        refusal: invalid({
          field: 'endedOn',
          code: 'too_small',
          origin: 'date',
          limit: current.termStart,
          inclusive: true,
          message: `must not be before termStart ${current.termStart}`,
        }),
      };
    }
    const membership: Membership = { ...current, endedOn };
    await this.deps.people.saveMembership(membership);
    await this.audit(actorId, 'membership.ended', `person:${personId}`, {
      personId,
      groupId,
      role: current.role,
      termStart: current.termStart,
      endedOn,
    });
    const person = await this.deps.people.getPerson(personId);
    const warnings =
      person && current.role !== 'secretariat' ? await this.warningsAfterLeaving(groupId, endedOn) : [];
    return { ok: true, value: membership, warnings };
  }

  private async warningsAfterLeaving(groupId: string, date: string): Promise<MemberWarning[]> {
    const seniority = seniorityCheck(
      await this.deps.people.membersOf(groupId),
      groupId,
      date,
      this.deps.governance.seniority,
    );
    return seniority.ok
      ? []
      : [
          {
            rule: 'seniority',
            seniorCount: seniority.seniorCount,
            requiredSenior: seniority.requiredSenior,
            memberCount: seniority.memberCount,
          },
        ];
  }

  /** Changes the role of the person's current membership (member <-> chair, ...); audited. */
  async changeRole(
    groupId: string,
    personId: string,
    role: MemberRole,
    actorId: string,
  ): Promise<ChangeResult<Membership>> {
    if (!['member', 'chair', 'secretariat'].includes(role)) {
      return {
        ok: false,
        refusal: invalid({
          field: 'role',
          code: 'invalid_value',
          values: ['member', 'chair', 'secretariat'],
          message: 'expected one of member, chair, secretariat',
        }),
      };
    }
    const current = await this.currentMembership(groupId, personId);
    if (!current) return { ok: false, refusal: { rule: 'not-member' } };
    if (current.role === role) return { ok: true, value: current, warnings: [], alreadyDone: true };
    const membership: Membership = { ...current, role };
    await this.deps.people.saveMembership(membership);
    await this.audit(actorId, 'membership.role-changed', `person:${personId}`, {
      personId,
      groupId,
      termStart: current.termStart,
      from: current.role,
      to: role,
    });
    return { ok: true, value: membership, warnings: [] };
  }

  // ---------------------------------------------------------------- reports

  /** Memberships of the group active on `date` (every role), with their persons, by name. */
  async activeMembers(groupId: string, date = this.today()): Promise<MemberRow[]> {
    const memberships = (await this.deps.people.membersOf(groupId)).filter((m) => isActiveOn(m, date));
    return this.withPersons(memberships);
  }

  private async withPersons(memberships: Membership[]): Promise<MemberRow[]> {
    const persons = await this.deps.people.getPersons(memberships.map((m) => m.personId));
    return memberships
      .map((membership) => ({
        membership,
        person: persons.get(membership.personId) ?? unknownPerson(membership.personId),
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
    const exempt = new Set<string>(this.deps.governance.exemptOrganisations);
    return ending.map(({ membership, endsOn, daysLeft }) => {
      const person = persons.get(membership.personId) ?? unknownPerson(membership.personId);
      return {
        membership,
        person,
        endsOn,
        daysLeft,
        exempt: person.organisation.kind !== 'municipality' && exempt.has(person.organisation.kind),
      };
    });
  }

  /** The scheduler's MembershipSource (src/jobs/sources/memberships.ts): current memberships with a planned end. */
  async listEndingMemberships(): Promise<MemberRow[]> {
    const current = (await this.allMemberships()).filter(
      (m) => m.plannedEnd !== undefined && m.endedOn === undefined,
    );
    return this.withPersons(current);
  }

  /** Seniority, seats and K98 spread of the group on `date`. */
  async composition(groupId: string, date = this.today()): Promise<Composition> {
    const memberships = await this.deps.people.membersOf(groupId);
    const members = (await this.withPersons(memberships.filter((m) => isActiveOn(m, date)))).filter(
      (row) => row.membership.role !== 'secretariat',
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

  // ---------------------------------------------------------------- CSV

  /**
   * Imports memberships (and their persons) from CSV. Every row is validated first; with any error,
   * or on a dry-run, nothing is written. A real import writes each group's memberships in one
   * transactional batch (all-or-nothing per group partition) and audits each group.
   */
  async importCsv(
    text: string,
    options: { dryRun: boolean; actorId: string; maxChars?: number },
  ): Promise<MemberImportReport> {
    const groups = await this.deps.groups.listGroups();
    const { rows, errors } = parseMemberCsv(text, {
      groups,
      municipalities: await this.deps.municipalities.list(),
      existing: await this.allMemberships(),
      maxChars: options.maxChars ?? MAX_MEMBER_CSV_FILE_CHARS,
    });
    const byGroup = new Map<string, Membership[]>();
    for (const { membership } of rows)
      byGroup.set(membership.groupId, [...(byGroup.get(membership.groupId) ?? []), membership]);
    const persons = new Map(rows.map((row) => [row.person.id, row.person]));
    const report: MemberImportReport = {
      dryRun: options.dryRun,
      ok: errors.length === 0,
      errors,
      groups: [...byGroup.entries()]
        .map(([groupId, list]) => ({ groupId, memberships: list.length }))
        .sort((a, b) => a.groupId.localeCompare(b.groupId)),
      persons: persons.size,
      written: 0,
    };
    if (!report.ok || options.dryRun) return report;

    // Persons first: a membership must never point at a person that is not there.
    for (const person of persons.values()) await this.deps.people.savePerson(person);
    let written = 0;
    for (const [groupId, memberships] of byGroup) {
      await this.deps.people.saveGroupMemberships(groupId, memberships);
      written += memberships.length;
      await this.audit(options.actorId, 'members.imported', `group:${groupId}`, {
        groupId,
        count: memberships.length,
        personIds: [...new Set(memberships.map((m) => m.personId))].sort(),
      });
    }
    return { ...report, written };
  }

  /** Every membership of every group with its person, as CSV (what importCsv reads). */
  async exportCsv(): Promise<string> {
    return memberCsv(await this.withPersons(await this.allMemberships()));
  }

  // ---------------------------------------------------------------- GDPR

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
  async erasePerson(personId: string, actorId: string): Promise<ChangeResult<Person>> {
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
    const at = this.deps.clock.now().toISOString();
    const pseudonym = `${PSEUDONYM_PREFIX.da} #${randomBytes(3).toString('hex')}`;
    const anonymised: Person = {
      id: person.id,
      name: pseudonym,
      organisation: person.organisation,
      anonymisedAt: at,
    };
    await this.deps.people.savePerson(anonymised);
    await this.audit(actorId, 'person.anonymised', `person:${personId}`, { personId, pseudonym });
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

function roleOrder(role: MemberRole): number {
  return role === 'chair' ? 0 : role === 'member' ? 1 : 2;
}

/** A membership whose person record is missing (a half-done import): shown by id, never dropped. */
function unknownPerson(personId: string): Person {
  return { id: personId, name: personId, organisation: { kind: 'municipality', name: '?' } };
}
