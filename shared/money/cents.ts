/** Integer cents: the only representation of money in ClaimGrid. */
export type Cents = number;

/** True when `n` is a whole number of cents within the safe-integer range. */
export function isCents(n: unknown): n is Cents {
  return typeof n === 'number' && Number.isSafeInteger(n);
}

/** Throws a RangeError when `n` is not integer cents; call at public boundaries, then trust the type. */
export function assertCents(n: unknown, what = 'amount'): asserts n is Cents {
  if (!isCents(n)) throw new RangeError(`${what} must be a whole number of cents, got ${String(n)}`);
}

/** `units × rate`, checked: both integers, result a safe integer. */
export function multiplyCents(rateCents: Cents, units: number): Cents {
  assertCents(rateCents, 'rate');
  if (!Number.isSafeInteger(units)) throw new RangeError(`units must be a whole number, got ${units}`);
  const product = rateCents * units;
  assertCents(product, 'line total');
  return product;
}
