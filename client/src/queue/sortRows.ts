/** Which way a column is sorted. */
export type SortDirection = 'asc' | 'desc';

/**
 * A sort key: one number per row (by row index), NaN for an empty cell (see `SortKeyCache`), so
 * sorting compares two floats instead of re-reading or re-collating strings per comparison.
 */
export type SortKey = Float64Array;

// Numeric so "CLM-9" sorts before "CLM-10"; base sensitivity so case alone never reorders names.
const collator = new Intl.Collator('en-US', { numeric: true, sensitivity: 'base' });

/** How the queue orders text: numeric runs by value, case ignored. */
export const compareText: (a: string, b: string) => number = collator.compare;

/**
 * A sorted copy of `indices` by `key`. Blank cells (NaN) go last in both directions, and equal
 * keys keep ascending row order, so every sort is deterministic.
 */
export function sortIndices(indices: readonly number[], key: SortKey, direction: SortDirection): number[] {
  const sign = direction === 'asc' ? 1 : -1;
  return indices.slice().sort((a, b) => {
    const ka = key[a]!;
    const kb = key[b]!;
    const blankA = Number.isNaN(ka);
    const blankB = Number.isNaN(kb);
    if (blankA || blankB) return blankA === blankB ? a - b : blankA ? 1 : -1;
    return ka === kb ? a - b : ka < kb ? -sign : sign;
  });
}
