/**
 * The buffet-price budget: the frame of a budget year (the year's price per citizen x the citizens
 * of the year's snapshot of the municipality register, see budget-years.ts), the special
 * initiatives committed against it, and what remains. All amounts are whole kroner (integers), so
 * the arithmetic is exact. Commitments are taken for the open years only: a closed year (before
 * the current one) is read-only, and a year past the open window is not open yet.
 *
 * A commitment is checked and added inside ONE etag-guarded update of the year's document (see
 * budget-repository.ts): of two concurrent commitments that together exceed the frame, exactly
 * one is refused, with the numbers (frame, committed, remaining, requested).
 */
import type { Clock } from '../../domain/clock';
import { checkCommitment, committedTotal, type CommitmentDecision } from './domain/budget';
import { reportYears, type BudgetYearState, type YearCheck } from './domain/budget-years';
import type { BudgetRepository, BudgetYear, Commitment } from './budget-repository';
import type { Initiative } from '../portfolio';
import type { AuditLog } from '../../domain/ports';
import { parseKroner, type PortfolioActor, type PortfolioService } from '../portfolio';
import { parseBudgetYear, type BudgetYears } from './budget-years';

export type { Commitment } from './budget-repository';
export type { CitizenRegister } from './budget-years';

export interface BudgetFrame {
  year: number;
  pricePerCitizenKr: number;
  municipalities: number;
  citizens: number;
  frameKr: number;
  /** The quarter(s) the citizens are from ("indbyggertal pr. 2026K1"), when known. */
  citizensAsOf?: string;
}

export interface BudgetStatus extends BudgetFrame {
  /** closed (read-only), open (commitments taken) or not open yet. */
  state: BudgetYearState;
  /** No snapshot of the register yet (a year not open yet, or an empty register). */
  provisional: boolean;
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

/** The economy report of a year with its neighbours side by side (e.g. last, this and next year). */
export interface EconomyOverview {
  report: EconomyReport;
  years: BudgetStatus[];
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
  | { kind: 'year-refused'; check: Extract<YearCheck, { ok: false }> }
  | { kind: 'unknown-initiative' }
  | { kind: 'not-buffet'; initiative: Initiative };

export class BudgetService {
  constructor(
    private readonly budget: BudgetRepository,
    /** The budget years: their prices, snapshots and which are open. */
    readonly years: BudgetYears,
    private readonly portfolio: PortfolioService,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  /** The frame of a year: its price x the citizens of its snapshot (taken on the year's first use). */
  async frame(year: number): Promise<BudgetFrame> {
    const { pricePerCitizenKr, municipalities, citizens, frameKr, citizensAsOf } =
      await this.years.view(year);
    return {
      year,
      pricePerCitizenKr,
      municipalities,
      citizens,
      frameKr,
      ...(citizensAsOf ? { citizensAsOf } : {}),
    };
  }

  async status(year: number): Promise<BudgetStatus> {
    const view = await this.years.view(year);
    const { pricePerCitizenKr, municipalities, citizens, frameKr, state, provisional, citizensAsOf } = view;
    const commitments = view.document?.commitments ?? [];
    const committedKr = committedTotal(commitments.map((c) => ({ amount: c.amountKr })));
    const frame = {
      ...{ year, pricePerCitizenKr, municipalities, citizens, frameKr },
      ...(citizensAsOf ? { citizensAsOf } : {}),
    };
    return { ...frame, state, provisional, committedKr, remainingKr: frameKr - committedKr, commitments };
  }

  /** The economy report of `year` and the years around it (the one before and the one after). */
  async economyYears(year: number): Promise<EconomyOverview> {
    const years: BudgetStatus[] = [];
    // One after the other: each year's first use may write its snapshot.
    for (const each of reportYears(year)) years.push(await this.status(each));
    const report = await this.economy(
      year,
      years.find((status) => status.year === year),
    );
    return { report, years };
  }

  /** The economy report for the standard agenda item: frame, committed, spent, remaining per initiative. */
  async economy(year: number, known?: BudgetStatus): Promise<EconomyReport> {
    const status = known ?? (await this.status(year));
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
    const year = parseBudgetYear(request.year);
    if (year === undefined) return { kind: 'invalid-year' };
    const check = this.years.commitmentYear(year);
    if (!check.ok) return { kind: 'year-refused', check };
    const initiative = await this.portfolio.get(request.groupId, request.initiativeId);
    if (!initiative) return { kind: 'unknown-initiative' };
    if (initiative.financing !== 'buffet') return { kind: 'not-buffet', initiative };
    const amount = parseKroner(request.amountKr) ?? request.amountKr;
    // The year's first use takes its snapshot (and creates its document); the frame is computed
    // again inside the update, from the newest price of the year.
    await this.years.view(year);
    const now = this.clock.now().toISOString();

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
        // A year without a snapshot had an empty register: its frame is 0 kr.
        this.years.frameOf(current, []).frameKr,
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
