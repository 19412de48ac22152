import { describe, expect, it } from 'vitest';
import { serviceCodeSchema } from '../domain/primitives.ts';
import { serviceCatalogEntries, serviceInfo, unitKindOf } from './serviceCatalog.ts';

describe('serviceCatalog', () => {
  it('knows every code the product bills, each once and well formed', () => {
    const codes = serviceCatalogEntries.map((e) => e.code);
    expect(new Set(codes).size).toBe(codes.length);
    expect(codes).toHaveLength(35);
    for (const code of codes) expect(serviceCodeSchema.safeParse(code).success).toBe(true);
  });

  it('counts ABA and therapy time in 15-minute units and the rest per session', () => {
    for (const code of ['97151', '97153', '97158', '0362T', '0373T', '97110', '97112', '97140', '97530']) {
      expect(unitKindOf(code)).toBe('timed');
    }
    for (const code of ['92507', '97161', '97163', '90791', '90837', '90847', '98941', '99205', '99213']) {
      expect(unitKindOf(code)).toBe('per_session');
    }
  });

  it('treats unknown codes as timed', () => {
    expect(serviceInfo('H2019')).toBeUndefined();
    expect(unitKindOf('H2019')).toBe('timed');
  });

  it('describes codes for people', () => {
    expect(serviceInfo('90837')?.description).toMatch(/60 minutes/);
    expect(serviceInfo('97153')?.category).toBe('aba');
  });
});
