import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AdjustmentGroup, Posting } from '../domain/posting.ts';
import { type Balances, deriveBalances } from './deriveBalances.ts';

const AT = '2026-11-01T12:00:00.000Z';

function line(chargeCents: number) {
  return {
    lineNo: 1,
    serviceCode: '97153',
    modifiers: [],
    units: 1,
    minutes: 15,
    rateCents: chargeCents,
    chargeCents,
    diagnosisPointers: [1],
    dateOfService: '2026-10-01',
    authorizationId: null,
  };
}

function adjudication(
  id: string,
  paidCents: number,
  adjustments: { group: AdjustmentGroup; reason: string; amountCents: number }[],
  payerId = 'payer-1',
  allowedCents = 0,
): Posting {
  return {
    id,
    at: AT,
    kind: 'adjudication',
    payerId,
    allowedCents,
    paidCents,
    adjustments,
    remarks: [],
    lines: [],
    source: { kind: 'remittance' },
  };
}

function expectIdentities(b: Balances): void {
  const g = b.adjustmentsByGroup;
  expect(b.billedCents).toBe(
    b.insurancePaidCents +
      g.CO +
      g.OA +
      g.PI +
      g.CR +
      b.patientResponsibilityCents +
      b.insuranceWriteOffCents +
      b.insuranceBalanceCents,
  );
  expect(b.patientResponsibilityCents).toBe(
    b.patientPaidCents + b.patientWriteOffCents + b.transferredToSecondaryCents + b.patientBalanceCents,
  );
  const byGroup = Object.values(g).reduce((a, c) => a + c, 0);
  const byCarc = Object.values(b.adjustmentsByCarc).reduce((a, c) => a + c, 0);
  expect(byCarc).toBe(byGroup);
  expect(Object.values(b.paidByPayer).reduce((a, c) => a + c, 0)).toBe(b.insurancePaidCents);
}

