/**
 * The Luhn sum of the constant prefix 80840 that CMS puts in front of every NPI: digits 8 0 8 4 0,
 * with the 8, the 8 and the 0 in doubled positions once the 9 NPI digits follow → 7 + 0 + 7 + 4 + 0 = 24.
 */
const PREFIX_80840_SUM = 24;

const ZERO = 48;

/**
 * The NPI check digit for the first 9 digits of `npi` (Luhn over 80840 + those digits, CMS "NPI check
 * digit"), or -1 when any of them is not a digit. `npiCheckDigit('123456789')` → 3. Allocates nothing.
 */
export function npiCheckDigit(npi: string): number {
  if (typeof npi !== 'string' || npi.length < 9) return -1;
  let sum = PREFIX_80840_SUM;
  for (let i = 0; i < 9; i++) {
    const d = npi.charCodeAt(i) - ZERO;
    if (d < 0 || d > 9) return -1;
    // Counting leftwards from the check digit, payload digits 9, 7, 5, 3, 1 (i = 8, 6, 4, 2, 0) are doubled.
    if (i % 2 === 0) {
      const twice = d * 2;
      sum += twice > 9 ? twice - 9 : twice;
    } else {
      sum += d;
    }
  }
  return (10 - (sum % 10)) % 10;
}

/**
 * True when `npi` is 10 digits whose last digit is its check digit. `isValidNpi('1234567893')` → true
 * (the CMS example); `isValidNpi('1234567890')` → false. No NPPES look-up, no rule on the leading digit.
 */
export function isValidNpi(npi: string): boolean {
  if (typeof npi !== 'string' || npi.length !== 10) return false;
  const check = npiCheckDigit(npi);
  return check >= 0 && npi.charCodeAt(9) - ZERO === check;
}

/** A 10-digit NPI from its first 9 digits. `withNpiCheckDigit('123456789')` → '1234567893'. */
export function withNpiCheckDigit(first9: string): string {
  const check = npiCheckDigit(first9);
  if (first9.length !== 9 || check < 0) throw new RangeError('an NPI starts with 9 digits');
  return first9 + String(check);
}
