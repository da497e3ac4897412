/**
 * Budget years: each year's price per citizen (its history in the year's document, seeded from the
 * governance file) and the snapshot of the citizen counts its frame is computed from. A closed or
 * open year gets its snapshot on its first use (a report, a form, a commitment) and keeps it when
 * the register changes afterwards; a year that is not open yet, or any year while the register is
 * empty, is shown provisionally from the register as it is now and nothing is stored for it.
 *
 * Only the coming years' price may be set (next year's at the Q4 meeting): the current and the
 * closed years' figures never move.
 */
import type { Clock } from '../../domain/clock';
import type { AuditLog } from '../../domain/ports';
import {
  budgetYearOf,
  budgetYearState,
  checkCommitmentYear,
  checkPriceYear,
  configuredPrice,
  currentPrice,
  priceYears,
  yearFrame,
  type BudgetYearRules,
  type BudgetYearState,
  type CitizenCount,
  type OpenYears,
  type YearCheck,
  type YearFrame,
} from './domain/budget-years';
import type { BudgetRepository, BudgetYear, PriceEntry } from './budget-repository';
import { parseKroner, type PortfolioActor } from '../portfolio';

/**
 * The municipality register (MunicipalityService / MunicipalityRepository fit). A municipality
 * whose citizens are not uploaded yet counts for nothing: no snapshot is taken while none has any.
 */
export interface CitizenRegister {
  list(): Promise<Array<{ code: string; citizens?: number; citizensAsOf?: string }>>;
}

export interface BudgetYearView extends YearFrame {
  year: number;
  state: BudgetYearState;
  /** No snapshot (yet): the figures follow the register as it is now. */
  provisional: boolean;
  /** When the snapshot of the citizen counts was taken. */
  snapshotAt?: string;
  /** The stored document (absent for a year not used yet). */
  document?: BudgetYear;
}

export interface YearPrices {
  year: number;
  state: BudgetYearState;
  pricePerCitizenKr: number;
  /** The stored history, oldest first (empty for a year not used yet: the file's price applies). */
  history: PriceEntry[];
}

export interface SetPriceRequest {
  /** Makes a re-sent card idempotent: the history entry's id. */
  requestId: string;
  year: unknown;
  pricePerCitizenKr: unknown;
}

export type SetPriceResult =
  | { kind: 'set'; year: number; entry: PriceEntry; previousKr: number }
  | { kind: 'already-set'; year: number; entry: PriceEntry }
  | { kind: 'invalid-year' }
  | { kind: 'invalid-price' }
  | { kind: 'year-refused'; check: Extract<YearCheck, { ok: false }> };

/** A year typed or given as a number, when it is a budget year (2000-2200). */
export function parseBudgetYear(value: unknown): number | undefined {
  const year = typeof value === 'number' ? value : Number(String(value ?? '').trim() || Number.NaN);
  return Number.isInteger(year) && year >= 2000 && year <= 2200 ? year : undefined;
}

const complete = (doc: BudgetYear | undefined): doc is BudgetYear & Required<Pick<BudgetYear, 'citizens'>> =>
  doc?.citizens !== undefined && (doc.prices?.length ?? 0) > 0;

