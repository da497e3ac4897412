/**
 * The members part of the tab's group page: the active members with their term ends and, in a
 * group whose agenda has the inspiration talk, the talks each has given; and for the secretariat
 * the replacement report (src/features/members/replacements.ts, the same as `genbesættelse`).
 */
import type { Clock } from '../domain/clock';
import { MUNICIPALITY, bodyAgenda, organisationName, type Governance } from '../domain/governance';
import type { Group, Locale, Membership, Person } from '../domain/model';
import { isActiveOn } from '../domain/terms';
import { addDaysToDate } from '../domain/time';
import type { GroupRepository } from '../features/binding/groups-repository';
import type { MeetingRepository } from '../features/meetings/meetings-repository';
import { displayName } from '../features/members/members-service';
import type { PeopleRepository } from '../features/members/people-repository';
import { replacementReport, type ReplacementReportRow } from '../features/members/replacements';
import type { MemberView, ReplacementRowView, ReplacementsView } from './api-types';
import { inspirationTalkTally, type TalkTally } from './inspiration-talks';

export interface MemberViewDeps {
  clock: Clock;
  governance: Governance;
  groups: GroupRepository;
  people: PeopleRepository;
  meetings: MeetingRepository;
}

const ROLE_ORDER = { chair: 0, member: 1, secretariat: 2 } as const;

/** The talks per person, when the group's agenda has an inspiration talk. */
async function talksOf(deps: MemberViewDeps, group: Group): Promise<Map<string, TalkTally> | undefined> {
  if (!bodyAgenda(deps.governance, group.id, group.kind).inspirationTalk) return undefined;
  const [talks, meetings] = await Promise.all([
    deps.meetings.inspirationTalks(group.id),
    deps.meetings.all(group.id),
  ]);
  return inspirationTalkTally(talks, meetings, deps.clock.now());
}

/** The rotation's members (municipal, not the secretariat) and anyone else who gave a talk. */
function talksField(
  tally: Map<string, TalkTally> | undefined,
  membership: Membership,
  person: Person | undefined,
): Pick<MemberView, 'inspirationTalks'> {
  if (!tally) return {};
  const own = tally.get(membership.personId);
  const takesTurns = membership.role !== 'staff' && person?.organisation.kind === 'municipality';
  return own || takesTurns ? { inspirationTalks: own ?? { given: 0 } } : {};
}

/** Active members with their term ends (and talks), chair first, then by name. */
export async function memberViews(
  deps: MemberViewDeps,
  group: Group,
  locale: Locale,
  today: string,
): Promise<MemberView[]> {
  const warnUntil = addDaysToDate(today, deps.governance.reminders.termEndingWarningDays);
  const active = (await deps.people.membersOf(group.id)).filter((m) => isActiveOn(m, today));
  const [persons, tally] = await Promise.all([
    deps.people.getPersons(active.map((m) => m.personId)),
    talksOf(deps, group),
  ]);
  return active
    .map((m) => {
      const person = persons.get(m.personId);
      return {
        personId: m.personId,
        name: displayName(person, locale, m.personId),
        organisation: person && !person.anonymisedAt ? person.organisation.name : '',
        role: m.role,
        termStart: m.termStart,
        ...(m.plannedEnd ? { plannedEnd: m.plannedEnd } : {}),
        endingSoon: m.plannedEnd !== undefined && m.plannedEnd <= warnUntil,
        ...talksField(tally, m, person),
      };
    })
    .sort(
      (a, b) =>
        ROLE_ORDER[a.role as keyof typeof ROLE_ORDER] - ROLE_ORDER[b.role as keyof typeof ROLE_ORDER] ||
        a.name.localeCompare(b.name, 'da'),
    );
}

function rowView(governance: Governance, row: ReplacementReportRow, locale: Locale): ReplacementRowView {
  // A kind the file does not list (any more) is named by its id.
  const kindName =
    row.organisationKind === MUNICIPALITY
      ? undefined
      : (organisationName(governance, row.organisationKind, locale) ?? row.organisationKind);
  const base = {
    kind: row.kind,
    organisationKind: row.organisationKind,
    ...(kindName === undefined ? {} : { kindName }),
    exempt: row.exempt,
    replaceBy: row.replaceBy,
  };
  if (row.kind === 'unfilled')
    return { ...base, organisation: kindName ?? row.organisationKind, count: row.count };
  const known = row.person && !row.person.anonymisedAt ? row.person : undefined;
  return {
    ...base,
    organisation: known ? known.organisation.name : (kindName ?? row.organisationKind),
    personId: row.membership.personId,
    name: displayName(row.person, locale, row.membership.personId),
    role: row.membership.role,
    ...(row.kind === 'ending' ? { daysLeft: row.daysLeft } : {}),
    reappointment: row.verdict,
  };
}

/** The secretariat's replacement report: every body on the secretariat's own page, else the group's. */
export async function replacementsView(
  deps: MemberViewDeps,
  group: Group,
  locale: Locale,
  today: string,
): Promise<ReplacementsView> {
  const days = deps.governance.reminders.termEndingWarningDays;
  const report = await replacementReport(
    deps,
    today,
    days,
    group.kind === 'administration' ? undefined : group.id,
  );
  return {
    date: report.date,
    days: report.days,
    until: report.until,
    bodies: report.bodies.map((entry) => ({
      groupId: entry.group.id,
      name: entry.group.name,
      rows: entry.rows.map((row) => rowView(deps.governance, row, locale)),
    })),
  };
}
