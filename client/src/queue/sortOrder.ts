import type { SortDirection, SortKey } from './sortRows.ts';

/**
 * Sorting 100k rows with a comparator costs ~40 ms per sort in the browser; these sort once per
 * column without comparator calls, and then every view of the column (a tab, a filter, the other
 * direction) is one pass over that order. Keys that are integers within a 2^32 span (cents, days,
 * text ranks, claim-id hashes: all of them in practice) take a stable radix sort, ~5x faster than
 * the engine's Float64Array sort; other keys take that sort instead (`sortedFullOrder`).
 * The order is `sortIndices`'s exactly: by key, blanks (NaN) last in both directions, equal keys by
 * the tie key ascending, then by row index.
 */

/** Every row in tie order: row indices sorted by (tie, index). */
export interface TieOrder {
  rows: Uint32Array;
}

/** Every row of a column in ascending order, with the distinct key value (its rank) at each position. */
export interface FullOrder {
  order: Uint32Array;
  /** The key's dense rank at each position of `order`; blanks have the highest. */
  keyRank: Uint32Array;
  /** Where the blanks start in `order`. */
  blanksFrom: number;
}

/** Rows by (tie, index). `tie` holds unsigned 32-bit integers (see `claimIdTie`); others sort slower. */
export function tieOrder(tie: SortKey): TieOrder {
  const n = tie.length;
  // Sorting by tie with ties broken by index is `fullOrder` over index order; it also warms that
  // code up for the column's sort that follows.
  const full = radixFullOrder(tie, { rows: indexOrder(n) });
  if (full !== null && full.blanksFrom === n) return { rows: full.order };
  // Not integers (or blanks): the comparator (slower, the same order).
  const all = Array.from({ length: n }, (_, i) => i);
  all.sort((a, b) => (tie[a] === tie[b] ? a - b : tie[a]! - tie[b]!));
  return { rows: Uint32Array.from(all) };
}

/** Every row sorted ascending by `key`, then by its place in `ties`. */
export function fullOrder(key: SortKey, ties: TieOrder): FullOrder {
  return radixFullOrder(key, ties) ?? sortedFullOrder(key, ties);
}

/**
 * `fullOrder` by a stable radix sort of the rows taken in tie order (so equal keys stay in tie
 * order), or null when the keys are not integers within a 2^32 span.
 */
export function radixFullOrder(key: SortKey, ties: TieOrder): FullOrder | null {
  const range = Float64Array.of(Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 0);
  if (!integerRange(key, range)) return null;
  const min = range[0]!;
  const n = key.length;
  const valued = n - range[2]!;
  const span = valued === 0 ? 0 : range[1]! - min;
  // Integers less than 2^32 apart: each key − min is exact and fits a uint32. (Negated so that
  // NaN, from keys that are all the same infinity, fails too.)
  if (!(span < 2 ** 32)) return null;
  const order = new Uint32Array(n);
  const keys = new Uint32Array(valued);
  const rows = new Uint32Array(valued);
  gather(key, ties.rows, min, keys, rows, order);
  const [sortedKeys, sortedRows] = radixSort(keys, rows, 32 - Math.clz32(span));
  order.set(sortedRows);
  const keyRank = new Uint32Array(n);
  const distinct = denseRanks(sortedKeys, keyRank);
  keyRank.fill(distinct, valued);
  return { order, keyRank, blanksFrom: valued };
}

