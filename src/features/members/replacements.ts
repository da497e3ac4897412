/**
 * The replacement report read from the register: every active body with seats or members (the
 * secretariat's and the management's are staff, not seats), its rows by the rule in
 * domain/replacements.ts, with the persons. Shared by the `genbesættelse` command and the tab.
 */
import type { Governance } from '../../domain/governance';
import type { Group, Membership, Person } from '../../domain/model';
import type { GroupRegistry } from '../../domain/ports';
import { addDaysToDate } from '../../domain/time';
import { replacements, type ReplacementRow } from './domain/replacements';
import type { PeopleRepository } from './people-repository';

export type { ReappointmentVerdict, ReplacementRow } from './domain/replacements';

export interface ReplacementDeps {
  people: Pick<PeopleRepository, 'membersOf' | 'getPersons'>;
  groups: Pick<GroupRegistry, 'listGroups'>;
  governance: Governance;
}

/** A row with the person it names (vacant seats nobody left name nobody). */
export type ReplacementReportRow = ReplacementRow & { person?: Person };

export interface ReplacementReport {
  date: string;
  days: number;
  /** The last day of the window (inclusive). */
  until: string;
  bodies: Array<{ group: Group; rows: ReplacementReportRow[] }>;
}

const WITHOUT_SEATS = new Set<string>(['administration', 'management']);

/** The governance's bodies in the file's order, then the working groups by id. */
function bodyOrder(governance: Governance, groups: Group[]): Group[] {
  const position = new Map(governance.bodies.map((body, index) => [body.id, index]));
  const rank = (group: Group) => position.get(group.id) ?? governance.bodies.length;
  return [...groups].sort((a, b) => rank(a) - rank(b) || a.id.localeCompare(b.id));
}

/** Who must be replaced in which body by when, over the window (today, today + days]. */
export async function replacementReport(
  deps: ReplacementDeps,
  date: string,
  days: number,
  onlyGroupId?: string,
): Promise<ReplacementReport> {
  const groups = bodyOrder(
    deps.governance,
    (await deps.groups.listGroups()).filter(
      (g) => g.status === 'active' && !WITHOUT_SEATS.has(g.kind) && (!onlyGroupId || g.id === onlyGroupId),
    ),
  );
  const memberships: Membership[] = [];
  for (const group of groups) memberships.push(...(await deps.people.membersOf(group.id)));
  const persons = await deps.people.getPersons(new Set(memberships.map((m) => m.personId)));
  const byGroup = replacements({
    groups,
    memberships,
    persons,
    governance: deps.governance,
    today: date,
    days,
  });
  return {
    date,
    days,
    until: addDaysToDate(date, days),
    bodies: groups.map((group, index) => ({
      group,
      rows: byGroup[index]!.rows.map((row) => {
        const person = 'membership' in row ? persons.get(row.membership.personId) : undefined;
        return person ? { ...row, person } : row;
      }),
    })),
  };
}
