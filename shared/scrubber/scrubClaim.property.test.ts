import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Claim } from '../domain/claim.ts';
import { type ScrubFinding, scrubFields, scrubFindingCodes } from './findings.ts';
import { baseline, contextOf, PATIENT_SECRETS, type Scenario } from './scrubber.fixture.ts';
import { scrubClaim } from './scrubClaim.ts';
import { scrubClaims } from './scrubClaims.ts';

const codes = new Set<string>(scrubFindingCodes);
const fields = new Set<string>(scrubFields);

function expectWellFormed(findings: unknown): void {
  expect(Array.isArray(findings)).toBe(true);
  for (const f of findings as ScrubFinding[]) {
    expect(codes.has(f.code)).toBe(true);
    expect(f.severity === 'error' || f.severity === 'warning').toBe(true);
    expect(typeof f.message).toBe('string');
    expect(f.message.length).toBeGreaterThan(0);
    expect(f.message).not.toContain(PATIENT_SECRETS.memberId);
    expect(f.message).not.toContain(PATIENT_SECRETS.lastName);
    expect(f.message).not.toContain(PATIENT_SECRETS.dateOfBirth);
    if (f.lineNo !== undefined) expect(Number.isSafeInteger(f.lineNo) && f.lineNo >= 1).toBe(true);
    if (f.field !== undefined) expect(fields.has(f.field)).toBe(true);
    // The safety net must never be what kept the scrubber from throwing.
    expect(f.code).not.toBe('scrubber_failed');
  }
}

// Values a damaged or hostile record may hold in any field.
const anyValue = fc.anything({
  withBigInt: true,
  withBoxedValues: true,
  withDate: true,
  withMap: true,
  withSet: true,
  withNullPrototype: true,
  withObjectString: true,
  withSparseArray: true,
  withTypedArray: true,
});
const wildValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(
    null,
    undefined,
    [],
    {},
    '',
    0,
    -1,
    Number.NaN,
    Number.POSITIVE_INFINITY,
    Number.NEGATIVE_INFINITY,
    Number.MAX_VALUE,
    Number.MAX_SAFE_INTEGER,
    Number.MAX_SAFE_INTEGER + 2,
    -Number.MAX_VALUE,
    1e21,
    'x'.repeat(10_000),
    '\n\u2028forged log line',
    '0000-01-01',
    '9999-12-31',
    [null],
    [[]],
  ),
  fc.string(),
  fc.integer(),
  fc.double(),
  anyValue,
);

// Where a mutation lands: a field of the claim, of a line, or of one of the records it is checked against.
type Target = (s: Scenario) => object | undefined;
const targets: Record<string, Target> = {
  claim: (s) => s.claim,
  line0: (s) => s.claim.lines[0],
  line1: (s) => s.claim.lines[1],
  lines: (s) => s.claim.lines,
  diagnosisCodes: (s) => s.claim.diagnosisCodes,
  pointers: (s) => s.claim.lines[0]?.diagnosisPointers,
  payer: (s) => s.payer,
  client: (s) => s.client,
  policies: (s) => s.client.policies,
  policy: (s) => s.client.policies[0],
  provider: (s) => s.provider,
  authorization: (s) => s.authorization,
  serviceCodes: (s) => s.authorization.serviceCodes,
  practice: (s) => s.practice,
  billingProvider: (s) => s.practice.billingProvider,
};
const keysOf: Record<string, string[]> = {
  claim: Object.keys(baseline().claim),
  line0: Object.keys(baseline().claim.lines[0]!),
  line1: Object.keys(baseline().claim.lines[0]!),
  lines: ['0', '1', '2', 'length'],
  diagnosisCodes: ['0', '1', '12', 'length'],
  pointers: ['0', '1', '4'],
  payer: Object.keys(baseline().payer),
  client: Object.keys(baseline().client),
  policies: ['0', '1'],
  policy: Object.keys(baseline().client.policies[0]!),
  provider: Object.keys(baseline().provider),
  authorization: Object.keys(baseline().authorization),
  serviceCodes: ['0', '1'],
  practice: Object.keys(baseline().practice),
  billingProvider: Object.keys(baseline().practice.billingProvider),
};

const mutation = fc
  .constantFrom(...Object.keys(targets))
  .chain((target) => fc.tuple(fc.constant(target), fc.constantFrom(...keysOf[target]!), wildValue));

function applyMutation(s: Scenario, [target, key, value]: [string, string, unknown]): void {
  try {
    // An earlier mutation may have replaced the path to this target (e.g. the lines with null).
    const obj = targets[target]!(s);
    if (typeof obj !== 'object' || obj === null) return;
    (obj as Record<string, unknown>)[key] = value;
  } catch {
    // The target is gone, or e.g. an array length was set to a non-integer: that mutation is not possible.
  }
}

describe('scrubClaim never throws', () => {
  it('on anything at all as the claim', () => {
    const ctx = contextOf(baseline());
    fc.assert(
      fc.property(anyValue, (input) => {
        expectWellFormed(scrubClaim(input as Claim, ctx));
      }),
      { numRuns: 500 },
    );
  });

  it('on anything at all as a line or the lines', () => {
    const s = baseline();
    const ctx = contextOf(s);
    fc.assert(
      fc.property(anyValue, anyValue, (line, lines) => {
        expectWellFormed(scrubClaim({ ...s.claim, lines: [s.claim.lines[0]!, line] } as Claim, ctx));
        expectWellFormed(scrubClaim({ ...s.claim, lines } as Claim, ctx));
      }),
      { numRuns: 300 },
    );
  });

  it('on claims and records with random fields broken (nulls, wrong types, empty arrays, huge numbers)', () => {
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 6 }), wildValue, (mutations, asOf) => {
        const s = baseline();
        for (const m of mutations) applyMutation(s, m);
        const ctx = contextOf(s);
        const findings = scrubClaim(s.claim, ctx);
        expectWellFormed(findings);
        // Deterministic: the same input gives the same findings.
        expect(scrubClaim(s.claim, ctx)).toEqual(findings);
        // And with a nonsense "today".
        expectWellFormed(scrubClaim(s.claim, { ...ctx, asOf: asOf as string }));
      }),
      { numRuns: 1000 },
    );
  });

  it('on a batch of broken claims, putting each in exactly one of clean or failing', () => {
    fc.assert(
      fc.property(fc.array(fc.array(mutation, { maxLength: 3 }), { maxLength: 8 }), (perClaim) => {
        const s = baseline();
        const claims = perClaim.map((mutations) => {
          const one = baseline();
          for (const m of mutations) applyMutation(one, m);
          return one.claim;
        });
        const ctx = contextOf(s);
        const result = scrubClaims(claims, ctx);
        expect(result.clean.length + result.failing.length).toBe(claims.length);
        // The batch (with its reused scratch list) finds exactly what scrubClaim finds, claim by claim.
        for (const w of result.warnings) {
          expect(result.clean).toContain(w.claim);
          expect(w.findings).toEqual(scrubClaim(w.claim, ctx));
        }
        for (const f of result.failing) {
          expectWellFormed(f.findings);
          expect(f.findings).toEqual(scrubClaim(f.claim, ctx));
        }
      }),
      { numRuns: 200 },
    );
  });
});
