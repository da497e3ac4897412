/**
 * Membership terms, seniority, K98 spread and seats.
 *
 * Date conventions: calendar dates `YYYY-MM-DD`; `termStart` is the first day of membership,
 * `endedOn` / `plannedEnd` the first day the person is no longer a member (exclusive end). So a
 * 5-year term from 2020-03-01 ends on 2025-03-01, and with a 1-year pause the person may be
 * re-appointed from 2026-03-01 (2026-02-28 is refused).
 *
 * Term limits apply to municipal members only (the organisations the governance file marks
 * `exemptFromTerms` appoint their own). A break shorter than the pause does not reset the clock: the service
 * before and after it counts as one continuous term, otherwise the rule could be dodged by leaving
 * for a week.
 */
import type { BodyKind, Membership, OrganisationKind, Person } from './model';
import { bodyById, governanceOrganisations, isExemptOrganisation, type Governance } from './governance';
import { MUNICIPALITY } from './organisations';
import { addDaysToDate, addYearsToDate, assertDate, daysBetweenDates } from './time';

export type AppointmentRefusalRule = 'max-term' | 'pause' | 'unknown-body';

export type AppointmentDecision =
  | {
      ok: true;
      /** True when no term limit applies (exempt organisation, or a body without a term rule). */
      exempt: boolean;
      /** Latest (exclusive) end date the term may have; absent when unlimited. */
      latestEnd?: string;
      /** Start of the continuous service this appointment belongs to (earlier than `date` for a re-appointment). */
      serviceStart: string;
    }
  | {
      ok: false;
      rule: AppointmentRefusalRule;
      /** First date a new appointment would be allowed (for max-term and pause). */
      earliestReappointment?: string;
      serviceStart?: string;
      /** The (exclusive) end of the maximum term of the current continuous service. */
      maxEnd?: string;
      lastEnded?: string;
    };

export interface AppointmentOptions {
  /** The planned (exclusive) end of the new term; refused with 'max-term' when beyond the limit. */
  until?: string;
}

interface ServiceRun {
  start: string;
  /** Exclusive end; undefined while serving. */
  end?: string;
}

/** Sorts service periods and joins each into the previous run when `joins(previousEnd, nextStart)`. */
function mergeRuns(
  periods: ServiceRun[],
  joins: (previousEnd: string, nextStart: string) => boolean,
): ServiceRun[] {
  const sorted = [...periods].sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
  const runs: ServiceRun[] = [];
  for (const period of sorted) {
    const last = runs[runs.length - 1];
    if (last && (last.end === undefined || joins(last.end, period.start))) {
      if (last.end !== undefined && (period.end === undefined || period.end > last.end))
        last.end = period.end;
    } else runs.push({ ...period });
  }
  return runs;
}

/**
 * The person's periods in the group as they stand on `date`: a term ends the day it was ended, or
 * on its planned end once that day has passed (a term that ran out needs nobody to end it). A
 * planned end still ahead, or today, leaves the period open: a re-appointment from the end day
 * continues the same service, and one who served the maximum reads "years in a row".
 */
function periodsOf(history: Membership[], personId: string, groupId: string, date: string): ServiceRun[] {
  return history
    .filter((m) => m.personId === personId && m.groupId === groupId && m.termStart <= date)
    .map((m) => {
      const end = m.endedOn ?? (m.plannedEnd !== undefined && m.plannedEnd < date ? m.plannedEnd : undefined);
      return end !== undefined ? { start: m.termStart, end } : { start: m.termStart };
    });
}

/**
 * Where the person's last run of service leaves a new appointment on `date`: refused (the full
 * term is served, or served and not yet paused), or allowed with the start of the service it
 * continues (`date` itself when the pause has passed).
 */
function serviceStartAfter(
  last: ServiceRun | undefined,
  date: string,
  rule: { maxYears: number; pauseYears: number },
): { serviceStart: string } | Extract<AppointmentDecision, { ok: false }> {
  if (!last) return { serviceStart: date };
  const maxEnd = addYearsToDate(last.start, rule.maxYears);
  const serving = last.end === undefined || last.end > date;
  if (serving) {
    if (date < maxEnd) return { serviceStart: last.start };
    return {
      ok: false,
      rule: 'max-term',
      serviceStart: last.start,
      maxEnd,
      earliestReappointment: addYearsToDate(maxEnd, rule.pauseYears),
    };
  }
  const pauseEnds = addYearsToDate(last.end!, rule.pauseYears);
  if (date >= pauseEnds) return { serviceStart: date };
  // Back within the pause: either the full term was served (must pause) or the old term goes on.
  if (last.end! < maxEnd && date < maxEnd) return { serviceStart: last.start };
  return {
    ok: false,
    rule: 'pause',
    lastEnded: last.end!,
    serviceStart: last.start,
    maxEnd,
    earliestReappointment: pauseEnds,
  };
}

