import type { ClaimRow } from './claimRow.ts';

/** Sums over a set of rows; every amount in integer cents. */
export interface QueueTotals {
  claims: number;
  units: number;
  billedCents: number;
  allowedCents: number;
  adjustmentCents: number;
  insurancePaidCents: number;
  patientPaidCents: number;
  insuranceBalanceCents: number;
  patientBalanceCents: number;
}

/** Total the rows at `indices` (the filtered view) in one pass. */
export function computeTotals(rows: readonly ClaimRow[], indices: readonly number[]): QueueTotals {
  const t: QueueTotals = {
    claims: indices.length,
    units: 0,
    billedCents: 0,
    allowedCents: 0,
    adjustmentCents: 0,
    insurancePaidCents: 0,
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
    t.insurancePaidCents += r.insurancePaidCents;
    t.patientPaidCents += r.patientPaidCents;
    t.insuranceBalanceCents += r.insuranceBalanceCents;
    t.patientBalanceCents += r.patientBalanceCents;
  }
  return t;
}
