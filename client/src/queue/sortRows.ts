import { hash64 } from '../../../shared/util/hash.ts';

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
 * A sorted copy of `indices` by `key`. Blank cells (NaN) go last in both directions. Equal keys go by
 * `tie` (ascending), then by row index, so every sort is deterministic; pass a `tie` that does not
 * depend on row order (see `claimIdTie`) and two screens with the same claims list them alike.
 */
export function sortIndices(
  indices: readonly number[],
  key: SortKey,
  direction: SortDirection,
  tie?: SortKey,
): number[] {
  const sign = direction === 'asc' ? 1 : -1;
  const untie = (a: number, b: number) =>
    tie === undefined || tie[a] === tie[b] ? a - b : tie[a]! - tie[b]!;
  return indices.slice().sort((a, b) => {
    const ka = key[a]!;
    const kb = key[b]!;
    const blankA = Number.isNaN(ka);
    const blankB = Number.isNaN(kb);
    if (blankA || blankB) return blankA === blankB ? untie(a, b) : blankA ? 1 : -1;
    return ka === kb ? untie(a, b) : ka < kb ? -sign : sign;
  });
}

/**
 * A tie-break number per claim from its id alone (a hash: cheap, and the same on every device),
 * because rows reach each screen in a different order and row index would order ties differently.
 */
export function claimIdTie(id: string): number {
  return hash64(id)[0];
}
