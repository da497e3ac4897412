/**
 * Recruitment of a municipal member (issue 22.4; governance.md: an open process run by the administration,
 * candidates assessed transparently against the wanted profile, diversity across the K98 groups).
 * The secretariat opens a recruitment for one seat of a body, registers candidates with their
 * municipality, competences and a short assessment, and sees for each what the body's K98 spread
 * and seniority share would be with them. Appointing one closes the recruitment; the others are
 * not chosen and erased after the governance file's retention period.
 */
import type { Membership, Person } from '../../../domain/model';
import { k98Spread, seniorityCheck, type K98Spread, type SeniorityRule } from '../../../domain/terms';
import { addDaysToDate } from '../../../domain/time';

/** The seat a recruitment fills: one a member leaves (or left), or one nobody held. */
export interface RecruitmentSeat {
  kind: 'ending' | 'vacant' | 'unfilled';
  /** The member whose term ends (or ended): counted out in "with this candidate". */
  leavingPersonId?: string;
  /** The first day the new member should sit. */
  replaceBy: string;
}

export type CandidateStatus = 'candidate' | 'appointed' | 'not-chosen';

export interface Candidate {
  id: string;
  status: CandidateStatus;
  registeredAt: string;
  /** The personal fields: gone once the candidate is erased (`erasedAt`). */
  personId?: string;
  name?: string;
  email?: string;
  municipalityCode?: string;
  competences?: string;
  assessment?: string;
  /** Not chosen: the day the candidate's data is erased (retention from the governance file). */
  eraseOn?: string;
  erasedAt?: string;
}

export interface Recruitment {
  id: string;
  groupId: string;
  seat: RecruitmentSeat;
  /** open: candidates are registered; closed: appointed, not-chosen await erasure; archived: all erased. */
  status: 'open' | 'closed' | 'archived';
  openedAt: string;
  openedBy: string;
  candidates: Candidate[];
  closed?: { at: string; candidateId: string; termStart: string };
}

export const CANDIDATE_LIMITS = {
  nameMaxChars: 120,
  competencesMaxChars: 1000,
  assessmentMaxChars: 2000,
  maxCandidates: 30,
} as const;

export type CandidateField = 'name' | 'email' | 'municipalityCode' | 'competences' | 'assessment';

export interface CandidateError {
  field: CandidateField;
  code: 'required' | 'too_long' | 'email' | 'unknown_municipality';
  params?: Record<string, number | string>;
}

