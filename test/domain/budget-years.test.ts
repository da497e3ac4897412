/**
 * Budget years (issue 20): which years are closed, open or not open yet in Copenhagen time, the
 * years whose price may be set, a year's price from the governance file and its history, the
 * frame of a snapshot, and the governance file's budget section.
 */
import {
  budgetYearOf,
  budgetYearState,
  checkCommitmentYear,
  checkPriceYear,
  configuredPrice,
  currentPrice,
  priceYears,
  reportYears,
  yearFrame,
} from '../../src/features/budget/domain/budget-years';
import { BudgetAmountError } from '../../src/features/budget/domain/budget';
import { loadGovernance, parseGovernance } from '../../src/platform/governance/governance-loader';

const ZONE = 'Europe/Copenhagen';

describe('budget years', () => {
  it('takes the budget year from the Copenhagen date, not the UTC one', () => {
    expect(budgetYearOf(new Date('2027-12-31T22:59:59.999Z'), ZONE)).toBe(2027);
    expect(budgetYearOf(new Date('2027-12-31T23:00:00.000Z'), ZONE)).toBe(2028); // midnight in Copenhagen
    expect(budgetYearOf(new Date('2027-12-31T23:00:00.000Z'), 'UTC')).toBe(2027);
  });

  it('closes the years before the current one and opens the current one and openYearsAhead more', () => {
    expect([2026, 2027, 2028, 2029].map((year) => budgetYearState(year, 2027, 1))).toEqual([
      'closed',
      'open',
      'open',
      'not-open',
    ]);
    expect(budgetYearState(2028, 2027, 0)).toBe('not-open');
    expect(budgetYearState(2029, 2027, 2)).toBe('open');
  });

  it('refuses commitments to a closed year and beyond the window, naming the open years', () => {
    expect(checkCommitmentYear(2027, 2027, 1)).toEqual({ ok: true });
    expect(checkCommitmentYear(2028, 2027, 1)).toEqual({ ok: true });
    expect(checkCommitmentYear(2026, 2027, 1)).toEqual({
      ok: false,
      reason: 'closed-year',
      year: 2026,
      open: { first: 2027, last: 2028 },
    });
    expect(checkCommitmentYear(2031, 2027, 1)).toEqual({
      ok: false,
      reason: 'year-not-open',
      year: 2031,
      open: { first: 2027, last: 2028 },
    });
  });

  it("lets only the coming years' price be set, next year's at least", () => {
    expect(priceYears(2027, 1)).toEqual({ first: 2028, last: 2028 });
    expect(priceYears(2027, 0)).toEqual({ first: 2028, last: 2028 });
    expect(priceYears(2027, 3)).toEqual({ first: 2028, last: 2030 });
    expect(checkPriceYear(2028, 2027, 1)).toEqual({ ok: true });
    expect(checkPriceYear(2027, 2027, 1)).toMatchObject({ ok: false, reason: 'closed-year' });
    expect(checkPriceYear(2020, 2027, 1)).toMatchObject({ ok: false, reason: 'closed-year' });
    expect(checkPriceYear(2029, 2027, 1)).toMatchObject({ ok: false, reason: 'year-not-open' });
  });

  it("gives a year the file's own price for it, else the file's price; the history's last step wins", () => {
    const rules = { buffetPricePerCitizenKr: 5, prices: { '2027': 6 }, openYearsAhead: 1 };
    expect([
      configuredPrice(rules, 2026),
      configuredPrice(rules, 2027),
      configuredPrice(rules, 2028),
    ]).toEqual([5, 6, 5]);
    expect(currentPrice(undefined, 5)).toBe(5);
    expect(currentPrice([], 5)).toBe(5);
    expect(currentPrice([{ pricePerCitizenKr: 5 }, { pricePerCitizenKr: 7 }], 5)).toBe(7);
  });

  it('computes the frame of a snapshot in whole kroner', () => {
    expect(
      yearFrame(6, [
        { code: '101', citizens: 660_842 },
        { code: '751', citizens: 367_095 },
      ]),
    ).toEqual({ pricePerCitizenKr: 6, municipalities: 2, citizens: 1_027_937, frameKr: 6_167_622 });
    expect(yearFrame(5, [])).toEqual({ pricePerCitizenKr: 5, municipalities: 0, citizens: 0, frameKr: 0 });
    expect(() => yearFrame(5, [{ code: '101', citizens: 1.5 }])).toThrow(BudgetAmountError);
  });

  it('reports the year before, the year and the year after', () => {
    expect(reportYears(2027)).toEqual([2026, 2027, 2028]);
    expect(reportYears(2027, 2, 0)).toEqual([2025, 2026, 2027]);
  });
});

describe("the governance file's budget section", () => {
  const base = () => JSON.parse(JSON.stringify(loadGovernance())) as Record<string, unknown>;

  it('keeps the FKI file valid: kr. 5, no prices of particular years, one year ahead', () => {
    expect(loadGovernance().budget).toEqual({ buffetPricePerCitizenKr: 5, prices: {}, openYearsAhead: 1 });
  });

  it('takes prices of particular years and the open window, with defaults when absent', () => {
    const raw = base();
    raw.budget = { buffetPricePerCitizenKr: 5, prices: { 2027: 6 } };
    expect(parseGovernance(raw, 'g.yaml').budget).toEqual({
      buffetPricePerCitizenKr: 5,
      prices: { '2027': 6 },
      openYearsAhead: 1,
    });
    raw.budget = { buffetPricePerCitizenKr: 5, openYearsAhead: 2 };
    expect(parseGovernance(raw, 'g.yaml').budget.openYearsAhead).toBe(2);
  });

  it('names every bad field of the budget section', () => {
    const raw = base();
    raw.budget = { buffetPricePerCitizenKr: 5, prices: { 2028: -1, soon: 6 }, openYearsAhead: 11 };
    let message = '';
    try {
      parseGovernance(raw, 'g.yaml');
    } catch (error) {
      message = String(error);
    }
    expect(message).toContain('g.yaml: budget.prices.2028: expected a non-negative integer, got -1');
    expect(message).toContain('g.yaml: budget.prices.soon: expected prices by budget year (2000 to 2200)');
    expect(message).toContain('g.yaml: budget.openYearsAhead: expected at most 10 years, got 11');
  });
});
