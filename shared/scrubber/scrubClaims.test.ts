import { describe, expect, it } from 'vitest';
import type { Claim } from '../domain/claim.ts';
import { finding, isSubmittable } from './findings.ts';
import { baseline, contextOf, found } from './scrubber.fixture.ts';
import { scrubClaim } from './scrubClaim.ts';
import { scrubClaims } from './scrubClaims.ts';

describe('isSubmittable', () => {
  it('is true with no findings or only warnings, false with any error', () => {
    const warning = finding('payer_paper_only', 'warning', 'w');
    const error = finding('units_invalid', 'error', 'e', 'units', 1);
    expect(isSubmittable([])).toBe(true);
    expect(isSubmittable([warning, warning])).toBe(true);
    expect(isSubmittable([warning, error])).toBe(false);
  });
});

describe('scrubClaim: unreadable input', () => {
  it.each([null, undefined, 42, 'CLM0001', [1, 2]])('reports %j as unreadable', (input) => {
    const findings = scrubClaim(input as unknown as Claim, contextOf(baseline()));
    expect(found(findings)).toEqual([{ code: 'claim_unreadable', severity: 'error' }]);
  });
});

describe('scrubClaims', () => {
  it('keeps clean and warned claims in the batch, in order, and failing ones out with why', () => {
    const s = baseline();
    const clean = s.claim;
    const held: Claim = { ...clean, id: 'CLM0002', status: 'Held' };
    const warned: Claim = {
      ...clean,
      id: 'CLM0003',
      lines: clean.lines.map((l) => ({ ...l, authorizationId: 'auth-low' })),
    };
    const cleanToo: Claim = { ...clean, id: 'CLM0004' };
    const low = { ...s.authorization, id: 'auth-low', unitsAuthorized: 100, unitsUsed: 80 };
    const result = scrubClaims([clean, held, warned, cleanToo], contextOf(s, { authorizations: [low] }));

    expect(result.clean).toEqual([clean, warned, cleanToo]);
    expect(result.clean[0]).toBe(clean);
    expect(result.failing.map((f) => f.claim.id)).toEqual(['CLM0002']);
    expect(found(result.failing[0]!.findings)).toEqual([
      { code: 'not_ready', severity: 'error', field: 'status' },
    ]);
    expect(result.warnings.map((w) => w.claim.id)).toEqual(['CLM0003']);
    // 20 left − 12 = 8 < 10 (10% of 100).
    expect(found(result.warnings[0]!.findings)).toEqual([
      { code: 'authorization_units_low', severity: 'warning', lineNo: 1, field: 'authorizationId' },
    ]);
  });

  it('scrubs each claim on its own: units of two claims on one authorization are not pooled', () => {
    const s = baseline();
    s.authorization.unitsUsed = 380; // 20 left; each claim draws 12
    const result = scrubClaims([s.claim, { ...s.claim, id: 'CLM0002' }], contextOf(s));
    expect(result.failing).toEqual([]);
    expect(result.clean).toHaveLength(2);
  });

  it('gives an empty result for input that is not an array', () => {
    const result = scrubClaims(null as unknown as Claim[], contextOf(baseline()));
    expect(result).toEqual({ clean: [], failing: [], warnings: [] });
  });
});
