/**
 * Appointing a person to a group, by the domain rules (src/domain/terms.ts): the max-term, the
 * pause before re-appointment and the seats of the body's profile are enforced (refused with the
 * rule named); the 1/3 seniority rule and the K98 spread are reported as warnings, never enforced.
 * Teams may deliver the same appointment twice: a repeat is "already done", not a second term.
 */
import { z } from 'zod';
import type {
  Group,
  MemberRole,
  Membership,
  Organisation,
  OrganisationKind,
  Person,
} from '../../domain/model';
import {
  canAppoint,
  checkSeatAvailable,
  k98Spread,
  seniorityCheck,
  type AppointmentDecision,
} from '../../domain/terms';
import { governanceOrganisations, type Governance } from '../../domain/governance';
import { firstValidationIssue } from '../../domain/validation-issue';
import { currentMemberRole } from '../../domain/legacy-names';
import { organisationKindField } from './members-input';
import { seniorityRuleApplies } from './domain/seniority';
import { otherOrganisationWarnings } from './membership-organisation';
import { recordAudit, type MembersServiceDeps } from './members-deps';
import type { MemberReports } from './member-reports';
import {
  invalid,
  refused,
  seniorityWarnings,
  type ChangeResult,
  type MemberRefusal,
  type MemberWarning,
} from './member-results';

export interface AppointInput {
  personId: string;
  /** Required for a person not yet in the register; updates the register otherwise. */
  name?: string;
  email?: string;
  organisation?: { kind: OrganisationKind; municipalityCode?: string; name?: string };
  groupId: string;
  role: MemberRole;
  termStart: string;
  /** Default: the latest end the term rule allows (none for exempt organisations). */
  plannedEnd?: string;
}

const dateSchema = z.iso.date({ error: 'expected a date YYYY-MM-DD' });
/** The appointment's fields, for the organisations the governance file lists (their ids). */
const appointSchema = (organisationIds: readonly string[]) =>
  z.object({
    personId: z
      .string()
      .trim()
      .min(1, { error: 'a value is required' })
      .regex(/^\S+$/, { error: 'expected an id without spaces' }),
    name: z.string().trim().min(1).optional(),
    email: z.email({ error: 'expected an e-mail address' }).optional(),
    organisation: z
      .object({
        kind: organisationKindField(organisationIds),
        municipalityCode: z
          .string()
          .regex(/^\d{3}$/, { error: 'expected a three-digit municipality code' })
          .optional(),
        name: z.string().trim().min(1).optional(),
      })
      .optional(),
    groupId: z.string().min(1, { error: 'a value is required' }),
    // A card sent by the first version may still say secretariat (legacy-names.json).
    role: z.preprocess(
      currentMemberRole,
      z.enum(['member', 'chair', 'staff'], { error: 'expected one of member, chair, staff' }),
    ),
    termStart: dateSchema,
    plannedEnd: dateSchema.optional(),
  });

type Appointment = z.output<ReturnType<typeof appointSchema>>;

/** A step of the appointment: its value, or the refusal that ends the appointment. */
type Step<T> = T | { refusal: MemberRefusal };

function parseAppointment(rawInput: AppointInput, governance: Governance): Step<Appointment> {
  const ids = governanceOrganisations(governance).map((organisation) => organisation.id);
  const parsed = appointSchema(ids).safeParse(rawInput);
  if (parsed.success) return parsed.data;
  const issue = firstValidationIssue(parsed.error, rawInput);
  return { refusal: invalid({ ...issue, field: issue.field || '(input)' }) };
}

/** The same appointment delivered again (same start and role, same or no planned end), if any. */
function repeatedAppointment(inGroup: Membership[], input: Appointment): Membership | undefined {
  const same = inGroup.find((m) => m.termStart === input.termStart && m.endedOn === undefined);
  const repeats =
    same &&
    same.role === input.role &&
    (input.plannedEnd === undefined || input.plannedEnd === same.plannedEnd);
  return repeats ? same : undefined;
}

/** A membership of the group that the new term would overlap, if any. */
function overlappingMembership(inGroup: Membership[], input: Appointment): Membership | undefined {
  return inGroup.find((m) => {
    // A term ends when it was ended, else on its planned end: a further term may start that day.
    const end = m.endedOn ?? m.plannedEnd;
    return (
      (end === undefined || end > input.termStart) &&
      (input.plannedEnd === undefined || m.termStart < input.plannedEnd)
    );
  });
}

/** The term rule's refusal, with its dates. */
function termRefusal(decision: Extract<AppointmentDecision, { ok: false }>, groupId: string): MemberRefusal {
  if (decision.rule === 'unknown-body') return { rule: 'unknown-group', groupId };
  if (decision.rule === 'pause')
    return {
      rule: 'pause',
      lastEnded: decision.lastEnded!,
      earliestReappointment: decision.earliestReappointment!,
    };
  return {
    rule: 'max-term',
    serviceStart: decision.serviceStart!,
    maxEnd: decision.maxEnd!,
    earliestReappointment: decision.earliestReappointment!,
  };
}

