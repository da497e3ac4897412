import {
  BudgetAmountError,
  buffetFrame,
  checkCommitment,
  commitmentsRemaining,
  committedTotal,
} from '../../src/features/budget/domain/budget';

describe('buffet-price budget', () => {
  it('computes the frame as price per citizen x citizens', () => {
    expect(buffetFrame(5, [{ citizens: 660_000 }, { citizens: 62_000 }])).toBe(3_610_000);
    expect(buffetFrame(5, [])).toBe(0);
  });

  it('refuses non-integer, negative and unsafe amounts', () => {
    expect(() => buffetFrame(5.5, [{ citizens: 10 }])).toThrow(BudgetAmountError);
    expect(() => buffetFrame(5, [{ citizens: -1 }])).toThrow(/municipalities\[0\]\.citizens/);
    expect(() => buffetFrame(5, [{ citizens: Number.MAX_SAFE_INTEGER }])).toThrow(/frame/);
    expect(() => committedTotal([{ amount: Number.NaN }])).toThrow(BudgetAmountError);
    expect(() => committedTotal([{ amount: Number.MAX_SAFE_INTEGER }, { amount: 1 }])).toThrow(/committed/);
  });

  it('sums commitments and what remains', () => {
    const commitments = [{ amount: 1_000_000 }, { amount: 250_000 }];
    expect(committedTotal(commitments)).toBe(1_250_000);
    expect(commitmentsRemaining(3_610_000, commitments)).toBe(2_360_000);
  });

  it('accepts a commitment up to exactly the remainder', () => {
    expect(checkCommitment(1000, 400, 600)).toEqual({
      ok: true,
      frame: 1000,
      committed: 400,
      remaining: 600,
      requested: 600,
      remainingAfter: 0,
    });
  });

  it('refuses one krone more, with the numbers', () => {
    expect(checkCommitment(1000, 400, 601)).toEqual({
      ok: false,
      reason: 'exceeds-frame',
      frame: 1000,
      committed: 400,
      remaining: 600,
      requested: 601,
    });
  });

  it('refuses fractional, zero, negative and non-number amounts', () => {
    for (const amount of [0.5, 0, -10, Number.NaN, '100', 2 ** 53]) {
      expect(checkCommitment(1000, 0, amount)).toMatchObject({
        ok: false,
        reason: 'invalid-amount',
        requested: amount,
      });
    }
    expect(() => checkCommitment(1000.5, 0, 1)).toThrow(BudgetAmountError);
  });
});