describe('deriveBalances', () => {
  it('a claim nobody has paid yet owes its whole charge to insurance', () => {
    const b = deriveBalances({ lines: [line(12000), line(3000)], postings: [] });
    expect(b.billedCents).toBe(15000);
    expect(b.insuranceBalanceCents).toBe(15000);
    expect(b.patientBalanceCents).toBe(0);
  });

  it('posts a primary payment with contractual and patient-responsibility adjustments', () => {
    // Billed $150.00; allowed $130.00: CO-45 $20.00 off, PR-2 coinsurance $40.00, paid $90.00.
    const b = deriveBalances({
      lines: [line(15000)],
      postings: [
        adjudication(
          'p1',
          9000,
          [
            { group: 'CO', reason: '45', amountCents: 2000 },
            { group: 'PR', reason: '2', amountCents: 4000 },
          ],
          'payer-1',
          13000,
        ),
        { id: 'pp', at: AT, kind: 'patient_payment', amountCents: 1500 },
      ],
    });
    expect(b).toMatchObject({
      allowedCents: 13000,
      insurancePaidCents: 9000,
      patientResponsibilityCents: 4000,
      patientPaidCents: 1500,
      insuranceBalanceCents: 0,
      patientBalanceCents: 2500,
      paidByPayer: { 'payer-1': 9000 },
      adjustmentsByCarc: { 'CO-45': 2000, 'PR-2': 4000 },
    });
    expectIdentities(b);
  });

  it('a reversal undoes the posting it names, and a corrected posting counts anew', () => {
    const original = adjudication('p1', 9000, [{ group: 'CO', reason: '45', amountCents: 6000 }]);
    const corrected = adjudication('p3', 10000, [{ group: 'CO', reason: '45', amountCents: 5000 }]);
    const reversal: Posting = { id: 'p2', at: AT, kind: 'reversal', reverses: 'p1' };
    const b = deriveBalances({ lines: [line(15000)], postings: [original, reversal, corrected] });
    expect(b.insurancePaidCents).toBe(10000);
    expect(b.adjustmentsByGroup.CO).toBe(5000);
    expect(b.insuranceBalanceCents).toBe(0);
    const onlyReversed = deriveBalances({ lines: [line(15000)], postings: [original, reversal] });
    expect(onlyReversed.insuranceBalanceCents).toBe(15000);
  });

  it('ignores a second reversal of the same posting and reversals of unknown postings', () => {
    const original = adjudication('p1', 9000, [{ group: 'CO', reason: '45', amountCents: 6000 }]);
    const b = deriveBalances({
      lines: [line(15000)],
      postings: [
        original,
        { id: 'r1', at: AT, kind: 'reversal', reverses: 'p1' },
        { id: 'r2', at: AT, kind: 'reversal', reverses: 'p1' },
        { id: 'r3', at: AT, kind: 'reversal', reverses: 'nope' },
      ],
    });
    expect(b.insuranceBalanceCents).toBe(15000);
  });

  it('write-offs and a transfer to the secondary claim zero the balances', () => {
    const b = deriveBalances({
      lines: [line(10000)],
      postings: [
        adjudication('p1', 6000, [
          { group: 'CO', reason: '45', amountCents: 1000 },
          { group: 'PR', reason: '1', amountCents: 2500 },
        ]),
        {
          id: 'w1',
          at: AT,
          kind: 'write_off',
          bucket: 'insurance',
          amountCents: 500,
          reason: 'small balance',
        },
        { id: 't1', at: AT, kind: 'transfer_to_secondary', amountCents: 2000, secondaryClaimId: 'C2' },
        { id: 'w2', at: AT, kind: 'write_off', bucket: 'patient', amountCents: 500, reason: 'hardship' },
      ],
    });
    expect(b.insuranceBalanceCents).toBe(0);
    expect(b.patientBalanceCents).toBe(0);
    expect(b.transferredToSecondaryCents).toBe(2000);
    expectIdentities(b);
  });

  it('keeps every accounting identity for random ledgers', () => {
    const adjustment = fc.record({
      group: fc.constantFrom<AdjustmentGroup>('CO', 'PR', 'OA', 'PI', 'CR'),
      reason: fc.constantFrom('1', '2', '3', '45', '97', '197', 'B7'),
      amountCents: fc.integer({ min: -50_000, max: 500_000 }),
    });
    const posting = fc.oneof(
      fc
        .tuple(
          fc.integer({ min: -100_000, max: 1_000_000 }),
          fc.array(adjustment, { maxLength: 5 }),
          fc.constantFrom('a', 'b'),
        )
        .map(([paid, adjs, payer]) => ({ kind: 'adj' as const, paid, adjs, payer })),
      fc.integer({ min: 0, max: 100_000 }).map((amount) => ({ kind: 'pat' as const, amount })),
      fc
        .tuple(fc.boolean(), fc.integer({ min: 0, max: 100_000 }))
        .map(([ins, amount]) => ({ kind: 'wo' as const, ins, amount })),
      fc.integer({ min: 0, max: 100_000 }).map((amount) => ({ kind: 'xfer' as const, amount })),
      fc.nat(30).map((target) => ({ kind: 'rev' as const, target })),
    );
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 1_000_000 }), { minLength: 1, maxLength: 6 }),
        fc.array(posting, { maxLength: 30 }),
        (charges, specs) => {
          const postings: Posting[] = specs.map((s, i): Posting => {
            const id = `p${i}`;
            switch (s.kind) {
              case 'adj':
                return adjudication(id, s.paid, s.adjs, s.payer);
              case 'pat':
                return { id, at: AT, kind: 'patient_payment', amountCents: s.amount };
              case 'wo':
                return {
                  id,
                  at: AT,
                  kind: 'write_off',
                  bucket: s.ins ? 'insurance' : 'patient',
                  amountCents: s.amount,
                  reason: 'x',
                };
              case 'xfer':
                return {
                  id,
                  at: AT,
                  kind: 'transfer_to_secondary',
                  amountCents: s.amount,
                  secondaryClaimId: 'C2',
                };
              default:
                return { id, at: AT, kind: 'reversal', reverses: `p${s.target}` };
            }
          });
          const lines = charges.map((c, i) => ({ ...line(c), lineNo: i + 1 }));
          const b = deriveBalances({ lines, postings });
          expectIdentities(b);
          expect(b.billedCents).toBe(charges.reduce((a, c) => a + c, 0));
          for (const v of [b.insuranceBalanceCents, b.patientBalanceCents, b.allowedCents]) {
            expect(Number.isSafeInteger(v)).toBe(true);
          }
          // Reversing every non-reversal posting leaves the claim as if nothing had been posted.
          const undo: Posting[] = postings
            .filter((p) => p.kind !== 'reversal')
            .map((p) => ({ id: `u-${p.id}`, at: AT, kind: 'reversal', reverses: p.id }));
          const cleared = deriveBalances({ lines, postings: [...postings, ...undo] });
          expect(cleared.insuranceBalanceCents).toBe(b.billedCents);
          expect(cleared.patientBalanceCents).toBe(0);
        },
      ),
    );
  });
});
