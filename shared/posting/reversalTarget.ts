import type { AdjudicationPosting, Adjustment, AdjustmentGroup, Posting } from '../domain/posting.ts';
import { allAdjustments, sumGroup } from './adjustments.ts';
import type { RemittanceEntry } from './entryProblems.ts';

const GROUPS: readonly AdjustmentGroup[] = ['CO', 'PR', 'OA', 'PI', 'CR'];

/** Ids already undone by a reversal in `ledger`. */
export function reversedIds(ledger: readonly Posting[]): Set<string> {
  const ids = new Set<string>();
  for (const p of ledger) if (p.kind === 'reversal') ids.add(p.reverses);
  return ids;
}

// A reversal undoes the whole earlier posting, so it must carry exactly its negation: the same paid and
// the same total per adjustment group (otherwise the patient's share would move by a different amount).
function negates(p: AdjudicationPosting, paidCents: number, adjustments: readonly Adjustment[]): boolean {
  if (p.paidCents !== -paidCents) return false;
  for (const g of GROUPS) if (sumGroup(p.adjustments, g) !== -sumGroup(adjustments, g)) return false;
  return true;
}

/**
 * The adjudication a CLP02 = 22 entry reverses: among the not-yet-reversed adjudications of `payerId` on
 * the ledger whose amounts the entry exactly negates, the latest with the entry's payer claim control
 * number, else the latest of them all. Null when none fits (then nothing is posted for the claim).
 */
export function findReversalTarget(
  ledger: readonly Posting[],
  entry: RemittanceEntry,
  payerId: string,
): AdjudicationPosting | null {
  const reversed = reversedIds(ledger);
  const adjustments = allAdjustments(entry.adjustments, entry.lines);
  let latest: AdjudicationPosting | null = null;
  let latestSameIcn: AdjudicationPosting | null = null;
  for (const p of ledger) {
    if (p.kind !== 'adjudication' || p.payerId !== payerId || reversed.has(p.id)) continue;
    if (!negates(p, entry.paidCents, adjustments)) continue;
    latest = p;
    if (
      entry.payerClaimControlNumber !== null &&
      p.payerClaimControlNumber === entry.payerClaimControlNumber
    ) {
      latestSameIcn = p;
    }
  }
  return latestSameIcn ?? latest;
}
