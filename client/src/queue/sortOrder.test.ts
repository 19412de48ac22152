import { describe, expect, it } from 'vitest';
import { fullOrder, tieOrder, viewOrder } from './sortOrder.ts';
import { claimIdTie, sortIndices } from './sortRows.ts';

/** A small deterministic generator, so a failure reproduces. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

describe('viewOrder', () => {
  const key = Float64Array.from([30, Number.NaN, 10, 30, 20]);
  const tie = Float64Array.from([5, 1, 2, 4, 3]);

  it('orders by key, equal keys by tie, blanks last, in both directions', () => {
    const full = fullOrder(key, tieOrder(tie));
    expect(viewOrder(full, [0, 1, 2, 3, 4], 'asc')).toEqual([2, 4, 3, 0, 1]);
    expect(viewOrder(full, [0, 1, 2, 3, 4], 'desc')).toEqual([3, 0, 4, 2, 1]);
  });

  it('keeps only the rows of the view, whatever order they come in', () => {
    const full = fullOrder(key, tieOrder(tie));
    expect(viewOrder(full, [4, 1, 0], 'asc')).toEqual([4, 0, 1]);
    expect(viewOrder(full, [], 'desc')).toEqual([]);
  });

  it('agrees with sortIndices on random keys with repeats, blanks and equal ties', () => {
    for (let seed = 1; seed <= 30; seed++) {
      const next = random(seed);
      const n = 1 + Math.floor(next() * 400);
      const key = Float64Array.from({ length: n }, () =>
        next() < 0.1 ? Number.NaN : Math.floor(next() * 20) - 5 + (next() < 0.2 ? 0.5 : 0),
      );
      // Few distinct ties, so equal keys with equal ties fall back to the row index.
      const tie = Float64Array.from({ length: n }, () => Math.floor(next() * 8) * 5e8);
      const view = Array.from({ length: n }, (_, i) => i).filter(() => next() < 0.6);
      const full = fullOrder(key, tieOrder(tie));
      for (const direction of ['asc', 'desc'] as const)
        expect(viewOrder(full, view, direction), `seed ${seed} ${direction}`).toEqual(
          sortIndices(view, key, direction, tie),
        );
    }
  });

  it('orders ties by claim id hashes as sortIndices does', () => {
    const ids = Array.from({ length: 200 }, (_, i) => `C${(i * 7919).toString(32).toUpperCase()}`);
    const tie = Float64Array.from(ids, claimIdTie);
    const key = Float64Array.from(ids, (_, i) => i % 3);
    const all = ids.map((_, i) => i);
    const full = fullOrder(key, tieOrder(tie));
    expect(viewOrder(full, all, 'asc')).toEqual(sortIndices(all, key, 'asc', tie));
    expect(viewOrder(full, all, 'desc')).toEqual(sortIndices(all, key, 'desc', tie));
  });

  it('falls back to comparing ties that are not 32-bit integers', () => {
    const key = Float64Array.from([1, 1, 1, 0]);
    const tie = Float64Array.from([0.5, -2, 0.5, 7]);
    const full = fullOrder(key, tieOrder(tie));
    expect(viewOrder(full, [0, 1, 2, 3], 'asc')).toEqual(sortIndices([0, 1, 2, 3], key, 'asc', tie));
  });
});
