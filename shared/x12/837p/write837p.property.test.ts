import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { correctedClaimId, secondaryClaimId, voidClaimId } from '../../claims/claimId.ts';
import type { Claim } from '../../domain/claim.ts';
import type { AdjudicationPosting } from '../../domain/posting.ts';
import { generateSyntheticPractice } from '../../synthetic/generateSyntheticPractice.ts';
import { syntheticIcn } from '../../synthetic/syntheticPostings.ts';
import { tokenize } from '../tokenize.ts';
import { type Inspect837PClaim, read837p } from './read837p.ts';
import { type Claim837PInput, write837p } from './write837p.ts';

type Kind = 'original' | 'corrected' | 'void' | 'secondary';

interface Spec {
  kind: Kind;
  /** Line charges in cents (one line each); any whole amount up to $999,999.99. */
  charges: number[];
  /** Basis points of each line the primary paid, for secondary claims. */
  paidBasisPoints: number;
}

const spec: fc.Arbitrary<Spec> = fc.record({
  kind: fc.constantFrom<Kind>('original', 'corrected', 'void', 'secondary'),
  charges: fc.array(fc.integer({ min: 0, max: 99_999_999 }), { minLength: 1, maxLength: 6 }),
  paidBasisPoints: fc.integer({ min: 0, max: 10_000 }),
});

/** A primary adjudication that balances per line: paid + CO-45 + PR-2 = charge. */
function primaryAdjudication(claim: Claim, payerId: string, paidBasisPoints: number): AdjudicationPosting {
  const lines = claim.lines.map((l) => {
    const paid = Math.floor((l.chargeCents * paidBasisPoints) / 10_000);
    const pr = Math.floor((l.chargeCents - paid) / 3);
    return {
      lineNo: l.lineNo,
      serviceCode: l.serviceCode,
      chargeCents: l.chargeCents,
      paidCents: paid,
      units: l.units,
      adjustments: [
        { group: 'CO' as const, reason: '45', amountCents: l.chargeCents - paid - pr },
        { group: 'PR' as const, reason: '2', amountCents: pr },
      ],
    };
  });
  const sum = (f: (l: (typeof lines)[number]) => number) => lines.reduce((n, l) => n + f(l), 0);
  return {
    id: `pst-${claim.id}`,
    at: '2026-11-20T12:00:00Z',
    kind: 'adjudication',
    payerId,
    allowedCents: sum((l) => l.chargeCents - l.adjustments[0]!.amountCents),
    paidCents: sum((l) => l.paidCents),
    adjustments: [
      { group: 'CO', reason: '45', amountCents: sum((l) => l.adjustments[0]!.amountCents) },
      { group: 'PR', reason: '2', amountCents: sum((l) => l.adjustments[1]!.amountCents) },
    ],
    remarks: [],
    lines,
    source: { kind: 'remittance' },
  };
}

describe('write837p → read837p (property)', () => {
  it('gives back the patient control numbers, frequencies, references, charges, line counts and payers', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.array(spec, { minLength: 1, maxLength: 25 }),
        fc.integer({ min: 1, max: 6 }),
        (seed, specs, perSet) => {
          const synthetic = generateSyntheticPractice({ seed, claims: specs.length, asOf: '2026-11-22' });
          const clients = new Map(synthetic.clients.map((c) => [c.id, c]));
          const payers = new Map(synthetic.payers.map((p) => [p.id, p]));
          const providers = new Map(synthetic.providers.map((p) => [p.id, p]));
          const expected: Inspect837PClaim[] = [];
          const inputs = synthetic.claims.map((base, i): Claim837PInput => {
            const s = specs[i]!;
            const client = clients.get(base.clientId)!;
            const lines = s.charges.map((chargeCents, k) => ({
              ...base.lines[k % base.lines.length]!,
              lineNo: k + 1,
              chargeCents,
            }));
            let claim: Claim = { ...base, lines };
            const secondaryPolicy = client.policies[1];
            let input: Claim837PInput;
            if (s.kind === 'secondary' && secondaryPolicy !== undefined) {
              claim = {
                ...claim,
                id: secondaryClaimId(base.id),
                payerId: secondaryPolicy.payerId,
                policyRank: 2,
              };
              const primary = payers.get(base.payerId)!;
              input = {
                claim,
                client,
                payer: payers.get(secondaryPolicy.payerId)!,
                renderingProvider: providers.get(base.renderingProviderId)!,
                otherPayers: [
                  {
                    rank: 1,
                    payer: primary,
                    adjudication: primaryAdjudication(claim, primary.id, s.paidBasisPoints),
                  },
                ],
              };
            } else {
              if (s.kind === 'corrected' || s.kind === 'void') {
                claim = {
                  ...claim,
                  id: s.kind === 'corrected' ? correctedClaimId(base.id, 1) : voidClaimId(base.id),
                  frequency: s.kind === 'corrected' ? '7' : '8',
                  originalReference: syntheticIcn(base.id),
                };
              }
              input = {
                claim,
                client,
                payer: payers.get(claim.payerId)!,
                renderingProvider: providers.get(claim.renderingProviderId)!,
              };
            }
            expected.push({
              patientControlNumber: claim.id,
              frequency: claim.frequency,
              originalReference: claim.originalReference,
              chargeCents: s.charges.reduce((a, b) => a + b, 0),
              lineCount: s.charges.length,
              payerId: input.payer.payerId,
            });
            return input;
          });

          const result = write837p({
            practice: synthetic.practice,
            submitter: { contactName: 'Billing Office', phone: '5125550142' },
            interchangeControlNumber: seed,
            groupControlNumber: seed,
            usage: 'T',
            at: '2026-11-23T15:04:05Z',
            claims: inputs,
            maxClaimsPerTransaction: perSet,
          });
          const read = read837p(result.text).claims;
          const byPcn = (a: Inspect837PClaim, b: Inspect837PClaim) =>
            a.patientControlNumber < b.patientControlNumber ? -1 : 1;
          expect([...read].sort(byPcn)).toEqual([...expected].sort(byPcn));
          expect(read.map((c) => c.patientControlNumber)).toEqual(
            result.transactions.flatMap((t) => t.claimIds),
          );
          expect(result.claimCount).toBe(specs.length);

          // Every set's SE01 is its segment count; GE01 and IEA01 count sets and groups.
          const segs = tokenize(result.text).segments;
          let start = -1;
          let sets = 0;
          for (const [i, s] of segs.entries()) {
            if (s.id === 'ST') start = i;
            if (s.id === 'SE') {
              expect(Number(s.elements[1])).toBe(i - start + 1);
              sets++;
            }
          }
          expect(sets).toBe(result.stCount);
          expect(segs.find((s) => s.id === 'GE')!.elements[1]).toBe(String(sets));
        },
      ),
      { numRuns: 40 },
    );
  });
});
