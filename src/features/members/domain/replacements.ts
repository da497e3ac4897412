/**
 * Who must be replaced, per body, and by when (the secretariat's `genbesættelse` and the tab):
 * - seats already vacant on `today`: the body's seats per organisation kind (memberProfileReport)
 *   not taken by a member serving today nor by one appointed from a later day; each is attributed
 *   to the member who left it (the most recent ends first), seats nobody held are counted;
 * - terms ending within the window (today, today + days]: the day the membership ends (the day it
 *   was ended to, else its planned end) is the day the seat must be taken again.
 * A term is not listed when its seat is already taken care of: the member is appointed again from
 * a later day, or someone of the same organisation kind is appointed from a later day (a successor
 * takes the earliest open seat first), or the kind has more members than seats.
 *
 * Whether the member may be appointed again is the appointment rule itself (canAppoint: years in a
 * row, the pause), asked for the day the seat must be taken, with the history as the register holds
 * it: the same answer `udpeg` and the re-appointment button would give that day. The organisations
 * the governance file marks `exemptFromTerms` appoint their own: marked as such, no term limit.
 */
import {
  MUNICIPALITY,
  governanceOrganisations,
  isExemptOrganisation,
  type Governance,
} from '../../../domain/governance';
import type { BodyKind, Membership, OrganisationKind, Person } from '../../../domain/model';
import { addDaysToDate, daysBetweenDates } from '../../../domain/time';
import { canAppoint, isActiveOn, memberProfileReport } from '../../../domain/terms';

export type ReappointmentVerdict =
  /** May be appointed again from the day; the new term may last until `latestEnd`. */
  | { kind: 'reappointable'; latestEnd: string }
  /** The body has no term rule (a working group): no limit to re-appointment. */
  | { kind: 'no-term-limit' }
  /** An organisation the governance file marks exemptFromTerms: it appoints its own, no term limit. */
  | { kind: 'exempt' }
  /** The years in a row are served (or the pause is not over): someone else, or this member from `earliestReappointment`. */
  | { kind: 'must-replace'; rule: 'max-term' | 'pause' | 'unknown-body'; earliestReappointment?: string }
  /** The membership was ended (the member leaves or left): the seat goes to someone else. */
  | { kind: 'left' };

export type ReplacementRow =
  | {
      kind: 'ending';
      membership: Membership;
      organisationKind: OrganisationKind;
      exempt: boolean;
      /** The day the membership ends (the first day away): the successor must sit from then. */
      replaceBy: string;
      daysLeft: number;
      verdict: ReappointmentVerdict;
    }
  | {
      kind: 'vacant';
      /** The membership that left the seat empty. */
      membership: Membership;
      organisationKind: OrganisationKind;
      exempt: boolean;
      /** Vacant since (the ended membership's end): already overdue. */
      replaceBy: string;
      verdict: ReappointmentVerdict;
    }
  | {
      kind: 'unfilled';
      organisationKind: OrganisationKind;
      exempt: boolean;
      /** Seats of this kind that nobody in the register left: to fill now. */
      count: number;
      replaceBy: string;
    };

export interface BodyReplacements {
  groupId: string;
  /** Soonest first. */
  rows: ReplacementRow[];
}

export interface ReplacementInput {
  groups: Array<{ id: string; kind: BodyKind }>;
  /** Memberships of those groups (others are ignored). */
  memberships: Membership[];
  persons: ReadonlyMap<string, Pick<Person, 'id' | 'organisation'>>;
  governance: Governance;
  today: string;
  days: number;
}

interface BodyContext {
  group: { id: string; kind: BodyKind };
  memberships: Membership[];
  persons: ReplacementInput['persons'];
  governance: Governance;
  today: string;
}

const endOf = (m: Membership): string | undefined => m.endedOn ?? m.plannedEnd;

/** The kind the membership was appointed for (its own organisation; older records: the person's). */
function kindOf(ctx: BodyContext, m: Membership): OrganisationKind {
  return m.organisation?.kind ?? ctx.persons.get(m.personId)?.organisation.kind ?? 'municipality';
}

