/**
 * The buffet-price budget in whole kroner: the frame (price per citizen x citizens) and the special
 * initiatives committed against it. Amounts are integers only; anything else (fractions, NaN,
 * beyond Number.MAX_SAFE_INTEGER) is refused so that sums stay exact.
 */

export class BudgetAmountError extends RangeError {
  constructor(
    readonly field: string,
    readonly value: unknown,
  ) {
    super(`${field}: expected a whole number of kroner (safe integer >= 0), got ${String(value)}`);
    this.name = 'BudgetAmountError';
  }
}

export function isWholeKroner(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

function assertWholeKroner(value: unknown, field: string): number {
  if (!isWholeKroner(value)) throw new BudgetAmountError(field, value);
  return value;
}

function safeSum(values: number[], field: string): number {
  const total = values.reduce((sum, value) => sum + value, 0);
  return assertWholeKroner(total, field);
}

/** price per citizen x the citizens of the municipalities, in kr. */
export function buffetFrame(pricePerCitizen: number, municipalities: Array<{ citizens: number }>): number {
  assertWholeKroner(pricePerCitizen, 'pricePerCitizen');
  const citizens = safeSum(
    municipalities.map((m, index) => assertWholeKroner(m.citizens, `municipalities[${index}].citizens`)),
    'citizens',
  );
  return assertWholeKroner(pricePerCitizen * citizens, 'frame');
}

/** Sum of committed amounts. */
export function committedTotal(commitments: Array<{ amount: number }>): number {
  return safeSum(
    commitments.map((c, index) => assertWholeKroner(c.amount, `commitments[${index}].amount`)),
    'committed',
  );
}

/** What remains of the frame after the commitments (negative when over-committed). */
export function commitmentsRemaining(frame: number, commitments: Array<{ amount: number }>): number {
  return assertWholeKroner(frame, 'frame') - committedTotal(commitments);
}

export type CommitmentDecision =
  | {
      ok: true;
      frame: number;
      committed: number;
      remaining: number;
      requested: number;
      remainingAfter: number;
    }
  | {
      ok: false;
      reason: 'exceeds-frame' | 'invalid-amount';
      frame: number;
      committed: number;
      remaining: number;
      requested: unknown;
    };

/**
 * May `amount` kr be committed? Refused when it is not a positive whole number of kroner or when
 * it exceeds what remains (committing exactly the remainder is allowed). `frame` and `committed`
 * must be whole kroner (they come from the store; a bad value there is a bug, so it throws).
 */
export function checkCommitment(frame: number, committed: number, amount: unknown): CommitmentDecision {
  assertWholeKroner(frame, 'frame');
  assertWholeKroner(committed, 'committed');
  const remaining = frame - committed;
  if (!isWholeKroner(amount) || amount === 0) {
    return { ok: false, reason: 'invalid-amount', frame, committed, remaining, requested: amount };
  }
  if (amount > remaining)
    return { ok: false, reason: 'exceeds-frame', frame, committed, remaining, requested: amount };
  return { ok: true, frame, committed, remaining, requested: amount, remainingAfter: remaining - amount };
}
