/**
 * Members, terms and recruitment: the service behind the member commands and cards, the CLI and
 * the scheduler's "terms ending" warnings. Each part lives in its own file: the appointment and
 * its rules (appointment.ts), ending and role changes (membership-changes.ts), the reports
 * (member-reports.ts), the CSV import (member-import.ts); the GDPR export and erasure are the gdpr
 * feature's, offered here too so the bot and the CLI have one service for the member register.
 *
 * Every appointment, role change, end, import and erasure is written to the audit log, with ids
 * only (see members-deps.ts).
 */
import type { Locale, MemberRole, Membership } from '../../domain/model';
import { GdprService, type ErasureResult, type PersonDataExport, type ResolvedAuditEntry } from '../gdpr';
import { Appointments, type AppointInput } from './appointment';
import { MemberImport, type MemberImportOptions, type MemberImportReport } from './member-import';
import { MemberReports, type Composition, type EndingTermRow, type MemberRow } from './member-reports';
import type { ChangeResult } from './member-results';
import { todayOf, type MembersServiceDeps } from './members-deps';
import { MembershipChanges } from './membership-changes';
import type { ReplacementReport } from './replacements';

export { displayName, type PersonDataExport, type ResolvedAuditEntry } from '../gdpr';
export type { AppointInput } from './appointment';
export type { MemberImportReport } from './member-import';
export type { Composition, EndingTermRow, MemberRow } from './member-reports';
export type { ChangeResult, MemberRefusal, MemberWarning } from './member-results';
export type { AuditTrail, MembersServiceDeps } from './members-deps';
export type { ReplacementReport, ReplacementReportRow } from './replacements';

export class MembersService {
  private readonly reports: MemberReports;
  private readonly appointments: Appointments;
  private readonly changes: MembershipChanges;
  private readonly csv: MemberImport;
  private readonly gdpr: GdprService;

  constructor(private readonly deps: MembersServiceDeps) {
    this.reports = new MemberReports(deps);
    this.appointments = new Appointments(deps, this.reports);
    this.changes = new MembershipChanges(deps);
    this.csv = new MemberImport(deps, this.reports);
    this.gdpr = new GdprService(deps);
  }

  /** Today's date in the governance time zone. */
  today(): string {
    return todayOf(this.deps);
  }

  // ---------------------------------------------------------------- changes

  /** Appoints a person to a group, enforcing max-term, pause and seats; audited. */
  appoint(input: AppointInput, actorId: string): Promise<ChangeResult<Membership>> {
    return this.appointments.appoint(input, actorId);
  }

  /** Ends the person's current membership of the group on `endedOn` (the first day away); audited. */
  endMembership(
    groupId: string,
    personId: string,
    endedOn: string,
    actorId: string,
  ): Promise<ChangeResult<Membership>> {
    return this.changes.endMembership(groupId, personId, endedOn, actorId);
  }

  /** Changes the role of the person's current membership (member <-> chair, ...); audited. */
  changeRole(
    groupId: string,
    personId: string,
    role: MemberRole,
    actorId: string,
  ): Promise<ChangeResult<Membership>> {
    return this.changes.changeRole(groupId, personId, role, actorId);
  }

  // ---------------------------------------------------------------- reports

  /** Memberships of the group active on `date` (default today; every role), with their persons, by name. */
  activeMembers(groupId: string, date?: string): Promise<MemberRow[]> {
    return this.reports.activeMembers(groupId, date);
  }

  /** Who sat where: every membership of the group, ended ones included, oldest first. */
  history(groupId: string): Promise<MemberRow[]> {
    return this.reports.history(groupId);
  }

  /** Every membership of every group (the scheduler and the export); one query per group. */
  allMemberships(): Promise<Membership[]> {
    return this.reports.allMemberships();
  }

  /** Current memberships whose planned end is within [date, date + days], soonest first, over all groups. */
  termsEndingWithin(date: string, days: number): Promise<EndingTermRow[]> {
    return this.reports.termsEndingWithin(date, days);
  }

  /** The scheduler's MembershipSource (src/features/members/membership-moments.ts): current memberships with a planned end. */
  listEndingMemberships(): Promise<MemberRow[]> {
    return this.reports.listEndingMemberships();
  }

  /** Who must be replaced in which body by when (vacant seats, terms ending within `days`), on `date` (default today). */
  replacements(days: number, date?: string): Promise<ReplacementReport> {
    return this.reports.replacements(days, date);
  }

  /** Seniority, seats and K98 spread of the group on `date` (default today). */
  composition(groupId: string, date?: string): Promise<Composition> {
    return this.reports.composition(groupId, date);
  }

  // ---------------------------------------------------------------- CSV

  /** Imports memberships (and their persons) from CSV: validated first, nothing written on any error or a dry-run. */
  importCsv(text: string, options: MemberImportOptions): Promise<MemberImportReport> {
    return this.csv.importCsv(text, options);
  }

  /** Every membership of every group with its person, as CSV (what importCsv reads). */
  exportCsv(): Promise<string> {
    return this.csv.exportCsv();
  }

  // ---------------------------------------------------------------- GDPR (the gdpr feature's)

  /** The person's data (article 15): the person, their memberships and the audit entries about or by them. */
  exportPersonData(
    personId: string,
    options?: { fromMonth?: string },
  ): Promise<PersonDataExport | undefined> {
    return this.gdpr.exportPersonData(personId, options);
  }

  /** Erases a person who has left into a pseudonym; the audit log is not touched. Idempotent. */
  erasePerson(personId: string, actorId: string): Promise<ErasureResult> {
    return this.gdpr.erasePerson(personId, actorId);
  }

  /** The person's audit trail with names resolved now (so an erased person shows as the pseudonym). */
  auditTrailOf(
    personId: string,
    locale: Locale,
    options?: { fromMonth?: string },
  ): Promise<ResolvedAuditEntry[]> {
    return this.gdpr.auditTrailOf(personId, locale, options);
  }
}
