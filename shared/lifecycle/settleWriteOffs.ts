import { deriveBalances } from '../balances/deriveBalances.ts';
import type { Claim } from '../domain/claim.ts';
import type { Posting } from '../domain/posting.ts';
import type { SettleWriteOff } from '../domain/practice.ts';
import type { Instant } from '../domain/primitives.ts';

/** What Settle writes off, per bucket, in integer cents; 0 where nothing is written off. */
export interface SettleWriteOffAmounts {
  insuranceCents: number;
  patientCents: number;
}

/**
 * What settling this claim would write off under the practice setting: each enabled bucket's whole
 * derived balance, so that balance becomes zero. A credit (negative balance) is written off too.
 * The batch dialog can show these before the user confirms.
 * @example settleWriteOffAmounts(claim, { insurance: true, patient: false }) // → { insuranceCents: 0, patientCents: 0 }
 */
export function settleWriteOffAmounts(
  claim: Pick<Claim, 'lines' | 'postings'>,
  setting: SettleWriteOff,
): SettleWriteOffAmounts {
  if (!setting.insurance && !setting.patient) return { insuranceCents: 0, patientCents: 0 };
  const b = deriveBalances(claim);
  return {
    insuranceCents: setting.insurance ? b.insuranceBalanceCents : 0,
    patientCents: setting.patient ? b.patientBalanceCents : 0,
  };
}

/** Reasons recorded on the write-off postings, as the ledger shows them. */
export const settleWriteOffReasons = {
  insurance: 'Settled: insurance balance written off (practice setting)',
  patient: 'Settled: patient balance written off (practice setting)',
} as const;

/**
 * `postings` followed by Settle's write-off postings (ids `${idPrefix}:ins` and `${idPrefix}:pat`),
 * or `postings` itself when nothing is written off, so unchanged arrays stay shared.
 */
export function appendSettleWriteOffs(
  postings: Posting[],
  amounts: SettleWriteOffAmounts,
  at: Instant,
  idPrefix: string,
): Posting[] {
  if (amounts.insuranceCents === 0 && amounts.patientCents === 0) return postings;
  const next = postings.slice();
  if (amounts.insuranceCents !== 0) {
    next.push({
      id: `${idPrefix}:ins`,
      at,
      kind: 'write_off',
      bucket: 'insurance',
      amountCents: amounts.insuranceCents,
      reason: settleWriteOffReasons.insurance,
    });
  }
  if (amounts.patientCents !== 0) {
    next.push({
      id: `${idPrefix}:pat`,
      at,
      kind: 'write_off',
      bucket: 'patient',
      amountCents: amounts.patientCents,
      reason: settleWriteOffReasons.patient,
    });
  }
  return next;
}