function exemptKind(governance: Governance, kind: OrganisationKind): boolean {
  return kind !== MUNICIPALITY && isExemptOrganisation(governance, kind);
}

/** The appointment rule's answer for the member on `date` (the register's history of the body). */
export function reappointmentVerdict(
  ctx: Pick<BodyContext, 'group' | 'memberships' | 'persons' | 'governance'>,
  membership: Membership,
  date: string,
): ReappointmentVerdict {
  if (membership.endedOn !== undefined) return { kind: 'left' };
  const known = ctx.persons.get(membership.personId) ?? {
    id: membership.personId,
    organisation: { kind: 'municipality', name: '?' },
  };
  // The term is judged as the organisation it was appointed for.
  const person = membership.organisation ? { ...known, organisation: membership.organisation } : known;
  if (exemptKind(ctx.governance, person.organisation.kind)) return { kind: 'exempt' };
  const decision = canAppoint(person, ctx.group, date, ctx.memberships, ctx.governance);
  if (!decision.ok)
    return {
      kind: 'must-replace',
      rule: decision.rule,
      ...(decision.earliestReappointment ? { earliestReappointment: decision.earliestReappointment } : {}),
    };
  return decision.latestEnd === undefined
    ? { kind: 'no-term-limit' }
    : { kind: 'reappointable', latestEnd: decision.latestEnd };
}

/** Seats per organisation kind of the body's profile (undefined: the body has none, e.g. a working group). */
function seatsOf(ctx: BodyContext, active: Membership[]): Map<OrganisationKind, number> | undefined {
  const report = memberProfileReport(
    active.map((m) => ({ organisation: { kind: kindOf(ctx, m), name: '' } })),
    ctx.group.id,
    ctx.governance,
  );
  return report && new Map(report.rows.map((row) => [row.organisationKind, row.expected]));
}

/**
 * The ones leaving in the window whose seat nobody is appointed to yet, in the order they leave.
 * `continuations`: later memberships of members serving now (their own seat); `successors`: later
 * memberships of others, which take the seats open today first.
 */
function uncoveredEndings(
  ending: Membership[],
  seat: { continuations: Membership[]; successors: number; surplus: number; openToday: number },
): Membership[] {
  const continued = (m: Membership) =>
    seat.continuations.some((c) => c.personId === m.personId && c.termStart >= endOf(m)!);
  let free = seat.successors - seat.openToday;
  let surplus = seat.surplus;
  const endings: Membership[] = [];
  for (const m of ending) {
    if (continued(m)) continue;
    if (surplus > 0) surplus -= 1;
    else if (free > 0) free -= 1;
    else endings.push(m);
  }
  return endings;
}

/** The ended memberships that left a seat of the kind empty today, the most recently ended first. */
function vacatedBy(ctx: BodyContext, kind: OrganisationKind, count: number, skip: Set<string>): Membership[] {
  const latest = new Map<string, Membership>();
  for (const m of ctx.memberships) {
    const end = endOf(m);
    if (end === undefined || end > ctx.today || kindOf(ctx, m) !== kind || skip.has(m.personId)) continue;
    const known = latest.get(m.personId);
    if (!known || endOf(known)! < end) latest.set(m.personId, m);
  }
  return [...latest.values()]
    .sort((a, b) => endOf(b)!.localeCompare(endOf(a)!) || a.personId.localeCompare(b.personId))
    .slice(0, count);
}

