import { describe, expect, it } from 'vitest';
import { isSubmittable } from './findings.ts';
import { baseline, contextOf, found, scrub } from './scrubber.fixture.ts';
import { scrubClaim } from './scrubClaim.ts';

describe('scrubClaim: payer', () => {
  it('passes an electronic payer with a 2-character payer ID', () => {
    const s = baseline();
    s.payer.payerId = 'A1';
    expect(scrub(s)).toEqual([]);
  });

  it('refuses a claim whose payer is not on file', () => {
    const s = baseline();
    const ctx = { ...contextOf(s), payersById: new Map() };
    const findings = scrubClaim(s.claim, ctx);
    expect(found(findings)).toEqual([{ code: 'payer_missing', severity: 'error', field: 'payerId' }]);
  });

  it('refuses a claim without a payer, and notes the authorization issued by another payer', () => {
    const s = baseline();
    s.claim.payerId = 'payer-9';
    // The payer is unknown, so whether it requires authorization is too: the mismatch is only a warning.
    expect(found(scrub(s))).toEqual([
      { code: 'payer_missing', severity: 'error', field: 'payerId' },
      { code: 'authorization_wrong_payer', severity: 'warning', lineNo: 1, field: 'authorizationId' },
    ]);
  });

  it('warns that a paper-only payer needs a paper claim, without blocking it', () => {
    const s = baseline();
    s.payer.submission = 'paper';
    const findings = scrub(s);
    expect(found(findings)).toEqual([{ code: 'payer_paper_only', severity: 'warning', field: 'payerId' }]);
    expect(findings[0]!.message).toContain(
      'Synthetic Health Plan accepts paper claims only — send this claim on paper',
    );
    expect(isSubmittable(findings)).toBe(true);
  });

  it('does not ask a paper-only payer for an EDI payer ID', () => {
    const s = baseline();
    s.payer.submission = 'paper';
    s.payer.payerId = '';
    expect(found(scrub(s)).map((f) => f.code)).toEqual(['payer_paper_only']);
  });

  it.each(['syn01', 'SYN-01', 'S', 'ABCDEFGHIJ123456', ''])(
    'refuses the malformed payer ID %j',
    (payerId) => {
      const s = baseline();
      s.payer.payerId = payerId;
      const findings = scrub(s);
      expect(found(findings)).toEqual([{ code: 'payer_id_malformed', severity: 'error', field: 'payerId' }]);
      expect(findings[0]!.message).toContain('Settings → Payers');
    },
  );
});
