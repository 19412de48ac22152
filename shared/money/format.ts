import { assertCents, type Cents } from './cents.ts';

function digitsWithSeparators(whole: string): string {
  let out = '';
  for (let i = 0; i < whole.length; i++) {
    if (i > 0 && (whole.length - i) % 3 === 0) out += ',';
    out += whole[i];
  }
  return out;
}

/** Display form for people: `formatCents(123450)` → "$1,234.50", `formatCents(-5)` → "-$0.05". */
export function formatCents(cents: Cents): string {
  assertCents(cents);
  const abs = Math.abs(cents);
  const whole = Math.floor(abs / 100);
  const frac = abs % 100;
  return `${cents < 0 ? '-' : ''}$${digitsWithSeparators(String(whole))}.${frac < 10 ? '0' : ''}${frac}`;
}

/**
 * Plain decimal form for files (X12 amounts, CSV): no symbol, no separators, and X12's habit of
 * dropping a zero fraction. `formatCentsDecimal(123450)` → "1234.5", `(100)` → "1", `(-5)` → "-0.05".
 */
export function formatCentsDecimal(cents: Cents): string {
  assertCents(cents);
  const abs = Math.abs(cents);
  const whole = Math.floor(abs / 100);
  const frac = abs % 100;
  const sign = cents < 0 ? '-' : '';
  if (frac === 0) return `${sign}${whole}`;
  if (frac % 10 === 0) return `${sign}${whole}.${frac / 10}`;
  return `${sign}${whole}.${frac < 10 ? '0' : ''}${frac}`;
}
