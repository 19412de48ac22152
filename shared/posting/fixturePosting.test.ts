/**
 * The synthetic 835 fixtures (shared/x12/ack/fixtures) read and posted to the cent, against figures
 * worked out by hand from each file's CLP/SVC/CAS/PLB segments (written beside each case).
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { deriveBalances } from '../balances/deriveBalances.ts';
import type { Claim } from '../domain/claim.ts';
import type { Posting } from '../domain/posting.ts';
import { makeClaim } from '../lifecycle/testClaim.ts';
import { read835 } from '../x12/ack/read835.ts';
import { applyPlanToClaim } from './applyPlan.ts';
import { remittanceEntry } from './fromParsed835.ts';
import { planRemittancePosting } from './planRemittancePosting.ts';
import { checkRemittanceBalance } from './remittanceBalance.ts';

const fixture = (name: string) =>
  fs.readFileSync(path.join(import.meta.dirname, '../x12/ack/fixtures', name), 'utf8');
const AT = '2026-11-30T12:00:00Z';

/** A Submitted claim with these line charges (cents), billed to payer-1. */
function submitted(id: string, charges: [string, number][], extra: Partial<Claim> = {}): Claim {
  const base = makeClaim();
  return makeClaim({
    id,
    status: 'Submitted',
    ediStatus: 'sent',
    firstSubmittedAt: '2026-11-03T10:00:00Z',
    lastSubmittedAt: '2026-11-03T10:00:00Z',
    lines: charges.map(([code, cents], i) => ({
      ...base.lines[0]!,
      lineNo: i + 1,
      serviceCode: code,
      chargeCents: cents,
    })),
    ...extra,
  });
}

/** Reads `text`, plans every payment against `claims` and applies the plans; the claims after, and the plans. */
function post(text: string, claims: Claim[], remittanceId = 'f'.repeat(44)) {
  const byId = new Map(claims.map((c) => [c.id, c]));
  const parsed = read835(text);
  const plans = parsed.transactions.map((t, i) => {
    const plan = planRemittancePosting({
      remittanceId: `${remittanceId}.${i}`,
      payerId: 'payer-1',
      claimPayments: t.claims.map(remittanceEntry),
      findClaim: (pcn) => byId.get(pcn),
      at: AT,
    });
    if (!plan.postable) throw new Error(plan.problems.map((p) => p.message).join('; '));
    for (const p of plan.claims) {
      const applied = applyPlanToClaim(byId.get(p.claimId)!, p, { at: AT, eventId: `ev:${p.claimId}` });
      if (!applied.ok) throw new Error(applied.refusal.message);
      byId.set(p.claimId, applied.claim);
    }
    return plan;
  });
  return { parsed, claims: byId, plans };
}

