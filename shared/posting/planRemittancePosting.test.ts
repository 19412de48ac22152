import { describe, expect, it } from 'vitest';
import { deriveBalances } from '../balances/deriveBalances.ts';
import { type Claim, claimSchema } from '../domain/claim.ts';
import { postingSchema } from '../domain/posting.ts';
import { applyPlanToClaim } from './applyPlan.ts';
import type { ClaimPostingPlan } from './planRemittancePosting.ts';
import {
  AT,
  claim,
  co,
  earlierAdjudication,
  entry,
  HASH,
  idOf,
  line,
  OLD_HASH,
  oa,
  plan,
  postable,
  pr,
  reversalOf,
  secondLine,
} from './testing.ts';

/** Apply a plan entry as the server and return the claim, failing the test on a refusal. */
function apply(c: Claim, p: ClaimPostingPlan, n = 1): Claim {
  const r = applyPlanToClaim(c, p, { at: AT, eventId: `ev-${n}` });
  if (!r.ok) throw new Error(`refused: ${r.refusal.code} ${r.refusal.message}`);
  // Whatever the engine appends is a valid claim record.
  claimSchema.parse(r.claim);
  return r.claim;
}

function only(p: ReturnType<typeof postable>): ClaimPostingPlan {
  expect(p.claims).toHaveLength(1);
  return p.claims[0]!;
}

