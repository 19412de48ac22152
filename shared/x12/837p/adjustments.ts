import type { Adjustment, AdjustmentGroup } from '../../domain/posting.ts';
import { formatCentsDecimal } from '../../money/format.ts';
import { X12WriteError } from '../errors.ts';
import type { X12Value } from '../segmentWriter.ts';

/** A CAS segment carries at most 6 reason/amount/quantity triplets (CAS02–CAS19). */
const TRIPLETS_PER_CAS = 6;
/** 2320 and 2430 allow at most 5 CAS segments each. */
const MAX_CAS_PER_LOOP = 5;

/** Adjustment totals keyed by group and reason, in first-seen order. */
export type AdjustmentTotals = Map<string, { group: AdjustmentGroup; reason: string; cents: number }>;

/** Adds `adjustments` into `totals` (same group and reason summed), `sign` = -1 to subtract. */
export function addAdjustments(totals: AdjustmentTotals, adjustments: readonly Adjustment[], sign = 1): void {
  for (const a of adjustments) {
    const key = `${a.group}-${a.reason}`;
    const t = totals.get(key);
    if (t === undefined) totals.set(key, { group: a.group, reason: a.reason, cents: sign * a.amountCents });
    else t.cents += sign * a.amountCents;
  }
}

/**
 * The element lists of the CAS segments for `totals`: one segment per group code (a second one when a
 * group has more than 6 reasons), zero totals left out. Throws when that needs more than 5 segments.
 */
export function casSegments(totals: AdjustmentTotals): X12Value[][] {
  const byGroup = new Map<AdjustmentGroup, X12Value[][]>();
  for (const { group, reason, cents } of totals.values()) {
    if (cents === 0) continue;
    let segments = byGroup.get(group);
    if (segments === undefined) {
      segments = [];
      byGroup.set(group, segments);
    }
    let last = segments[segments.length - 1];
    if (last === undefined || last.length >= 1 + 3 * TRIPLETS_PER_CAS) {
      last = [group];
      segments.push(last);
    }
    // Quantity (third of the triplet) is not used; the writer drops it when it trails.
    last.push(reason, formatCentsDecimal(cents), '');
  }
  const out: X12Value[][] = [];
  for (const segments of byGroup.values()) out.push(...segments);
  if (out.length > MAX_CAS_PER_LOOP) {
    throw new X12WriteError('CAS', 0, 'the adjustments need more than 5 CAS segments in one loop');
  }
  return out;
}

/** Patient responsibility: the sum of the PR group. */
export function patientResponsibilityCents(adjustments: readonly Adjustment[]): number {
  let total = 0;
  for (const a of adjustments) if (a.group === 'PR') total += a.amountCents;
  return total;
}
