import type { ClaimRow } from './claimRow.ts';

/**
 * The row fields the totals row sums: one per column with a total. Insurance paid is summed as its
 * primary / other-payer split (the grid's columns); their sum is the total insurance paid.
 */
type SummedField =
  | 'units'
  | 'billedCents'
  | 'allowedCents'
  | 'adjustmentCents'
  | 'insurance1PaidCents'
  | 'insurance2PaidCents'
  | 'patientPaidCents'
  | 'insuranceBalanceCents'
  | 'patientBalanceCents';

/** Sums over a set of rows (the same fields as a row); every amount in integer cents. */
export type QueueTotals = { claims: number } & Pick<ClaimRow, SummedField>;

/** Total the rows at `indices` (the filtered view) in one pass. */
export function computeTotals(rows: readonly ClaimRow[], indices: readonly number[]): QueueTotals {
  const t: QueueTotals = {
    claims: indices.length,
    units: 0,
    billedCents: 0,
    allowedCents: 0,
    adjustmentCents: 0,
    insurance1PaidCents: 0,
    insurance2PaidCents: 0,
    patientPaidCents: 0,
    insuranceBalanceCents: 0,
    patientBalanceCents: 0,
  };
  for (const i of indices) {
    const r = rows[i]!;
    t.units += r.units;
    t.billedCents += r.billedCents;
    t.allowedCents += r.allowedCents;
    t.adjustmentCents += r.adjustmentCents;
    t.insurance1PaidCents += r.insurance1PaidCents;
    t.insurance2PaidCents += r.insurance2PaidCents;
    t.patientPaidCents += r.patientPaidCents;
    t.insuranceBalanceCents += r.insuranceBalanceCents;
    t.patientBalanceCents += r.patientBalanceCents;
  }
  return t;
}
