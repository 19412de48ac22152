import { describe, expect, it } from 'vitest';
import { baseline, found, poke, scrub } from './scrubber.fixture.ts';

describe('scrubClaim: units', () => {
  it('passes 1 unit', () => {
    const s = baseline();
    s.claim.lines[0]!.units = 1;
    s.claim.lines[0]!.chargeCents = 1500;
    expect(scrub(s)).toEqual([]);
  });

  it.each([0, -1, 2.5, 10000, Number.NaN])('refuses %s units', (units) => {
    const s = baseline();
    s.claim.lines[0]!.units = units;
    const findings = scrub(s);
    expect(found(findings)).toEqual([
      { code: 'units_invalid', severity: 'error', lineNo: 1, field: 'units' },
    ]);
    expect(findings[0]!.message).toContain('Line 1 bills');
  });

  it('refuses units that are not a number', () => {
    const s = baseline();
    poke(s.claim.lines[1]!, 'units', '4');
    expect(found(scrub(s))).toEqual([
      { code: 'units_invalid', severity: 'error', lineNo: 2, field: 'units' },
    ]);
  });
});

describe('scrubClaim: rate and charge', () => {
  it('passes a zero rate with a zero charge', () => {
    const s = baseline();
    s.claim.lines[0]!.rateCents = 0;
    s.claim.lines[0]!.chargeCents = 0;
    expect(scrub(s)).toEqual([]);
  });

  it('refuses a line without a rate, sending the biller to the fee schedule', () => {
    const s = baseline();
    s.claim.lines[0]!.rateCents = null;
    const findings = scrub(s);
    expect(found(findings)).toEqual([
      { code: 'rate_missing', severity: 'error', lineNo: 1, field: 'rateCents' },
    ]);
    expect(findings[0]!.message).toContain('Line 1 (97153) has no rate');
    expect(findings[0]!.message).toContain('fee schedule');
  });

  it('refuses an absent rate as missing', () => {
    const s = baseline();
    poke(s.claim.lines[0]!, 'rateCents', undefined);
    expect(found(scrub(s))).toEqual([
      { code: 'rate_missing', severity: 'error', lineNo: 1, field: 'rateCents' },
    ]);
  });

  it.each([-5, 12.5, Number.POSITIVE_INFINITY])('refuses the rate %s', (rate) => {
    const s = baseline();
    s.claim.lines[1]!.rateCents = rate;
    expect(found(scrub(s))).toEqual([
      { code: 'rate_invalid', severity: 'error', lineNo: 2, field: 'rateCents' },
    ]);
  });

  it('refuses a charge that is not units × rate, showing the arithmetic', () => {
    const s = baseline();
    s.claim.lines[0]!.chargeCents = 12001;
    const findings = scrub(s);
    expect(found(findings)).toEqual([
      { code: 'charge_mismatch', severity: 'error', lineNo: 1, field: 'chargeCents' },
    ]);
    expect(findings[0]!.message).toContain('Line 1 charge $120.01 does not equal 8 units × $15.00 = $120.00');
  });

  it('refuses a charge whose units × rate is past the safe-integer range, without throwing', () => {
    const s = baseline();
    s.claim.lines[0]!.rateCents = Number.MAX_SAFE_INTEGER;
    const findings = scrub(s);
    expect(found(findings)).toEqual([
      { code: 'charge_mismatch', severity: 'error', lineNo: 1, field: 'chargeCents' },
    ]);
    expect(findings[0]!.message).toContain('= an amount too large to bill');
  });

  it('refuses a missing charge', () => {
    const s = baseline();
    poke(s.claim.lines[1]!, 'chargeCents', null);
    const findings = scrub(s);
    expect(found(findings)).toEqual([
      { code: 'charge_mismatch', severity: 'error', lineNo: 2, field: 'chargeCents' },
    ]);
    expect(findings[0]!.message).toContain('Line 2 charge missing does not equal 4 units × $25.00 = $100.00');
  });
});

describe('scrubClaim: lines', () => {
  it('refuses a claim without lines', () => {
    const s = baseline();
    s.claim.lines = [];
    expect(found(scrub(s))).toEqual([{ code: 'lines_missing', severity: 'error', field: 'lines' }]);
  });

  it('refuses more than 50 lines', () => {
    const s = baseline();
    s.payer.requiresAuthorization = false;
    const line = { ...s.claim.lines[0]!, authorizationId: null };
    s.claim.lines = Array.from({ length: 51 }, (_, i) => ({ ...line, lineNo: i + 1 }));
    expect(found(scrub(s))).toEqual([{ code: 'lines_too_many', severity: 'error', field: 'lines' }]);
  });

  it('refuses an unreadable line, by its position', () => {
    const s = baseline();
    poke(s.claim.lines, '1', null);
    expect(found(scrub(s))).toEqual([
      { code: 'line_unreadable', severity: 'error', lineNo: 2, field: 'lines' },
    ]);
  });

  it('refuses a malformed service code', () => {
    const s = baseline();
    s.claim.lines[0]!.serviceCode = '9715';
    const findings = scrub(s);
    expect(found(findings)).toEqual([
      { code: 'service_code_invalid', severity: 'error', lineNo: 1, field: 'serviceCode' },
    ]);
    expect(findings[0]!.message).toContain('Line 1 service code 9715');
  });
});
