/**
 * Budget years of the buffet price: which years are closed (read-only), open for commitments or
 * not open yet; the price a year starts with (from the governance file); the years of the economy
 * report. The current year is the calendar year of the governance time zone (Europe/Copenhagen).
 */
import { DateTime } from 'luxon';
import { buffetFrame } from './budget';

/** closed: before the current year (read-only); open: commitments allowed; not-open: later years. */
export type BudgetYearState = 'closed' | 'open' | 'not-open';

/** The first and last year commitments may be made for. */
export interface OpenYears {
  first: number;
  last: number;
}

/** What the governance file says about budget years. */
export interface BudgetYearRules {
  buffetPricePerCitizenKr: number;
  /** Prices of particular years, keyed by year ("2027"). */
  prices: Record<string, number>;
  /** Commitments are open for the current year and this many years after it. */
  openYearsAhead: number;
}

/** The budget year of an instant: its calendar year in `zone`. */
export function budgetYearOf(instant: Date, zone: string): number {
  return DateTime.fromJSDate(instant, { zone }).year;
}

export function openYears(currentYear: number, openYearsAhead: number): OpenYears {
  return { first: currentYear, last: currentYear + openYearsAhead };
}

export function budgetYearState(year: number, currentYear: number, openYearsAhead: number): BudgetYearState {
  if (year < currentYear) return 'closed';
  return year <= currentYear + openYearsAhead ? 'open' : 'not-open';
}

export type YearCheck =
  { ok: true } | { ok: false; reason: 'closed-year' | 'year-not-open'; year: number; open: OpenYears };

/** May commitments be made for `year`? Only for the open years. */
export function checkCommitmentYear(year: number, currentYear: number, openYearsAhead: number): YearCheck {
  const state = budgetYearState(year, currentYear, openYearsAhead);
  if (state === 'open') return { ok: true };
  const reason = state === 'closed' ? 'closed-year' : 'year-not-open';
  return { ok: false, reason, year, open: openYears(currentYear, openYearsAhead) };
}

/**
 * The years whose price may be set: the coming years up to the last open one, and at least next
 * year (the Q4 meeting sets next year's price even when only the current year takes commitments).
 * The current and the closed years keep their price, so their figures never move.
 */
export function priceYears(currentYear: number, openYearsAhead: number): OpenYears {
  return { first: currentYear + 1, last: currentYear + Math.max(1, openYearsAhead) };
}

export function checkPriceYear(year: number, currentYear: number, openYearsAhead: number): YearCheck {
  const allowed = priceYears(currentYear, openYearsAhead);
  if (year >= allowed.first && year <= allowed.last) return { ok: true };
  const reason = year <= currentYear ? 'closed-year' : 'year-not-open';
  return { ok: false, reason, year, open: allowed };
}

/** The price a year starts with: its own price in the governance file, else the file's price. */
export function configuredPrice(rules: BudgetYearRules, year: number): number {
  return rules.prices[String(year)] ?? rules.buffetPricePerCitizenKr;
}

/** One step of a year's price history; the last one is the year's price. */
export interface PriceStep {
  pricePerCitizenKr: number;
}

/** The year's price: the last of its history, or `fallback` when it has none yet. */
export function currentPrice(history: readonly PriceStep[] | undefined, fallback: number): number {
  return history && history.length > 0 ? history[history.length - 1]!.pricePerCitizenKr : fallback;
}

/** The citizen counts a year's frame is computed from. */
export interface CitizenCount {
  code: string;
  citizens: number;
  /** The quarter the figure is from (FOLK1A's TID, e.g. "2026K1"), when the upload said. */
  asOf?: string;
}

export interface YearFrame {
  pricePerCitizenKr: number;
  municipalities: number;
  citizens: number;
  frameKr: number;
  /** The figures' date(s), e.g. "2026K1" (several, oldest first, if the counts mix quarters). */
  citizensAsOf?: string;
}

/** The distinct quarters of the counts, oldest first ("2025K1, 2026K1"), or undefined if none. */
export function citizensAsOf(counts: readonly CitizenCount[]): string | undefined {
  const quarters = [...new Set(counts.flatMap((m) => (m.asOf ? [m.asOf] : [])))].sort();
  return quarters.length > 0 ? quarters.join(', ') : undefined;
}

/** The frame of a year: its price x the citizens of its snapshot (or of the register, provisionally). */
export function yearFrame(pricePerCitizenKr: number, counts: readonly CitizenCount[]): YearFrame {
  const frameKr = buffetFrame(pricePerCitizenKr, [...counts]);
  const asOf = citizensAsOf(counts);
  return {
    pricePerCitizenKr,
    municipalities: counts.length,
    citizens: counts.reduce((sum, m) => sum + m.citizens, 0),
    frameKr,
    ...(asOf ? { citizensAsOf: asOf } : {}),
  };
}

/** The economy report's years: the one before, the year itself and the one after, in order. */
export function reportYears(year: number, before = 1, after = 1): number[] {
  return Array.from({ length: before + 1 + after }, (_, index) => year - before + index);
}
