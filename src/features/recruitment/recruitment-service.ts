/**
 * Recruitment: the secretariat opens one for a seat the member register knows is (or will be)
 * vacant, registers candidates, compares them by the body's K98 spread and seniority share with
 * each, and appoints one through the members feature's own appointment (the same rules as
 * `udpeg`: max-term, pause, seats). The appointment closes the recruitment; the candidates not
 * chosen are erased after the governance file's retention period (recruitment-moments.ts).
 * Audit entries carry ids only (like the member register's): the log outlives the erasure.
 */
import { randomUUID } from 'node:crypto';
import type { Clock } from '../../domain/clock';
import { bodyById, type Governance } from '../../domain/governance';
import type { Locale, Membership } from '../../domain/model';
import type { AuditLog, GroupRegistry } from '../../domain/ports';
import { localToday } from '../../domain/time';
import type { MemberRefusal, MemberRow, MembersService } from '../members';
import type { MunicipalityService } from '../municipalities';
import {
  candidatesDueForErasure,
  CANDIDATE_LIMITS,
  closeRecruitment,
  compositionToday,
  compositionWithCandidate,
  validateCandidate,
  withErased,
  type Candidate,
  type CandidateError,
  type CandidateFields,
  type Recruitment,
  type RecruitmentComposition,
  type RecruitmentSeat,
} from './domain/recruitment';
import { recruitmentIdOf, type RecruitmentRepository } from './recruitment-repository';
import { localText, type LocalizedText } from '../../domain/localized-text';

export interface RecruitmentServiceDeps {
  repository: RecruitmentRepository;
  members: Pick<MembersService, 'replacements' | 'history' | 'appoint' | 'allMemberships'>;
  municipalities: Pick<MunicipalityService, 'list' | 'get' | 'k98ByCode'>;
  /** The register's persons (an e-mail already there is that person: their history counts). */
  people: { getPersons(personIds: Iterable<string>): Promise<Map<string, { id: string; email?: string }>> };
  groups: Pick<GroupRegistry, 'getGroup'>;
  audit: AuditLog;
  clock: Clock;
  governance: Governance;
}

/** A seat the secretariat may recruit for, keyed as the seat card's choice carries it. */
export interface SeatOption {
  key: string;
  seat: RecruitmentSeat;
  leavingName?: string;
}

export interface RecruitmentView {
  /** The member whose seat it is, as the register names them. */
  leavingName?: string;
  today: RecruitmentComposition;
  candidates: Array<{ candidate: Candidate; withCandidate?: RecruitmentComposition; k98Group?: string }>;
}

export type OpenResult = { kind: 'seat-gone' } | { kind: 'opened'; recruitment: Recruitment };

export type RegisterResult =
  | { kind: 'not-found' }
  | { kind: 'closed'; recruitment: Recruitment }
  | { kind: 'full'; recruitment: Recruitment }
  | { kind: 'invalid'; recruitment: Recruitment; errors: CandidateError[] }
  | { kind: 'registered'; recruitment: Recruitment };

export type AppointResult =
  | { kind: 'not-found' }
  | { kind: 'closed'; recruitment: Recruitment }
  | { kind: 'erased'; recruitment: Recruitment }
  | { kind: 'refused'; recruitment: Recruitment; refusal: MemberRefusal }
  | { kind: 'appointed'; recruitment: Recruitment; membership: Membership };

const seatKeyOf = (seat: RecruitmentSeat) => `${seat.kind}|${seat.leavingPersonId ?? ''}|${seat.replaceBy}`;

export class RecruitmentService {
  constructor(private readonly deps: RecruitmentServiceDeps) {}

  today(): string {
    return localToday(this.deps.clock, this.deps.governance.timeZone);
  }

  /** The bodies with a wanted profile in the governance file: those a recruitment is for. */
  recruitingBodies(): Array<{ id: string; name: LocalizedText }> {
    return this.deps.governance.bodies.filter((body) => body.recruitment !== undefined);
  }

  profileOf(groupId: string, locale: Locale): string | undefined {
    return localText(bodyById(this.deps.governance, groupId)?.recruitment?.profile, locale) || undefined;
  }

  async groupName(groupId: string, locale: Locale): Promise<string> {
    const body = bodyById(this.deps.governance, groupId);
    return (
      localText((await this.deps.groups.getGroup(groupId))?.name, locale) ||
      localText(body?.name, locale) ||
      groupId
    );
  }

