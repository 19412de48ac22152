import type { SortDirection, SortKey } from './sortRows.ts';

/**
 * Sorting 100k rows with a comparator costs ~40 ms per sort in the browser; these do it with the
 * engine's native numeric sort of a Float64Array (no comparator calls) once per column, and then
 * every view of the column (a tab, a filter, the other direction) is one pass over that order.
 * The order is `sortIndices`'s exactly: by key, blanks (NaN) last in both directions, equal keys by
 * the tie key ascending, then by row index.
 */

/** Every row in tie order: row indices sorted by (tie, index), and each row's position there. */
export interface TieOrder {
  rows: Uint32Array;
  /** `rank[i]`: the position of row `i` in `rows` (unique per row). */
  rank: Uint32Array;
}

/** Every row of a column in ascending order, with the distinct key value (its rank) at each position. */
export interface FullOrder {
  order: Uint32Array;
  /** The key's dense rank at each position of `order`; blanks have the highest. */
  keyRank: Uint32Array;
  /** Where the blanks start in `order`. */
  blanksFrom: number;
}

// Tie values are 32-bit hashes: a tie and a row index below 2^21 pack into one exact double.
const INDEX_BITS = 2 ** 21;

/** Rows by (tie, index). `tie` holds unsigned 32-bit integers (see `claimIdTie`). */
export function tieOrder(tie: SortKey): TieOrder {
  const n = tie.length;
  const rows = new Uint32Array(n);
  if (n < INDEX_BITS && tie.every((t) => Number.isInteger(t) && t >= 0 && t < 2 ** 32)) {
    const packed = new Float64Array(n);
    for (let i = 0; i < n; i++) packed[i] = tie[i]! * INDEX_BITS + i;
    packed.sort();
    for (let p = 0; p < n; p++) rows[p] = packed[p]! % INDEX_BITS;
  } else {
    // Not a 32-bit hash or a huge list: the comparator (slower, the same order).
    const all = Array.from({ length: n }, (_, i) => i);
    all.sort((a, b) => (tie[a] === tie[b] ? a - b : tie[a]! - tie[b]!));
    rows.set(all);
  }
  const rank = new Uint32Array(n);
  for (let p = 0; p < n; p++) rank[rows[p]!] = p;
  return { rows, rank };
}

/** Every row sorted ascending by `key`, then by its place in `ties`. */
export function fullOrder(key: SortKey, ties: TieOrder): FullOrder {
  const n = key.length;
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
    packed[i] = rank * n + ties.rank[i]!;
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
  for (const i of view) inView[i] = 1;
  if (direction === 'asc') {
    for (let p = 0; p < n; p++) {
      const i = order[p]!;
      if (inView[i] === 1) out.push(i);
    }
    return out;
  }
  let end = blanksFrom;
  while (end > 0) {
    const rank = keyRank[end - 1];
    let start = end - 1;
    while (start > 0 && keyRank[start - 1] === rank) start--;
    for (let p = start; p < end; p++) {
      const i = order[p]!;
      if (inView[i] === 1) out.push(i);
    }
    end = start;
  }
  for (let p = blanksFrom; p < n; p++) {
    const i = order[p]!;
    if (inView[i] === 1) out.push(i);
  }
  return out;
}
