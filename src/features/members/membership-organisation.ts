/**
 * The organisation of an appointment (issue 26.9): a person may sit for an organisation in one body and for a
 * municipality in another, so each membership carries its own organisation. An appointment for
 * another organisation than the person's other current terms is stored, with a warning, so the
 * secretariat sees it when it was a typo.
 */
import type { Group, Membership, Organisation } from '../../domain/model';
import type { MemberWarning } from './member-results';
import { untranslated } from '../../domain/localized-text';

/** The same organisation: the same kind, and for a municipality the same municipality. */
export function sameOrganisation(a: Organisation, b: Organisation): boolean {
  return a.kind === b.kind && (a.kind !== 'municipality' || a.municipalityCode === b.municipalityCode);
}

/** Terms of the person that have not ended by `date` (current or planned), in any group. */
function termsAfter(history: readonly Membership[], date: string): Membership[] {
  return history.filter((m) => (m.endedOn ?? m.plannedEnd ?? '9999-12-31') > date);
}

/** One warning per other body where the person's current term is for another organisation. */
export async function otherOrganisationWarnings(
  groups: { getGroup(groupId: string): Promise<Group | undefined> },
  input: { personName: string; organisation: Organisation; groupId: string; termStart: string },
  history: readonly Membership[],
): Promise<MemberWarning[]> {
  const warnings: MemberWarning[] = [];
  const seen = new Set<string>();
  for (const term of termsAfter(history, input.termStart)) {
    if (!term.organisation || sameOrganisation(term.organisation, input.organisation)) continue;
    if (term.groupId === input.groupId && term.termStart === input.termStart) continue;
    if (seen.has(term.groupId)) continue;
    seen.add(term.groupId);
    const group = await groups.getGroup(term.groupId);
    warnings.push({
      rule: 'other-organisation',
      person: input.personName,
      organisation: term.organisation.name,
      groupName: group?.name ?? untranslated(term.groupId),
      newOrganisation: input.organisation.name,
    });
  }
  return warnings;
}