/** `fullOrder` for any keys, by the engine's numeric sort of a Float64Array (no comparator calls). */
export function sortedFullOrder(key: SortKey, ties: TieOrder): FullOrder {
  const n = key.length;
  // Each row's place in tie order.
  const tieRank = new Uint32Array(n);
  for (let p = 0; p < n; p++) tieRank[ties.rows[p]!] = p;
  // The distinct keys, ascending (a typed array sorts numerically and puts NaN last).
  const sorted = Float64Array.from(key).sort();
  const distinct = new Float64Array(n);
  let d = 0;
  for (let p = 0; p < n; p++) {
    const v = sorted[p]!;
    if (Number.isNaN(v)) break;
    if (d === 0 || v !== distinct[d - 1]) distinct[d++] = v;
  }
  // Each row as (rank of its key) * n + (its place in tie order): unique, exact below 2^53.
  const packed = new Float64Array(n);
  let blanks = 0;
  for (let i = 0; i < n; i++) {
    const v = key[i]!;
    let rank = d;
    if (Number.isNaN(v)) blanks++;
    else {
      let lo = 0;
      let hi = d - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (distinct[mid]! < v) lo = mid + 1;
        else hi = mid;
      }
      rank = lo;
    }
    packed[i] = rank * n + tieRank[i]!;
  }
  packed.sort();
  const order = new Uint32Array(n);
  const keyRank = new Uint32Array(n);
  for (let p = 0; p < n; p++) {
    const v = packed[p]!;
    const rank = Math.floor(v / n);
    keyRank[p] = rank;
    order[p] = ties.rows[v - rank * n]!;
  }
  return { order, keyRank, blanksFrom: n - blanks };
}

// Each loop over every row below is a function that ends with its loop. The engine optimizes a long
// loop while it runs; when that code then reaches an operation never run before (all of them, on the
// first sort), the engine throws the code away and interprets the rest of the function.

/** 0, 1, … n − 1. */
function indexOrder(n: number): Uint32Array {
  const rows = new Uint32Array(n);
  for (let i = 0; i < n; i++) rows[i] = i;
  return rows;
}

/**
 * The smallest and largest key that is not blank and how many are blank, into `range` (which starts
 * as [Infinity, -Infinity, 0]); false when a key is not an integer. Written as they change, inside
 * the loop, for the reason above.
 */
function integerRange(key: SortKey, range: Float64Array): boolean {
  let min = range[0]!;
  let max = range[1]!;
  let blanks = range[2]!;
  for (let i = 0; i < key.length; i++) {
    const v = key[i]!;
    if (Number.isNaN(v)) range[2] = ++blanks;
    // Infinities pass this test and fail the span test.
    else if (Math.floor(v) !== v) return false;
    else {
      if (v < min) range[0] = min = v;
      if (v > max) range[1] = max = v;
    }
  }
  return true;
}

/** The rows in tie order: blanks to the end of `order`, the others into `keys` (as key − min) and `rows`. */
function gather(
  key: SortKey,
  tieRows: Uint32Array,
  min: number,
  keys: Uint32Array,
  rows: Uint32Array,
  order: Uint32Array,
): void {
  let k = 0;
  let blank = keys.length;
  for (let p = 0; p < key.length; p++) {
    const i = tieRows[p]!;
    const v = key[i]!;
    if (Number.isNaN(v)) order[blank++] = i;
    else {
      keys[k] = v - min;
      rows[k++] = i;
    }
  }
}

/** Each position's dense rank among ascending `sorted` into `ranks`; returns how many distinct. */
function denseRanks(sorted: Uint32Array, ranks: Uint32Array): number {
  let distinct = sorted.length === 0 ? 0 : 1;
  for (let p = 1; p < sorted.length; p++) {
    if (sorted[p] !== sorted[p - 1]) distinct++;
    ranks[p] = distinct - 1;
  }
  return distinct;
}

// Digits of at most 12 bits: a 4096-entry count table stays in L1 cache; 32 bits take 3 passes,
// a span of cents up to $167,772 two, and the ranks of up to 4096 distinct texts one.
const MAX_DIGIT_BITS = 12;

/**
 * A stable LSD radix sort of `keys` (each below 2^bits) carrying `rows` along; returns the sorted
 * pair (the inputs' storage or new arrays). Typed arrays only and the same code for every caller,
 * so the engine optimizes it once (on the tie order, the first sort) and keeps it fast.
 */