/** A planned end on or before the start is refused (the end is exclusive). */
function endNotAfterStart(termStart: string, plannedEnd: string | undefined): MemberRefusal | undefined {
  if (plannedEnd === undefined || plannedEnd > termStart) return undefined;
  return invalid({
    field: 'plannedEnd',
    code: 'too_small',
    origin: 'date',
    limit: termStart,
    inclusive: false,
    message: `must be after termStart ${termStart}`,
  });
}

/** What an appointment that passed its rules records. */
interface Recording {
  person: Person;
  group: Group;
  input: Appointment;
  plannedEnd: string | undefined;
  /** The person's memberships before this one (their organisations filled in). */
  history: Membership[];
}

export class Appointments {
  constructor(
    private readonly deps: MembersServiceDeps,
    private readonly reports: MemberReports,
  ) {}

  /** Appoints a person to a group, enforcing max-term, pause and seats; audited. */
  async appoint(rawInput: AppointInput, actorId: string): Promise<ChangeResult<Membership>> {
    const input = parseAppointment(rawInput, this.deps.governance);
    if ('refusal' in input) return refused(input.refusal);
    const found = await this.activeGroup(input.groupId);
    if ('refusal' in found) return refused(found.refusal);
    const person = await this.personFor(input);
    if ('refusal' in person) return refused(person.refusal);

    const history = await this.deps.people.membershipsOf(input.personId);
    const inGroup = history.filter((m) => m.groupId === input.groupId);
    const same = repeatedAppointment(inGroup, input);
    if (same) {
      // The same appointment delivered twice (Teams retries, or the user's retry after a crash):
      // already done; only the audit entry may be missing, and it is written once.
      await this.auditAppointment(actorId, same, []);
      return { ok: true, value: same, warnings: [], alreadyDone: true };
    }
    const overlapping = overlappingMembership(inGroup, input);
    if (overlapping) return refused({ rule: 'already-member', termStart: overlapping.termStart });

    const term =
      input.role === 'staff'
        ? { plannedEnd: input.plannedEnd }
        : await this.termFor(person, found.group, input, history);
    if ('refusal' in term) return refused(term.refusal);
    const badEnd = endNotAfterStart(input.termStart, term.plannedEnd);
    if (badEnd) return refused(badEnd);
    return this.record({ person, group: found.group, input, plannedEnd: term.plannedEnd, history }, actorId);
  }

  private async activeGroup(groupId: string): Promise<Step<{ group: Group }>> {
    const group = await this.deps.groups.getGroup(groupId);
    if (!group) return { refusal: { rule: 'unknown-group', groupId } };
    if (group.status !== 'active') return { refusal: { rule: 'group-dissolved', groupId } };
    return { group };
  }

  /** The person as the register will hold them: the input over what is stored (never a pseudonym). */
  private async personFor(input: Appointment): Promise<Step<Person>> {
    const existing = await this.deps.people.getPerson(input.personId);
    let organisation = existing?.organisation;
    if (input.organisation) {
      const resolved = await this.organisationOf(input.organisation);
      if ('rule' in resolved) return { refusal: resolved };
      organisation = resolved;
    }
    const name = input.name ?? (existing?.anonymisedAt ? undefined : existing?.name);
    if (!organisation)
      return {
        refusal: invalid({ field: 'organisation', code: 'required', message: 'required for a new person' }),
      };
    if (!name)
      return { refusal: invalid({ field: 'name', code: 'required', message: 'required for a new person' }) };
    const person: Person = { id: input.personId, name, organisation };
    const email = input.email ?? (existing?.anonymisedAt ? undefined : existing?.email);
    if (email) person.email = email;
    return person;
  }

  private async organisationOf(
    input: NonNullable<AppointInput['organisation']>,
  ): Promise<Organisation | MemberRefusal> {
    if (input.kind !== 'municipality') return { kind: input.kind, name: input.name ?? input.kind };
    if (!input.municipalityCode)
      return invalid({ field: 'municipalityCode', code: 'required', message: 'required for a municipality' });
    const name = input.name ?? (await this.deps.municipalities.get(input.municipalityCode))?.name;
    // A rule of its own (not 'invalid' with an English reason): the card says it in the user's language.
    if (!name) return { rule: 'unknown-municipality', municipalityCode: input.municipalityCode };
    return { kind: 'municipality', municipalityCode: input.municipalityCode, name };
  }

