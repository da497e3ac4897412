/**
 * When the 1/3 seniority rule can be met at all (issue 26.9: the warning came on every first
 * appointment of a new body). The rule (governance.md: at least 1/3 of the members should have at
 * least 1 year of seniority) is for continuity: it keeps experienced members in a body as members
 * are replaced. A body whose first member started less than `minYears` ago has no continuity to
 * keep, and nobody in it can be senior yet, so its appointments carry no seniority warning. Once
 * the body is `minYears` old, the rule applies again in full (also when every senior has left).
 */
import type { Membership } from '../../../domain/model';
import type { SeniorityRule } from '../../../domain/terms';
import { addYearsToDate } from '../../../domain/time';

/** The first day a member or chair sat in the group, if anyone has. */
export function bodyStartedOn(memberships: readonly Membership[], groupId: string): string | undefined {
  let first: string | undefined;
  for (const m of memberships) {
    if (m.groupId !== groupId || m.role === 'staff') continue;
    if (first === undefined || m.termStart < first) first = m.termStart;
  }
  return first;
}

/** True when someone could have the rule's seniority on `date`: the body is at least minYears old. */
export function seniorityRuleApplies(
  memberships: readonly Membership[],
  groupId: string,
  date: string,
  rule: SeniorityRule,
): boolean {
  const started = bodyStartedOn(memberships, groupId);
  return started !== undefined && addYearsToDate(started, rule.minYears) <= date;
}
