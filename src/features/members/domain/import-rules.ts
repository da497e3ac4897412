/**
 * The appointment rules for a member CSV: the same term rule (years in a row, the pause) and seats
 * per body as an appointment by card, row by row in the order of their term starts, so the rows
 * before count for the rows after. A row that only restates a stored membership, or records a term already ended, is a
 * fact of the register, not an appointment, and is not checked again. A new appointment without a
 * planned end gets the latest end the rule allows.
 */
import type { Governance } from '../../../domain/governance';
import type { Membership, Person } from '../../../domain/model';
import { canAppoint, checkSeatAvailable, isActiveOn } from '../../../domain/terms';

export interface ImportRow {
  line: number;
  person: Person;
  membership: Membership;
}

export interface RegisteredMembership {
  membership: Membership;
  person: Pick<Person, 'id' | 'organisation'>;
}

export type ImportRuleBreach =
  | { line: number; rule: 'max-term'; maxEnd: string; earliestReappointment: string }
  | { line: number; rule: 'pause'; lastEnded: string; earliestReappointment: string }
  | { line: number; rule: 'no-seat'; groupId: string; organisation: string; seats: number; occupied: number };

const keyOf = (m: Membership) => `${m.groupId}|${m.personId}|${m.termStart}`;

function sameFacts(a: Membership, b: Membership | undefined): boolean {
  return b !== undefined && a.role === b.role && a.plannedEnd === b.plannedEnd && a.endedOn === b.endedOn;
}

/** A row is an appointment to check when it is new (or changed) and its term has not been ended. */
function isAppointment(row: ImportRow, stored: Map<string, Membership>): boolean {
  if (row.membership.role === 'staff' || row.membership.endedOn !== undefined) return false;
  return !sameFacts(row.membership, stored.get(keyOf(row.membership)));
}

interface Register {
  /** Every membership as the import would leave it so far: the stored ones, then accepted rows. */
  all: RegisteredMembership[];
  stored: Map<string, Membership>;
}

function termDecision(row: ImportRow, register: Register, governance: Governance) {
  const { membership, person } = row;
  const history = register.all
    .map((entry) => entry.membership)
    .filter((m) => m.personId === person.id && keyOf(m) !== keyOf(membership))
    .filter((m) => m.termStart < membership.termStart);
  const group = { id: membership.groupId };
  return canAppoint(person, group, membership.termStart, history, governance, {
    until: membership.plannedEnd,
  });
}

function seatBreach(
  row: ImportRow,
  register: Register,
  governance: Governance,
): ImportRuleBreach | undefined {
  const { membership, person } = row;
  const seated = register.all.filter(
    (entry) =>
      entry.membership.groupId === membership.groupId &&
      entry.membership.role !== 'staff' &&
      entry.person.id !== person.id &&
      isActiveOn(entry.membership, membership.termStart),
  );
  const seat = checkSeatAvailable(
    person,
    seated.map((entry) => entry.person),
    membership.groupId,
    governance,
  );
  if (seat.ok) return undefined;
  return {
    line: row.line,
    rule: 'no-seat',
    groupId: membership.groupId,
    organisation: seat.organisationKind,
    seats: seat.seats,
    occupied: seat.occupied,
  };
}

/** One row: its breach, or the row as it will be stored (with the rule's planned end when it had none). */
function checkRow(row: ImportRow, register: Register, governance: Governance): ImportRuleBreach | ImportRow {
  if (!isAppointment(row, register.stored)) return row;
  const decision = termDecision(row, register, governance);
  if (!decision.ok) {
    if (decision.rule === 'pause')
      return {
        line: row.line,
        rule: 'pause',
        lastEnded: decision.lastEnded!,
        earliestReappointment: decision.earliestReappointment!,
      };
    if (decision.rule === 'max-term')
      return {
        line: row.line,
        rule: 'max-term',
        maxEnd: decision.maxEnd!,
        earliestReappointment: decision.earliestReappointment!,
      };
    return row;
  }
  const seat = seatBreach(row, register, governance);
  if (seat) return seat;
  const plannedEnd = row.membership.plannedEnd ?? decision.latestEnd;
  return plannedEnd === undefined ? row : { ...row, membership: { ...row.membership, plannedEnd } };
}

export function checkImportRules(
  rows: readonly ImportRow[],
  registered: readonly RegisteredMembership[],
  governance: Governance,
): { rows: ImportRow[]; breaches: ImportRuleBreach[] } {
  const inFile = new Set(rows.map((row) => keyOf(row.membership)));
  const register: Register = {
    all: registered.filter((entry) => !inFile.has(keyOf(entry.membership))),
    stored: new Map(registered.map((entry) => [keyOf(entry.membership), entry.membership])),
  };
  const accepted: ImportRow[] = [];
  const breaches: ImportRuleBreach[] = [];
  const inOrder = [...rows].sort(
    (a, b) => a.membership.termStart.localeCompare(b.membership.termStart) || a.line - b.line,
  );
  for (const row of inOrder) {
    const checked = checkRow(row, register, governance);
    if ('rule' in checked) breaches.push(checked);
    else {
      accepted.push(checked);
      register.all.push({ membership: checked.membership, person: checked.person });
    }
  }
  return { rows: accepted.sort((a, b) => a.line - b.line), breaches };
}