function radixSort(keys: Uint32Array, rows: Uint32Array, bits: number): [Uint32Array, Uint32Array] {
  const n = keys.length;
  if (bits === 0 || n < 2) return [keys, rows];
  const passes = Math.ceil(bits / MAX_DIGIT_BITS);
  const width = Math.ceil(bits / passes);
  const size = 1 << width;
  const mask = size - 1;
  const counts = new Uint32Array(size * passes);
  countDigits(keys, counts, passes, width);
  let fromKeys: Uint32Array = keys;
  let fromRows: Uint32Array = rows;
  let toKeys: Uint32Array = new Uint32Array(n);
  let toRows: Uint32Array = new Uint32Array(n);
  for (let pass = 0; pass < passes; pass++) {
    const next = counts.subarray(pass * size, (pass + 1) * size);
    startPositions(next);
    scatter(fromKeys, fromRows, toKeys, toRows, next, pass * width, mask);
    const keysWere = fromKeys;
    const rowsWere = fromRows;
    fromKeys = toKeys;
    fromRows = toRows;
    toKeys = keysWere;
    toRows = rowsWere;
  }
  return [fromKeys, fromRows];
}

/** Each digit's count becomes the digit's first position. */
function startPositions(counts: Uint32Array): void {
  let sum = 0;
  for (let b = 0; b < counts.length; b++) {
    const count = counts[b]!;
    counts[b] = sum;
    sum += count;
  }
}

/** Every pass's digit counts (pass `p` at `p << width`) in one read of the keys. */
function countDigits(keys: Uint32Array, counts: Uint32Array, passes: number, width: number): void {
  const mask = (1 << width) - 1;
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i]!;
    for (let pass = 0; pass < passes; pass++) counts[(pass << width) + ((k >>> (pass * width)) & mask)]!++;
  }
}

/** One radix pass: each key (with its row) to the next free position of its digit. */
function scatter(
  fromKeys: Uint32Array,
  fromRows: Uint32Array,
  toKeys: Uint32Array,
  toRows: Uint32Array,
  next: Uint32Array,
  shift: number,
  mask: number,
): void {
  for (let i = 0; i < fromKeys.length; i++) {
    const k = fromKeys[i]!;
    const at = next[(k >>> shift) & mask]!++;
    toKeys[at] = k;
    toRows[at] = fromRows[i]!;
  }
}

/**
 * The rows of `view` (row indices, any order) in the column's order, `direction` applied: descending
 * reverses the key groups and keeps each group (equal keys) in tie order; blanks stay last.
 */
export function viewOrder(full: FullOrder, view: readonly number[], direction: SortDirection): number[] {
  const { order, keyRank, blanksFrom } = full;
  const n = order.length;
  const out: number[] = [];
  if (view.length === 0) return out;
  const inView = new Uint8Array(n);
  markView(view, inView);
  if (direction === 'asc') {
    collect(order, inView, 0, n, out);
    return out;
  }
  let end = blanksFrom;
  while (end > 0) {
    const start = groupStart(keyRank, end);
    collect(order, inView, start, end, out);
    end = start;
  }
  collect(order, inView, blanksFrom, n, out);
  return out;
}

function markView(view: readonly number[], inView: Uint8Array): void {
  for (let v = 0; v < view.length; v++) inView[view[v]!] = 1;
}

/** The rows at positions `from` to `to` of `order` that are in the view, onto `out`. */
function collect(order: Uint32Array, inView: Uint8Array, from: number, to: number, out: number[]): void {
  for (let p = from; p < to; p++) {
    const i = order[p]!;
    if (inView[i] === 1) out.push(i);
  }
}

/** Where the group of equal keys ending before position `end` starts. */
function groupStart(keyRank: Uint32Array, end: number): number {
  const rank = keyRank[end - 1];
  let start = end - 1;
  while (start > 0 && keyRank[start - 1] === rank) start--;
  return start;
}