describe('planRemittancePosting: payments', () => {
  it('full payment: one adjudication (11000 paid + 4000 CO-45 = 15000) and Paid', () => {
    const c = claim();
    const p = only(postable(plan([entry()], [c])));
    expect(p.claimId).toBe('CLM000001');
    expect(p.entryIndexes).toEqual([0]);
    expect(p.postingsToAppend).toEqual([
      {
        id: idOf(0),
        at: AT,
        kind: 'adjudication',
        payerId: 'payer-1',
        allowedCents: 11000, // 15000 − 4000 CO
        paidCents: 11000,
        adjustments: [co('45', 4000)],
        remarks: [],
        lines: [],
        payerClaimControlNumber: '26001000001',
        source: { kind: 'remittance', remittanceId: HASH },
      },
    ]);
    for (const posting of p.postingsToAppend) postingSchema.parse(posting);
    expect(p.intent).toEqual({ toStatus: 'Paid', via: 'remittance', reason: 'Paid by the payer' });
    expect(p.payerClaimControlNumber).toBe('26001000001');
    expect(p.ediStatus).toBe('accepted_payer');
    expect(p.insuranceBalanceCents).toBe(0);
    expect(p.patientBalanceCents).toBe(0);
    expect(p.warnings).toEqual([]);

    const after = apply(c, p);
    expect(after.status).toBe('Paid');
    expect(after.payerClaimControlNumber).toBe('26001000001');
    expect(after.ediStatus).toBe('accepted_payer');
    expect(deriveBalances(after).insurancePaidCents).toBe(11000);
  });

  it('partial payment with 20 % coinsurance: allowed 10000 = 8000 paid + 2000 PR-2, Paid with a 2000 patient balance', () => {
    const e = entry({
      paidCents: 8000,
      patientResponsibilityCents: 2000,
      adjustments: [co('45', 5000), pr('2', 2000)],
    });
    const p = only(postable(plan([e], [claim()])));
    const posting = p.postingsToAppend[0]!;
    expect(posting.kind === 'adjudication' && posting.allowedCents).toBe(10000);
    expect(p.intent?.toStatus).toBe('Paid');
    expect(p.insuranceBalanceCents).toBe(0);
    expect(p.patientBalanceCents).toBe(2000);
    const b = deriveBalances(apply(claim(), p));
    expect(b.patientResponsibilityCents).toBe(2000);
    expect(b.adjustmentsByCarc).toEqual({ 'CO-45': 5000, 'PR-2': 2000 });
  });

  it("takes the 835's own allowed amount when it gives one", () => {
    const e = entry({ allowedCents: 11500, paidCents: 11000, adjustments: [co('45', 3500), co('253', 500)] });
    const posting = only(postable(plan([e], [claim()]))).postingsToAppend[0]!;
    expect(posting.kind === 'adjudication' && posting.allowedCents).toBe(11500);
  });

  it('merges line-level CAS per group + CARC into the claim totals', () => {
    const c = claim({ lines: [...claim().lines, secondLine] }); // billed 20000
    // Line 1: 15000 = 10000 + 3000 CO-45 + 2000 PR-2; line 2: 5000 = 3000 + 2000 CO-45.
    // Claim: 20000 − 13000 paid = 7000 = 5000 CO-45 + 2000 PR-2; allowed = 20000 − 5000 = 15000.
    const e = entry({
      chargeCents: 20000,
      paidCents: 13000,
      patientResponsibilityCents: 2000,
      adjustments: [],
      lines: [
        line(1, '97153', 15000, 10000, [co('45', 3000), pr('2', 2000)]),
        line(2, '97155', 5000, 3000, [co('45', 2000)]),
      ],
    });
    const p = only(postable(plan([e], [c])));
    const posting = p.postingsToAppend[0]!;
    if (posting.kind !== 'adjudication') throw new Error('expected an adjudication');
    expect(posting.adjustments).toEqual([co('45', 5000), pr('2', 2000)]);
    expect(posting.allowedCents).toBe(15000);
    expect(posting.lines).toEqual(e.lines);
    expect(posting.lines).not.toBe(e.lines);
    expect(p.intent?.toStatus).toBe('Paid');
    expect(p.patientBalanceCents).toBe(2000);
  });

  it('a claim-level CAS beside line CAS: both count', () => {
    const c = claim({ lines: [...claim().lines, secondLine] }); // billed 20000
    // Lines: 15000 = 10000 + 5000 CO-45; 5000 = 4000 + 1000 CO-45. Claim-level PR-3 copay 1500 taken
    // off the claim's payment: paid 14000 − 1500 = 12500; 20000 − 12500 = 7500 = 1500 + 5000 + 1000.
    const e = entry({
      chargeCents: 20000,
      paidCents: 12500,
      patientResponsibilityCents: 1500,
      adjustments: [pr('3', 1500)],
      lines: [
        line(1, '97153', 15000, 10000, [co('45', 5000)]),
        line(2, '97155', 5000, 4000, [co('45', 1000)]),
      ],
    });
    const p = only(postable(plan([e], [c])));
    const posting = p.postingsToAppend[0]!;
    expect(posting.kind === 'adjudication' && posting.adjustments).toEqual([pr('3', 1500), co('45', 6000)]);
    expect(p.insuranceBalanceCents).toBe(0);
    expect(p.patientBalanceCents).toBe(1500);
  });

  it('paid 0 because the whole allowed went to the deductible is Paid with a patient balance, not a denial', () => {
    const e = entry({
      paidCents: 0,
      patientResponsibilityCents: 10000,
      adjustments: [co('45', 5000), pr('1', 10000)],
    });
    const p = only(postable(plan([e], [claim()])));
    expect(p.intent?.toStatus).toBe('Paid');
    expect(p.denialCodes).toEqual([]);
    expect(p.patientBalanceCents).toBe(10000);
  });

  it('a payment leaving an insurance balance keeps the claim Submitted and warns of the differing charge', () => {
    // The payer adjudicated 10000 of the 15000 (a split claim): 8000 + 2000 CO-45; 5000 still owed.
    const e = entry({ chargeCents: 10000, paidCents: 8000, adjustments: [co('45', 2000)] });
    const p = only(postable(plan([e], [claim()])));
    expect(p.intent).toBeNull();
    expect(p.insuranceBalanceCents).toBe(5000);
    expect(p.warnings.map((w) => w.code)).toEqual(['charge_differs']);
    expect(p.warnings[0]!.message).toContain('$100.00');
    expect(apply(claim(), p).status).toBe('Submitted');
  });

  it('a partial line denial with payment: Paid (no insurance balance), the denied line listed', () => {
    const c = claim({ lines: [...claim().lines, secondLine] });
    const e = entry({
      chargeCents: 20000,
      paidCents: 11000,
      adjustments: [],
      remarks: ['N130'],
      lines: [line(1, '97153', 15000, 11000, [co('45', 4000)]), line(2, '97155', 5000, 0, [co('4', 5000)])],
    });
    const p = only(postable(plan([e], [c])));
    expect(p.intent?.toStatus).toBe('Paid');
    expect(p.denialCodes).toEqual([]);
    expect(p.deniedLines).toEqual([{ lineNo: 2, serviceCode: '97155', codes: ['CO-4'] }]);
  });

  it('records no new payer claim control number when it is the one on file, and no EDI status twice', () => {
    const c = claim({ payerClaimControlNumber: '26001000001', ediStatus: 'accepted_payer' });
    const p = only(postable(plan([entry()], [c])));
    expect(p.payerClaimControlNumber).toBeNull();
    expect(p.ediStatus).toBeNull();
    expect(apply(c, p).payerClaimControlNumber).toBe('26001000001');
  });

  it('posts every claim of the file, each in file order', () => {
    const a = claim();
    const b = claim({ id: 'CLM000002' });
    const r = postable(
      plan(
        [
          entry(),
          entry({ patientControlNumber: 'CLM000002', paidCents: 9000, adjustments: [co('45', 6000)] }),
        ],
        [a, b],
      ),
    );
    expect(r.claims.map((x) => [x.claimId, x.entryIndexes, x.postingsToAppend[0]!.id])).toEqual([
      ['CLM000001', [0], idOf(0)],
      ['CLM000002', [1], idOf(1)],
    ]);
  });
});

