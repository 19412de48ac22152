import { describe, expect, it } from 'vitest';
import { isSubmittable } from './findings.ts';
import { baseline, found, scrub } from './scrubber.fixture.ts';

// Baseline: auth-1 authorizes 400 units with 100 used (300 left); the claim's two lines draw 8 + 4 = 12.
describe('scrubClaim: authorization required by the payer', () => {
  it('refuses a line without an authorization', () => {
    const s = baseline();
    s.claim.lines[0]!.authorizationId = null;
    const findings = scrub(s);
    expect(found(findings)).toEqual([
      { code: 'authorization_missing', severity: 'error', lineNo: 1, field: 'authorizationId' },
    ]);
    expect(findings[0]!.message).toContain('Synthetic Health Plan requires one');
  });

  it('passes lines without an authorization when the payer does not require one', () => {
    const s = baseline();
    s.payer.requiresAuthorization = false;
    s.claim.authorizationId = null;
    for (const line of s.claim.lines) line.authorizationId = null;
    expect(scrub(s)).toEqual([]);
  });

  it('refuses a line linking an authorization that is not on file', () => {
    const s = baseline();
    s.claim.lines[1]!.authorizationId = 'auth-9';
    expect(found(scrub(s))).toEqual([
      { code: 'authorization_not_found', severity: 'error', lineNo: 2, field: 'authorizationId' },
    ]);
  });

  it('refuses a claim-level authorization that is not on file', () => {
    const s = baseline();
    s.claim.authorizationId = 'auth-9';
    expect(found(scrub(s))).toEqual([
      { code: 'authorization_not_found', severity: 'error', field: 'authorizationId' },
    ]);
  });

  it("refuses another client's authorization, once for the claim", () => {
    const s = baseline();
    s.authorization.clientId = 'client-2';
    const findings = scrub(s);
    expect(found(findings)).toEqual([
      { code: 'authorization_wrong_client', severity: 'error', lineNo: 1, field: 'authorizationId' },
    ]);
    expect(findings[0]!.message).toContain('Authorization PA-2026-001 belongs to a different client');
  });

  it("refuses another payer's authorization", () => {
    const s = baseline();
    s.authorization.payerId = 'payer-2';
    expect(found(scrub(s))).toEqual([
      { code: 'authorization_wrong_payer', severity: 'error', lineNo: 1, field: 'authorizationId' },
    ]);
  });

  it('refuses a line whose code the authorization does not cover', () => {
    const s = baseline();
    s.authorization.serviceCodes = ['97153'];
    const findings = scrub(s);
    expect(found(findings)).toEqual([
      { code: 'authorization_code_not_covered', severity: 'error', lineNo: 2, field: 'authorizationId' },
    ]);
    expect(findings[0]!.message).toContain('does not cover service code 97155 (line 2)');
  });

  it('passes an authorization whose first and last day are the date of service', () => {
    const s = baseline();
    s.authorization.startDate = '2026-03-02';
    s.authorization.endDate = '2026-03-02';
    expect(scrub(s)).toEqual([]);
  });

  it('refuses an authorization that starts after the date of service, on each line', () => {
    const s = baseline();
    s.authorization.startDate = '2026-03-03';
    const findings = scrub(s);
    expect(found(findings)).toEqual([
      { code: 'authorization_not_started', severity: 'error', lineNo: 1, field: 'authorizationId' },
      { code: 'authorization_not_started', severity: 'error', lineNo: 2, field: 'authorizationId' },
    ]);
    expect(findings[0]!.message).toContain('starts on 2026-03-03, after the date of service 2026-03-02');
  });

  it('refuses an authorization that expired before the date of service', () => {
    const s = baseline();
    s.authorization.endDate = '2026-03-01';
    const findings = scrub(s);
    expect(found(findings)).toEqual([
      { code: 'authorization_expired', severity: 'error', lineNo: 1, field: 'authorizationId' },
      { code: 'authorization_expired', severity: 'error', lineNo: 2, field: 'authorizationId' },
    ]);
    expect(findings[0]!.message).toContain('Authorization PA-2026-001 expired on 2026-03-01');
  });

  it('checks each line against its own date', () => {
    const s = baseline();
    s.authorization.endDate = '2026-03-02';
    s.claim.lines[1]!.dateOfService = '2026-03-03';
    expect(found(scrub(s))).toEqual([
      { code: 'authorization_expired', severity: 'error', lineNo: 2, field: 'authorizationId' },
    ]);
  });
});

