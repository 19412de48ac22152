import type { Claim } from '../domain/claim.ts';
import type { AdjustmentGroup, Posting } from '../domain/posting.ts';

/** Every money figure of a claim, in integer cents, derived from its lines and postings (never stored). */
export interface Balances {
  billedCents: number;
  /** Sum of the payers' allowed amounts (reversals subtract). */
  allowedCents: number;
  adjustmentsByGroup: Record<AdjustmentGroup, number>;
  /** Keyed `GROUP-CARC`, e.g. `CO-45`. */
  adjustmentsByCarc: Record<string, number>;
  /** Keyed by internal payer id. */
  paidByPayer: Record<string, number>;
  insurancePaidCents: number;
  /** What the payers assigned to the patient: the PR adjustments. */
  patientResponsibilityCents: number;
  patientPaidCents: number;
  insuranceWriteOffCents: number;
  patientWriteOffCents: number;
  transferredToSecondaryCents: number;
  /** Still expected from insurance (negative = the payer overpaid). */
  insuranceBalanceCents: number;
  /** Still owed by the patient (negative = a credit). */
  patientBalanceCents: number;
}

/**
 * Derive a claim's balances from its ledger. The identities, which hold for any postings:
 *   billed = insurancePaid + (CO + OA + PI + CR) + patientResponsibility + insuranceWriteOff + insuranceBalance
 *   patientResponsibility = patientPaid + patientWriteOff + transferredToSecondary + patientBalance
 * A reversal posting negates the posting it names (835 CLP02 = 22); reversing twice or an unknown id is ignored.
 */
export function deriveBalances(claim: Pick<Claim, 'lines' | 'postings'>): Balances {
  let billed = 0;
  for (const line of claim.lines) billed += line.chargeCents;

  const reversed = reversedPostingIds(claim.postings);
  const b: Balances = {
    billedCents: billed,
    allowedCents: 0,
    adjustmentsByGroup: { CO: 0, PR: 0, OA: 0, PI: 0, CR: 0 },
    adjustmentsByCarc: {},
    paidByPayer: {},
    insurancePaidCents: 0,
    patientResponsibilityCents: 0,
    patientPaidCents: 0,
    insuranceWriteOffCents: 0,
    patientWriteOffCents: 0,
    transferredToSecondaryCents: 0,
    insuranceBalanceCents: 0,
    patientBalanceCents: 0,
  };

  for (const p of claim.postings) {
    // A reversed posting and its reversal cancel out: neither is counted.
    if (p.kind === 'reversal' || reversed.has(p.id)) continue;
    applyPosting(b, p);
  }

  const contractual =
    b.adjustmentsByGroup.CO + b.adjustmentsByGroup.OA + b.adjustmentsByGroup.PI + b.adjustmentsByGroup.CR;
  b.patientResponsibilityCents = b.adjustmentsByGroup.PR;
  b.insuranceBalanceCents =
    billed - b.insurancePaidCents - contractual - b.patientResponsibilityCents - b.insuranceWriteOffCents;
  b.patientBalanceCents =
    b.patientResponsibilityCents -
    b.patientPaidCents -
    b.patientWriteOffCents -
    b.transferredToSecondaryCents;
  return b;
}

function applyPosting(b: Balances, p: Exclude<Posting, { kind: 'reversal' }>): void {
  switch (p.kind) {
    case 'adjudication': {
      b.allowedCents += p.allowedCents;
      b.insurancePaidCents += p.paidCents;
      b.paidByPayer[p.payerId] = (b.paidByPayer[p.payerId] ?? 0) + p.paidCents;
      for (const a of p.adjustments) {
        b.adjustmentsByGroup[a.group] += a.amountCents;
        const key = `${a.group}-${a.reason}`;
        b.adjustmentsByCarc[key] = (b.adjustmentsByCarc[key] ?? 0) + a.amountCents;
      }
      return;
    }
    case 'patient_payment':
      b.patientPaidCents += p.amountCents;
      return;
    case 'write_off':
      if (p.bucket === 'insurance') b.insuranceWriteOffCents += p.amountCents;
      else b.patientWriteOffCents += p.amountCents;
      return;
    case 'transfer_to_secondary':
      b.transferredToSecondaryCents += p.amountCents;
      return;
  }
}

/** Ids of postings undone by a reversal. Only the first reversal of an id counts; reversals can't be reversed. */
function reversedPostingIds(postings: readonly Posting[]): Set<string> {
  const ids = new Set<string>();
  const known = new Set<string>();
  for (const p of postings) if (p.kind !== 'reversal') known.add(p.id);
  for (const p of postings) if (p.kind === 'reversal' && known.has(p.reverses)) ids.add(p.reverses);
  return ids;
}
