/**
 * The NPI check digit for the first 9 digits: the Luhn check digit computed over the card-issuer
 * prefix 80840 followed by those digits (CMS, "NPI check digit"). `npiCheckDigit('123456789')` → 3,
 * so 1234567893 is the CMS example of a valid NPI.
 */
export function npiCheckDigit(first9: string): number {
  const digits = `80840${first9}`;
  let sum = 0;
  // Luhn doubles every second digit counting leftwards from the (missing) check digit: the last one first.
  for (let i = digits.length - 1, double = true; i >= 0; i--, double = !double) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

/** A 10-digit NPI from its first 9 digits, check digit appended. `withNpiCheckDigit('123456789')` → '1234567893'. */
export function withNpiCheckDigit(first9: string): string {
  return first9 + String(npiCheckDigit(first9));
}
