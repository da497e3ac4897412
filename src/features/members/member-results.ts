/**
 * What a change to the member register answers: done (with the soft rules' warnings, or "already
 * done" for a repeated delivery) or refused with the rule named and its dates.
 */
import type { OrganisationKind } from '../../domain/model';
import type { SeniorityReport } from '../../domain/terms';
import type { ValidationIssue } from '../../domain/validation-issue';
import type { ErasureRefusal } from '../gdpr';
import type { LocalizedText } from '../../domain/localized-text';

/** Why an appointment (or another change) was refused; the hard rules carry their dates. */
export type MemberRefusal =
  | { rule: 'max-term'; serviceStart: string; maxEnd: string; earliestReappointment: string }
  | { rule: 'pause'; lastEnded: string; earliestReappointment: string }
  | { rule: 'no-seat'; organisationKind: OrganisationKind; seats: number; occupied: number }
  | { rule: 'unknown-group'; groupId: string }
  | { rule: 'group-dissolved'; groupId: string }
  | { rule: 'already-member'; termStart: string }
  | { rule: 'not-member' }
  | ErasureRefusal
  | { rule: 'unknown-municipality'; municipalityCode: string }
  /** `reason` is English, for logs and the CLI; the bot words `issue` in the user's language. */
  | { rule: 'invalid'; field: string; reason: string; issue: ValidationIssue };

/** An `invalid` refusal from a validation issue (the English reason kept for logs). */
export function invalid(issue: ValidationIssue): MemberRefusal {
  return { rule: 'invalid', field: issue.field, reason: issue.message, issue };
}

/** Rules reported but not enforced. */
export type MemberWarning =
  | { rule: 'seniority'; seniorCount: number; requiredSenior: number; memberCount: number }
  | { rule: 'spread'; k98Group: string; count: number; unrepresented: string[] }
  | { rule: 'unclassified'; municipalityCode?: string }
  /** The person's term in another body is for another organisation (both are stored). */
  | {
      rule: 'other-organisation';
      person: string;
      organisation: string;
      groupName: LocalizedText;
      newOrganisation: string;
    };

export type ChangeResult<T> =
  | { ok: true; value: T; warnings: MemberWarning[]; alreadyDone?: boolean }
  | { ok: false; refusal: MemberRefusal };

/** A refused change. */
export function refused<T>(refusal: MemberRefusal): ChangeResult<T> {
  return { ok: false, refusal };
}

/** The 1/3 seniority rule as a warning, when the group falls short of it. */
export function seniorityWarnings(report: SeniorityReport): MemberWarning[] {
  return report.ok
    ? []
    : [
        {
          rule: 'seniority',
          seniorCount: report.seniorCount,
          requiredSenior: report.requiredSenior,
          memberCount: report.memberCount,
        },
      ];
}
