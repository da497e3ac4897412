/**
 * The member register in and out as CSV: the import (validated first, all-or-nothing per group)
 * and the export it reads back unchanged.
 */
import type { Membership, Person } from '../../domain/model';
import { governanceOrganisations } from '../../domain/governance';
import type { CsvRowError } from '../../platform/csv/csv-table';
import { MAX_MEMBER_CSV_FILE_CHARS, memberCsv, parseMemberCsv, type MemberImportRow } from './members-csv';
import { recordAudit, type MembersServiceDeps } from './members-deps';
import type { MemberReports } from './member-reports';
import { checkImportRules, type ImportRuleBreach } from './domain/import-rules';

export interface MemberImportReport {
  dryRun: boolean;
  ok: boolean;
  errors: CsvRowError[];
  /** Only the lines without errors were (or, on a dry-run, would be) written. */
  validOnly: boolean;
  /** Memberships per group that were (or, on a dry-run, would be) written. */
  groups: Array<{ groupId: string; memberships: number }>;
  persons: number;
  written: number;
}

export interface MemberImportOptions {
  dryRun: boolean;
  actorId: string;
  maxChars?: number;
  /** Write the lines without errors even when others have some (the user's explicit choice). */
  validOnly?: boolean;
}

/** A breach of the appointment rules as a line of the import report. */
function breachError(breach: ImportRuleBreach): CsvRowError {
  switch (breach.rule) {
    case 'max-term':
      return {
        line: breach.line,
        field: 'plannedEnd',
        code: 'term-rule',
        reason: `the continuous service must end by ${breach.maxEnd} (re-appointment from ${breach.earliestReappointment})`,
        params: {
          kind: 'maxTerm',
          maxEnd: breach.maxEnd,
          earliestReappointment: breach.earliestReappointment,
        },
      };
    case 'pause':
      return {
        line: breach.line,
        field: 'termStart',
        code: 'term-rule',
        reason: `the pause after the term that ended ${breach.lastEnded} lasts until ${breach.earliestReappointment}`,
        params: {
          kind: 'pause',
          lastEnded: breach.lastEnded,
          earliestReappointment: breach.earliestReappointment,
        },
      };
    case 'no-seat':
      return {
        line: breach.line,
        field: 'organisation',
        code: 'no-seat',
        reason: `no seat left in ${breach.groupId} for ${breach.organisation} (${breach.occupied} of ${breach.seats} taken)`,
        params: {
          kind: 'noSeat',
          group: breach.groupId,
          organisation: breach.organisation,
          seats: breach.seats,
          occupied: breach.occupied,
        },
      };
  }
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
    const { rows, errors } = await this.checkedRows(text, options);
    const failedLines = new Set(errors.map((error) => error.line));
    const writable = errors.some((error) => error.line <= 0)
      ? []
      : rows.filter((row) => !failedLines.has(row.line));
    const validOnly = options.validOnly === true && errors.length > 0;
    const selected = validOnly ? writable : rows;
    const byGroup = membershipsByGroup(selected);
    const persons = new Map(selected.map((row) => [row.person.id, row.person]));
    const report: MemberImportReport = {
      dryRun: options.dryRun,
      ok: errors.length === 0,
      errors,
      validOnly,
      groups: [...byGroup.entries()]
        .map(([groupId, list]) => ({ groupId, memberships: list.length }))
        .sort((a, b) => a.groupId.localeCompare(b.groupId)),
      persons: persons.size,
      written: 0,
    };
    if ((!report.ok && !validOnly) || options.dryRun) return report;
    return { ...report, written: await this.write(persons, byGroup, options.actorId) };
  }

  /** The file's rows parsed and checked against the register and the appointment rules. */
  private async checkedRows(text: string, options: MemberImportOptions) {
    const existing = await this.reports.allMemberships();
    const parsed = parseMemberCsv(text, {
      groups: await this.deps.groups.listGroups(),
      municipalities: await this.deps.municipalities.list(),
      existing,
      maxChars: options.maxChars ?? MAX_MEMBER_CSV_FILE_CHARS,
      organisationIds: governanceOrganisations(this.deps.governance).map((organisation) => organisation.id),
    });
    const registered = await this.reports.withPersons(existing);
    const ruled = checkImportRules(parsed.rows, registered, this.deps.governance);
    const errors = [...parsed.errors, ...ruled.breaches.map(breachError)].sort((a, b) => a.line - b.line);
    return { rows: ruled.rows, errors };
  }

  /** Writes the persons, then each group's memberships in one batch with its audit entry. */
  private async write(
    persons: Map<string, Person>,
    byGroup: Map<string, Membership[]>,
    actorId: string,
  ): Promise<number> {
    // Persons first: a membership must never point at a person that is not there.
    for (const person of persons.values()) {
      // The person's earlier terms keep their organisation when the file gives another.
      await this.deps.people.pinOrganisations(person.id);
      await this.deps.people.savePerson(person);
    }
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
