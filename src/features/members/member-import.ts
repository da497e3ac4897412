/**
 * The member register in and out as CSV: the import (validated first, all-or-nothing per group)
 * and the export it reads back unchanged.
 */
import type { Membership, Person } from '../../domain/model';
import type { CsvRowError } from '../../platform/csv/csv-table';
import { MAX_MEMBER_CSV_FILE_CHARS, memberCsv, parseMemberCsv, type MemberImportRow } from './members-csv';
import { recordAudit, type MembersServiceDeps } from './members-deps';
import type { MemberReports } from './member-reports';

export interface MemberImportReport {
  dryRun: boolean;
  ok: boolean;
  errors: CsvRowError[];
  /** Memberships per group that were (or, on a dry-run, would be) written. */
  groups: Array<{ groupId: string; memberships: number }>;
  persons: number;
  written: number;
}

export interface MemberImportOptions {
  dryRun: boolean;
  actorId: string;
  maxChars?: number;
}

function membershipsByGroup(rows: MemberImportRow[]): Map<string, Membership[]> {
  const byGroup = new Map<string, Membership[]>();
  for (const { membership } of rows)
    byGroup.set(membership.groupId, [...(byGroup.get(membership.groupId) ?? []), membership]);
  return byGroup;
}

export class MemberImport {
  constructor(
    private readonly deps: MembersServiceDeps,
    private readonly reports: MemberReports,
  ) {}

  /**
   * Imports memberships (and their persons) from CSV. Every row is validated first; with any error,
   * or on a dry-run, nothing is written. A real import writes each group's memberships in one
   * transactional batch (all-or-nothing per group partition) and audits each group.
   */
  async importCsv(text: string, options: MemberImportOptions): Promise<MemberImportReport> {
    const groups = await this.deps.groups.listGroups();
    const { rows, errors } = parseMemberCsv(text, {
      groups,
      municipalities: await this.deps.municipalities.list(),
      existing: await this.reports.allMemberships(),
      maxChars: options.maxChars ?? MAX_MEMBER_CSV_FILE_CHARS,
    });
    const byGroup = membershipsByGroup(rows);
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
    return { ...report, written: await this.write(persons, byGroup, options.actorId) };
  }

  /** Writes the persons, then each group's memberships in one batch with its audit entry. */
  private async write(
    persons: Map<string, Person>,
    byGroup: Map<string, Membership[]>,
    actorId: string,
  ): Promise<number> {
    // Persons first: a membership must never point at a person that is not there.
    for (const person of persons.values()) await this.deps.people.savePerson(person);
    let written = 0;
    for (const [groupId, memberships] of byGroup) {
      await this.deps.people.saveGroupMemberships(groupId, memberships);
      written += memberships.length;
      await recordAudit(this.deps, {
        actorId,
        action: 'members.imported',
        subject: `group:${groupId}`,
        details: {
          groupId,
          count: memberships.length,
          personIds: [...new Set(memberships.map((m) => m.personId))].sort(),
        },
      });
    }
    return written;
  }

  /** Every membership of every group with its person, as CSV (what importCsv reads). */
  async exportCsv(): Promise<string> {
    return memberCsv(await this.reports.withPersons(await this.reports.allMemberships()));
  }
}