/**
 * May `person` be appointed to `body` from `date`? `history` holds the person's memberships
 * (others are ignored).
 */
export function canAppoint(
  person: Pick<Person, 'id' | 'organisation'>,
  body: { id: string; kind?: BodyKind },
  date: string,
  history: Membership[],
  governance: Governance,
  options: AppointmentOptions = {},
): AppointmentDecision {
  assertDate(date);
  const config = bodyById(governance, body.id);
  const rule = config?.term;
  const exemptOrganisation =
    person.organisation.kind !== MUNICIPALITY && isExemptOrganisation(governance, person.organisation.kind);
  if (!config && body.kind !== 'working') {
    // Working groups are created at run time and have no term rule; other unknown ids are a mistake.
    return { ok: false, rule: 'unknown-body' };
  }
  if (!rule || exemptOrganisation) return { ok: true, exempt: true, serviceStart: date };

  const { maxYears, pauseYears } = rule;
  const runs = mergeRuns(
    periodsOf(history, person.id, body.id, date),
    (end, start) => start < addYearsToDate(end, pauseYears),
  );
  const after = serviceStartAfter(runs[runs.length - 1], date, rule);
  if ('ok' in after) return after;
  const { serviceStart } = after;
  const latestEnd = addYearsToDate(serviceStart, maxYears);
  if (options.until !== undefined && assertDate(options.until) > latestEnd) {
    return {
      ok: false,
      rule: 'max-term',
      serviceStart,
      maxEnd: latestEnd,
      earliestReappointment: addYearsToDate(latestEnd, pauseYears),
    };
  }
  return { ok: true, exempt: false, latestEnd, serviceStart };
}

/** Memberships of `groupId` active on `date` (secretariat roles excluded: they are not members). */
export function activeMemberships(memberships: Membership[], groupId: string, date: string): Membership[] {
  return memberships.filter((m) => m.groupId === groupId && m.role !== 'staff' && isActiveOn(m, date));
}

/**
 * Active on `date` (a local YYYY-MM-DD): termStart <= date < end, where the end is the day the
 * membership was ended, else its planned end (a term that ran out ends without anyone ending it;
 * the end day is not served). From that day the member has no vote, seat, quorum weight or turn.
 */
export function isActiveOn(
  membership: Pick<Membership, 'termStart' | 'endedOn' | 'plannedEnd'>,
  date: string,
): boolean {
  const end = membership.endedOn ?? membership.plannedEnd;
  return membership.termStart <= date && (end === undefined || end > date);
}

export interface EndingTerm {
  membership: Membership;
  endsOn: string;
  daysLeft: number;
}

/** Active memberships whose planned end falls within [date, date + days], soonest first. */
export function termsEndingWithin(memberships: Membership[], date: string, days: number): EndingTerm[] {
  const until = addDaysToDate(assertDate(date), days);
  return memberships
    .filter(
      (m) =>
        m.endedOn === undefined &&
        m.plannedEnd !== undefined &&
        m.plannedEnd >= date &&
        m.plannedEnd <= until,
    )
    .map((m) => ({ membership: m, endsOn: m.plannedEnd!, daysLeft: daysBetweenDates(date, m.plannedEnd!) }))
    .sort((a, b) =>
      a.endsOn < b.endsOn
        ? -1
        : a.endsOn > b.endsOn
          ? 1
          : a.membership.personId.localeCompare(b.membership.personId),
    );
}

export interface SeniorityRule {
  minShare: number;
  minYears: number;
}

export interface SeniorityReport {
  ok: boolean;
  memberCount: number;
  seniorCount: number;
  /** Fewest senior members that satisfy the rule (ceil of share x members). */
  requiredSenior: number;
  seniorPersonIds: string[];
}

/**
 * At least `minShare` of the group's members on `date` should have served `minYears` without a break
 * (back-to-back memberships count as one). Exactly the share passes: 3 of 9 with 1/3.
 */
