import { describe, expect, it } from 'vitest';
import type { ClaimStatus } from '../domain/claimStatus.ts';
import { isSubmittable } from './findings.ts';
import { baseline, found, poke, scrub } from './scrubber.fixture.ts';

describe('scrubClaim: claim status', () => {
  it('passes a Ready claim', () => {
    expect(scrub(baseline())).toEqual([]);
  });

  it.each<ClaimStatus>(['Held', 'Denied', 'Submitted', 'Paid', 'Settled', 'Voided'])(
    'refuses a %s claim, naming the status',
    (status) => {
      const s = baseline();
      s.claim.status = status;
      const findings = scrub(s);
      expect(found(findings)).toEqual([{ code: 'not_ready', severity: 'error', field: 'status' }]);
      expect(findings[0]!.message).toContain(`Claim is ${status}, not Ready`);
      expect(isSubmittable(findings)).toBe(false);
    },
  );

  it.each<ClaimStatus>(['Submitted', 'Paid', 'Settled', 'Voided'])(
    'reports only the status on a %s claim: it cannot be fixed and sent again',
    (status) => {
      const s = baseline();
      s.claim.status = status;
      s.claim.placeOfService = '98';
      expect(found(scrub(s)).map((f) => f.code)).toEqual(['not_ready']);
    },
  );

  it.each<ClaimStatus>(['Held', 'Denied'])(
    'checks everything on a %s claim, which goes back out',
    (status) => {
      const s = baseline();
      s.claim.status = status;
      s.claim.placeOfService = '98';
      expect(found(scrub(s)).map((f) => f.code)).toEqual(['not_ready', 'place_of_service_invalid']);
    },
  );

  it('tells a biller how to get a Held claim back', () => {
    const s = baseline();
    s.claim.status = 'Held';
    expect(scrub(s)[0]!.message).toBe(
      'Claim is Held, not Ready — only Ready claims can be submitted; clear the hold (Held → Ready) once the hold reason is resolved.',
    );
  });

  it('refuses a claim whose status is unreadable', () => {
    const s = baseline();
    poke(s.claim, 'status', null);
    const findings = scrub(s);
    expect(found(findings)).toEqual([{ code: 'not_ready', severity: 'error', field: 'status' }]);
    expect(findings[0]!.message).toContain('Claim is missing, not Ready');
  });
});

describe('scrubClaim: frequency', () => {
  it('passes a corrected claim that references the original ICN', () => {
    const s = baseline();
    s.claim.frequency = '7';
    s.claim.originalReference = '2026061000123';
    expect(scrub(s)).toEqual([]);
  });

  it('passes a void claim that references the original ICN', () => {
    const s = baseline();
    s.claim.frequency = '8';
    s.claim.originalReference = '2026061000123';
    expect(scrub(s)).toEqual([]);
  });

  it('refuses a corrected claim without the original ICN', () => {
    const s = baseline();
    s.claim.frequency = '7';
    const findings = scrub(s);
    expect(found(findings)).toEqual([
      { code: 'original_reference_missing', severity: 'error', field: 'originalReference' },
    ]);
    expect(findings[0]!.message).toContain('Corrected claim (frequency 7)');
  });

  it('refuses a void claim whose original ICN is blank', () => {
    const s = baseline();
    s.claim.frequency = '8';
    s.claim.originalReference = '   ';
    const findings = scrub(s);
    expect(found(findings)).toEqual([
      { code: 'original_reference_missing', severity: 'error', field: 'originalReference' },
    ]);
    expect(findings[0]!.message).toContain('Void claim (frequency 8)');
  });

  it('refuses an unknown frequency code', () => {
    const s = baseline();
    poke(s.claim, 'frequency', '2');
    expect(found(scrub(s))).toEqual([{ code: 'frequency_invalid', severity: 'error', field: 'frequency' }]);
  });
});
