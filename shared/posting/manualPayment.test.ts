import { describe, expect, it } from 'vitest';
import { deriveBalances } from '../balances/deriveBalances.ts';
import { type Claim, claimSchema } from '../domain/claim.ts';
import { biller, viewer } from '../lifecycle/testClaim.ts';
import { applyManualPayment } from './applyPlan.ts';
import { type ManualPaymentInput, type ManualPaymentResult, planManualPayment } from './manualPayment.ts';
import { AT, claim, co, earlierAdjudication, line, pr, secondLine } from './testing.ts';

const ctx = { at: AT, postingId: 'man-1' };

/** 15000 billed: 11000 paid + 4000 CO-45, nothing for the patient. */
function input(over: Partial<ManualPaymentInput> = {}): ManualPaymentInput {
  return {
    allowedCents: null,
    paidCents: 11000,
    adjustments: [co('45', 4000)],
    patientResponsibilityCents: 0,
    remarks: [],
    secondaryPolicyOnFile: false,
    ...over,
  };
}

function planned(r: ManualPaymentResult) {
  if (!r.ok) throw new Error(`refused: ${r.refusal.code} ${r.refusal.message}`);
  return r.plan;
}

function refusal(r: ManualPaymentResult): string {
  if (r.ok) throw new Error('expected a refusal');
  return r.refusal.code;
}

