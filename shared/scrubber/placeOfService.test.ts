import { describe, expect, it } from 'vitest';
import { isPlaceOfService, PLACE_OF_SERVICE_NAMES, placeOfServiceName } from './placeOfService.ts';
import { baseline, found, poke, scrub } from './scrubber.fixture.ts';

describe('PLACE_OF_SERVICE_NAMES', () => {
  it('holds the 52 assigned CMS codes, each two digits', () => {
    // 01–27 (27 codes), 31–34 (4), 41–42 (2), 49–58 (10), 60–62 (3), 65–66 (2), 71–72 (2), 81, 99 → 52.
    expect(PLACE_OF_SERVICE_NAMES.size).toBe(52);
    for (const code of PLACE_OF_SERVICE_NAMES.keys()) expect(code).toMatch(/^\d{2}$/);
  });

  it('names codes as CMS does', () => {
    expect(placeOfServiceName('11')).toBe('Office');
    expect(placeOfServiceName('12')).toBe('Home');
    expect(placeOfServiceName('10')).toBe("Telehealth Provided in Patient's Home");
    expect(placeOfServiceName('02')).toBe("Telehealth Provided Other than in Patient's Home");
    expect(placeOfServiceName('99')).toBe('Other Place of Service');
    expect(placeOfServiceName('28')).toBeUndefined();
  });

  it('knows unassigned and malformed codes are not places of service', () => {
    expect(isPlaceOfService('53')).toBe(true);
    expect(isPlaceOfService('00')).toBe(false);
    expect(isPlaceOfService('30')).toBe(false);
    expect(isPlaceOfService('11 ')).toBe(false);
    expect(isPlaceOfService('1')).toBe(false);
    expect(isPlaceOfService(11)).toBe(false);
  });
});

describe('scrubClaim: place of service', () => {
  it('passes a CMS code', () => {
    const s = baseline();
    s.claim.placeOfService = '11';
    expect(scrub(s)).toEqual([]);
  });

  it('refuses an unassigned code', () => {
    const s = baseline();
    s.claim.placeOfService = '30';
    const findings = scrub(s);
    expect(found(findings)).toEqual([
      { code: 'place_of_service_invalid', severity: 'error', field: 'placeOfService' },
    ]);
    expect(findings[0]!.message).toContain('Place of service 30');
  });

  it('refuses a missing code', () => {
    const s = baseline();
    poke(s.claim, 'placeOfService', undefined);
    expect(found(scrub(s))).toEqual([
      { code: 'place_of_service_invalid', severity: 'error', field: 'placeOfService' },
    ]);
  });
});
