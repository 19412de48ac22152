/**
 * Integer cents from an X12 decimal amount (type R: optional '-', digits, at most one '.'), by string
 * arithmetic: no float ever holds the amount. Digits past the cents are accepted only when they are
 * zeros ("12.500"). Returns null for anything else (empty, exponent, '+', thousands separators, more
 * precision than cents, beyond the safe-integer range).
 * `x12DecimalToCents('12.25')` → 1225, `('500')` → 50000, `('-.5')` → -50, `('1.234')` → null.
 */
export function x12DecimalToCents(value: string): number | null {
  const n = value.length;
  let i = 0;
  let negative = false;
  if (n > 0 && value.charCodeAt(0) === 45) {
    negative = true;
    i = 1;
  }
  let whole = 0;
  let wholeDigits = 0;
  for (; i < n; i++) {
    const d = value.charCodeAt(i) - 48;
    if (d < 0 || d > 9) break;
    whole = whole * 10 + d;
    wholeDigits++;
  }
  let frac = 0;
  let fracDigits = 0;
  if (i < n && value.charCodeAt(i) === 46) {
    for (i++; i < n; i++) {
      const d = value.charCodeAt(i) - 48;
      if (d < 0 || d > 9) return null;
      if (fracDigits < 2) frac = frac * 10 + d;
      else if (d !== 0) return null;
      fracDigits++;
    }
  }
  if (i !== n || wholeDigits + fracDigits === 0 || wholeDigits > 15) return null;
  if (fracDigits === 1) frac *= 10;
  const cents = whole * 100 + frac;
  if (!Number.isSafeInteger(cents)) return null;
  return negative && cents !== 0 ? -cents : cents;
}
