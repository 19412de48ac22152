import { describe, expect, it } from 'vitest';
import { checkRemittanceBalance } from './remittanceBalance.ts';

const claims = [{ paidCents: 9000 }, { paidCents: 5000 }, { paidCents: 0 }]; // 14000

describe('checkRemittanceBalance: BPR02 = Σ CLP04 − Σ PLB', () => {
  it('balances with no provider adjustments', () => {
    expect(checkRemittanceBalance(claims, [], 14000)).toEqual({
      ok: true,
      claimPaymentsCents: 14000,
      providerAdjustmentsCents: 0,
      expectedCents: 14000,
    });
  });

  it('L6 interest is negative and raises the payment: 14000 − (−125) = 14125', () => {
    expect(checkRemittanceBalance(claims, [{ amountCents: -125 }], 14125).ok).toBe(true);
    // Reading the sign the other way round is caught.
    const wrongWay = checkRemittanceBalance(claims, [{ amountCents: -125 }], 13875);
    expect(wrongWay.ok).toBe(false);
  });

  it('a WO recoupment is positive and lowers the payment: 14000 − 3000 = 11000', () => {
    expect(checkRemittanceBalance(claims, [{ amountCents: 3000 }], 11000).ok).toBe(true);
    expect(checkRemittanceBalance(claims, [{ amountCents: 3000 }, { amountCents: -125 }], 11125).ok).toBe(
      true,
    );
  });

  it('an unbalanced file gives both figures, in cents and in the message', () => {
    const r = checkRemittanceBalance(claims, [{ amountCents: -125 }], 14100);
    expect(r).toEqual({
      ok: false,
      problem: {
        code: 'remittance_unbalanced',
        claimPaymentsCents: 14000,
        providerAdjustmentsCents: -125,
        expectedCents: 14125,
        totalPaidCents: 14100,
        message:
          'The claim payments ($140.00) minus the provider adjustments (-$1.25) come to $141.25, ' +
          'but the payment total is $141.00 ($0.25 less); nothing was posted',
      },
    });
  });

  it('a recoupment larger than the payments: a zero check balances (BPR02 0, notification only)', () => {
    expect(checkRemittanceBalance([{ paidCents: 2000 }], [{ amountCents: 2000 }], 0).ok).toBe(true);
  });

  it('an amount that is not whole cents is a problem, not an exception', () => {
    const r = checkRemittanceBalance([{ paidCents: 10.5 }], [], 10);
    expect(r.ok === false && r.problem.code).toBe('invalid_amount');
  });
});