describe('planRemittancePosting: denials', () => {
  it('CLP02 4 with CO-4 and N130: Denied with the codes', () => {
    const e = entry({
      statusCode: '4',
      paidCents: 0,
      adjustments: [],
      remarks: ['N130'],
      lines: [line(1, '97153', 15000, 0, [co('4', 15000)])],
    });
    const c = claim();
    const p = only(postable(plan([e], [c])));
    expect(p.intent).toEqual({
      toStatus: 'Denied',
      via: 'remittance',
      reason: 'Denied by the payer: CO-4, N130',
      denialCodes: ['CO-4', 'N130'],
    });
    expect(p.denialCodes).toEqual(['CO-4', 'N130']);
    expect(p.deniedLines).toEqual([{ lineNo: 1, serviceCode: '97153', codes: ['CO-4'] }]);
    const posting = p.postingsToAppend[0]!;
    expect(posting.kind === 'adjudication' && [posting.allowedCents, posting.paidCents]).toEqual([0, 0]);
    expect(p.insuranceBalanceCents).toBe(0);
    const after = apply(c, p);
    expect(after.status).toBe('Denied');
    expect(after.denialCodes).toEqual(['CO-4', 'N130']);
  });

  it('paid 0 with a denial CARC under CLP02 1 is a denial too', () => {
    const e = entry({ paidCents: 0, adjustments: [co('197', 15000)], remarks: ['N54'] });
    const p = only(postable(plan([e], [claim()])));
    expect(p.intent?.toStatus).toBe('Denied');
    expect(p.intent?.denialCodes).toEqual(['CO-197', 'N54']);
  });

  it('a denial of an already Denied claim posts but changes no status', () => {
    const e = entry({ statusCode: '4', paidCents: 0, adjustments: [co('16', 15000)] });
    const c = claim({ status: 'Denied', denialCodes: ['CO-4'] });
    const p = only(postable(plan([e], [c])));
    expect(p.postingsToAppend).toHaveLength(1);
    expect(p.intent).toBeNull();
    expect(p.denialCodes).toEqual(['CO-16']);
  });

  it('a Denied claim reprocessed (its denial reversed, then paid) becomes Paid and loses its codes', () => {
    const denial = entry({ statusCode: '4', paidCents: 0, adjustments: [co('4', 15000)] });
    const c = claim({
      status: 'Denied',
      denialCodes: ['CO-4'],
      postings: [earlierAdjudication(0, 0, [co('4', 15000)])],
    });
    const p = only(
      postable(plan([reversalOf(denial), entry({ payerClaimControlNumber: '26001000002' })], [c])),
    );
    expect(p.postingsToAppend.map((x) => x.kind)).toEqual(['reversal', 'adjudication']);
    expect(p.postingsToAppend[0]).toEqual({
      id: idOf(0),
      at: AT,
      kind: 'reversal',
      reverses: idOf(0, OLD_HASH),
    });
    expect(p.intent).toEqual({
      toStatus: 'Paid',
      via: 'remittance',
      reason: 'Reprocessed and paid by the payer',
    });
    const after = apply(c, p);
    expect(after.status).toBe('Paid');
    expect(after.denialCodes).toEqual([]);
    expect(after.payerClaimControlNumber).toBe('26001000002');
    expect(deriveBalances(after).adjustmentsByCarc).toEqual({ 'CO-45': 4000 });
  });
});

