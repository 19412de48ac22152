import { describe, expect, it } from 'vitest';
import { deriveBalances } from '../../../shared/balances/deriveBalances.ts';
import { biller, makeClaim } from '../../../shared/lifecycle/testClaim.ts';
import {
  centsToField,
  checkPayment,
  claimAfterPayment,
  emptyForm,
  type PaymentForm,
  parseRemarks,
  paymentResultText,
  quickFill,
} from './recordPayment.ts';

// Billed 15000 cents (one line), sent and waiting for the payer. Synthetic values only.
const submitted = makeClaim({
  status: 'Submitted',
  firstSubmittedAt: '2026-02-22T10:00:00Z',
  ediStatus: 'accepted_payer',
});
const form = (over: Partial<PaymentForm>): PaymentForm => ({ ...emptyForm(), ...over });

describe('checkPayment: the live balance check', () => {
  it('shows the equation and what is missing until it balances', () => {
    const c = checkPayment(submitted, form({ paid: '100', patientResponsibility: '20' }));
    expect(c.equation).toBe(
      'Billed $150.00 = paid $100.00 + adjustments $0.00 + patient responsibility $20.00',
    );
    expect(c.differenceCents).toBe(3000);
    expect(c.balanced).toBe(false);
    expect(c.problem).toBe(
      '$30.00 short of the billed amount: add it as paid, an adjustment or patient responsibility',
    );
    expect(c.request).toBeNull();

    const over = checkPayment(submitted, form({ paid: '150.01' }));
    expect(over.differenceCents).toBe(-1);
    expect(over.problem).toMatch(/^\$0\.01 more than the billed amount/);
  });

  it('builds the request in integer cents once paid + adjustments + patient responsibility = billed', () => {
    const c = checkPayment(
      submitted,
      form({
        allowed: '130',
        paid: '$104.00',
        adjustments: [{ group: 'CO', reason: '45', amount: '20' }],
        patientResponsibility: '26',
        patientReason: '3',
        remarks: 'n130, MA01 N130',
        icn: ' ICN-77 ',
      }),
    );
    expect(c.balanced).toBe(true);
    expect(c.problem).toBeNull();
    expect(c.request).toEqual({
      allowedCents: 13000,
      paidCents: 10400,
      adjustments: [{ group: 'CO', reason: '45', amountCents: 2000 }],
      patientResponsibilityCents: 2600,
      patientResponsibilityReason: '3',
      remarks: ['N130', 'MA01'],
      payerClaimControlNumber: 'ICN-77',
    });
    expect(c.preview).toBe('The claim will be Paid; patient owes $26.00');
  });

  it('reads cents exactly where floats would not (0.1 + 0.2)', () => {
    const claim = makeClaim({
      status: 'Submitted',
      firstSubmittedAt: '2026-02-22T10:00:00Z',
      lines: [{ ...makeClaim().lines[0]!, chargeCents: 30 }],
    });
    const c = checkPayment(claim, form({ paid: '0.1', patientResponsibility: '0.2' }));
    expect(c.balanced).toBe(true);
    expect(c.request).toMatchObject({ paidCents: 10, patientResponsibilityCents: 20, allowedCents: null });
  });

  it('marks fields that do not read, and does not send', () => {
    const c = checkPayment(
      submitted,
      form({
        paid: '12.345',
        allowed: 'abc',
        adjustments: [
          { group: 'CO', reason: '', amount: '10' },
          { group: 'OA', reason: '23', amount: '-5' },
        ],
        remarks: 'N130, not-a-code',
        icn: 'x'.repeat(51),
      }),
    );
    expect(c.fieldErrors).toEqual({
      paid: '"12.345" has more than 2 decimal places',
      allowed: '"abc" is not an amount like 1,234.50',
      'adjustment-0': 'Enter the reason code (CARC), e.g. 45',
      'adjustment-1': 'Enter an amount of zero or more',
      remarks: '"NOT-A-CODE" is not a remark code (RARC), e.g. N130',
      icn: 'The payer’s claim number is at most 50 characters',
    });
    expect(c.request).toBeNull();
    expect(c.problem).toBe('Fix the fields marked in red');
    expect(checkPayment(submitted, form({})).fieldErrors.paid).toBe('Enter the paid amount (0 for a denial)');
  });

  it('refuses what the server refuses, with its words', () => {
    const tooHigh = checkPayment(submitted, form({ paid: '150', allowed: '151' }));
    expect(tooHigh.balanced).toBe(true);
    expect(tooHigh.request).toBeNull();
    expect(tooHigh.problem).toBe("Allowed $151.00 can't exceed the billed $150.00");

    const ready = checkPayment(makeClaim(), form({ paid: '150' }));
    expect(ready.problem).toBe('This claim is Ready: record a payment once it has been submitted');
  });

  it('previews a denial, a payment with other adjustments, and a payment after an appeal', () => {
    const denial = checkPayment(
      submitted,
      form({ paid: '0', adjustments: [{ group: 'CO', reason: '16', amount: '150' }], remarks: 'M51' }),
    );
    expect(denial.preview).toBe('The claim will be Denied');
    const partial = checkPayment(
      submitted,
      form({ allowed: '150', paid: '100', adjustments: [{ group: 'OA', reason: '23', amount: '50' }] }),
    );
    expect(partial.request).not.toBeNull();
    expect(partial.preview).toBe('The claim will be Paid');
    // After a denial, a payment on appeal makes it Paid.
    const denied = makeClaim({ status: 'Denied', firstSubmittedAt: '2026-02-22T10:00:00Z' });
    expect(checkPayment(denied, form({ paid: '150' })).preview).toBe('The claim will be Paid');
  });
});

