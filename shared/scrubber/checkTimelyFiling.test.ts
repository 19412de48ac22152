import { describe, expect, it } from 'vitest';
import { isSubmittable } from './findings.ts';
import { baseline, found, scrub } from './scrubber.fixture.ts';

// Service on 2026-03-02 with a 90-day limit: March 2 → 31 is 29 days, April 30 more (59), May 31 more (90),
// so the last day to file is 2026-05-31. 14 days before it is 2026-05-17.
describe('scrubClaim: timely filing', () => {
  it('passes with 15 days left', () => {
    const s = baseline();
    s.asOf = '2026-05-16';
    expect(scrub(s)).toEqual([]);
  });

  it('warns with 14 days left, giving the last day to file', () => {
    const s = baseline();
    s.asOf = '2026-05-17';
    const findings = scrub(s);
    expect(found(findings)).toEqual([
      { code: 'timely_filing_near', severity: 'warning', field: 'dateOfService' },
    ]);
    expect(findings[0]!.message).toContain('file by 2026-05-31');
    expect(findings[0]!.message).toContain("Synthetic Health Plan's 90-day timely-filing limit");
    expect(isSubmittable(findings)).toBe(true);
  });

  it('warns on the last day to file', () => {
    const s = baseline();
    s.asOf = '2026-05-31';
    expect(found(scrub(s))).toEqual([
      { code: 'timely_filing_near', severity: 'warning', field: 'dateOfService' },
    ]);
  });

  it('refuses the day after the limit', () => {
    const s = baseline();
    s.asOf = '2026-06-01';
    const findings = scrub(s);
    expect(found(findings)).toEqual([
      { code: 'timely_filing_expired', severity: 'error', field: 'dateOfService' },
    ]);
    expect(findings[0]!.message).toContain('the last day to file was 2026-05-31');
  });

  it('counts from the earliest line date', () => {
    const s = baseline();
    // 2026-02-20 + 90: Feb 20 → 28 is 8 days, March 31 more (39), April 30 (69), May 21 (90) → 2026-05-21.
    s.claim.lines[1]!.dateOfService = '2026-02-20';
    s.asOf = '2026-05-17';
    const findings = scrub(s);
    expect(found(findings)).toEqual([
      { code: 'timely_filing_near', severity: 'warning', field: 'dateOfService' },
    ]);
    expect(findings[0]!.message).toContain('Date of service 2026-02-20');
    expect(findings[0]!.message).toContain('file by 2026-05-21');
  });

  it("uses the payer's own limit", () => {
    const s = baseline();
    s.payer.timelyFilingDays = 365;
    s.asOf = '2026-06-01';
    expect(scrub(s)).toEqual([]);
  });
});

describe('scrubClaim: dates of service', () => {
  it('refuses a date of service after today', () => {
    const s = baseline();
    s.claim.dateOfService = '2026-03-16';
    for (const line of s.claim.lines) line.dateOfService = '2026-03-16';
    const findings = scrub(s);
    expect(found(findings)).toEqual([
      { code: 'date_of_service_in_future', severity: 'error', field: 'dateOfService' },
    ]);
    expect(findings[0]!.message).toContain('Date of service 2026-03-16 is after today (2026-03-15)');
  });

  it('passes a service given today', () => {
    const s = baseline();
    s.asOf = '2026-03-02';
    expect(scrub(s)).toEqual([]);
  });

  it("refuses a claim date that doesn't exist", () => {
    const s = baseline();
    s.claim.dateOfService = '2026-02-30';
    expect(found(scrub(s))).toEqual([
      { code: 'date_of_service_invalid', severity: 'error', field: 'dateOfService' },
    ]);
  });

  it('refuses an unreadable line date, on that line', () => {
    const s = baseline();
    s.claim.lines[0]!.dateOfService = 'yesterday';
    const findings = scrub(s);
    expect(found(findings)).toEqual([
      { code: 'date_of_service_invalid', severity: 'error', lineNo: 1, field: 'dateOfService' },
    ]);
    expect(findings[0]!.message).toContain('Line 1 date of service yesterday');
  });
});
