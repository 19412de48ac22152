import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Balances, deriveBalances } from '../balances/deriveBalances.ts';
import { type Claim, claimSchema } from '../domain/claim.ts';
import type { Adjustment, LineAdjudication } from '../domain/posting.ts';
import { applyPlanToClaim } from './applyPlan.ts';
import type { RemittanceEntry } from './entryProblems.ts';
import { adjudicationFrom } from './planRemittancePosting.ts';
import { AT, claim, HASH, idOf, OLD_HASH, plan, postable, reversalOf } from './testing.ts';

/** How one line's charge splits: CO-45 and PR-2 (coinsurance); paid is the rest. */
interface Split {
  co: number;
  pr: number;
}

type Adjudicated = { kind: 'pay'; splits: Split[]; claimLevel: boolean } | { kind: 'deny' };

type Scenario =
  | { kind: 'new'; result: Adjudicated }
  | { kind: 'redo'; earlier: Adjudicated; result: Adjudicated }
  | { kind: 'reverse'; earlier: Adjudicated };

interface Case {
  charges: number[];
  scenario: Scenario;
  keys: number[];
}

const splitArb = (charge: number): fc.Arbitrary<Split> =>
  fc
    .integer({ min: 0, max: charge })
    .chain((co) => fc.integer({ min: 0, max: charge - co }).map((pr) => ({ co, pr })));

const adjudicatedArb = (charges: number[]): fc.Arbitrary<Adjudicated> =>
  fc.oneof(
    {
      weight: 4,
      arbitrary: fc
        .record({ splits: fc.tuple(...charges.map(splitArb)), claimLevel: fc.boolean() })
        .map((r) => ({ kind: 'pay' as const, ...r })),
    },
    { weight: 1, arbitrary: fc.constant({ kind: 'deny' as const }) },
  );

const caseArb: fc.Arbitrary<Case> = fc
  .array(fc.integer({ min: 1, max: 60_000 }), { minLength: 1, maxLength: 4 })
  .chain((charges) =>
    fc.record({
      charges: fc.constant(charges),
      scenario: fc.oneof(
        adjudicatedArb(charges).map((result): Scenario => ({ kind: 'new', result })),
        fc
          .record({ earlier: adjudicatedArb(charges), result: adjudicatedArb(charges) })
          .map((r): Scenario => ({ kind: 'redo', ...r })),
        adjudicatedArb(charges).map((earlier): Scenario => ({ kind: 'reverse', earlier })),
      ),
      keys: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 2, maxLength: 2 }),
    }),
  );

const adj = (group: Adjustment['group'], reason: string, amountCents: number): Adjustment[] =>
  amountCents === 0 ? [] : [{ group, reason, amountCents }];

/** A balanced CLP for `a` of a claim with these line charges. */
function entryFor(id: string, charges: number[], a: Adjudicated, icn: string): RemittanceEntry {
  const charge = charges.reduce((s, c) => s + c, 0);
  if (a.kind === 'deny') {
    return {
      patientControlNumber: id,
      statusCode: '4',
      chargeCents: charge,
      paidCents: 0,
      patientResponsibilityCents: 0,
      allowedCents: null,
      payerClaimControlNumber: icn,
      adjustments: [],
      remarks: ['N130'],
      lines: charges.map((c, i) => ({
        lineNo: i + 1,
        serviceCode: '97153',
        chargeCents: c,
        paidCents: 0,
        units: 1,
        adjustments: adj('CO', '4', c),
      })),
    };
  }
  const lines: LineAdjudication[] = charges.map((c, i) => {
    const s = a.splits[i]!;
    return {
      lineNo: i + 1,
      serviceCode: '97153',
      chargeCents: c,
      paidCents: c - s.co - s.pr,
      units: 1,
      adjustments: [...adj('CO', '45', s.co), ...adj('PR', '2', s.pr)],
    };
  });
  const co = a.splits.reduce((s, x) => s + x.co, 0);
  const pr = a.splits.reduce((s, x) => s + x.pr, 0);
  return {
    patientControlNumber: id,
    statusCode: '1',
    chargeCents: charge,
    paidCents: charge - co - pr,
    patientResponsibilityCents: pr,
    allowedCents: null,
    payerClaimControlNumber: icn,
    // Either all at claim level (no lines) or all on the lines.
    adjustments: a.claimLevel ? [...adj('CO', '45', co), ...adj('PR', '2', pr)] : [],
    remarks: [],
    lines: a.claimLevel ? [] : lines,
  };
}

