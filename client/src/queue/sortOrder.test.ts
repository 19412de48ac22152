import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fullOrder, radixFullOrder, sortedFullOrder, tieOrder, viewOrder } from './sortOrder.ts';
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

// Keys the radix sort takes: integers (repeats, negatives, -0) and blanks, spanning at most 2^32 − 1;
// each scale sorts in a different number of passes (1, 2 and 3 digits).
const withBlanks = (values: fc.Arbitrary<number>) =>
  fc.oneof({ arbitrary: values, weight: 6 }, { arbitrary: fc.constantFrom(Number.NaN, -0), weight: 1 });
const smallValue = withBlanks(fc.integer({ min: -6, max: 6 }));
const centsValue = withBlanks(
  fc.oneof(fc.integer({ min: 0, max: 20 }), fc.integer({ min: 0, max: 5_000_000 })),
);
const wideValue = withBlanks(
  fc.oneof(fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }), fc.constantFrom(-(2 ** 31), 2 ** 31 - 1, 7)),
);
const radixValue = fc.oneof(smallValue, centsValue, wideValue);
// Keys it must leave to the float sort: fractions, infinities, integers 2^32 or more apart.
const otherValue = fc.constantFrom(0.5, -1.25, 2 ** 32, -(2 ** 40), 2 ** 53, Infinity, -Infinity);
// Claim-id hashes are uint32; few distinct values make equal ties that fall back to the row index.
const tieValue = fc.oneof(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 2 ** 32 - 1 }));
const rowsOf = (key: fc.Arbitrary<number>) =>
  fc.array(fc.record({ key, tie: tieValue }), { maxLength: 300 }).map((rows) => ({
    key: Float64Array.from(rows, (r) => r.key),
    tie: Float64Array.from(rows, (r) => r.tie),
  }));

/** What the radix path must accept: no fraction or infinity, and less than 2^32 between the extremes. */
function radixTakes(key: Float64Array): boolean {
  const values = Array.from(key).filter((v) => !Number.isNaN(v));
  if (values.some((v) => !Number.isInteger(v))) return false;
  return values.length === 0 || Math.max(...values) - Math.min(...values) < 2 ** 32;
}

function expectSortIndicesOrder(key: Float64Array, tie: Float64Array): void {
  const all = Array.from(key, (_, i) => i);
  const full = fullOrder(key, tieOrder(tie));
  for (const direction of ['asc', 'desc'] as const)
    expect(viewOrder(full, all, direction)).toEqual(sortIndices(all, key, direction, tie));
}

describe('fullOrder by radix sort', () => {
  it('builds exactly the order, ranks and blanks of the float sort for integer keys', () => {
    fc.assert(
      fc.property(fc.oneof(rowsOf(smallValue), rowsOf(centsValue), rowsOf(wideValue)), ({ key, tie }) => {
        const ties = tieOrder(tie);
        const radix = radixFullOrder(key, ties);
        expect(radix).not.toBeNull();
        expect(radix).toEqual(sortedFullOrder(key, ties));
        expectSortIndicesOrder(key, tie);
      }),
      { numRuns: 200 },
    );
  });

  it('leaves fractions, infinities and wide spans to the float sort, with the same result', () => {
    const mixed = fc.oneof({ arbitrary: radixValue, weight: 8 }, { arbitrary: otherValue, weight: 1 });
    fc.assert(
      fc.property(rowsOf(mixed), ({ key, tie }) => {
        const ties = tieOrder(tie);
        expect(radixFullOrder(key, ties) !== null).toBe(radixTakes(key));
        expect(fullOrder(key, ties)).toEqual(sortedFullOrder(key, ties));
        expectSortIndicesOrder(key, tie);
      }),
      { numRuns: 200 },
    );
  });

  it('takes a span of exactly 2^32 − 1 and refuses 2^32', () => {
    const ties = tieOrder(Float64Array.from([3, 1, 2]));
    const widest = Float64Array.from([2 ** 32 - 1, 0, Number.NaN]);
    expect(radixFullOrder(widest, ties)).toEqual(sortedFullOrder(widest, ties));
    expect(radixFullOrder(widest, ties)?.order).toEqual(Uint32Array.from([1, 0, 2]));
    expect(radixFullOrder(Float64Array.from([2 ** 32, 0, 1]), ties)).toBeNull();
  });

  it('handles no rows, one row and only blanks', () => {
    const none = radixFullOrder(new Float64Array(0), tieOrder(new Float64Array(0)));
    expect(none).toEqual({ order: new Uint32Array(0), keyRank: new Uint32Array(0), blanksFrom: 0 });
    const one = radixFullOrder(Float64Array.from([-7]), tieOrder(Float64Array.from([9])));
    expect(one).toEqual({ order: Uint32Array.from([0]), keyRank: Uint32Array.from([0]), blanksFrom: 1 });
    const blanks = Float64Array.from([Number.NaN, Number.NaN, Number.NaN]);
    const ties = tieOrder(Float64Array.from([7, 7, 2]));
    expect(radixFullOrder(blanks, ties)).toEqual({
      order: Uint32Array.from([2, 0, 1]),
      keyRank: Uint32Array.from([0, 0, 0]),
      blanksFrom: 0,
    });
    expect(radixFullOrder(blanks, ties)).toEqual(sortedFullOrder(blanks, ties));
  });

  it('ranks keys densely, blanks one above the highest', () => {
    const key = Float64Array.from([500, Number.NaN, -3, 500, 1e6]);
    const full = radixFullOrder(key, tieOrder(Float64Array.from([0, 0, 0, 0, 0])));
    expect(full?.order).toEqual(Uint32Array.from([2, 0, 3, 4, 1]));
    expect(full?.keyRank).toEqual(Uint32Array.from([0, 1, 1, 2, 3]));
    expect(full?.blanksFrom).toBe(4);
  });
});

describe('tieOrder', () => {
  it('orders rows by tie, then index', () => {
    const tie = fc.oneof(
      { arbitrary: tieValue, weight: 8 },
      { arbitrary: fc.constantFrom(-5, 0.5, 2 ** 40), weight: 1 },
    );
    fc.assert(
      fc.property(fc.array(tie, { maxLength: 300 }), (values) => {
        const ties = Float64Array.from(values);
        const expected = values.map((_, i) => i).sort((a, b) => ties[a]! - ties[b]! || a - b);
        expect(Array.from(tieOrder(ties).rows)).toEqual(expected);
      }),
      { numRuns: 200 },
    );
  });
});