export function seniorityCheck(
  memberships: Membership[],
  groupId: string,
  date: string,
  rule: SeniorityRule = { minShare: 1 / 3, minYears: 1 },
): SeniorityReport {
  assertDate(date);
  const active = activeMemberships(memberships, groupId, date);
  const personIds = [...new Set(active.map((m) => m.personId))].sort();
  const seniorPersonIds = personIds.filter((personId) => {
    const runs = mergeRuns(periodsOf(memberships, personId, groupId, date), (end, start) => start <= end);
    const current = runs.find((run) => run.start <= date && (run.end === undefined || run.end > date));
    return current !== undefined && addYearsToDate(current.start, rule.minYears) <= date;
  });
  // The epsilon absorbs the float in 1/3 x 9 = 3.0000000000000004.
  const requiredSenior = Math.ceil(personIds.length * rule.minShare - 1e-9);
  return {
    ok: seniorPersonIds.length >= requiredSenior,
    memberCount: personIds.length,
    seniorCount: seniorPersonIds.length,
    requiredSenior,
    seniorPersonIds,
  };
}

export interface K98Spread {
  /** One row per K98 group present, by group name. */
  groups: Array<{ k98Group: string; count: number; personIds: string[] }>;
  /** Municipal members whose municipality has no K98 group in the table. */
  unclassifiedPersonIds: string[];
}

/** How the municipal members spread over the K98 municipality groups (others are ignored). */
export function k98Spread(members: Person[], municipalityK98: Record<string, string>): K98Spread {
  const byGroup = new Map<string, string[]>();
  const unclassifiedPersonIds: string[] = [];
  for (const person of members) {
    if (person.organisation.kind !== 'municipality') continue;
    const code = person.organisation.municipalityCode;
    const group = code !== undefined ? municipalityK98[code] : undefined;
    if (group === undefined) unclassifiedPersonIds.push(person.id);
    else byGroup.set(group, [...(byGroup.get(group) ?? []), person.id]);
  }
  return {
    groups: [...byGroup.entries()]
      .sort(([a], [b]) => a.localeCompare(b, 'da'))
      .map(([k98Group, personIds]) => ({ k98Group, count: personIds.length, personIds: personIds.sort() })),
    unclassifiedPersonIds: unclassifiedPersonIds.sort(),
  };
}

export interface SeatRow {
  organisationKind: OrganisationKind;
  expected: number;
  actual: number;
  status: 'ok' | 'fewer' | 'too-many';
}

/** Seats per organisation kind from the body's profile: the municipal ones, then every listed organisation's. */
function seatsFor(governance: Governance, bodyId: string): Map<OrganisationKind, number> | undefined {
  const profile = bodyById(governance, bodyId)?.members;
  if (!profile) return undefined;
  const seats = new Map<OrganisationKind, number>([[MUNICIPALITY, profile.municipal]]);
  for (const { id } of governanceOrganisations(governance)) seats.set(id, profile.organisations[id] ?? 0);
  return seats;
}

/**
 * Members vs the body's profile: which organisation kinds have fewer or more members than seats.
 * `members` are the people currently in the body. Undefined for a body without a profile.
 */
export function memberProfileReport(
  members: Array<Pick<Person, 'organisation'>>,
  bodyId: string,
  governance: Governance,
): { ok: boolean; rows: SeatRow[] } | undefined {
  const seats = seatsFor(governance, bodyId);
  if (!seats) return undefined;
  const rows = [...seats.entries()]
    .map(([organisationKind, expected]): SeatRow => {
      const actual = members.filter((m) => m.organisation.kind === organisationKind).length;
      return {
        organisationKind,
        expected,
        actual,
        status: actual === expected ? 'ok' : actual < expected ? 'fewer' : 'too-many',
      };
    })
    .filter((row) => row.expected > 0 || row.actual > 0);
  return { ok: rows.every((row) => row.status === 'ok'), rows };
}

export type SeatDecision =
  | { ok: true }
  | { ok: false; rule: 'no-seat'; organisationKind: OrganisationKind; seats: number; occupied: number };

/** Whether one more member of the candidate's organisation kind fits in the body (no profile: always). */
export function checkSeatAvailable(
  candidate: Pick<Person, 'organisation'>,
  currentMembers: Array<Pick<Person, 'organisation'>>,
  bodyId: string,
  governance: Governance,
): SeatDecision {
  const seats = seatsFor(governance, bodyId);
  if (!seats) return { ok: true };
  const kind = candidate.organisation.kind;
  const available = seats.get(kind) ?? 0;
  const occupied = currentMembers.filter((m) => m.organisation.kind === kind).length;
  return occupied < available
    ? { ok: true }
    : { ok: false, rule: 'no-seat', organisationKind: kind, seats: available, occupied };
}