describe('planRemittancePosting: secondary payers', () => {
  const primary = claim({
    status: 'Paid',
    payerClaimControlNumber: '26001000001',
    postings: [earlierAdjudication(0, 11000, [co('45', 2000), pr('2', 2000)])],
  });
  const secondary = claim({
    id: 'SCLM000001',
    payerId: 'payer-2',
    policyRank: 2,
    relatedClaimId: 'CLM000001',
  });

  it("CLP02 2 posts to the secondary claim against the file's payer: 2000 paid + 13000 OA-23 → Paid", () => {
    const e = entry({
      patientControlNumber: 'SCLM000001',
      statusCode: '2',
      paidCents: 2000,
      adjustments: [oa('23', 13000)],
      payerClaimControlNumber: 'S-77',
    });
    const r = postable(plan([e], [primary, secondary], 'payer-2'));
    const p = only(r);
    expect(p.claimId).toBe('SCLM000001');
    expect(p.intent?.toStatus).toBe('Paid');
    const after = apply(secondary, p);
    expect(deriveBalances(after).paidByPayer).toEqual({ 'payer-2': 2000 });
    expect(deriveBalances(after).insuranceBalanceCents).toBe(0);
    // The primary, already paid, is not touched.
    expect(r.claims.some((x) => x.claimId === primary.id)).toBe(false);
    expect(deriveBalances(primary).paidByPayer).toEqual({ 'payer-1': 11000 });
  });

  it('a secondary paying 0 because the primary covered it (OA-23 only) is Paid, not Denied', () => {
    const e = entry({
      patientControlNumber: 'SCLM000001',
      statusCode: '2',
      paidCents: 0,
      adjustments: [oa('23', 15000)],
    });
    const p = only(postable(plan([e], [secondary], 'payer-2')));
    expect(p.intent?.toStatus).toBe('Paid');
    expect(p.denialCodes).toEqual([]);
  });

  it('CLP02 2 from the secondary payer naming the primary claim is not posted to it', () => {
    const e = entry({ statusCode: '2', paidCents: 2000, adjustments: [oa('23', 13000)] });
    const r = postable(plan([e], [primary, secondary], 'payer-2'));
    expect(r.claims).toEqual([]);
    expect(r.unmatched).toEqual([
      {
        index: 0,
        patientControlNumber: 'CLM000001',
        paidCents: 2000,
        code: 'other_payer',
        reason: 'The claim is not billed to this payer',
      },
    ]);
  });
});