describe('835 fixtures posted to the cent', () => {
  // CLP PCN-A1: billed 250.00, paid 182.00; CO-45 15.00 + 12.50, CO-253 0.50; PR-2 15.00, PR-1 25.00.
  // 182.00 + 27.50 + 0.50 + 15.00 + 25.00 = 250.00. Patient owes 40.00; insurance balance 0 → Paid.
  for (const name of ['bom_crlf_indented.835', 'newline_terminated.835', 'nonstandard_delimiters.835']) {
    it(`${name}: one claim paid with coinsurance and a deductible`, () => {
      const claim = submitted('PCN-A1', [
        ['97153', 15000],
        ['97155', 10000],
      ]);
      const { claims, plans } = post(fixture(name), [claim]);
      const after = claims.get('PCN-A1')!;
      const b = deriveBalances(after);
      expect(after.status).toBe('Paid');
      expect(b.insurancePaidCents).toBe(18200);
      expect(b.adjustmentsByCarc).toEqual({ 'CO-45': 2750, 'CO-253': 50, 'PR-2': 1500, 'PR-1': 2500 });
      expect(b.patientResponsibilityCents).toBe(4000);
      expect(b.patientBalanceCents).toBe(4000);
      expect(b.insuranceBalanceCents).toBe(0);
      expect(after.payerClaimControlNumber).toBe('ICN0001');
      expect(plans[0]!.postable && plans[0]!.unmatched).toEqual([]);
    });
  }

  it('reversal_correction.835: the payment of 182.00 is reversed and reposted as 200.00 in one file', () => {
    // Before: ICN0001 paid 182.00 (the claim above). The file: CLP02 22 with every amount negated, then
    // the corrected CLP: paid 135.00 + 65.00 = 200.00; CO-45 15.00 + 10.00; PR-1 25.00. 200 + 25 + 25 = 250.
    // BPR02 = −182.00 + 200.00 = 18.00.
    const earlier: Posting = {
      id: 'rem:earlier:0',
      at: '2026-11-20T12:00:00Z',
      kind: 'adjudication',
      payerId: 'payer-1',
      allowedCents: 22200,
      paidCents: 18200,
      adjustments: [
        { group: 'CO', reason: '45', amountCents: 2750 },
        { group: 'CO', reason: '253', amountCents: 50 },
        { group: 'PR', reason: '2', amountCents: 1500 },
        { group: 'PR', reason: '1', amountCents: 2500 },
      ],
      remarks: [],
      lines: [],
      payerClaimControlNumber: 'ICN0001',
      source: { kind: 'remittance', remittanceId: 'earlier' },
    };
    const paid = submitted(
      'PCN-A1',
      [
        ['97153', 15000],
        ['97155', 10000],
      ],
      {
        status: 'Paid',
        postings: [earlier],
        payerClaimControlNumber: 'ICN0001',
        ediStatus: 'accepted_payer',
      },
    );
    const text = fixture('reversal_correction.835');
    const { parsed, claims } = post(text, [paid]);
    expect(parsed.transactions[0]!.payment.totalCents).toBe(1800);
    const after = claims.get('PCN-A1')!;
    const b = deriveBalances(after);
    expect(after.status).toBe('Paid');
    expect(b.insurancePaidCents).toBe(20000);
    expect(b.adjustmentsByCarc).toEqual({ 'CO-45': 2500, 'PR-1': 2500 });
    expect(b.patientBalanceCents).toBe(2500);
    expect(b.insuranceBalanceCents).toBe(0);
    expect(
      after.postings.filter((p) => p.kind === 'reversal').map((p) => p.kind === 'reversal' && p.reverses),
    ).toEqual(['rem:earlier:0']);
    expect(after.payerClaimControlNumber).toBe('ICN0002');

    // The same file again posts nothing.
    const again = post(text, [after]);
    expect(again.plans[0]!.postable && again.plans[0]!.claims).toEqual([]);
    expect(again.plans[0]!.postable && again.plans[0]!.alreadyPosted).toHaveLength(2);
  });

  it('plb_interest_recoupment.835: two claims, interest added and a recoupment and a forwarding balance taken', () => {
    // PCN-B1: 120.00 = 100.00 paid + CO-45 20.00. PCN-B2: 100.00 = 80.25 + CO-45 10.00 + PR-3 9.75.
    // PLB: L6 −2.37 (interest, added), WO 45.50 and FB 10.00 (taken): 180.25 − 53.13 = 127.12 = BPR02.
    const text = fixture('plb_interest_recoupment.835');
    const parsed = read835(text);
    const t = parsed.transactions[0]!;
    expect(checkRemittanceBalance(t.claims, t.providerAdjustments, t.payment.totalCents)).toEqual({
      ok: true,
      claimPaymentsCents: 18025,
      providerAdjustmentsCents: 5313,
      expectedCents: 12712,
    });
    const { claims } = post(text, [
      submitted('PCN-B1', [['97153', 12000]]),
      submitted('PCN-B2', [['97153', 10000]]),
    ]);
    const b1 = deriveBalances(claims.get('PCN-B1')!);
    const b2 = deriveBalances(claims.get('PCN-B2')!);
    expect([claims.get('PCN-B1')!.status, claims.get('PCN-B2')!.status]).toEqual(['Paid', 'Paid']);
    expect([b1.insurancePaidCents, b1.patientBalanceCents]).toEqual([10000, 0]);
    expect([b2.insurancePaidCents, b2.patientBalanceCents]).toEqual([8025, 975]);
    const posting = claims.get('PCN-B2')!.postings[0]!;
    expect(posting.kind === 'adjudication' ? posting.remarks : null).toEqual(['MA01', 'MA18']);
  });

  it('unbalanced.835: BPR02 is 0.09 more than the claims minus PLB, and the check says by how much', () => {
    const t = read835(fixture('unbalanced.835')).transactions[0]!;
    expect(t.balanced).toBe(false);
    const check = checkRemittanceBalance(t.claims, t.providerAdjustments, t.payment.totalCents);
    expect(check.ok).toBe(false);
    expect(!check.ok && check.problem).toMatchObject({ expectedCents: 12712, totalPaidCents: 12721 });
    expect(!check.ok && check.problem.message).toContain('$0.09 more');
  });
});
