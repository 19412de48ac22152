import type { ClaimRow } from './claimRow.ts';
import type { QueueTab } from './queueTab.ts';

/** Split a free-text query into lower-cased terms; blank input gives no terms. */
export function queryTerms(query: string): string[] {
  return query
    .toLowerCase()
    .split(/\s+/)
    .filter((t) => t !== '');
}

/**
 * Indices of the rows whose claim ID, patient, payer or service codes contain every term of
 * `query` (case-insensitive, any order), so "smith 97153" narrows rather than widens.
 * A blank query matches every row.
 */
export function matchText(rows: readonly ClaimRow[], query: string): number[] {
  const terms = queryTerms(query);
  const out: number[] = [];
  outer: for (let i = 0; i < rows.length; i++) {
    const text = rows[i]!.searchText;
    for (const term of terms) if (!text.includes(term)) continue outer;
    out.push(i);
  }
  return out;
}

/** The subset of `indices` whose row belongs on `tab` (all of them for the All tab), order kept. */
export function filterByTab(rows: readonly ClaimRow[], indices: readonly number[], tab: QueueTab): number[] {
  if (tab === 'All') return indices.slice();
  const out: number[] = [];
  for (const i of indices) if (rows[i]!.status === tab) out.push(i);
  return out;
}