describe('planRemittancePosting: reversals', () => {
  const original = entry({ payerClaimControlNumber: 'ICN-1' });
  const paidClaim = (): Claim =>
    claim({
      status: 'Paid',
      payerClaimControlNumber: 'ICN-1',
      ediStatus: 'accepted_payer',
      postings: [earlierAdjudication(0, 11000, [co('45', 4000)], 'ICN-1')],
    });

  it('reversal + correction in one file: the net is the correction, and the Paid claim needs no status change', () => {
    const correction = entry({
      paidCents: 10000,
      patientResponsibilityCents: 2000,
      adjustments: [co('45', 3000), pr('2', 2000)],
      payerClaimControlNumber: 'ICN-2',
    });
    const c = paidClaim();
    const p = only(postable(plan([reversalOf(original), correction], [c])));
    expect(p.entryIndexes).toEqual([0, 1]);
    expect(p.postingsToAppend.map((x) => [x.id, x.kind])).toEqual([
      [idOf(0), 'reversal'],
      [idOf(1), 'adjudication'],
    ]);
    expect(p.postingsToAppend[0]).toMatchObject({ reverses: idOf(0, OLD_HASH) });
    expect(p.intent).toBeNull();
    expect(p.payerClaimControlNumber).toBe('ICN-2');
    expect(p.ediStatus).toBeNull(); // already accepted by the payer
    const b = deriveBalances(apply(c, p));
    expect(b.insurancePaidCents).toBe(10000); // 11000 reversed, 10000 paid
    expect(b.adjustmentsByCarc).toEqual({ 'CO-45': 3000, 'PR-2': 2000 });
    expect(b.insuranceBalanceCents).toBe(0);
    expect(b.patientBalanceCents).toBe(2000);
  });

  it('reversal + correction of a Submitted claim paid earlier in part: one status change, to Paid', () => {
    // Earlier: 8000 paid + 2000 CO-45 on a 10000 share of the claim; now reversed and redone in full.
    const part = entry({
      chargeCents: 10000,
      paidCents: 8000,
      adjustments: [co('45', 2000)],
      payerClaimControlNumber: 'ICN-1',
    });
    const c = claim({ postings: [earlierAdjudication(0, 8000, [co('45', 2000)], 'ICN-1')] });
    const p = only(postable(plan([reversalOf(part), entry()], [c])));
    expect(p.intent).toEqual({ toStatus: 'Paid', via: 'remittance', reason: 'Paid by the payer' });
    expect(deriveBalances(apply(c, p)).insurancePaidCents).toBe(11000);
  });

  it('reversal + a denial as the correction: Denied with the correction codes', () => {
    const denial = entry({
      statusCode: '4',
      paidCents: 0,
      adjustments: [co('50', 15000)],
      remarks: ['M127'],
    });
    const p = only(postable(plan([reversalOf(original), denial], [paidClaim()])));
    expect(p.intent?.toStatus).toBe('Denied');
    expect(p.intent?.denialCodes).toEqual(['CO-50', 'M127']);
  });

  it("reversal alone of a Paid claim: Denied 'Payment reversed', the whole charge owed again", () => {
    const c = paidClaim();
    const p = only(postable(plan([{ ...reversalOf(original), remarks: ['N689'] }], [c])));
    expect(p.intent).toEqual({
      toStatus: 'Denied',
      via: 'remittance',
      reason: 'Payment reversed',
      denialCodes: ['N689'],
    });
    expect(p.ediStatus).toBeNull();
    expect(p.payerClaimControlNumber).toBeNull();
    expect(p.insuranceBalanceCents).toBe(15000);
    const after = apply(c, p);
    expect(after.status).toBe('Denied');
    expect(deriveBalances(after).insurancePaidCents).toBe(0);
  });

  it('prefers the adjudication with the same payer claim control number, else the latest', () => {
    const twice = claim({
      status: 'Paid',
      postings: [
        earlierAdjudication(0, 11000, [co('45', 4000)], 'ICN-A'),
        earlierAdjudication(1, 11000, [co('45', 4000)], 'ICN-B'),
      ],
    });
    const byIcn = only(postable(plan([reversalOf(entry({ payerClaimControlNumber: 'ICN-A' }))], [twice])));
    expect(byIcn.postingsToAppend[0]).toMatchObject({ reverses: idOf(0, OLD_HASH) });
    expect(byIcn.intent).toBeNull(); // the second payment still covers the claim (an insurance credit undone)
    const latest = only(postable(plan([reversalOf(entry({ payerClaimControlNumber: null }))], [twice])));
    expect(latest.postingsToAppend[0]).toMatchObject({ reverses: idOf(1, OLD_HASH) });
  });

  it('a reversal matching no earlier payment is unmatched, and so is the rest of that claim in the file', () => {
    const c = paidClaim();
    const wrong = reversalOf(entry({ paidCents: 10000, adjustments: [co('45', 5000)] })); // 100.00 ≠ 110.00
    const r = postable(plan([wrong, entry({ payerClaimControlNumber: 'ICN-2' })], [c]));
    expect(r.claims).toEqual([]);
    expect(r.unmatched.map((u) => [u.index, u.code, u.paidCents])).toEqual([
      [0, 'nothing_to_reverse', -10000],
      [1, 'claim_has_unmatched_reversal', 11000],
    ]);
    expect(r.unmatched[0]!.reason).toContain('$100.00');
  });

  it("a reversal never undoes another payer's payment, nor one already reversed", () => {
    const otherPayer = claim({
      status: 'Paid',
      postings: [earlierAdjudication(0, 11000, [co('45', 4000)], 'ICN-1', 'payer-9')],
    });
    expect(postable(plan([reversalOf(original)], [otherPayer])).unmatched[0]!.code).toBe(
      'nothing_to_reverse',
    );
    const undone = claim({
      postings: [
        earlierAdjudication(0, 11000, [co('45', 4000)], 'ICN-1'),
        { id: 'rev-1', at: AT, kind: 'reversal', reverses: idOf(0, OLD_HASH) },
      ],
    });
    expect(postable(plan([reversalOf(original)], [undone])).unmatched[0]!.code).toBe('nothing_to_reverse');
  });

  it('a reversal must negate each adjustment group, not only the total', () => {
    const c = claim({
      status: 'Paid',
      postings: [earlierAdjudication(0, 9000, [co('45', 4000), pr('2', 2000)], 'ICN-1')],
    });
    // Same paid and total, but the patient's 2000 moved to CO: would leave the patient owing.
    const shifted = reversalOf(
      entry({ paidCents: 9000, adjustments: [co('45', 6000)], payerClaimControlNumber: 'ICN-1' }),
    );
    expect(postable(plan([shifted], [c])).unmatched[0]!.code).toBe('nothing_to_reverse');
    // Same adjustments, but 1000 less paid (charge 14000): not the payment on file either.
    const less = reversalOf(
      entry({ chargeCents: 14000, paidCents: 8000, adjustments: [co('45', 4000), pr('2', 2000)] }),
    );
    expect(postable(plan([less], [c])).unmatched[0]!.code).toBe('nothing_to_reverse');
    // The exact negation is matched.
    const exact = reversalOf(entry({ paidCents: 9000, adjustments: [co('45', 4000), pr('2', 2000)] }));
    expect(only(postable(plan([exact], [c]))).postingsToAppend[0]).toMatchObject({
      reverses: idOf(0, OLD_HASH),
    });
  });

  it('a payment and its reversal in the same file cancel out: no status change', () => {
    const c = claim();
    const p = only(postable(plan([entry(), reversalOf(entry())], [c])));
    expect(p.postingsToAppend[1]).toMatchObject({ kind: 'reversal', reverses: idOf(0) });
    expect(p.intent).toBeNull();
    expect(p.insuranceBalanceCents).toBe(15000);
  });
});

