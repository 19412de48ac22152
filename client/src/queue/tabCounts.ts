import type { ClaimRow } from './claimRow.ts';
import type { QueueTab } from './queueTab.ts';

/** How many rows each tab would show. */
export type TabCounts = Record<QueueTab, number>;

/** Count the rows at `indices` per status tab, in one pass; All is their total. */
export function countTabs(rows: readonly ClaimRow[], indices: readonly number[]): TabCounts {
  const counts: TabCounts = {
    Ready: 0,
    Submitted: 0,
    Paid: 0,
    Denied: 0,
    Held: 0,
    Voided: 0,
    Settled: 0,
    All: indices.length,
  };
  for (const i of indices) counts[rows[i]!.status]++;
  return counts;
}
