import type { Cents } from './cents.ts';

export type MoneyParseError = { code: 'empty' | 'malformed' | 'too_precise' | 'too_large'; message: string };
export type MoneyParseResult = { ok: true; cents: Cents } | { ok: false; error: MoneyParseError };

// Optional sign, optional $, digits with well-placed thousands commas (or none), up to 2 decimals.
const MONEY = /^([+-])?\$?(\d{1,3}(?:,\d{3})+|\d+)?(?:\.(\d*))?$/;

/**
 * Parse what a person or a file writes for an amount into integer cents, without floats.
 * `parseMoney("1,234.50")` → 123450; accepts "$12", "-3.5", "(12.00)" (accounting negative), ".5".
 */
export function parseMoney(input: string): MoneyParseResult {
  let text = input.trim();
  if (text === '') return { ok: false, error: { code: 'empty', message: 'Enter an amount' } };
  let negative = false;
  if (text.startsWith('(') && text.endsWith(')')) {
    negative = true;
    text = text.slice(1, -1).trim();
  }
  const m = MONEY.exec(text);
  const intPart = m?.[2];
  const fracPart = m?.[3];
  if (!m || (intPart === undefined && !fracPart) || (negative && m[1] !== undefined)) {
    return { ok: false, error: { code: 'malformed', message: `"${input}" is not an amount like 1,234.50` } };
  }
  if (fracPart !== undefined && fracPart.length > 2) {
    return {
      ok: false,
      error: { code: 'too_precise', message: `"${input}" has more than 2 decimal places` },
    };
  }
  if (m[1] === '-') negative = true;
  const whole = (intPart ?? '0').replaceAll(',', '');
  const cents = BigInt(whole) * 100n + BigInt((fracPart ?? '').padEnd(2, '0') || '0');
  if (cents > BigInt(Number.MAX_SAFE_INTEGER)) {
    return { ok: false, error: { code: 'too_large', message: `"${input}" is too large an amount` } };
  }
  const value = Number(cents);
  return { ok: true, cents: negative && value !== 0 ? -value : value };
}