  /** The municipal seats of the body vacant today or ending within the window (the replacement report's). */
  async seats(groupId: string): Promise<SeatOption[]> {
    const report = await this.deps.members.replacements(this.deps.governance.recruitment.seatWindowDays);
    const rows = report.bodies.find((body) => body.group.id === groupId)?.rows ?? [];
    const options: SeatOption[] = [];
    for (const row of rows) {
      // Recruitment is of municipal members: the other organisations appoint their own.
      if (row.organisationKind !== 'municipality') continue;
      const seats: RecruitmentSeat[] =
        row.kind === 'unfilled'
          ? [{ kind: 'unfilled', replaceBy: row.replaceBy }]
          : [{ kind: row.kind, leavingPersonId: row.membership.personId, replaceBy: row.replaceBy }];
      for (const seat of seats)
        options.push({
          key: seatKeyOf(seat),
          seat,
          ...('person' in row && row.person ? { leavingName: row.person.name } : {}),
        });
    }
    return options;
  }

  async open(input: {
    cardInstanceId: string;
    groupId: string;
    seatKey: string;
    actorId: string;
  }): Promise<OpenResult> {
    const id = recruitmentIdOf(input.cardInstanceId);
    const existing = await this.deps.repository.get(input.groupId, id);
    if (existing) return { kind: 'opened', recruitment: existing };
    const option = (await this.seats(input.groupId)).find((candidate) => candidate.key === input.seatKey);
    if (!option) return { kind: 'seat-gone' };
    const openedAt = this.deps.clock.now().toISOString();
    const { recruitment, created } = await this.deps.repository.createOnce({
      id,
      groupId: input.groupId,
      seat: option.seat,
      status: 'open',
      openedAt,
      openedBy: input.actorId,
      candidates: [],
    });
    if (created)
      await this.deps.audit.append({
        at: openedAt,
        actorId: input.actorId,
        action: 'recruitment.open',
        subject: `recruitment:${input.groupId}:${id}`,
        details: { groupId: input.groupId, seat: option.seat.kind, replaceBy: option.seat.replaceBy },
      });
    return { kind: 'opened', recruitment };
  }

  get(groupId: string, id: string): Promise<Recruitment | undefined> {
    return this.deps.repository.get(groupId, id);
  }

  async register(input: {
    groupId: string;
    recruitmentId: string;
    fields: CandidateFields;
    actorId: string;
  }): Promise<RegisterResult> {
    const recruitment = await this.deps.repository.get(input.groupId, input.recruitmentId);
    if (!recruitment) return { kind: 'not-found' };
    if (recruitment.status !== 'open') return { kind: 'closed', recruitment };
    const known = new Set((await this.deps.municipalities.list()).map((m) => m.code));
    const validation = validateCandidate(input.fields, (code) => known.has(code));
    if (!validation.ok) return { kind: 'invalid', recruitment, errors: validation.errors };
    const fields = validation.value;
    // A re-sent registration (or the same person twice): the candidate is there once.
    if (recruitment.candidates.some((c) => c.email === fields.email))
      return { kind: 'registered', recruitment };
    if (recruitment.candidates.length >= CANDIDATE_LIMITS.maxCandidates) return { kind: 'full', recruitment };
    const candidate: Candidate = {
      id: randomUUID().slice(0, 8),
      status: 'candidate',
      registeredAt: this.deps.clock.now().toISOString(),
      personId: (await this.personIdByEmail(fields.email)) ?? `candidate-${randomUUID()}`,
      ...fields,
    };
    const updated = await this.deps.repository.update(input.groupId, input.recruitmentId, (current) =>
      current.status !== 'open' || current.candidates.some((c) => c.email === fields.email)
        ? undefined
        : { ...current, candidates: [...current.candidates, candidate] },
    );
    if (updated.status !== 'open') return { kind: 'closed', recruitment: updated };
    await this.deps.audit.append({
      at: candidate.registeredAt,
      actorId: input.actorId,
      action: 'recruitment.candidate',
      subject: `recruitment:${input.groupId}:${input.recruitmentId}`,
      details: { candidateId: candidate.id, personId: candidate.personId! },
    });
    return { kind: 'registered', recruitment: updated };
  }

  /** The register's person with this e-mail, if any (a former member's terms then count). */
  private async personIdByEmail(email: string): Promise<string | undefined> {
    const ids = new Set((await this.deps.members.allMemberships()).map((m) => m.personId));
    for (const person of (await this.deps.people.getPersons(ids)).values())
      if (person.email?.toLowerCase() === email) return person.id;
    return undefined;
  }

