/** Which way a column is sorted. */
export type SortDirection = 'asc' | 'desc';

/**
 * A sort key: one number per row (by row index), NaN for an empty cell. Built once per column,
 * so sorting compares two floats instead of re-reading or re-collating strings per comparison.
 */
export type SortKey = Float64Array;

// Numeric so "CLM-9" sorts before "CLM-10"; base sensitivity so case alone never reorders names.
const collator = new Intl.Collator('en-US', { numeric: true, sensitivity: 'base' });

/** Sort key of a numeric column; null (no value) becomes NaN. */
export function numericSortKey<Row>(rows: readonly Row[], value: (row: Row) => number | null): SortKey {
  const key = new Float64Array(rows.length);
  for (let i = 0; i < rows.length; i++) key[i] = value(rows[i]!) ?? Number.NaN;
  return key;
}

/**
 * Sort key of a text column: each row's rank in collation order (rows that collate equal share
 * a rank); the empty string becomes NaN so blanks stay at the bottom either way.
 */
export function textSortKey<Row>(rows: readonly Row[], value: (row: Row) => string): SortKey {
  const key = new Float64Array(rows.length).fill(Number.NaN);
  const texts = rows.map(value);
  const order: number[] = [];
  for (let i = 0; i < texts.length; i++) if (texts[i] !== '') order.push(i);
  order.sort((a, b) => collator.compare(texts[a]!, texts[b]!));
  let rank = 0;
  for (let k = 0; k < order.length; k++) {
    const i = order[k]!;
    if (k > 0 && collator.compare(texts[order[k - 1]!]!, texts[i]!) !== 0) rank++;
    key[i] = rank;
  }
  return key;
}

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
