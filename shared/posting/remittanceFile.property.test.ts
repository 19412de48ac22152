/**
 * The whole path a remittance takes, as a property: random claims and payments → an 835 written by our
 * writer → read back by our reader → planned by the posting engine → applied. Every accounting identity
 * holds on every claim, each claim's paid amount is exactly what the file paid, and the same file
 * planned again posts nothing.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deriveBalances } from '../balances/deriveBalances.ts';
import type { Claim } from '../domain/claim.ts';
import { makeClaim } from '../lifecycle/testClaim.ts';
import { practice } from '../x12/837p/testInput.ts';
import { read835 } from '../x12/ack/read835.ts';
import { ackEnvelope } from '../x12/ack/testInput.ts';
import { type Remit835Claim, write835 } from '../x12/ack/write835.ts';
import { applyPlanToClaim } from './applyPlan.ts';
import { remittanceEntry } from './fromParsed835.ts';
import { planRemittancePosting } from './planRemittancePosting.ts';

interface LineCase {
  charge: number;
  co: number;
  pr: number;
}

const lineArb = fc
  .integer({ min: 100, max: 80_000 })
  .chain((charge) =>
    fc
      .integer({ min: 0, max: charge })
      .chain((co) => fc.integer({ min: 0, max: charge - co }).map((pr) => ({ charge, co, pr }))),
  );
const claimsArb = fc.array(fc.array(lineArb, { minLength: 1, maxLength: 3 }), {
  minLength: 1,
  maxLength: 12,
});

const HASH = 'a'.repeat(44);
const AT = '2026-11-30T12:00:00Z';

function claimsFor(cases: LineCase[][]): Claim[] {
  return cases.map((lines, i) =>
    makeClaim({
      id: `C${String(i).padStart(12, '0')}`,
      status: 'Submitted',
      ediStatus: 'sent',
      firstSubmittedAt: '2026-11-01T10:00:00Z',
      lastSubmittedAt: '2026-11-01T10:00:00Z',
      lines: lines.map((l, n) => ({
        lineNo: n + 1,
        serviceCode: '97153',
        modifiers: [],
        units: 1,
        minutes: 15,
        rateCents: l.charge,
        chargeCents: l.charge,
        diagnosisPointers: [1],
        dateOfService: '2026-02-20',
        authorizationId: null,
      })),
    }),
  );
}

function remitFor(claims: Claim[], cases: LineCase[][]): string {
  const remitClaims: Remit835Claim[] = claims.map((c, i) => {
    const lines = cases[i]!.map((l, n) => ({
      procedure: c.lines[n]!.serviceCode,
      modifiers: [],
      chargeCents: l.charge,
      paidCents: l.charge - l.co - l.pr,
      units: 1,
      serviceDate: '2026-02-20',
      adjustments: [
        ...(l.co > 0 ? [{ group: 'CO' as const, reason: '45', amountCents: l.co }] : []),
        ...(l.pr > 0 ? [{ group: 'PR' as const, reason: '2', amountCents: l.pr }] : []),
      ],
    }));
    return {
      patientControlNumber: c.id,
      status: '1',
      chargeCents: lines.reduce((s, l) => s + l.chargeCents, 0),
      paidCents: lines.reduce((s, l) => s + l.paidCents, 0),
      filingIndicator: '12',
      payerClaimControlNumber: `ICN${i}`,
      patient: { first: 'TEST', last: 'PATIENT', memberId: 'M1' },
      lines,
    };
  });
  return write835({
    ...ackEnvelope,
    payments: [
      {
        payer: {
          name: 'Test Payer',
          identifier: '1411289245',
          address: { line1: 'PO Box 1', city: 'Austin', state: 'TX', zip: '78701' },
          contact: { name: 'EDI', phone: '5125550100' },
        },
        payee: { name: 'Test Practice', npi: practice.billingProvider.npi },
        // X12: NON when nothing is paid (every line adjusted away).
        method: remitClaims.some((c) => c.paidCents > 0) ? 'CHK' : 'NON',
        traceNumber: '12345',
        paymentDate: '2026-11-30',
        claims: remitClaims,
      },
    ],
  }).text;
}

describe('an 835 through writer, reader and posting engine', () => {
  it('posts every cent the file pays, keeps the identities, and posts once', () => {
    fc.assert(
      fc.property(claimsArb, (cases) => {
        const claims = claimsFor(cases);
        const parsed = read835(remitFor(claims, cases));
        expect(parsed.balanced).toBe(true);
        const [payment] = parsed.transactions;
        const entries = payment!.claims.map(remittanceEntry);
        const byId = new Map(claims.map((c) => [c.id, c]));
        const plan = planRemittancePosting({
          remittanceId: HASH,
          payerId: 'payer-1',
          claimPayments: entries,
          findClaim: (pcn) => byId.get(pcn),
          at: AT,
        });
        if (!plan.postable) throw new Error(plan.problems.map((p) => p.message).join('; '));
        expect(plan.unmatched).toEqual([]);
        for (const p of plan.claims) {
          const applied = applyPlanToClaim(byId.get(p.claimId)!, p, { at: AT, eventId: `ev:${p.claimId}` });
          if (!applied.ok) throw new Error(applied.refusal.message);
          byId.set(p.claimId, applied.claim);
        }
        let paidTotal = 0;
        claims.forEach((original, i) => {
          const after = byId.get(original.id)!;
          const b = deriveBalances(after);
          const expectedPaid = cases[i]!.reduce((s, l) => s + l.charge - l.co - l.pr, 0);
          const pr = cases[i]!.reduce((s, l) => s + l.pr, 0);
          paidTotal += b.insurancePaidCents;
          expect(b.insurancePaidCents).toBe(expectedPaid);
          expect(b.patientResponsibilityCents).toBe(pr);
          expect(b.insuranceBalanceCents).toBe(0);
          // billed = paid + (CO + OA + PI + CR) + PR + insurance write-off + insurance balance
          const contractual =
            b.adjustmentsByGroup.CO +
            b.adjustmentsByGroup.OA +
            b.adjustmentsByGroup.PI +
            b.adjustmentsByGroup.CR;
          expect(
            b.insurancePaidCents +
              contractual +
              b.patientResponsibilityCents +
              b.insuranceWriteOffCents +
              b.insuranceBalanceCents,
          ).toBe(b.billedCents);
          expect(
            b.patientPaidCents +
              b.patientWriteOffCents +
              b.transferredToSecondaryCents +
              b.patientBalanceCents,
          ).toBe(b.patientResponsibilityCents);
          expect(after.payerClaimControlNumber).toBe(`ICN${i}`);
        });
        expect(paidTotal).toBe(payment!.payment.totalCents);

        const again = planRemittancePosting({
          remittanceId: HASH,
          payerId: 'payer-1',
          claimPayments: entries,
          findClaim: (pcn) => byId.get(pcn),
          at: AT,
        });
        expect(again.postable && again.claims).toEqual([]);
        expect(again.postable && again.alreadyPosted.length).toBe(claims.length);
      }),
      { numRuns: 150 },
    );
  });
});