describe('planRemittancePosting: posting once', () => {
  it('the same file twice: everything already posted, nothing new', () => {
    let c = claim();
    let d = claim({ id: 'CLM000002' });
    const entries = [
      entry(),
      entry({
        patientControlNumber: 'CLM000002',
        statusCode: '4',
        paidCents: 0,
        adjustments: [co('4', 15000)],
      }),
      entry({ patientControlNumber: 'NOPE', paidCents: 500, adjustments: [co('45', 14500)] }),
    ];
    const first = postable(plan(entries, [c, d]));
    c = apply(c, first.claims[0]!, 1);
    d = apply(d, first.claims[1]!, 2);
    expect([c.status, d.status]).toEqual(['Paid', 'Denied']);

    const second = postable(plan(entries, [c, d]));
    expect(second.claims).toEqual([]);
    expect(second.alreadyPosted).toEqual([
      { index: 0, claimId: 'CLM000001', postingId: idOf(0) },
      { index: 1, claimId: 'CLM000002', postingId: idOf(1) },
    ]);
    expect(second.unmatched).toEqual(first.unmatched);
  });

  it('a file posted in part posts only the rest', () => {
    const entries = [
      reversalOf(entry({ payerClaimControlNumber: 'ICN-1' })),
      entry({ payerClaimControlNumber: 'ICN-2' }),
    ];
    const c = claim({ status: 'Paid', postings: [earlierAdjudication(0, 11000, [co('45', 4000)], 'ICN-1')] });
    const full = only(postable(plan(entries, [c])));
    const half = claim({ ...c, postings: [...c.postings, full.postingsToAppend[0]!], status: 'Denied' });
    const rest = postable(plan(entries, [half]));
    expect(rest.alreadyPosted.map((a) => a.index)).toEqual([0]);
    const p = only(rest);
    expect(p.postingsToAppend.map((x) => x.id)).toEqual([idOf(1)]);
    expect(p.intent?.toStatus).toBe('Paid');
  });

  it('posting ids fit the domain: rem:, 48 characters of the hash, the index', () => {
    const p = only(postable(plan([entry()], [claim()])));
    const id = p.postingsToAppend[0]!.id;
    expect(id).toBe(`rem:${HASH.slice(0, 48)}:0`);
    expect(id.length).toBeLessThanOrEqual(64);
  });

  it('refuses a remittance id that is not a domain id', () => {
    expect(() => plan([entry()], [claim()], 'payer-1', 'has space')).toThrow(RangeError);
    expect(() => plan([entry()], [claim()], 'payer-1', 'f'.repeat(65))).toThrow(RangeError);
  });

  it('applying a plan to a claim that moved on is refused as stale, and changes nothing', () => {
    const c = claim();
    const p = only(postable(plan([entry()], [c])));
    const settled = { ...c, status: 'Settled' as const };
    expect(applyPlanToClaim(settled, p, { at: AT, eventId: 'ev' })).toMatchObject({
      ok: false,
      refusal: { code: 'stale_plan' },
    });
    const posted = apply(c, p);
    expect(applyPlanToClaim({ ...posted, status: 'Submitted' }, p, { at: AT, eventId: 'ev' })).toMatchObject({
      ok: false,
      refusal: { code: 'stale_plan' },
    });
    expect(applyPlanToClaim(claim({ id: 'CLM000002' }), p, { at: AT, eventId: 'ev' })).toMatchObject({
      ok: false,
      refusal: { code: 'wrong_claim' },
    });
  });
});