  /** The term rule and the seats, for a member or chair; the planned end defaults to the latest allowed. */
  private async termFor(
    person: Person,
    group: Group,
    input: Appointment,
    history: Membership[],
  ): Promise<Step<{ plannedEnd?: string }>> {
    const decision = canAppoint(person, group, input.termStart, history, this.deps.governance, {
      until: input.plannedEnd,
    });
    if (!decision.ok) return { refusal: termRefusal(decision, group.id) };
    const plannedEnd = input.plannedEnd ?? decision.latestEnd;
    const noSeat = await this.seatRefusal(person, group.id, input.termStart);
    return noSeat ? { refusal: noSeat } : { plannedEnd };
  }

  /** Refused when the seats of the person's organisation kind are taken (the person not counted). */
  private async seatRefusal(
    person: Person,
    groupId: string,
    date: string,
  ): Promise<MemberRefusal | undefined> {
    const seated = await this.reports.activeMembers(groupId, date);
    const seat = checkSeatAvailable(
      person,
      seated
        .filter((row) => row.membership.role !== 'staff' && row.person.id !== person.id)
        .map((row) => row.person),
      groupId,
      this.deps.governance,
    );
    if (seat.ok) return undefined;
    return {
      rule: 'no-seat',
      organisationKind: seat.organisationKind,
      seats: seat.seats,
      occupied: seat.occupied,
    };
  }

  /**
   * Saves the person and the membership (with the organisation it is for), then audits the
   * appointment with its warnings.
   */
  private async record(
    { person, group, input, plannedEnd, history }: Recording,
    actorId: string,
  ): Promise<ChangeResult<Membership>> {
    const membership: Membership = {
      personId: person.id,
      groupId: group.id,
      role: input.role,
      termStart: input.termStart,
      organisation: person.organisation,
    };
    if (plannedEnd !== undefined) membership.plannedEnd = plannedEnd;
    // The person's earlier terms keep the organisation they were for when the person's changes.
    await this.deps.people.pinOrganisations(person.id);
    await this.deps.people.savePerson(person);
    await this.deps.people.saveMembership(membership);
    const otherOrganisation = await otherOrganisationWarnings(
      this.deps.groups,
      {
        personName: person.name,
        organisation: person.organisation,
        groupId: group.id,
        termStart: input.termStart,
      },
      history,
    );
    const warnings = [
      ...otherOrganisation,
      ...(input.role === 'staff' ? [] : await this.warningsFor(group.id, input.termStart, person)),
    ];
    await this.auditAppointment(actorId, membership, warnings);
    return { ok: true, value: membership, warnings };
  }

  /**
   * The appointment's audit entry, create-once: the first attempt may have crashed after the
   * membership writes, so the retry that finds the appointment done writes it (once).
   */
  private async auditAppointment(
    actorId: string,
    membership: Membership,
    warnings: MemberWarning[],
  ): Promise<void> {
    await recordAudit(this.deps, {
      actorId,
      action: 'membership.appointed',
      subject: `person:${membership.personId}`,
      details: {
        personId: membership.personId,
        groupId: membership.groupId,
        role: membership.role,
        termStart: membership.termStart,
        plannedEnd: membership.plannedEnd ?? null,
        warnings: warnings.map((w) => w.rule),
      },
      onceKey: `membership.appointed:${membership.groupId}:${membership.personId}:${membership.termStart}:${membership.role}`,
    });
  }

  /** Seniority and K98 spread of the group on `date` (the person already counted as a member). */
  private async warningsFor(groupId: string, date: string, person: Person): Promise<MemberWarning[]> {
    const memberships = await this.deps.people.membersOf(groupId);
    const rule = this.deps.governance.seniority;
    // A body younger than the rule's years has nobody who can be senior: no warning (see domain/seniority.ts).
    const warnings = seniorityRuleApplies(memberships, groupId, date, rule)
      ? seniorityWarnings(seniorityCheck(memberships, groupId, date, rule))
      : [];
    if (person.organisation.kind === 'municipality')
      warnings.push(...(await this.spreadWarnings(groupId, date, person.organisation.municipalityCode)));
    return warnings;
  }

  /** The municipality's K98 group: unclassified, or a second member from it while another has none. */
  private async spreadWarnings(
    groupId: string,
    date: string,
    municipalityCode: string | undefined,
  ): Promise<MemberWarning[]> {
    const k98 = await this.deps.municipalities.k98ByCode();
    const k98Group = municipalityCode ? k98[municipalityCode] : undefined;
    if (k98Group === undefined) return [{ rule: 'unclassified', municipalityCode }];
    const members = (await this.reports.activeMembers(groupId, date)).map((row) => row.person);
    const spread = k98Spread(members, k98);
    const count = spread.groups.find((g) => g.k98Group === k98Group)?.count ?? 0;
    const represented = new Set(spread.groups.map((g) => g.k98Group));
    const unrepresented = (await this.deps.municipalities.k98Groups()).filter((g) => !represented.has(g));
    // Diversity: a second member from one K98 group while another K98 group has none.
    return count > 1 && unrepresented.length > 0 ? [{ rule: 'spread', k98Group, count, unrepresented }] : [];
  }
}