describe('quick fills', () => {
  it('fills paid in full, a denial, and the rest as patient share or contractual', () => {
    expect(quickFill(emptyForm(), 'paidInFull', 15000)).toMatchObject({ paid: '150.00', adjustments: [] });
    const denied = quickFill(emptyForm(), 'denied', 15000);
    expect(denied).toMatchObject({
      paid: '0.00',
      adjustments: [{ group: 'CO', reason: '', amount: '150.00' }],
    });
    // Denied needs its reason before it can be sent.
    expect(checkPayment(submitted, denied).request).toBeNull();
    expect(
      checkPayment(submitted, { ...denied, adjustments: [{ ...denied.adjustments[0]!, reason: '16' }] })
        .request,
    ).not.toBeNull();

    const part = form({ paid: '120' });
    expect(quickFill(part, 'restToPatient', 15000).patientResponsibility).toBe('30.00');
    expect(quickFill(part, 'restContractual', 15000).adjustments).toEqual([
      { group: 'CO', reason: '45', amount: '30.00' },
    ]);
    // Nothing left, or an amount that does not read: unchanged.
    const full = form({ paid: '150' });
    expect(quickFill(full, 'restToPatient', 15000)).toBe(full);
    const bad = form({ paid: 'x' });
    expect(quickFill(bad, 'restContractual', 15000)).toBe(bad);
  });

  it('writes cents back as fields that read to the same cents', () => {
    for (const cents of [0, 5, 10, 99, 100, 123456, 100000001]) {
      const c = checkPayment(
        makeClaim({ status: 'Submitted', lines: [{ ...makeClaim().lines[0]!, chargeCents: cents }] }),
        form({ paid: centsToField(cents) }),
      );
      expect(c.paidCents).toBe(cents);
      expect(c.balanced).toBe(true);
    }
  });
});

describe('after saving', () => {
  it('says what happened', () => {
    expect(paymentResultText({ status: 'Paid', insuranceBalanceCents: 0, patientBalanceCents: 2400 })).toBe(
      'Payment recorded — claim is now Paid; patient owes $24.00',
    );
    expect(paymentResultText({ status: 'Denied', insuranceBalanceCents: 0, patientBalanceCents: 0 })).toBe(
      'Denial recorded — claim is now Denied',
    );
    expect(
      paymentResultText({ status: 'Submitted', insuranceBalanceCents: 500, patientBalanceCents: 0 }),
    ).toBe('Payment recorded — claim is now Submitted; insurance still owes $5.00');
  });

  it('computes the claim as the server makes it, for the invoice shown before it syncs', () => {
    const request = checkPayment(submitted, form({ paid: '120', patientResponsibility: '30' })).request!;
    const after = claimAfterPayment(submitted, request, biller, '2026-03-05T10:00:00.000Z')!;
    expect(after.status).toBe('Paid');
    const b = deriveBalances(after);
    expect(b.insurancePaidCents).toBe(12000);
    expect(b.patientBalanceCents).toBe(3000);
    expect(b.adjustmentsByCarc).toEqual({ 'PR-2': 3000 });
    expect(claimAfterPayment(makeClaim(), request, biller, '2026-03-05T10:00:00.000Z')).toBeNull();
  });

  it('splits remarks on commas and spaces, once each', () => {
    expect(parseRemarks(' n130,,MA01  n130 ;M51')).toEqual(['N130', 'MA01', 'M51']);
    expect(parseRemarks('')).toEqual([]);
  });
});