function kindRows(ctx: BodyContext, kind: OrganisationKind, seats: number | undefined, until: string) {
  const ofKind = ctx.memberships.filter((m) => kindOf(ctx, m) === kind);
  const active = ofKind.filter((m) => isActiveOn(m, ctx.today));
  const serving = new Set(active.map((m) => m.personId));
  const later = ofKind.filter((m) => m.termStart > ctx.today);
  const successors = later.filter((m) => !serving.has(m.personId));
  const ending = active
    .filter((m) => endOf(m) !== undefined && endOf(m)! <= until)
    .sort((a, b) => endOf(a)!.localeCompare(endOf(b)!) || a.personId.localeCompare(b.personId));
  const openToday = seats === undefined ? 0 : Math.max(0, seats - active.length);
  const vacantToday = Math.max(0, openToday - successors.length);
  const exempt = exemptKind(ctx.governance, kind);
  const endings = uncoveredEndings(ending, {
    continuations: later.filter((m) => serving.has(m.personId)),
    successors: successors.length,
    surplus: seats === undefined ? 0 : Math.max(0, active.length - seats),
    openToday,
  });
  const rows: ReplacementRow[] = endings.map((membership) => ({
    kind: 'ending',
    membership,
    organisationKind: kind,
    exempt,
    replaceBy: endOf(membership)!,
    daysLeft: daysBetweenDates(ctx.today, endOf(membership)!),
    verdict: reappointmentVerdict(ctx, membership, endOf(membership)!),
  }));
  // Whoever serves now or is appointed from later did not leave a seat empty.
  const present = new Set([...serving, ...later.map((m) => m.personId)]);
  const vacated = vacatedBy(ctx, kind, vacantToday, present);
  for (const membership of vacated)
    rows.push({
      kind: 'vacant',
      membership,
      organisationKind: kind,
      exempt,
      replaceBy: endOf(membership)!,
      verdict: reappointmentVerdict(ctx, membership, ctx.today),
    });
  if (vacantToday > vacated.length)
    rows.push({
      kind: 'unfilled',
      organisationKind: kind,
      exempt,
      count: vacantToday - vacated.length,
      replaceBy: ctx.today,
    });
  return rows;
}

const ROW_ORDER = { vacant: 0, unfilled: 1, ending: 2 } as const;
/**
 * The organisation kinds in the order they are listed: the municipal members, then the governance
 * file's organisations, then any other kind the register holds (by id).
 */
function organisationOrder(governance: Governance, kinds: Iterable<OrganisationKind>): OrganisationKind[] {
  const listed = [
    MUNICIPALITY,
    ...governanceOrganisations(governance).map((organisation) => organisation.id),
  ];
  const others = [...kinds].filter((kind) => !listed.includes(kind)).sort();
  return [...listed, ...others];
}

function compareRows(order: OrganisationKind[], a: ReplacementRow, b: ReplacementRow): number {
  return (
    a.replaceBy.localeCompare(b.replaceBy) ||
    ROW_ORDER[a.kind] - ROW_ORDER[b.kind] ||
    order.indexOf(a.organisationKind) - order.indexOf(b.organisationKind) ||
    ('membership' in a && 'membership' in b ? a.membership.personId.localeCompare(b.membership.personId) : 0)
  );
}

/** One body's replacements, soonest first (secretariat memberships hold no seat and are left out). */
export function bodyReplacements(
  ctx: Omit<BodyContext, 'memberships'> & { memberships: Membership[] },
  days: number,
): ReplacementRow[] {
  const body: BodyContext = {
    ...ctx,
    memberships: ctx.memberships.filter((m) => m.groupId === ctx.group.id && m.role !== 'staff'),
  };
  const until = addDaysToDate(ctx.today, days);
  const seats = seatsOf(
    body,
    body.memberships.filter((m) => isActiveOn(m, ctx.today)),
  );
  const kinds = new Set<OrganisationKind>([
    ...(seats ? seats.keys() : []),
    ...body.memberships.map((m) => kindOf(body, m)),
  ]);
  const order = organisationOrder(ctx.governance, kinds);
  const rows = order
    .filter((kind) => kinds.has(kind))
    .flatMap((kind) => kindRows(body, kind, seats ? (seats.get(kind) ?? 0) : undefined, until));
  return rows.sort((a, b) => compareRows(order, a, b));
}

/** Every body's replacements, in the order of `groups`. */
export function replacements(input: ReplacementInput): BodyReplacements[] {
  return input.groups.map((group) => ({
    groupId: group.id,
    rows: bodyReplacements(
      {
        group,
        memberships: input.memberships,
        persons: input.persons,
        governance: input.governance,
        today: input.today,
      },
      input.days,
    ),
  }));
}
