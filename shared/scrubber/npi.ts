/**
 * The Luhn sum of the constant prefix 80840 that CMS puts in front of every NPI: digits 8 0 8 4 0,
 * with the 8, the 8 and the 0 in doubled positions once the 9 NPI digits follow → 7 + 0 + 7 + 4 + 0 = 24.
 */
const PREFIX_80840_SUM = 24;

const ZERO = 48;

/**
 * True when `npi` is 10 digits whose last digit is the Luhn check digit over 80840 + the first 9 digits.
 * `isValidNpi('1234567893')` → true (the CMS example); `isValidNpi('1234567890')` → false.
 * It does not look the NPI up in NPPES, and does not insist on a leading 1 or 2.
 */
export function isValidNpi(npi: string): boolean {
  if (typeof npi !== 'string' || npi.length !== 10) return false;
  let sum = PREFIX_80840_SUM;
  for (let i = 0; i < 9; i++) {
    const d = npi.charCodeAt(i) - ZERO;
    if (d < 0 || d > 9) return false;
    // Counting from the check digit leftwards, the 1st, 3rd, … digits of the payload are doubled: i = 8, 6, 4, 2, 0.
    if (i % 2 === 0) {
      const twice = d * 2;
      sum += twice > 9 ? twice - 9 : twice;
    } else {
      sum += d;
    }
  }
  const check = npi.charCodeAt(9) - ZERO;
  if (check < 0 || check > 9) return false;
  return (10 - (sum % 10)) % 10 === check;
}

/** True when `value` is a string of exactly 10 ASCII digits (the NPI's shape, check digit not verified). */
export function isTenDigits(value: string): boolean {
  if (typeof value !== 'string' || value.length !== 10) return false;
  for (let i = 0; i < 10; i++) {
    const d = value.charCodeAt(i) - ZERO;
    if (d < 0 || d > 9) return false;
  }
  return true;
}
