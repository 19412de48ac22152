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

describe('isValidNpi', () => {
  it('accepts known-valid NPIs', () => {
    // CMS example. Payload 1 2 3 4 5 6 7 8 9: doubled (from the right) 9→18→9, 7→14→5, 5→10→1, 3→6, 1→2
    // = 23; others 8+6+4+2 = 20; + 24 for 80840 → 67; check = 10 − 7 = 3.
    expect(isValidNpi('1234567893')).toBe(true);
    // 1 2 4 5 3 1 9 5 9: doubled 9→9, 9→9, 3→6, 4→8, 1→2 = 34; others 5+1+5+2 = 13; 34+13+24 = 71 → 9.
    expect(isValidNpi('1245319599')).toBe(true);
    // 1 0 0 0 0 0 0 0 0: doubled 1→2; 2 + 24 = 26 → 4.
    expect(isValidNpi('1000000004')).toBe(true);
    // nine 1s: five doubled → 10, four plain → 4; 14 + 24 = 38 → 2.
    expect(isValidNpi('1111111112')).toBe(true);
    // 2 0 0 0 0 0 0 0 0: doubled 2→4; 4 + 24 = 28 → 2.
    expect(isValidNpi('2000000002')).toBe(true);
  });

  it('refuses a wrong check digit', () => {
    expect(isValidNpi('1234567890')).toBe(false);
    expect(isValidNpi('1245319598')).toBe(false);
    expect(isValidNpi('1000000000')).toBe(false);
    // Two adjacent digits swapped: 1234567893 → 2134567893.
    expect(isValidNpi('2134567893')).toBe(false);
  });

  it('refuses anything that is not exactly 10 ASCII digits', () => {
    expect(isValidNpi('')).toBe(false);
    expect(isValidNpi('123456789')).toBe(false);
    expect(isValidNpi('12345678930')).toBe(false);
    expect(isValidNpi('12345678a3')).toBe(false);
    expect(isValidNpi(' 234567893')).toBe(false);
    expect(isValidNpi('123456789３')).toBe(false);
    expect(isValidNpi(1234567893 as unknown as string)).toBe(false);
    expect(isValidNpi(null as unknown as string)).toBe(false);
  });

  it('agrees with textbook Luhn over 80840 + NPI for any 10 digits', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{10}$/), (npi) => {
        expect(isValidNpi(npi)).toBe(luhnValid(npi));
      }),
    );
  });

  it('has exactly one valid check digit for any 9-digit payload', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{9}$/), (payload) => {
        let valid = 0;
        for (let d = 0; d <= 9; d++) if (isValidNpi(`${payload}${d}`)) valid++;
        expect(valid).toBe(1);
      }),
    );
  });
});
