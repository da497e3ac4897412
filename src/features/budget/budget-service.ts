/**
 * The buffet-price budget: the frame of a year (price per citizen from the governance config x the
 * citizens in the municipality register), the special initiatives committed against it, and what
 * remains. All amounts are whole kroner (integers), so the arithmetic is exact.
 *
 * A commitment is checked and added inside ONE etag-guarded update of the year's document (see
 * storage/repositories/budget.ts): of two concurrent commitments that together exceed the frame,
 * exactly one is refused, with the numbers (frame, committed, remaining, requested).
 */
import type { Clock } from '../../domain/clock';
import { buffetFrame, checkCommitment, committedTotal, type CommitmentDecision } from './domain/budget';
import type { BudgetRepository, BudgetYear, Commitment } from './budget-repository';
import type { Initiative } from '../portfolio';
import type { AuditLog } from '../../domain/ports';
import { parseKroner, type PortfolioActor, type PortfolioService } from '../portfolio';

export type { Commitment } from './budget-repository';

/** The municipality register (MunicipalityService / MunicipalityRepository fit). */
export interface CitizenRegister {
  list(): Promise<Array<{ code: string; citizens: number }>>;
}

export interface BudgetFrame {
  year: number;
  pricePerCitizenKr: number;
  municipalities: number;
  citizens: number;
  frameKr: number;
}

export interface BudgetStatus extends BudgetFrame {
  committedKr: number;
  remainingKr: number;
  commitments: Commitment[];
}

export interface EconomyLine {
  initiative: Initiative;
  committedKr: number;
  budgetedKr: number;
  spentKr: number;
  /** committed - spent for the initiative (negative when it spent more than committed). */
  remainingKr: number;
}

export interface EconomyReport extends BudgetStatus {
  lines: EconomyLine[];
  spentKr: number;
}

export interface CommitRequest {
  /** Makes a re-sent card idempotent: the commitment's id. */
  requestId: string;
  groupId: string;
  initiativeId: string;
  year: unknown;
  amountKr: unknown;
  decidedAtMeetingId?: string;
  note?: string;
}

export type CommitResult =
  | { kind: 'committed'; commitment: Commitment; decision: Extract<CommitmentDecision, { ok: true }> }
  | { kind: 'already-committed'; commitment: Commitment }
  | { kind: 'refused'; decision: Extract<CommitmentDecision, { ok: false }> }
  | { kind: 'invalid-year' }
  | { kind: 'unknown-initiative' }
  | { kind: 'not-buffet'; initiative: Initiative };

export class BudgetService {
  constructor(
    private readonly budget: BudgetRepository,
    private readonly register: CitizenRegister,
    private readonly portfolio: PortfolioService,
    private readonly pricePerCitizenKr: number,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  /** The frame of a year from the register as it is now. */
  async frame(year: number): Promise<BudgetFrame> {
    const municipalities = await this.register.list();
    const frameKr = buffetFrame(this.pricePerCitizenKr, municipalities);
    return {
      year,
      pricePerCitizenKr: this.pricePerCitizenKr,
      municipalities: municipalities.length,
      citizens: municipalities.reduce((sum, m) => sum + m.citizens, 0),
      frameKr,
    };
  }

  async status(year: number): Promise<BudgetStatus> {
    const [frame, stored] = await Promise.all([this.frame(year), this.budget.get(year)]);
    const commitments = stored?.commitments ?? [];
    const committedKr = committedTotal(commitments.map((c) => ({ amount: c.amountKr })));
    return { ...frame, committedKr, remainingKr: frame.frameKr - committedKr, commitments };
  }

  /** The economy report for the standard agenda item: frame, committed, spent, remaining per initiative. */
  async economy(year: number): Promise<EconomyReport> {
    const status = await this.status(year);
    const buffetInitiatives = (await this.portfolio.list()).filter(
      (i) => i.financing === 'buffet' || status.commitments.some((c) => c.initiativeId === i.id),
    );
    const lines = buffetInitiatives.map((initiative) => {
      const committedKr = status.commitments
        .filter((c) => c.initiativeId === initiative.id)
        .reduce((sum, c) => sum + c.amountKr, 0);
      return {
        initiative,
        committedKr,
        budgetedKr: initiative.budgetedKr,
        spentKr: initiative.spentKr,
        remainingKr: committedKr - initiative.spentKr,
      };
    });
    const spentKr = lines.reduce((sum, line) => sum + line.spentKr, 0);
    return { ...status, lines, spentKr };
  }

  /** Commits `amountKr` of the year's frame to a buffet-financed initiative, or refuses with the numbers. */
  async commit(actor: PortfolioActor, request: CommitRequest): Promise<CommitResult> {
    const year = typeof request.year === 'number' ? request.year : Number(String(request.year ?? '').trim());
    if (!Number.isInteger(year) || year < 2000 || year > 2200) return { kind: 'invalid-year' };
    const initiative = await this.portfolio.get(request.groupId, request.initiativeId);
    if (!initiative) return { kind: 'unknown-initiative' };
    if (initiative.financing !== 'buffet') return { kind: 'not-buffet', initiative };
    const amount = parseKroner(request.amountKr) ?? request.amountKr;
    const { frameKr } = await this.frame(year);
    const now = this.clock.now().toISOString();
    await this.budget.ensure(year, now);

    const commitment: Commitment = {
      id: request.requestId,
      initiativeId: initiative.id,
      groupId: initiative.groupId,
      year,
      amountKr: typeof amount === 'number' ? amount : 0,
      decidedBy: actor.id,
      recordedAt: now,
      ...(request.decidedAtMeetingId ? { decidedAtMeetingId: request.decidedAtMeetingId } : {}),
      ...(request.note ? { note: request.note } : {}),
    };
    // Set by the mutator on its LAST run: the decision against the newest list of commitments.
    let outcome: CommitResult | undefined;
    await this.budget.update(year, (current: BudgetYear) => {
      const existing = current.commitments.find((c) => c.id === request.requestId);
      if (existing) {
        outcome = { kind: 'already-committed', commitment: existing };
        return undefined;
      }
      const decision = checkCommitment(
        frameKr,
        committedTotal(current.commitments.map((c) => ({ amount: c.amountKr }))),
        amount,
      );
      if (!decision.ok) {
        outcome = { kind: 'refused', decision };
        return undefined;
      }
      outcome = { kind: 'committed', commitment, decision };
      return { ...current, commitments: [...current.commitments, commitment] };
    });
    const result = outcome!;
    if (result.kind === 'already-committed') return result;
    await this.audit.append({
      at: now,
      actorId: actor.id,
      action: result.kind === 'committed' ? 'budget.committed' : 'budget.commit-refused',
      subject: `budget:${year}`,
      details:
        result.kind === 'refused'
          ? { initiativeId: initiative.id, ...result.decision, requested: String(result.decision.requested) }
          : { initiativeId: initiative.id, amountKr: commitment.amountKr, commitmentId: commitment.id },
    });
    return result;
  }
}
