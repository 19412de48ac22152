import { assertCents, type Cents } from './cents.ts';

/**
 * Split `total` cents in proportion to non-negative integer `ratios`, losing nothing: the parts always
 * add back to `total`. Leftover cents go one each to the largest remainders, ties to the earlier share.
 * `allocate(1000, [1, 1, 1])` → [334, 333, 333]; `allocate(-100, [1, 1, 1])` → [-34, -33, -33].
 */
export function allocate(total: Cents, ratios: readonly number[]): Cents[] {
  assertCents(total, 'total');
  if (ratios.length === 0) throw new RangeError('allocate needs at least one ratio');
  let ratioSum = 0;
  for (const r of ratios) {
    if (!Number.isSafeInteger(r) || r < 0)
      throw new RangeError(`ratios must be non-negative integers, got ${r}`);
    ratioSum += r;
  }
  if (ratioSum === 0) throw new RangeError('ratios must not all be zero');
  const sign = total < 0 ? -1 : 1;
  const magnitude = BigInt(Math.abs(total));
  const big = BigInt(ratioSum);
  const parts: bigint[] = [];
  const remainders: bigint[] = [];
  let allocated = 0n;
  for (const r of ratios) {
    const numerator = magnitude * BigInt(r);
    const part = numerator / big;
    parts.push(part);
    remainders.push(numerator % big);
    allocated += part;
  }
  let leftover = Number(magnitude - allocated);
  const order = ratios
    .map((_, i) => i)
    .sort((a, b) => {
      const d = remainders[b]! - remainders[a]!;
      return d > 0n ? 1 : d < 0n ? -1 : a - b;
    });
  for (let k = 0; leftover > 0; k++, leftover--) parts[order[k]!]! += 1n;
  return parts.map((p) => sign * Number(p));
}