function build(cases: Case[]): { claims: Claim[]; entries: RemittanceEntry[] } {
  const claims: Claim[] = [];
  const keyed: { key: number; entry: RemittanceEntry }[] = [];
  cases.forEach((k, n) => {
    const id = `P${String(n).padStart(5, '0')}`;
    const base = claim({
      id,
      lines: k.charges.map((c, i) => ({
        lineNo: i + 1,
        serviceCode: '97153',
        modifiers: [],
        units: 1,
        minutes: 15,
        rateCents: c,
        chargeCents: c,
        diagnosisPointers: [1],
        dateOfService: '2026-02-20',
        authorizationId: null,
      })),
    });
    const keys = k.keys.slice().sort((a, b) => a - b);
    const s = k.scenario;
    if (s.kind === 'new') {
      claims.push(base);
      keyed.push({ key: keys[0]!, entry: entryFor(id, k.charges, s.result, `N-${n}`) });
      return;
    }
    // Posted by an earlier file: its posting on the claim, and the status that left.
    const earlier = entryFor(id, k.charges, s.earlier, `E-${n}`);
    const posting = adjudicationFrom(earlier, idOf(n, OLD_HASH), '2026-03-01T12:00:00Z', 'payer-1', OLD_HASH);
    const status = s.earlier.kind === 'deny' ? 'Denied' : 'Paid';
    claims.push({ ...base, status, denialCodes: status === 'Denied' ? ['CO-4'] : [], postings: [posting] });
    keyed.push({ key: keys[0]!, entry: reversalOf(earlier) });
    if (s.kind === 'redo') keyed.push({ key: keys[1]!, entry: entryFor(id, k.charges, s.result, `R-${n}`) });
  });
  keyed.sort((a, b) => a.key - b.key);
  return { claims, entries: keyed.map((x) => x.entry) };
}

function expectIdentities(b: Balances): void {
  const contractual =
    b.adjustmentsByGroup.CO + b.adjustmentsByGroup.OA + b.adjustmentsByGroup.PI + b.adjustmentsByGroup.CR;
  expect(b.billedCents).toBe(
    b.insurancePaidCents +
      contractual +
      b.patientResponsibilityCents +
      b.insuranceWriteOffCents +
      b.insuranceBalanceCents,
  );
  expect(b.patientResponsibilityCents).toBe(
    b.patientPaidCents + b.patientWriteOffCents + b.transferredToSecondaryCents + b.patientBalanceCents,
  );
}

describe('planRemittancePosting (property)', () => {
  it('random balanced files post every cent once, leave valid claims, and post nothing the second time', () => {
    fc.assert(
      fc.property(fc.array(caseArb, { minLength: 1, maxLength: 12 }), (cases) => {
        const { claims, entries } = build(cases);
        const first = postable(plan(entries, claims));
        expect(first.unmatched).toEqual([]);
        expect(first.alreadyPosted).toEqual([]);
        expect(first.claims.map((p) => p.claimId).sort()).toEqual(claims.map((c) => c.id).sort());
        const byId = new Map(first.claims.map((p) => [p.claimId, p]));

        let paidBefore = 0;
        let paidAfter = 0;
        const after: Claim[] = claims.map((c, n) => {
          paidBefore += deriveBalances(c).insurancePaidCents;
          const r = applyPlanToClaim(c, byId.get(c.id)!, { at: AT, eventId: `ev-${n}` });
          if (!r.ok) throw new Error(`${c.id}: ${r.refusal.code}`);
          claimSchema.parse(r.claim);
          const b = deriveBalances(r.claim);
          paidAfter += b.insurancePaidCents;
          expectIdentities(b);
          const s = cases[n]!.scenario;
          if (s.kind === 'reverse') {
            // Nothing adjudicated now: the whole charge is owed again; a paid claim goes back to work.
            expect(b.insuranceBalanceCents).toBe(b.billedCents);
            expect(r.claim.status).toBe(c.status === 'Paid' ? 'Denied' : c.status);
          } else {
            expect(b.insuranceBalanceCents).toBe(0);
            expect(r.claim.status).toBe(s.result.kind === 'deny' ? 'Denied' : 'Paid');
          }
          return r.claim;
        });
        const entriesPaid = entries.reduce((s, e) => s + e.paidCents, 0);
        expect(paidAfter - paidBefore).toBe(entriesPaid);

        const again = postable(plan(entries, after));
        expect(again.claims).toEqual([]);
        expect(again.unmatched).toEqual([]);
        expect(again.alreadyPosted.map((a) => a.index)).toEqual(entries.map((_, i) => i));
        expect(again.alreadyPosted.every((a, i) => a.postingId === idOf(i, HASH))).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});