export class BudgetYears {
  constructor(
    private readonly repository: BudgetRepository,
    private readonly register: CitizenRegister,
    private readonly rules: BudgetYearRules,
    private readonly timeZone: string,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  /** The current budget year: the calendar year of the clock in the governance time zone. */
  currentYear(): number {
    return budgetYearOf(this.clock.now(), this.timeZone);
  }

  state(year: number): BudgetYearState {
    return budgetYearState(year, this.currentYear(), this.rules.openYearsAhead);
  }

  /** May commitments be made for `year` now? Only for the open years. */
  commitmentYear(year: number): YearCheck {
    return checkCommitmentYear(year, this.currentYear(), this.rules.openYearsAhead);
  }

  /** The years whose price may be set now. */
  priceYears(): OpenYears {
    return priceYears(this.currentYear(), this.rules.openYearsAhead);
  }

  /** The year's frame, from its snapshot; a closed or open year used for the first time gets one. */
  async view(year: number): Promise<BudgetYearView> {
    const state = this.state(year);
    let doc = await this.repository.get(year);
    if (!complete(doc)) {
      const counts = await this.counts();
      // Only a real budget year is stored (`økonomi 1999` shows one that is not, provisionally).
      if (state !== 'not-open' && parseBudgetYear(year) !== undefined)
        doc = await this.materialise(year, doc, counts);
      if (!doc?.citizens) return this.viewOf(year, state, doc, counts);
    }
    return this.viewOf(year, state, doc, doc.citizens!.municipalities, doc.citizens!.takenAt);
  }

  /** The frame of the year's document as it is now (inside an update: its newest price). */
  frameOf(doc: BudgetYear, fallbackCounts: readonly CitizenCount[]): YearFrame {
    const price = currentPrice(doc.prices, configuredPrice(this.rules, doc.year));
    return yearFrame(price, doc.citizens?.municipalities ?? fallbackCounts);
  }

  /** The price and its history of each of `years`. */
  async prices(years: number[]): Promise<YearPrices[]> {
    const stored = new Map((await this.repository.list()).map((doc) => [doc.year, doc]));
    return years.map((year) => {
      const history = stored.get(year)?.prices ?? [];
      const pricePerCitizenKr = currentPrice(history, configuredPrice(this.rules, year));
      return { year, state: this.state(year), pricePerCitizenKr, history };
    });
  }

  /** Sets a coming year's price (recorded in its history and the audit log), or says why not. */
  async setPrice(actor: PortfolioActor, request: SetPriceRequest): Promise<SetPriceResult> {
    const year = parseBudgetYear(request.year);
    if (year === undefined) return { kind: 'invalid-year' };
    const price = parseKroner(request.pricePerCitizenKr);
    if (price === undefined) return { kind: 'invalid-price' };
    const check = checkPriceYear(year, this.currentYear(), this.rules.openYearsAhead);
    if (!check.ok) return { kind: 'year-refused', check };
    const now = this.clock.now().toISOString();
    const seed = this.seed(year, now);
    const entry: PriceEntry = {
      id: request.requestId,
      pricePerCitizenKr: price,
      source: 'administer',
      setAt: now,
      setBy: actor.id,
      ...(actor.name ? { setByName: actor.name } : {}),
    };
    await this.repository.ensure({ year, commitments: [], createdAt: now, prices: [seed] });
    let outcome: SetPriceResult | undefined;
    await this.repository.update(year, (current) => {
      const history = current.prices?.length ? current.prices : [seed];
      const existing = history.find((step) => step.source === 'administer' && step.id === request.requestId);
      if (existing) {
        outcome = { kind: 'already-set', year, entry: existing };
        return undefined;
      }
      outcome = { kind: 'set', year, entry, previousKr: currentPrice(history, seed.pricePerCitizenKr) };
      return { ...current, prices: [...history, entry] };
    });
    const result = outcome!;
    if (result.kind === 'set') {
      await this.audit.append({
        at: now,
        actorId: actor.id,
        action: 'budget.price-set',
        subject: `budget:${year}`,
        details: { pricePerCitizenKr: price, previousKr: result.previousKr, requestId: request.requestId },
      });
    }
    return result;
  }

  private async counts(): Promise<CitizenCount[]> {
    return (await this.register.list()).flatMap(({ code, citizens, citizensAsOf }) =>
      citizens === undefined ? [] : [{ code, citizens, ...(citizensAsOf ? { asOf: citizensAsOf } : {}) }],
    );
  }

  /** The history's first step: the price the governance file gives the year. */
  private seed(year: number, now: string): PriceEntry {
    const pricePerCitizenKr = configuredPrice(this.rules, year);
    return { id: 'governance', pricePerCitizenKr, source: 'governance', setAt: now, setBy: 'governance' };
  }

  /**
   * The year's document with its price seeded and its snapshot taken (when the register has
   * municipalities): created, or completed by an etag-guarded update that fills only what is
   * missing, so concurrent first uses agree on one snapshot.
   */
  private async materialise(
    year: number,
    stored: BudgetYear | undefined,
    counts: CitizenCount[],
  ): Promise<BudgetYear> {
    const now = this.clock.now().toISOString();
    const seed = this.seed(year, now);
    const snapshot = counts.length > 0 ? { takenAt: now, municipalities: counts } : undefined;
    const doc =
      stored ??
      (await this.repository.ensure({
        year,
        commitments: [],
        createdAt: now,
        prices: [seed],
        ...(snapshot ? { citizens: snapshot } : {}),
      }));
    const lacks = (current: BudgetYear) =>
      !current.prices?.length || (snapshot !== undefined && current.citizens === undefined);
    if (!lacks(doc)) return doc;
    return this.repository.update(year, (current) =>
      lacks(current)
        ? {
            ...current,
            prices: current.prices?.length ? current.prices : [seed],
            ...((current.citizens ?? snapshot) ? { citizens: current.citizens ?? snapshot } : {}),
          }
        : undefined,
    );
  }

  private viewOf(
    year: number,
    state: BudgetYearState,
    doc: BudgetYear | undefined,
    counts: readonly CitizenCount[],
    snapshotAt?: string,
  ): BudgetYearView {
    const price = currentPrice(doc?.prices, configuredPrice(this.rules, year));
    return {
      year,
      state,
      ...yearFrame(price, counts),
      provisional: snapshotAt === undefined,
      ...(snapshotAt ? { snapshotAt } : {}),
      ...(doc ? { document: doc } : {}),
    };
  }
}