  /** The body today and, for each candidate still holding data, with them in the seat. */
  async view(recruitment: Recruitment): Promise<RecruitmentView> {
    const rows: MemberRow[] = await this.deps.members.history(recruitment.groupId);
    const k98 = await this.deps.municipalities.k98ByCode();
    const input = {
      groupId: recruitment.groupId,
      rows,
      date: this.today(),
      k98,
      rule: this.deps.governance.seniority,
    };
    const leaving = rows.find((row) => row.person.id === recruitment.seat.leavingPersonId)?.person;
    return {
      ...(leaving ? { leavingName: leaving.name } : {}),
      today: compositionToday(input),
      candidates: recruitment.candidates.map((candidate) => {
        if (!candidate.personId || !candidate.municipalityCode || !candidate.name) return { candidate };
        const k98Group = k98[candidate.municipalityCode];
        return {
          candidate,
          ...(k98Group ? { k98Group } : {}),
          withCandidate: compositionWithCandidate(input, recruitment.seat, {
            personId: candidate.personId,
            name: candidate.name,
            municipalityCode: candidate.municipalityCode,
          }),
        };
      }),
    };
  }

  /** Appoints the candidate by the member register's rules; closes the recruitment when done. */
  async appoint(input: {
    groupId: string;
    recruitmentId: string;
    candidateId: string;
    actorId: string;
  }): Promise<AppointResult> {
    const recruitment = await this.deps.repository.get(input.groupId, input.recruitmentId);
    const candidate = recruitment?.candidates.find((c) => c.id === input.candidateId);
    if (!recruitment || !candidate) return { kind: 'not-found' };
    if (recruitment.status !== 'open') return { kind: 'closed', recruitment };
    if (!candidate.personId || !candidate.name || !candidate.municipalityCode)
      return { kind: 'erased', recruitment };
    const today = this.today();
    const termStart = recruitment.seat.replaceBy > today ? recruitment.seat.replaceBy : today;
    const result = await this.deps.members.appoint(
      {
        personId: candidate.personId,
        name: candidate.name,
        ...(candidate.email ? { email: candidate.email } : {}),
        organisation: { kind: 'municipality', municipalityCode: candidate.municipalityCode },
        groupId: recruitment.groupId,
        role: 'member',
        termStart,
      },
      input.actorId,
    );
    if (!result.ok) return { kind: 'refused', recruitment, refusal: result.refusal };
    const at = this.deps.clock.now().toISOString();
    const closed = await this.deps.repository.update(input.groupId, input.recruitmentId, (current) =>
      current.status !== 'open'
        ? undefined
        : closeRecruitment(current, candidate.id, {
            at,
            today,
            termStart,
            retentionDays: this.deps.governance.recruitment.retentionDays,
          }),
    );
    await this.deps.audit.append(
      {
        at,
        actorId: input.actorId,
        action: 'recruitment.appoint',
        subject: `recruitment:${input.groupId}:${input.recruitmentId}`,
        details: { candidateId: candidate.id, personId: candidate.personId, termStart },
      },
      { onceKey: `recruitment.appoint:${input.groupId}:${input.recruitmentId}` },
    );
    return { kind: 'appointed', recruitment: closed, membership: result.value };
  }

  /** The closed recruitments (not-chosen candidates await erasure): the retention moments' source. */
  listClosed(): Promise<Recruitment[]> {
    return this.deps.repository.scanStatus('closed');
  }

  /** Erases the not-chosen candidates whose date has come; a second run changes nothing. */
  async eraseDue(groupId: string, recruitmentId: string): Promise<number> {
    const today = this.today();
    const at = this.deps.clock.now().toISOString();
    let erased: string[] = [];
    await this.deps.repository.update(groupId, recruitmentId, (current) => {
      const due = candidatesDueForErasure(current, today).map((c) => c.id);
      erased = due;
      return due.length === 0 ? undefined : withErased(current, new Set(due), at);
    });
    if (erased.length > 0)
      await this.deps.audit.append(
        {
          at,
          actorId: 'system',
          action: 'recruitment.erase',
          subject: `recruitment:${groupId}:${recruitmentId}`,
          details: { candidateIds: erased.join(',') },
        },
        { onceKey: `recruitment.erase:${groupId}:${recruitmentId}:${erased.join(',')}` },
      );
    return erased.length;
  }
}