describe('scrubClaim: authorization units', () => {
  it("refuses when the claim's lines together need more than remain", () => {
    const s = baseline();
    // 11 left: each line alone (8, 4) would fit; together (12) they do not.
    s.authorization.unitsUsed = 389;
    const findings = scrub(s);
    expect(found(findings)).toEqual([
      { code: 'authorization_units_exceeded', severity: 'error', lineNo: 1, field: 'authorizationId' },
    ]);
    expect(findings[0]!.message).toContain(
      'has only 11 units left (389 of 400 used) but this claim bills 12',
    );
  });

  it('refuses when none remain', () => {
    const s = baseline();
    s.authorization.unitsUsed = 400;
    expect(found(scrub(s))).toEqual([
      { code: 'authorization_units_exceeded', severity: 'error', lineNo: 1, field: 'authorizationId' },
    ]);
  });

  it('warns when exactly enough remain (none would be left)', () => {
    const s = baseline();
    s.authorization.unitsUsed = 388;
    const findings = scrub(s);
    expect(found(findings)).toEqual([
      { code: 'authorization_units_low', severity: 'warning', lineNo: 1, field: 'authorizationId' },
    ]);
    expect(findings[0]!.message).toContain('will have 0 of 400 units left');
    expect(isSubmittable(findings)).toBe(true);
  });

  it('warns when under 10% would be left after the claim', () => {
    const s = baseline();
    // 51 left − 12 = 39 < 40 (10% of 400).
    s.authorization.unitsUsed = 349;
    expect(found(scrub(s))).toEqual([
      { code: 'authorization_units_low', severity: 'warning', lineNo: 1, field: 'authorizationId' },
    ]);
  });

  it('passes when exactly 10% would be left', () => {
    const s = baseline();
    // 52 left − 12 = 40 = 10% of 400.
    s.authorization.unitsUsed = 348;
    expect(scrub(s)).toEqual([]);
  });

  it('sums units per authorization when lines draw on different ones', () => {
    const s = baseline();
    const other = {
      ...s.authorization,
      id: 'auth-2',
      number: 'PA-2026-002',
      unitsAuthorized: 10,
      unitsUsed: 7,
    };
    s.claim.lines[1]!.authorizationId = 'auth-2';
    const findings = scrub(s, { authorizations: [other] });
    // auth-1: 300 left, line 1 draws 8 → fine. auth-2: 3 left, line 2 draws 4 → exceeded.
    expect(found(findings)).toEqual([
      { code: 'authorization_units_exceeded', severity: 'error', lineNo: 2, field: 'authorizationId' },
    ]);
    expect(findings[0]!.message).toContain('Authorization PA-2026-002');
  });
});

describe('scrubClaim: authorization linked although the payer does not require one', () => {
  it('warns about its problems, without blocking the claim', () => {
    const s = baseline();
    s.payer.requiresAuthorization = false;
    s.authorization.endDate = '2026-03-01';
    const findings = scrub(s);
    expect(found(findings)).toEqual([
      { code: 'authorization_expired', severity: 'warning', lineNo: 1, field: 'authorizationId' },
      { code: 'authorization_expired', severity: 'warning', lineNo: 2, field: 'authorizationId' },
    ]);
    expect(findings[0]!.message).toContain('unlinking it also works');
    expect(isSubmittable(findings)).toBe(true);
  });
});
