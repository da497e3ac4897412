/**
 * Names stored (or written in a governance file) by the version that knew one body only, mapped to
 * the names the code uses now (issue 23): a record written then reads as if written today. The
 * table is data (legacy-names.json), so the code names no body of its own.
 */
import table from './legacy-names.json';

type Table = Record<string, string>;

function renamed(names: Table) {
  return (value: unknown): unknown =>
    typeof value === 'string' && Object.hasOwn(names, value) ? names[value] : value;
}

/** A body kind (board, administration …) from a value stored or written under its old name. */
export const currentBodyKind = renamed(table.bodyKinds);
/** A membership role (member, chair, staff) from a value stored under its old name. */
export const currentMemberRole = renamed(table.memberRoles);
/** The capacity a person acted in (decide, administer, management) from its old stored name. */
export const currentCapacity = renamed(table.personCapacities);
/** The old names of the membership roles, still accepted as input (a CSV file from before). */
export const legacyMemberRoleNames: Readonly<Table> = table.memberRoles;
