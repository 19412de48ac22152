import { assertCents, type Cents } from './cents.ts';

/** How a fractional cent is settled. */
export type Rounding = 'floor' | 'half_up' | 'half_even';

/**
 * `cents × basisPoints / 10000` in integer arithmetic with a named rounding rule (1 bp = 0.01 %).
 * `applyBasisPoints(10005, 8000, 'half_up')` → 8004 (80 % of $100.05).
 */
export function applyBasisPoints(cents: Cents, basisPoints: number, rounding: Rounding): Cents {
  assertCents(cents);
  if (!Number.isSafeInteger(basisPoints)) throw new RangeError('basis points must be an integer');
  const n = BigInt(cents) * BigInt(basisPoints);
  const d = 10000n;
  const negative = n < 0n;
  const abs = negative ? -n : n;
  let q = abs / d;
  const r = abs % d;
  if (rounding === 'half_up' && r * 2n >= d) q += 1n;
  if (rounding === 'half_even' && (r * 2n > d || (r * 2n === d && q % 2n === 1n))) q += 1n;
  if (rounding === 'floor' && negative && r !== 0n) q += 1n;
  return Number(negative ? -q : q);
}