describe('planRemittancePosting: unmatched', () => {
  it('an unknown patient control number is listed with its paid amount', () => {
    const r = postable(plan([entry({ patientControlNumber: 'ZZZ999' })], [claim()]));
    expect(r.claims).toEqual([]);
    expect(r.unmatched).toEqual([
      {
        index: 0,
        patientControlNumber: 'ZZZ999',
        paidCents: 11000,
        code: 'no_claim',
        reason: 'No claim has this patient control number',
      },
    ]);
  });

  it('never posts to a Ready, Held, Voided or Settled claim', () => {
    for (const [status, code] of [
      ['Ready', 'not_submitted'],
      ['Held', 'not_submitted'],
      ['Voided', 'voided'],
      ['Settled', 'settled'],
    ] as const) {
      const r = postable(plan([entry()], [claim({ status })]));
      expect(r.claims).toEqual([]);
      expect(r.unmatched.map((u) => u.code)).toEqual([code]);
    }
    expect(postable(plan([entry()], [claim({ status: 'Ready' })])).unmatched[0]!.reason).toBe(
      'The claim is Ready and has not been submitted, so payments are not posted to it automatically',
    );
  });

  it('a file from an unknown payer posts nothing', () => {
    const r = postable(plan([entry()], [claim()], null));
    expect(r.claims).toEqual([]);
    expect(r.unmatched[0]!.code).toBe('unknown_payer');
  });

  it('CLP02 23 (forwarded) and 25 (predetermination) are listed, not posted', () => {
    const r = postable(
      plan(
        [
          entry({ statusCode: '23', paidCents: 0, adjustments: [oa('109', 15000)] }),
          entry({ statusCode: '25' }),
        ],
        [claim()],
      ),
    );
    expect(r.claims).toEqual([]);
    expect(r.unmatched.map((u) => [u.index, u.code])).toEqual([
      [0, 'not_adjudicated'],
      [1, 'not_adjudicated'],
    ]);
  });
});