describe('planManualPayment', () => {
  it('paid in full: one manual adjudication, Paid via Record Payment, nothing offered', () => {
    const c = claim();
    const p = planned(
      planManualPayment(c, input({ payerClaimControlNumber: 'EOB-1', remarks: ['N4'] }), ctx),
    );
    expect(p.postingsToAppend).toEqual([
      {
        id: 'man-1',
        at: AT,
        kind: 'adjudication',
        payerId: 'payer-1',
        allowedCents: 11000,
        paidCents: 11000,
        adjustments: [co('45', 4000)],
        remarks: ['N4'],
        lines: [],
        payerClaimControlNumber: 'EOB-1',
        source: { kind: 'manual' },
      },
    ]);
    expect(p.intent).toEqual({ toStatus: 'Paid', via: 'manual_payment', reason: 'Payment recorded' });
    expect(p.offers).toEqual({ secondaryClaim: false, patientInvoice: false });
    expect(p.payerClaimControlNumber).toBe('EOB-1');

    const r = applyManualPayment(c, p, { at: AT, eventId: 'ev-1', actor: biller });
    if (!r.ok) throw new Error(r.refusal.message);
    claimSchema.parse(r.claim);
    expect(r.claim.status).toBe('Paid');
    expect(r.claim.payerClaimControlNumber).toBe('EOB-1');
    expect(r.event).toMatchObject({
      actor: biller,
      fromStatus: 'Submitted',
      toStatus: 'Paid',
      detail: 'via=manual_payment',
    });
  });

  it('maps an un-itemised patient responsibility to one PR-2 (coinsurance) adjustment and offers an invoice', () => {
    // 15000 = 8000 paid + 5000 CO-45 + 2000 patient; allowed derived: 15000 − 5000 = 10000.
    const p = planned(
      planManualPayment(
        claim(),
        input({ paidCents: 8000, adjustments: [co('45', 5000)], patientResponsibilityCents: 2000 }),
        ctx,
      ),
    );
    const posting = p.postingsToAppend[0]!;
    expect(posting.kind === 'adjudication' && [posting.allowedCents, posting.adjustments]).toEqual([
      10000,
      [co('45', 5000), pr('2', 2000)],
    ]);
    expect(p.intent?.toStatus).toBe('Paid');
    expect(p.patientBalanceCents).toBe(2000);
    expect(p.offers).toEqual({ secondaryClaim: false, patientInvoice: true });
  });

  it('uses the chosen CARC for the patient share, and offers a secondary claim when a later policy is on file', () => {
    const p = planned(
      planManualPayment(
        claim(),
        input({
          paidCents: 8000,
          adjustments: [co('45', 5000)],
          patientResponsibilityCents: 2000,
          patientResponsibilityReason: '3',
          secondaryPolicyOnFile: true,
        }),
        ctx,
      ),
    );
    const posting = p.postingsToAppend[0]!;
    expect(posting.kind === 'adjudication' && posting.adjustments).toEqual([co('45', 5000), pr('3', 2000)]);
    expect(p.offers).toEqual({ secondaryClaim: true, patientInvoice: true });
  });

  it('no secondary claim is offered when nothing remains, even with a policy on file', () => {
    const p = planned(planManualPayment(claim(), input({ secondaryPolicyOnFile: true }), ctx));
    expect(p.offers.secondaryClaim).toBe(false);
  });

  it('itemised PR adjustments must add up to the patient responsibility', () => {
    const ok = input({
      paidCents: 8000,
      adjustments: [co('45', 5000), pr('1', 500), pr('2', 1500)],
      patientResponsibilityCents: 2000,
    });
    const p = planned(planManualPayment(claim(), ok, ctx));
    expect(p.patientBalanceCents).toBe(2000);
    const bad = { ...ok, patientResponsibilityCents: 2500 };
    const r = planManualPayment(claim(), bad, ctx);
    expect(refusal(r)).toBe('patient_responsibility_mismatch');
    expect(!r.ok && r.refusal.message).toBe(
      'Patient responsibility is $25.00 but the PR adjustments add up to $20.00',
    );
  });

  it('refuses paid + adjustments ≠ billed, naming the figures', () => {
    const r = planManualPayment(claim(), input({ paidCents: 10000 }), ctx);
    expect(r).toEqual({
      ok: false,
      refusal: {
        code: 'unbalanced',
        message:
          'Paid $100.00 + adjustments $40.00 + patient responsibility $0.00 must equal the billed $150.00 (off by $10.00)',
      },
    });
  });

  it('refuses negative or fractional amounts, bad codes and too-high allowed', () => {
    expect(
      refusal(planManualPayment(claim(), input({ paidCents: -100, adjustments: [co('45', 15100)] }), ctx)),
    ).toBe('negative_amount');
    expect(refusal(planManualPayment(claim(), input({ paidCents: 10999.5 }), ctx))).toBe('invalid_amount');
    expect(refusal(planManualPayment(claim(), input({ patientResponsibilityCents: -1 }), ctx))).toBe(
      'negative_amount',
    );
    expect(refusal(planManualPayment(claim(), input({ allowedCents: -1 }), ctx))).toBe('negative_amount');
    expect(refusal(planManualPayment(claim(), input({ adjustments: [co('forty', 4000)] }), ctx))).toBe(
      'invalid_code',
    );
    expect(refusal(planManualPayment(claim(), input({ remarks: ['N 4'] }), ctx))).toBe('invalid_code');
    expect(refusal(planManualPayment(claim(), input({ payerClaimControlNumber: '' }), ctx))).toBe(
      'invalid_code',
    );
    expect(refusal(planManualPayment(claim(), input({ allowedCents: 15001 }), ctx))).toBe(
      'allowed_out_of_range',
    );
  });

  it('refuses claims not yet submitted or closed, and the same posting twice', () => {
    expect(refusal(planManualPayment(claim({ status: 'Ready' }), input(), ctx))).toBe('claim_not_submitted');
    expect(refusal(planManualPayment(claim({ status: 'Held' }), input(), ctx))).toBe('claim_not_submitted');
    expect(refusal(planManualPayment(claim({ status: 'Voided' }), input(), ctx))).toBe('claim_closed');
    expect(refusal(planManualPayment(claim({ status: 'Settled' }), input(), ctx))).toBe('claim_closed');
    const once = claim({ postings: [{ ...earlierAdjudication(0, 11000, [co('45', 4000)]), id: 'man-1' }] });
    expect(refusal(planManualPayment(once, input(), ctx))).toBe('duplicate_posting');
  });

  it('a recorded denial (0 paid, CO-4) posts and makes the Submitted claim Denied with its codes', () => {
    const p = planned(
      planManualPayment(
        claim(),
        input({ paidCents: 0, adjustments: [co('4', 15000)], remarks: ['N130'] }),
        ctx,
      ),
    );
    expect(p.intent).toEqual({
      toStatus: 'Denied',
      via: 'manual_payment',
      reason: 'Denial recorded from the payer’s EOB',
      denialCodes: ['CO-4', 'N130'],
    });
    expect(p.denialCodes).toEqual(['CO-4', 'N130']);
    const applied = applyManualPayment(claim(), p, { at: AT, eventId: 'ev-d', actor: biller });
    expect(applied.ok && applied.claim.status).toBe('Denied');
    expect(applied.ok && applied.claim.denialCodes).toEqual(['CO-4', 'N130']);
    expect(p.insuranceBalanceCents).toBe(0);
  });

  it('on a Denied claim a payment in full (after an appeal) makes it Paid', () => {
    const denied = claim({ status: 'Denied', denialCodes: ['CO-16'] });
    const p = planned(planManualPayment(denied, input(), ctx));
    expect(p.intent).toMatchObject({ toStatus: 'Paid', via: 'manual_payment' });
    expect(p.postingsToAppend).toHaveLength(1);
    const applied = applyManualPayment(denied, p, { at: AT, eventId: 'ev-p', actor: biller });
    expect(applied.ok && applied.claim.status).toBe('Paid');
    expect(applied.ok && applied.claim.denialCodes).toEqual([]);
  });

  describe('lines', () => {
    const twoLines = (): Claim => claim({ lines: [...claim().lines, secondLine] }); // billed 20000
    // 20000 = 14000 paid + 4000 CO-45 + 2000 PR-2; line 1: 15000 = 10000 + 3000 + 2000; line 2: 5000 = 4000 + 1000.
    const totals = input({
      paidCents: 14000,
      adjustments: [co('45', 4000)],
      patientResponsibilityCents: 2000,
    });
    const lines = [
      line(1, '97153', 15000, 10000, [co('45', 3000), pr('2', 2000)]),
      line(2, '97155', 5000, 4000, [co('45', 1000)]),
    ];

    it('lines that add up to the totals are posted with the payment', () => {
      const p = planned(planManualPayment(twoLines(), { ...totals, lines }, ctx));
      const posting = p.postingsToAppend[0]!;
      expect(posting.kind === 'adjudication' && posting.lines).toEqual(lines);
      expect(p.intent?.toStatus).toBe('Paid');
      expect(
        deriveBalances({ lines: twoLines().lines, postings: p.postingsToAppend }).patientBalanceCents,
      ).toBe(2000);
    });

    it('refuses lines that are not the claim’s, do not balance, or do not add up', () => {
      const unknown = [lines[0]!, line(3, '97155', 5000, 4000, [co('45', 1000)])];
      expect(refusal(planManualPayment(twoLines(), { ...totals, lines: unknown }, ctx))).toBe('line_unknown');
      const twice = [lines[0]!, lines[0]!];
      expect(refusal(planManualPayment(twoLines(), { ...totals, lines: twice }, ctx))).toBe('line_unknown');
      const wrongCharge = [lines[0]!, line(2, '97155', 5100, 4100, [co('45', 1000)])];
      expect(refusal(planManualPayment(twoLines(), { ...totals, lines: wrongCharge }, ctx))).toBe(
        'line_unknown',
      );
      const unbalanced = [lines[0]!, line(2, '97155', 5000, 4000, [co('45', 900)])];
      expect(refusal(planManualPayment(twoLines(), { ...totals, lines: unbalanced }, ctx))).toBe(
        'line_unbalanced',
      );
      // Balanced lines, but 200 moved from paid to CO-45 on line 2: the totals say otherwise.
      const moved = [lines[0]!, line(2, '97155', 5000, 3800, [co('45', 1200)])];
      expect(refusal(planManualPayment(twoLines(), { ...totals, lines: moved }, ctx))).toBe(
        'lines_do_not_add_up',
      );
    });
  });

  it('a viewer cannot apply it: the lifecycle refuses and nothing changes', () => {
    const c = claim();
    const p = planned(planManualPayment(c, input(), ctx));
    const r = applyManualPayment(c, p, { at: AT, eventId: 'ev-1', actor: viewer });
    expect(r).toMatchObject({ ok: false, refusal: { code: 'read_only' } });
    expect(c.postings).toEqual([]);
    // Also on a Denied claim.
    const denied = claim({ status: 'Denied' });
    const q = planned(planManualPayment(denied, input(), ctx));
    expect(q.intent?.toStatus).toBe('Paid');
    expect(applyManualPayment(denied, q, { at: AT, eventId: 'ev-2', actor: viewer })).toMatchObject({
      ok: false,
      refusal: { code: 'read_only' },
    });
  });
});
