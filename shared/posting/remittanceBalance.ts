import { formatCents } from '../money/format.ts';

/** Why a remittance's figures don't add up. Match on this. */
export type RemittanceBalanceProblemCode =
  /** Σ claim payments − Σ provider adjustments ≠ the payment total (BPR02). */
  | 'remittance_unbalanced'
  /** An amount is not a whole number of cents. */
  | 'invalid_amount';

export interface RemittanceBalanceProblem {
  code: RemittanceBalanceProblemCode;
  /** Σ CLP04. */
  claimPaymentsCents: number;
  /** Σ PLB amounts (positive reduces the payment, e.g. WO recoupment; negative adds, e.g. L6 interest). */
  providerAdjustmentsCents: number;
  /** What the payment should total: claim payments − provider adjustments. */
  expectedCents: number;
  /** BPR02 as the file states it. */
  totalPaidCents: number;
  /** For the quarantine notice: both figures, in dollars. */
  message: string;
}

export type RemittanceBalanceResult =
  | { ok: true; claimPaymentsCents: number; providerAdjustmentsCents: number; expectedCents: number }
  | { ok: false; problem: RemittanceBalanceProblem };

/**
 * The 835's balancing rule: BPR02 = Σ CLP04 − Σ PLB amounts. X12 signs PLB amounts as reductions of the
 * payment: a recoupment (WO) or forwarding balance (FB) is positive and lowers the check; interest (L6)
 * is negative and raises it. A file that fails this must be quarantined and post nothing (SPEC §6).
 * @example checkRemittanceBalance([{ paidCents: 9000 }], [{ amountCents: -125 }], 9125) // → { ok: true, … }
 */
export function checkRemittanceBalance(
  claimPayments: readonly { readonly paidCents: number }[],
  providerAdjustments: readonly { readonly amountCents: number }[],
  totalPaidCents: number,
): RemittanceBalanceResult {
  let claims = 0;
  let whole = Number.isSafeInteger(totalPaidCents);
  for (const c of claimPayments) {
    whole &&= Number.isSafeInteger(c.paidCents);
    claims += c.paidCents;
  }
  let plb = 0;
  for (const a of providerAdjustments) {
    whole &&= Number.isSafeInteger(a.amountCents);
    plb += a.amountCents;
  }
  const expected = claims - plb;
  whole &&= Number.isSafeInteger(claims) && Number.isSafeInteger(plb) && Number.isSafeInteger(expected);
  if (!whole) {
    return {
      ok: false,
      problem: {
        code: 'invalid_amount',
        claimPaymentsCents: claims,
        providerAdjustmentsCents: plb,
        expectedCents: expected,
        totalPaidCents,
        message: 'The remittance has an amount that is not a whole number of cents',
      },
    };
  }
  if (expected === totalPaidCents) {
    return { ok: true, claimPaymentsCents: claims, providerAdjustmentsCents: plb, expectedCents: expected };
  }
  const off = totalPaidCents - expected;
  return {
    ok: false,
    problem: {
      code: 'remittance_unbalanced',
      claimPaymentsCents: claims,
      providerAdjustmentsCents: plb,
      expectedCents: expected,
      totalPaidCents,
      message:
        `The claim payments (${formatCents(claims)}) minus the provider adjustments (${formatCents(plb)}) ` +
        `come to ${formatCents(expected)}, but the payment total is ${formatCents(totalPaidCents)} ` +
        `(${formatCents(Math.abs(off))} ${off < 0 ? 'less' : 'more'}); nothing was posted`,
    },
  };
}
