import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isValidNpi, npiCheckDigit, withNpiCheckDigit } from './npi.ts';

// An independent Luhn check: the full 15 digits 80840 + NPI must sum to a multiple of 10.
function luhnValid(npi: string): boolean {
  const digits = `80840${npi}`;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

describe('NPI check digit', () => {
  it('gives the CMS example 1234567893', () => {
    expect(npiCheckDigit('123456789')).toBe(3);
    expect(withNpiCheckDigit('123456789')).toBe('1234567893');
  });

  it('makes NPIs that pass the Luhn check, and only the right digit does', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[12]\d{8}$/), (first9) => {
        const npi = withNpiCheckDigit(first9);
        expect(luhnValid(npi)).toBe(true);
        expect(isValidNpi(npi)).toBe(true);
        const wrong = first9 + String((npiCheckDigit(first9) + 1) % 10);
        expect(luhnValid(wrong)).toBe(false);
      }),
    );
  });
});