describe('planRemittancePosting: entries that do not balance', () => {
  it('an entry whose charge ≠ paid + adjustments makes the whole file unpostable', () => {
    const r = plan(
      [entry(), entry({ patientControlNumber: 'CLM000002', paidCents: 10000 })],
      [claim(), claim({ id: 'CLM000002' })],
    );
    expect(r.postable).toBe(false);
    if (r.postable) return;
    expect(r.problems).toEqual([
      {
        code: 'claim_unbalanced',
        index: 1,
        patientControlNumber: 'CLM000002',
        message:
          'Claim payment 2 (claim CLM000002): charge $150.00 ≠ paid $100.00 + adjustments $40.00 (off by $10.00)',
      },
    ]);
    expect('claims' in r).toBe(false);
  });

  it('claim CAS + line CAS must make up charge − paid', () => {
    // Lines balance on their own, but the claim-level CO-45 is counted on top of them.
    const e = entry({ lines: [line(1, '97153', 15000, 11000, [co('45', 4000)])] });
    const r = plan([e], [claim()]);
    expect(r.postable === false && r.problems.map((p) => p.code)).toEqual(['claim_unbalanced']);
  });

  it('checks lines, patient responsibility, status codes, codes and amounts', () => {
    const cases: [Partial<Parameters<typeof entry>[0]>, string][] = [
      // The claim balances (1000 + 3000 = 4000) but the line does not (15000 − 11000 ≠ 3000).
      [
        { adjustments: [co('45', 1000)], lines: [line(1, '97153', 15000, 11000, [co('45', 3000)])] },
        'line_unbalanced',
      ],
      [
        { paidCents: 9000, patientResponsibilityCents: 2500, adjustments: [co('45', 4000), pr('2', 2000)] },
        'patient_responsibility_mismatch',
      ],
      [{ statusCode: '7' }, 'unknown_status'],
      [{ remarks: ['n130'] }, 'invalid_code'],
      [{ adjustments: [co('4-5', 4000)] }, 'invalid_code'],
      [{ payerClaimControlNumber: '9'.repeat(51) }, 'invalid_code'],
      [{ paidCents: 11000.5, adjustments: [co('45', 3999.5)] }, 'invalid_amount'],
    ];
    for (const [over, code] of cases) {
      const r = plan([entry(over)], [claim()]);
      expect(r.postable === false && r.problems.map((p) => p.code)).toEqual([code]);
    }
  });

  it('a zero CLP05 (omitted) defers to the PR adjustments', () => {
    const e = entry({
      paidCents: 9000,
      patientResponsibilityCents: 0,
      adjustments: [co('45', 4000), pr('2', 2000)],
    });
    expect(only(postable(plan([e], [claim()]))).patientBalanceCents).toBe(2000);
  });
});
