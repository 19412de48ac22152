import { describe, expect, it } from 'vitest';
import { isStoredIcd10, normalizeIcd10 } from './icd10.ts';

describe('normalizeIcd10', () => {
  it('upper-cases and drops the dot after the category', () => {
    expect(normalizeIcd10('f84.0')).toBe('F840');
    expect(normalizeIcd10('F84.0')).toBe('F840');
    expect(normalizeIcd10('S72.001A')).toBe('S72001A');
    expect(normalizeIcd10('z00.00')).toBe('Z0000');
  });

  it('keeps codes already without a dot, and trims surrounding blanks', () => {
    expect(normalizeIcd10('F84')).toBe('F84');
    expect(normalizeIcd10('F840')).toBe('F840');
    expect(normalizeIcd10('  F84.0 ')).toBe('F840');
  });

  it('refuses a dot anywhere but after the third character, a dangling dot, or two dots', () => {
    expect(normalizeIcd10('F8.40')).toBeNull();
    expect(normalizeIcd10('F840.1')).toBeNull();
    expect(normalizeIcd10('.F840')).toBeNull();
    expect(normalizeIcd10('F84.')).toBeNull();
    expect(normalizeIcd10('F84..0')).toBeNull();
    expect(normalizeIcd10('F84.0.1')).toBeNull();
  });

  it('refuses codes of the wrong shape or length', () => {
    expect(normalizeIcd10('')).toBeNull();
    expect(normalizeIcd10('F8')).toBeNull();
    expect(normalizeIcd10('84.0')).toBeNull();
    expect(normalizeIcd10('FF4.0')).toBeNull();
    expect(normalizeIcd10('F84.0123')).toBe('F840123');
    expect(normalizeIcd10('F84.01234')).toBeNull();
    expect(normalizeIcd10('F84-0')).toBeNull();
    expect(normalizeIcd10('F84 0')).toBeNull();
    expect(normalizeIcd10(840 as unknown as string)).toBeNull();
  });
});

describe('isStoredIcd10', () => {
  it('accepts the stored form only', () => {
    expect(isStoredIcd10('F840')).toBe(true);
    expect(isStoredIcd10('F84')).toBe(true);
    expect(isStoredIcd10('S72001A')).toBe(true);
    expect(isStoredIcd10('F84.0')).toBe(false);
    expect(isStoredIcd10('f840')).toBe(false);
    expect(isStoredIcd10('S720019A')).toBe(false);
    expect(isStoredIcd10(null)).toBe(false);
  });
});