export interface CandidateFields {
  name: string;
  email: string;
  municipalityCode: string;
  competences: string;
  assessment: string;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Every bad field at once (the form shows each reason under its input). */
export function validateCandidate(
  raw: CandidateFields,
  knownMunicipality: (code: string) => boolean,
): { ok: true; value: CandidateFields } | { ok: false; errors: CandidateError[] } {
  const value: CandidateFields = {
    name: raw.name.trim(),
    email: raw.email.trim().toLowerCase(),
    municipalityCode: raw.municipalityCode.trim(),
    competences: raw.competences.trim(),
    assessment: raw.assessment.trim(),
  };
  const errors: CandidateError[] = [];
  const text = (field: 'name' | 'competences' | 'assessment', max: number) => {
    if (value[field] === '') errors.push({ field, code: 'required' });
    else if (value[field].length > max) errors.push({ field, code: 'too_long', params: { max } });
  };
  text('name', CANDIDATE_LIMITS.nameMaxChars);
  if (value.email === '') errors.push({ field: 'email', code: 'required' });
  else if (!EMAIL.test(value.email)) errors.push({ field: 'email', code: 'email' });
  if (value.municipalityCode === '') errors.push({ field: 'municipalityCode', code: 'required' });
  else if (!knownMunicipality(value.municipalityCode))
    errors.push({ field: 'municipalityCode', code: 'unknown_municipality' });
  text('competences', CANDIDATE_LIMITS.competencesMaxChars);
  text('assessment', CANDIDATE_LIMITS.assessmentMaxChars);
  return errors.length === 0 ? { ok: true, value } : { ok: false, errors };
}

/** A body's composition as the recruitment view shows it. */
export interface RecruitmentComposition {
  spread: K98Spread;
  memberCount: number;
  seniorCount: number;
  requiredSenior: number;
}

export interface CompositionInput {
  groupId: string;
  /** Every membership of the body (ended ones too: seniority counts unbroken runs), with its person. */
  rows: ReadonlyArray<{ membership: Membership; person: Person }>;
  date: string;
  k98: Record<string, string>;
  rule: SeniorityRule;
}

function compositionOf(input: CompositionInput): RecruitmentComposition {
  const memberships = input.rows.map((row) => row.membership).filter((m) => m.role !== 'staff');
  const seniority = seniorityCheck(memberships, input.groupId, input.date, input.rule);
  const active = new Set(activeIds(input));
  const persons = new Map<string, Person>();
  for (const row of input.rows) if (active.has(row.person.id)) persons.set(row.person.id, row.person);
  return {
    spread: k98Spread([...persons.values()], input.k98),
    memberCount: seniority.memberCount,
    seniorCount: seniority.seniorCount,
    requiredSenior: seniority.requiredSenior,
  };
}

function activeIds(input: CompositionInput): string[] {
  return input.rows
    .filter(
      ({ membership: m }) =>
        m.groupId === input.groupId &&
        m.role !== 'staff' &&
        m.termStart <= input.date &&
        (m.endedOn ?? m.plannedEnd ?? '9999-12-31') > input.date,
    )
    .map((row) => row.person.id);
}

/** The body today: who sits there on `date`. */
export function compositionToday(input: CompositionInput): RecruitmentComposition {
  return compositionOf(input);
}

/**
 * The body with the candidate in the seat: the leaving member's terms out, the candidate in as a
 * new member from `date` (a new member has no seniority yet, so the share can only fall).
 */
export function compositionWithCandidate(
  input: CompositionInput,
  seat: RecruitmentSeat,
  candidate: { personId: string; name: string; municipalityCode: string },
): RecruitmentComposition {
  const rows = input.rows.filter(
    (row) => row.person.id !== seat.leavingPersonId && row.person.id !== candidate.personId,
  );
  const person: Person = {
    id: candidate.personId,
    name: candidate.name,
    organisation: { kind: 'municipality', municipalityCode: candidate.municipalityCode, name: '' },
  };
  const membership: Membership = {
    personId: candidate.personId,
    groupId: input.groupId,
    role: 'member',
    termStart: input.date,
  };
  return compositionOf({ ...input, rows: [...rows, { membership, person }] });
}

/** The candidates not chosen, with their erase date, when one is appointed on `today`. */
export function closeRecruitment(
  recruitment: Recruitment,
  candidateId: string,
  input: { at: string; today: string; termStart: string; retentionDays: number },
): Recruitment {
  const eraseOn = addDaysToDate(input.today, input.retentionDays);
  return {
    ...recruitment,
    status: 'closed',
    closed: { at: input.at, candidateId, termStart: input.termStart },
    candidates: recruitment.candidates.map((candidate) =>
      candidate.id === candidateId
        ? { ...candidate, status: 'appointed' }
        : { ...candidate, status: 'not-chosen', eraseOn },
    ),
  };
}

/** The candidates whose erase date has come and who still hold personal data. */
export function candidatesDueForErasure(recruitment: Recruitment, today: string): Candidate[] {
  return recruitment.candidates.filter(
    (candidate) =>
      candidate.status === 'not-chosen' &&
      candidate.erasedAt === undefined &&
      candidate.eraseOn !== undefined &&
      candidate.eraseOn <= today,
  );
}

/** The candidate with the personal fields and the assessment gone (status and dates stay). */
export function erasedCandidate(candidate: Candidate, at: string): Candidate {
  return {
    id: candidate.id,
    status: candidate.status,
    registeredAt: candidate.registeredAt,
    ...(candidate.eraseOn ? { eraseOn: candidate.eraseOn } : {}),
    erasedAt: candidate.erasedAt ?? at,
  };
}

/**
 * The recruitment with those candidates erased; archived once no one not chosen holds data. Undefined
 * when nothing changes (a second run of the same erasure).
 */
export function withErased(recruitment: Recruitment, candidateIds: ReadonlySet<string>, at: string) {
  let changed = false;
  const candidates = recruitment.candidates.map((candidate) => {
    if (!candidateIds.has(candidate.id) || candidate.erasedAt !== undefined) return candidate;
    changed = true;
    return erasedCandidate(candidate, at);
  });
  if (!changed) return undefined;
  const pending = candidates.some((c) => c.status === 'not-chosen' && c.erasedAt === undefined);
  const status = recruitment.status === 'closed' && !pending ? 'archived' : recruitment.status;
  return { ...recruitment, candidates, status } satisfies Recruitment;
}
